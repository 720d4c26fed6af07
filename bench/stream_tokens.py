"""Stream a 2,000-token chat answer, from an async and from a sync generator, and print bytes on
the wire and server CPU per token.

    python bench/stream_tokens.py [--gradio /path/to/venv/bin/python] [--runs 5]

Measures reblocks against a bare aiohttp app on the same protocol (the floor) and, when given a
Python that has Gradio installed, Gradio itself, in one run. Server CPU is the sum of the server
process's threads' on-CPU time (/proc/<pid>/task/*/schedstat, nanoseconds) over the stream.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
import uuid
from pathlib import Path
from urllib.request import urlopen

import aiohttp

sys.path.insert(0, str(Path(__file__).parent))
from common import bare_app, chat_app, frameworks, running  # noqa: E402

TOKENS = 2000


def cpu_ns(pid: int) -> int:
    """On-CPU nanoseconds of every thread of process `pid` so far."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total


def stream_endpoint(base: str) -> tuple[int, int]:
    """The chat endpoint's fn_index and number of inputs, from the app's config."""
    config = json.loads(urlopen(base + "/config").read())
    for dependency in config["dependencies"]:
        if dependency.get("api_name") == "stream":
            return int(dependency["id"]), len(dependency["inputs"])
    raise LookupError("no /stream endpoint")


async def read_stream(http: aiohttp.ClientSession, base: str, fn_index: int, inputs: int,
                      session: str, message: str = "go") -> tuple[int, int]:
    """Join once as `session`, sending `message`, and read the event's stream; returns
    (bytes read, generating messages)."""
    body = {"data": [message] + [None] * (inputs - 1), "fn_index": fn_index, "session_hash": session}
    async with http.post(base + "/gradio_api/queue/join", json=body) as response:
        response.raise_for_status()
    received = generating = 0
    async with http.get(base + "/gradio_api/queue/data", params={"session_hash": session}) as response:
        async for line in response.content:
            received += len(line)
            if line.startswith(b'data: {"msg":"process_generating"'):
                generating += 1
            if line.startswith(b'data: {"msg":"close_stream"'):
                break
    return received, generating


async def one_stream(base: str, fn_index: int, inputs: int) -> tuple[int, int]:
    """Join once from a new session and read the event's stream; returns (bytes read, generating messages)."""
    async with aiohttp.ClientSession() as http:
        return await read_stream(http, base, fn_index, inputs, uuid.uuid4().hex[:11])


def measure(name: str, command: list[str], runs: int, bare: bool,
            tokens: int = TOKENS) -> dict[str, float | str]:
    """Stream `runs` answers of `tokens` tokens (after a warm-up) from the server `command` starts."""
    with running(command, "/gradio_api/ready" if bare else "/config") as (base, process):
        fn_index, inputs = (0, 1) if bare else stream_endpoint(base)
        asyncio.run(one_stream(base, fn_index, inputs))  # warm-up
        before = cpu_ns(process.pid)
        started = time.perf_counter()
        results = [asyncio.run(one_stream(base, fn_index, inputs)) for _ in range(runs)]
        wall = time.perf_counter() - started
        used = cpu_ns(process.pid) - before
    total = tokens * runs
    return {"name": name, "cpu_us_per_token": used / 1000 / total,
            "bytes_per_token": sum(r[0] for r in results) / total,
            "messages": sum(r[1] for r in results) / runs, "wall_s_per_answer": wall / runs}


def main() -> None:
    args, apps = frameworks(__doc__)
    rows = [measure("bare aiohttp (floor)", bare_app(), args.runs, bare=True)]
    rows += [measure(f"{name} {kind}", chat_app(python, module, kind), args.runs, bare=False)
             for name, python, module in apps for kind in ("async", "sync")]
    floor = float(rows[0]["cpu_us_per_token"])
    print(f"{TOKENS}-token answer, {args.runs} runs each, through /gradio_api/queue (API endpoint)")
    print(f"{'server':<22}{'CPU µs/token':>14}{'x floor':>9}{'bytes/token':>13}{'msgs/answer':>13}{'s/answer':>10}")
    for row in rows:
        cpu = float(row["cpu_us_per_token"])
        print(f"{row['name']:<22}{cpu:>14.1f}{cpu / floor:>9.2f}{float(row['bytes_per_token']):>13.1f}"
              f"{float(row['messages']):>13.0f}{float(row['wall_s_per_answer']):>10.2f}")


if __name__ == "__main__":
    main()
