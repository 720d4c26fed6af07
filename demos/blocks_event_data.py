"""Event data: a dropdown's key presses (gr.KeyUpData), and files removed from or downloaded out of a
File (gr.DeletedFileData, gr.DownloadData)."""

from pathlib import Path

import reblocks as gr


def pressed(event: gr.KeyUpData) -> str:
    return f"{event.key} -> {event.input_value}"


def removed(event: gr.DeletedFileData) -> str:
    return f"removed {Path(event.file.path).name}"


def downloaded(event: gr.DownloadData) -> str:
    return f"downloaded {Path(event.file.path).name}"


with gr.Blocks(title="Event data") as demo:
    fruit = gr.Dropdown(["apple", "banana", "cherry"], allow_custom_value=True, label="Fruit")
    keys = gr.Textbox(label="Last key")
    fruit.key_up(pressed, None, keys)
    files = gr.File(file_count="multiple", label="Files")
    happened = gr.Textbox(label="What happened")
    files.delete(removed, None, happened)
    files.download(downloaded, None, happened)

if __name__ == "__main__":
    demo.launch()
