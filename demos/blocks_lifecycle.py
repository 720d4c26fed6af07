"""`demo.load` and `demo.unload`: greet each page as it opens, and note each session as it ends."""

import time

import reblocks as gr

with gr.Blocks(title="Load and unload") as demo:
    opened = gr.Textbox(label="Opened at")
    demo.load(lambda: time.strftime("%H:%M:%S"), None, opened)
    demo.unload(lambda: print("a session ended at", time.strftime("%H:%M:%S"), flush=True))

if __name__ == "__main__":
    demo.launch()
