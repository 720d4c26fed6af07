"""The app the streaming benchmark serves: a ChatInterface whose answer is TOKENS tokens, from an async
generator (one token per turn of the event loop) or a plain sync generator, as the chat guide writes them.

Run with any interpreter that has `reblocks` (or, for a side-by-side figure, `gradio`) installed:
`python bench/chat_app.py reblocks async|sync PORT` or `python bench/chat_app.py gradio async|sync PORT`.
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


def stream_sync(message, history):
    answer = ""
    for index in range(TOKENS):
        answer += f"tok{index} "
        yield answer


if __name__ == "__main__":
    gr = importlib.import_module(sys.argv[1])
    demo = gr.ChatInterface(stream if sys.argv[2] == "async" else stream_sync, api_name="stream")
    demo.queue(default_concurrency_limit=None)
    demo.launch(server_port=int(sys.argv[3]), prevent_thread_lock=False)
