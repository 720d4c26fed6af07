"""The apps the soak benchmark serves: `python bench/soak_app.py flood|chat GRACE PORT`.

flood: `/slow` sleeps 50 ms with concurrency_limit=1, so a flood of joins fills its queue; `/fast`
echoes at once in its own concurrency group, for the well-behaved caller measured alongside.
chat: a ChatInterface whose sync generator streams TOKENS tokens after an echo of the message and of
the number of turns in the session's server-side history, so the client can check every answer.
GRACE is the session grace period in seconds: how long an idle session outlives its last connection.
"""

import sys
import time
from collections.abc import Iterator
from typing import Any

import reblocks as gr

TOKENS = 20


def slow(text: str) -> str:
    time.sleep(0.05)  # a blocking model call; the queue must hold the rest meanwhile
    return text


def fast(text: str) -> str:
    return text


def answer(message: str, history: list[Any]) -> Iterator[str]:
    # History holds a user and an assistant message per turn: its length shows it is this session's.
    text = f"{message} after {len(history) // 2}:"
    yield text
    for index in range(TOKENS):
        time.sleep(0.001)  # a model hands over tokens a little apart
        text += f" tok{index}"
        yield text


def flood_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        text, out = gr.Textbox(), gr.Textbox()
        gr.Button("slow").click(slow, text, out, api_name="slow", concurrency_limit=1)
        gr.Button("fast").click(fast, text, out, api_name="fast", concurrency_limit=None,
                                concurrency_id="fast")
    return demo


def chat_app() -> gr.ChatInterface:
    demo = gr.ChatInterface(answer, api_name="chat")
    demo.queue(default_concurrency_limit=None)
    return demo


if __name__ == "__main__":
    scenario, grace, port = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    app = flood_app() if scenario == "flood" else chat_app()
    app.launch(server_port=port, prevent_thread_lock=False, session_grace_period=grace, quiet=True)
