"""A cluster app with a short session grace period: its State's delete_callback and its unload function
append to the file $CLUSTER_ENDED, so a test can see them run once for the whole cluster."""

import os

import reblocks as gr


def ended(value: str) -> None:
    with open(os.environ["CLUSTER_ENDED"], "a", encoding="utf-8") as log:
        log.write(f"deleted {value}\n")


def unloaded() -> None:
    with open(os.environ["CLUSTER_ENDED"], "a", encoding="utf-8") as log:
        log.write("unloaded\n")


with gr.Blocks() as demo:
    note = gr.State("", delete_callback=ended)
    text = gr.Textbox()
    gr.Button().click(lambda value: (value, value), text, [note, text], api_name="keep")
    demo.unload(unloaded)

demo.launch(session_grace_period=1.0)
