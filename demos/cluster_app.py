"""An app meant to run as several processes on one Redis: start each with the same file, e.g.

    REBLOCKS_REDIS_URL=redis://127.0.0.1:6379/0 GRADIO_SERVER_PORT=7861 python demos/cluster_app.py
    REBLOCKS_REDIS_URL=redis://127.0.0.1:6379/0 GRADIO_SERVER_PORT=7862 python demos/cluster_app.py

and put a load balancer in front (no sticky sessions needed). Each answer says which process gave it."""

import os
import time

import reblocks as gr

PROCESS = str(os.getpid())


def bump(count: int) -> tuple[int, str]:
    """A per-session counter kept in a gr.State, wherever the session's requests land."""
    return count + 1, f"{count + 1} (process {PROCESS})"


def stream(words: float):
    """Streams numbered words, a little apart."""
    text = ""
    for index in range(int(words)):
        time.sleep(0.02)
        text += f"w{index} "
        yield text


def exclusive(seconds: float) -> str:
    """Runs alone in the whole cluster (concurrency_limit=1): says when it ran, and where."""
    started = time.time()
    time.sleep(seconds)
    return f"{PROCESS} {started:.6f} {time.time():.6f}"


def exclusive_stream(words: float):
    """A slow stream that also runs alone in the whole cluster."""
    for index in range(int(words)):
        time.sleep(0.1)
        yield f"{PROCESS}: {index + 1} of {int(words)}"


def chat(message: str, history: list[dict]) -> str:
    """Streams an answer that counts the turns of the conversation it was given."""
    turn = len([item for item in history if item["role"] == "user"]) + 1
    answer = f"Turn {turn}: you said {message}."
    for end in range(1, len(answer) + 1, 3):
        time.sleep(0.01)
        yield answer[:end]
    yield answer


with gr.Blocks(title="Cluster") as demo:
    with gr.Tab("Counter"):
        count = gr.State(0)
        shown = gr.Textbox(label="Count")
        gr.Button("Bump").click(bump, count, [count, shown], api_name="bump")
    with gr.Tab("Stream"):
        words = gr.Number(40, label="Words")
        text = gr.Textbox(label="Text")
        gr.Button("Stream").click(stream, words, text, api_name="stream")
    with gr.Tab("Exclusive"):
        seconds = gr.Number(0.3, label="Seconds")
        ran = gr.Textbox(label="Ran")
        gr.Button("Run alone").click(exclusive, seconds, ran, api_name="exclusive", concurrency_limit=1,
                                     concurrency_id="exclusive")
        gr.Button("Stream alone").click(exclusive_stream, seconds, ran, api_name="exclusive_stream",
                                        concurrency_limit=1, concurrency_id="exclusive")
    with gr.Tab("Chat"):
        gr.ChatInterface(chat)

if __name__ == "__main__":
    demo.launch()
