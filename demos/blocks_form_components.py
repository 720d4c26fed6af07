"""Form and display components: each one's value, as the listener receives it, shown in a Textbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import reblocks as gr


def describe(value: Any) -> str:
    """The value's Python type and repr, for the page and the tests."""
    return f"{type(value).__name__}: {value!r}"


def picked(value: Any, event: gr.SelectData) -> str:
    """What was clicked in a display component, with the component's value."""
    return f"{event.value!r} of {describe(value)}"


def classify(text: str) -> dict[str, float]:
    """A toy classifier: the share of vowels, consonants and other characters in `text`."""
    total = max(len(text), 1)
    vowels = sum(char in "aeiou" for char in text.lower())
    letters = sum(char.isalpha() for char in text)
    return {"vowels": vowels / total, "consonants": (letters - vowels) / total, "other": (total - letters) / total}


def tag(text: str) -> list[tuple[str, str | None]]:
    """Each word tagged "number" or "word" (spaces untagged)."""
    pairs: list[tuple[str, str | None]] = []
    for word in text.split(" "):
        pairs += [(word, "number" if word.isdigit() else "word"), (" ", None)]
    return pairs[:-1]


with gr.Blocks(title="Form components") as demo:
    with gr.Row():
        toppings = gr.CheckboxGroup(["cheese", "ham", "olives"], value=["cheese"], label="Toppings",
                                    elem_id="toppings")
        toppings_out = gr.Textbox(label="Toppings received", elem_id="toppings-out")
        toppings.change(describe, toppings, toppings_out, api_name="toppings")
    with gr.Row():
        colour = gr.ColorPicker("#ff0000", label="Colour", info="Pick a colour", elem_id="colour")
        colour_out = gr.Textbox(label="Colour received", elem_id="colour-out")
        colour.change(describe, colour, colour_out, api_name="colour")
    with gr.Row():
        when = gr.DateTime(datetime(2024, 5, 1, 12, 30), type="datetime", label="When", elem_id="when")
        when_out = gr.Textbox(label="Date received", elem_id="when-out")
        when.change(describe, when, when_out, api_name="when")
    with gr.Row():
        sentence = gr.Text("Reblocks has 5 form components", label="Sentence", elem_id="sentence")
        notes = gr.TextArea(label="Notes", elem_id="notes")
    with gr.Row():
        classes = gr.Label(classify(sentence.value), num_top_classes=2, label="Classes", elem_id="classes")
        classes_out = gr.Textbox(label="Class picked", elem_id="classes-out")
        classes.select(picked, classes, classes_out)
    with gr.Row():
        tagged = gr.HighlightedText(tag(sentence.value), label="Tagged", show_legend=True,
                                    color_map={"number": "#22c55e"}, elem_id="tagged")
        tagged_out = gr.Textbox(label="Token picked", elem_id="tagged-out")
        tagged.select(picked, tagged, tagged_out)
    summary = gr.Json(label="Summary", elem_id="summary")
    sentence.submit(classify, sentence, classes, api_name="classify")
    sentence.submit(tag, sentence, tagged, api_name="tag")
    notes.change(lambda text: {"characters": len(text or "")}, notes, summary)
    # Display components round-trip through the API: the value comes back as it went.
    gr.Button("Echo").click(lambda c, t: (c, t), [classes, tagged], [classes, tagged],
                                           api_name="echo_display")

if __name__ == "__main__":
    demo.launch()
