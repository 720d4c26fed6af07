"""Per-token server CPU of a streamed answer in a chat with 500 earlier messages, against a fresh chat.

    python bench/long_chat.py [--runs 3]

Drives the browser's chat path over HTTP, as the page does: one queue join sends the message with the
conversation, and the event adds the message and streams the answer with the whole conversation as
its output, for the sync and the async generator of bench/chat_app.py. The CPU counted is the whole
event's. Per-token work should not grow with the length of the chat.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import uuid
from pathlib import Path
from typing import Any
from urllib.request import urlopen

import aiohttp

sys.path.insert(0, str(Path(__file__).parent))
from common import chat_app, running  # noqa: E402
from stream_tokens import TOKENS, cpu_ns  # noqa: E402

HISTORY = 500


def history(length: int) -> list[dict[str, Any]]:
    """`length` earlier messages, alternating user and assistant, a paragraph each."""
    return [{"role": "user" if index % 2 == 0 else "assistant",
             "content": [{"type": "text", "text": f"message {index}: " + "lorem ipsum dolor sit amet " * 8}]}
            for index in range(length)]


def chat_path(base: str) -> int:
    """The fn_index of the event a message sent from the page runs (the textbox's submit)."""
    config = json.loads(urlopen(base + "/config").read())
    textbox = next(component["id"] for component in config["components"] if component["type"] == "textbox")
    for dependency in config["dependencies"]:
        if dependency["targets"] == [[textbox, "submit"]] and dependency["backend_fn"]:
            return int(dependency["id"])
    raise LookupError("no chat event on the textbox's submit in the config")


async def one_turn(base: str, send: int, earlier: list[dict[str, Any]], pid: int) -> int:
    """One chat turn after `earlier`; the server CPU (ns) it cost, from the join to the stream's end."""
    session = uuid.uuid4().hex[:11]
    async with aiohttp.ClientSession() as http:
        before = cpu_ns(pid)
        body = {"data": ["go", earlier], "fn_index": send, "session_hash": session}
        async with http.post(base + "/gradio_api/queue/join", json=body) as response:
            response.raise_for_status()
        async with http.get(base + "/gradio_api/queue/data", params={"session_hash": session}) as response:
            async for line in response.content:
                if line.startswith(b'data: {"msg":"close_stream"'):
                    break
        return cpu_ns(pid) - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{TOKENS}-token answer through the browser's chat path, {args.runs} runs each")
    print(f"{'generator':<12}{'fresh µs/token':>16}{f'{HISTORY} msgs µs/token':>20}{'ratio':>8}")
    for kind in ("sync", "async"):
        with running(chat_app(sys.executable, "reblocks", kind), "/config") as (base, process):
            send = chat_path(base)
            figures = []
            for length in (0, HISTORY):
                earlier = history(length)
                asyncio.run(one_turn(base, send, earlier, process.pid))  # warm-up
                used = sum(asyncio.run(one_turn(base, send, earlier, process.pid)) for _ in range(args.runs))
                figures.append(used / 1000 / (TOKENS * args.runs))
        print(f"{kind:<12}{figures[0]:>16.1f}{figures[1]:>20.1f}{figures[1] / figures[0]:>8.2f}")


if __name__ == "__main__":
    main()
