"""gr.ImageEditor and gr.Sketchpad: paint over an image, or draw on a blank canvas; each edit's
composite is shown beside it, and the editor's events are counted."""

from typing import Any

import reblocks as gr


def composite(value: dict[str, Any] | None) -> Any:
    """The picture as the user sees it: the background with every visible layer over it."""
    return None if value is None else value["composite"]


with gr.Blocks(title="Image editor") as demo:
    with gr.Row():
        editor = gr.ImageEditor(type="numpy", label="Image editor", canvas_size=(480, 320))
        preview = gr.Image(label="Editor's composite")
    with gr.Row():
        uploads = gr.Number(0, label="Upload events", step=1)
        changes = gr.Number(0, label="Change events", step=1)
        inputs = gr.Number(0, label="Input events", step=1)
    editor.upload(lambda count: count + 1, uploads, uploads)
    editor.change(lambda count: count + 1, changes, changes)
    editor.input(lambda count: count + 1, inputs, inputs)
    editor.change(composite, editor, preview, api_name="composite", show_progress="hidden")
    with gr.Row():
        sketchpad = gr.Sketchpad(label="Sketchpad", type="pil", canvas_size=(320, 240))
        drawing = gr.Image(label="Your drawing")
    sketchpad.change(composite, sketchpad, drawing, api_name="sketch", show_progress="hidden")

if __name__ == "__main__":
    demo.launch()
