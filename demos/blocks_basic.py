"""A textbox -> button -> markdown app, a slider and a radio with .change, an accordion, a State counter."""

import time

import reblocks as gr


def greet(name: str) -> str:
    """Greet someone by name, in Markdown."""
    if not name:
        raise gr.Error("Please type a name first.")
    return f"## Hello, **{name}**!"


def square(value: float) -> str:
    return f"{value} squared is {value * value}"


def describe(colour: str) -> str:
    return f"You picked *{colour}*."


def count(clicks: int) -> tuple[int, str]:
    clicks += 1
    return clicks, f"Clicked {clicks} time(s) in this session."


def spell(word: str):
    """Stream a word one letter at a time."""
    for end in range(1, len(word) + 1):
        time.sleep(0.05)
        yield word[:end]


with gr.Blocks(title="reblocks basics") as demo:
    gr.Markdown("# reblocks basics")
    with gr.Row():
        name = gr.Textbox(label="Name", placeholder="Type your name", elem_id="name")
        greet_button = gr.Button("Greet", variant="primary", elem_id="greet")
    greeting = gr.Markdown(elem_id="greeting")
    greet_button.click(greet, name, greeting, api_name="greet")
    name.submit(greet, name, greeting)

    with gr.Row():
        slider = gr.Slider(0, 10, value=3, step=1, label="Number", elem_id="number")
        squared = gr.Textbox(label="Squared", elem_id="squared")
    slider.change(square, slider, squared, api_name="square")

    colour = gr.Radio(["red", "green", "blue"], label="Colour", elem_id="colour")
    picked = gr.Markdown(elem_id="picked")
    colour.change(describe, colour, picked, api_name="describe")

    with gr.Accordion("Session counter", open=False, elem_id="counter-accordion"):
        clicks = gr.State(0)
        count_button = gr.Button("Count", elem_id="count")
        count_text = gr.Textbox(label="Count", elem_id="count-text")
        count_button.click(count, clicks, [clicks, count_text], api_name="count")

    with gr.Row():
        word = gr.Textbox(label="Word", value="streaming", elem_id="word")
        spell_button = gr.Button("Spell", elem_id="spell")
    spelled = gr.Textbox(label="Spelled", elem_id="spelled")
    spell_button.click(spell, word, spelled, api_name="spell")

if __name__ == "__main__":
    demo.launch()
