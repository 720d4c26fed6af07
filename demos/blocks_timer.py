"""`gr.Timer` and `every=`: a counter that ticks until stopped, and a clock refreshed every second."""

import time

import reblocks as gr

with gr.Blocks(title="Timer") as demo:
    timer = gr.Timer(0.5)
    count = gr.Number(0, label="Ticks", elem_id="count")
    timer.tick(lambda ticks: ticks + 1, count, count)
    with gr.Row():
        gr.Button("Stop", elem_id="stop").click(lambda: gr.Timer(active=False), None, timer)
        gr.Button("Start", elem_id="start").click(lambda: gr.Timer(active=True), None, timer)
    gr.Textbox(value=lambda: time.strftime("%H:%M:%S"), every=1, label="Clock", elem_id="clock")

if __name__ == "__main__":
    demo.launch()
