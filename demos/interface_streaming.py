"""gr.Interface around a generator: the output grows as the function yields, and Stop ends it early."""

import time

import reblocks as gr


def spell(text: str, delay: float):
    """Show `text` one more letter at a time, `delay` seconds apart."""
    for end in range(1, len(text) + 1):
        time.sleep(delay)
        yield text[:end]


demo = gr.Interface(
    spell,
    [gr.Textbox(label="Text", value="reblocks streams"), gr.Slider(0, 1, value=0.1, step=0.05, label="Delay")],
    gr.Textbox(label="Spelled", elem_id="spelled"),
    title="Spelling, letter by letter",
)

if __name__ == "__main__":
    demo.launch()
