"""Stream a 2,000-token chat answer and print bytes on the wire and server CPU per token.

    python bench/stream_tokens.py [--gradio /path/to/venv/bin/python] [--runs 5]

Measures reblocks against a bare aiohttp app on the same protocol (the floor) and, when given a
Python that has Gradio installed, Gradio itself, in one run. Server CPU is the sum of the server
process's threads' on-CPU time (/proc/<pid>/task/*/schedstat, nanoseconds) over the stream.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.request import urlopen

import aiohttp

HERE = Path(__file__).parent
TOKENS = 2000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def cpu_ns(pid: int) -> int:
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total


def wait_ready(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            urlopen(url, timeout=1).read()
            return
        except OSError:
            time.sleep(0.1)  # polling a process we started for readiness
    raise TimeoutError(url)


def stream_endpoint(base: str) -> tuple[int, int]:
    """The chat endpoint's fn_index and number of inputs, from the app's config."""
    config = json.loads(urlopen(base + "/config").read())
    for dependency in config["dependencies"]:
        if dependency.get("api_name") == "stream":
            return int(dependency["id"]), len(dependency["inputs"])
    raise LookupError("no /stream endpoint")


async def one_stream(base: str, fn_index: int, inputs: int) -> tuple[int, int]:
    """Join once and read the event's stream; returns (bytes read, generating messages)."""
    session = uuid.uuid4().hex[:11]
    async with aiohttp.ClientSession() as http:
        body = {"data": ["go"] + [None] * (inputs - 1), "fn_index": fn_index, "session_hash": session}
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


def measure(name: str, command: list[str], port: int, runs: int, has_config: bool) -> dict[str, float]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "GRADIO_ANALYTICS_ENABLED": "False"})
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base + ("/config" if has_config else "/gradio_api/ready"), process)
        fn_index, inputs = stream_endpoint(base) if has_config else (0, 1)
        asyncio.run(one_stream(base, fn_index, inputs))  # warm-up
        before = cpu_ns(process.pid)
        started = time.perf_counter()
        results = [asyncio.run(one_stream(base, fn_index, inputs)) for _ in range(runs)]
        wall = time.perf_counter() - started
        used = cpu_ns(process.pid) - before
    finally:
        process.terminate()
        process.wait(10)
    tokens = TOKENS * runs
    return {"name": name, "cpu_us_per_token": used / 1000 / tokens,
            "bytes_per_token": sum(r[0] for r in results) / tokens,
            "messages": sum(r[1] for r in results) / runs, "wall_s_per_answer": wall / runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--gradio", help="a python that has gradio installed, to measure it alongside")
    args = parser.parse_args()
    rows = []
    port = free_port()
    rows.append(measure("bare aiohttp (floor)", [sys.executable, str(HERE / "bare_app.py"), str(port)],
                        port, args.runs, has_config=False))
    port = free_port()
    rows.append(measure("reblocks", [sys.executable, str(HERE / "chat_app.py"), "reblocks", str(port)],
                        port, args.runs, has_config=True))
    if args.gradio:
        port = free_port()
        rows.append(measure("gradio", [args.gradio, str(HERE / "chat_app.py"), "gradio", str(port)],
                            port, args.runs, has_config=True))
    floor = rows[0]["cpu_us_per_token"]
    print(f"{TOKENS}-token answer, {args.runs} runs each, through /gradio_api/queue (API endpoint)")
    print(f"{'server':<22}{'CPU µs/token':>14}{'x floor':>9}{'bytes/token':>13}{'msgs/answer':>13}{'s/answer':>10}")
    for row in rows:
        print(f"{row['name']:<22}{row['cpu_us_per_token']:>14.1f}{row['cpu_us_per_token'] / floor:>9.2f}"
              f"{row['bytes_per_token']:>13.1f}{row['messages']:>13.0f}{row['wall_s_per_answer']:>10.2f}")


if __name__ == "__main__":
    main()
