"""The app the streaming benchmark serves: a ChatInterface whose answer is TOKENS tokens, from an async
generator (one token per turn of the event loop) or a plain sync generator, as the chat guide writes them.
A message that is a number asks for an answer of that many tokens instead, so that a client can build
a long history in a session with short answers.

Run with any interpreter that has `reblocks` (or, for a side-by-side figure, `gradio`) installed:
`python bench/chat_app.py reblocks async|sync [TOKENS] PORT` or
`python bench/chat_app.py gradio async|sync [TOKENS] PORT` (TOKENS defaults to 2,000).
"""

import asyncio
import importlib
import sys

TOKENS = 2000


def length(message: str) -> int:
    """The answer's length in tokens: the message's number if it is one, else TOKENS."""
    return int(message) if message.isdigit() else TOKENS


async def stream(message, history):
    answer = ""
    for index in range(length(message)):
        answer += f"tok{index} "
        yield answer
        await asyncio.sleep(0)  # a real model hands control back between tokens


def stream_sync(message, history):
    answer = ""
    for index in range(length(message)):
        answer += f"tok{index} "
        yield answer


if __name__ == "__main__":
    gr = importlib.import_module(sys.argv[1])
    if len(sys.argv) > 4:
        TOKENS = int(sys.argv[3])
    demo = gr.ChatInterface(stream if sys.argv[2] == "async" else stream_sync, api_name="stream")
    demo.queue(default_concurrency_limit=None)
    demo.launch(server_port=int(sys.argv[-1]), prevent_thread_lock=False)
