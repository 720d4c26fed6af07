"""The app the streaming benchmark serves: a ChatInterface whose answer is TOKENS tokens, one per turn of the event loop.

Run with any interpreter that has `reblocks` (or, for a side-by-side figure, `gradio`) installed:
`python bench/chat_app.py reblocks PORT` or `python bench/chat_app.py gradio PORT`.
"""

import asyncio
import importlib
import sys

TOKENS = 2000


async def stream(message, history):
    answer = ""
    for index in range(TOKENS):
        answer += f"tok{index} "
        yield answer
        await asyncio.sleep(0)  # a real model hands control back between tokens


if __name__ == "__main__":
    gr = importlib.import_module(sys.argv[1])
    demo = gr.ChatInterface(stream, api_name="stream")
    demo.queue(default_concurrency_limit=None)
    demo.launch(server_port=int(sys.argv[2]), prevent_thread_lock=False)
