"""gr.Walkthrough: a three-step workflow; each step's button moves on by selecting the next Step."""

import reblocks as gr

with gr.Blocks(title="Walkthrough") as demo:
    with gr.Walkthrough(selected=1) as walkthrough:
        with gr.Step("Name", id=1):
            name = gr.Textbox(label="Your name")
            to_colour = gr.Button("Next")
        with gr.Step("Colour", id=2):
            colour = gr.Radio(["red", "green", "blue"], label="Favourite colour")
            to_summary = gr.Button("Next")
        with gr.Step("Summary", id=3):
            summary = gr.Markdown()
    to_colour.click(lambda: gr.Walkthrough(selected=2), None, walkthrough)
    to_summary.click(lambda who, hue: (f"**{who or 'Someone'}** likes {hue or 'no colour'}.",
                                       gr.Walkthrough(selected=3)), [name, colour], [summary, walkthrough])

if __name__ == "__main__":
    demo.launch()
