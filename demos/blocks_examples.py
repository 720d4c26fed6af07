"""gr.Examples inside Blocks: a click on a row fills the image and the caption (the image comes from a
file on the server); a second table also runs the function on click."""

import tempfile
from pathlib import Path

from PIL import Image as PILImage

import reblocks as gr


def swatch(colour: str) -> str:
    """A small PNG of one colour, made once in the temp folder so the demo needs no files of its own."""
    path = Path(tempfile.gettempdir()) / f"reblocks-swatch-{colour}.png"
    if not path.exists():
        PILImage.new("RGB", (48, 32), colour).save(path)
    return str(path)


def describe(image: PILImage.Image | None, caption: str) -> str:
    """The caption, with the image's size and the colour of its first pixel."""
    if image is None:
        raise gr.Error("Pick an image first.")
    red, green, blue = image.getpixel((0, 0))
    return f"{caption}: {image.width}x{image.height}, rgb({red}, {green}, {blue})"


with gr.Blocks() as demo:
    with gr.Row():
        with gr.Column():
            image = gr.Image(type="pil", label="Image", elem_id="image")
            caption = gr.Textbox(label="Caption", elem_id="caption")
            describe_button = gr.Button("Describe", variant="primary", elem_id="describe")
        description = gr.Textbox(label="Description", elem_id="description")
    describe_button.click(describe, [image, caption], description)
    gr.Examples([[swatch("red"), "A red swatch"], [swatch("blue"), "A blue swatch"]], [image, caption],
                elem_id="fill-examples")
    gr.Examples([[swatch("green"), "Described at once"]], [image, caption], description, fn=describe,
                run_on_click=True, label="Run on click", elem_id="run-examples")

if __name__ == "__main__":
    demo.launch()
