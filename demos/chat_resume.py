"""A chat whose answer streams numbered words for a few seconds: reload the page, or lose the
connection, while it answers, and the answer goes on where it was."""

import threading
import time

import reblocks as gr

TOKENS = 80
DELAY = 0.025  # seconds between two words

started = threading.Event()
"""Set once an answer starts streaming."""
finished = threading.Event()
"""Set when an answer's generator ends, whether it ran to the end or was stopped."""


def count(message, history):
    started.set()
    try:
        for index in range(1, TOKENS + 1):
            time.sleep(DELAY)
            yield " ".join(str(number) for number in range(1, index + 1))
    finally:
        finished.set()


demo = gr.ChatInterface(fn=count, title="Counting")

if __name__ == "__main__":
    demo.launch()
