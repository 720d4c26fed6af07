"""A chat app to try the dev mode on: `python -m reblocks app.py`, then edit this file or replies.py."""

import time

import reblocks as gr
from replies import answer

if gr.NO_RELOAD:
    # Runs once: the names set here stay when the dev mode runs the edited file again.
    started_at = time.time()

with gr.Blocks(title="Dev chat") as demo:
    gr.Markdown("# Dev chat", elem_id="title")
    gr.ChatInterface(answer)
    clicks = gr.State(0)
    count = gr.Button("Count", elem_id="count")
    shown = gr.Textbox(label="Clicks", elem_id="clicks")
    count.click(lambda n: (n + 1, str(n + 1)), clicks, [clicks, shown])

demo.launch()
