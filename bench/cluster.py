"""Scale-out on Redis against the in-memory default: chat round trips per second, 200 concurrent streams
of 200 tokens, and the server CPU each streamed token costs.

    python bench/cluster.py [--clients 20] [--seconds 5] [--streams 200] [--tokens 200]

Three setups serve bench/chat_app.py (a ChatInterface over a sync generator, as the chat guide writes
them): one process in memory; one process on Redis; two processes on one Redis, where every client
joins through one process and reads its stream through the other (no sticky sessions). The script
starts its own redis-server on a free loopback port. CPU is the on-CPU time of the app processes and
of redis-server (/proc/<pid>/task/*/schedstat) over each measurement.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).parent))
from common import chat_app, endpoint, free_port, running  # noqa: E402
from stream_tokens import cpu_ns  # noqa: E402

SINGLE_TOKENS = 2000  # the stream that measures CPU per token


@contextmanager
def redis_server() -> Iterator[tuple[str, int]]:
    """A redis-server of our own, in memory only; yields its URL and pid."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server is not installed (Debian: apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no"], stdout=subprocess.DEVNULL)
    try:
        while subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True,
                             text=True).stdout.strip() != "PONG":
            time.sleep(0.05)  # waiting for the server we started
        yield f"redis://127.0.0.1:{port}/0", process.pid
    finally:
        process.terminate()
        process.wait(10)


@contextmanager
def servers(count: int, redis_url: str | None) -> Iterator[list[tuple[str, int]]]:
    """`count` processes of the chat app (on Redis if `redis_url`); yields (base URL, pid) for each."""
    if redis_url is not None:
        os.environ["REBLOCKS_REDIS_URL"] = redis_url
    try:
        with ExitStack() as stack:
            started = [stack.enter_context(running(chat_app(sys.executable, "reblocks", "sync"), "/config"))
                       for _ in range(count)]
            yield [(base, process.pid) for base, process in started]
    finally:
        os.environ.pop("REBLOCKS_REDIS_URL", None)


async def turn(http: aiohttp.ClientSession, join_at: str, read_at: str, fn_index: int, inputs: int,
               message: str) -> int:
    """One chat turn in a new session: join through `join_at`, read the stream through `read_at`;
    returns the generating messages seen."""
    session = uuid.uuid4().hex
    body = {"data": [message] + [None] * (inputs - 1), "fn_index": fn_index, "session_hash": session}
    async with http.post(join_at + "/gradio_api/queue/join", json=body) as response:
        response.raise_for_status()
    generating = 0
    async with http.get(read_at + "/gradio_api/queue/data", params={"session_hash": session}) as response:
        async for line in response.content:
            if line.startswith(b'data: {"msg":"process_generating"'):
                generating += 1
            elif line.startswith(b'data: {"msg":"process_completed"'):
                return generating
    raise RuntimeError("the stream ended before the answer did")


def routes(bases: list[str]) -> Iterator[tuple[str, str]]:
    """(join at, read at) for each turn: with two processes, always a different one for each."""
    for index in itertools.count():
        yield bases[index % len(bases)], bases[(index + 1) % len(bases)]


def cpu_of(pids: list[int]) -> int:
    return sum(cpu_ns(pid) for pid in pids)


async def round_trips(bases: list[str], clients: int, seconds: float) -> float:
    """Chat turns (a one-token answer each) completed per second by `clients` clients in a loop."""
    fn_index, inputs = endpoint(bases[0], "stream")
    route = routes(bases)
    done = 0
    deadline = time.monotonic() + seconds

    async def client(http: aiohttp.ClientSession) -> None:
        nonlocal done
        while time.monotonic() < deadline:
            join_at, read_at = next(route)
            await turn(http, join_at, read_at, fn_index, inputs, "1")
            done += 1

    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:
        started = time.monotonic()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        return done / (time.monotonic() - started)


async def streams(bases: list[str], count: int, tokens: int) -> tuple[float, int]:
    """`count` sessions streaming `tokens`-token answers at once: (seconds, tokens received)."""
    fn_index, inputs = endpoint(bases[0], "stream")
    route = routes(bases)
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=None)) as http:
        started = time.monotonic()
        received = await asyncio.gather(*(turn(http, *next(route), fn_index, inputs, str(tokens))
                                          for _ in range(count)))
        return time.monotonic() - started, sum(received)


async def one_stream(bases: list[str]) -> int:
    fn_index, inputs = endpoint(bases[0], "stream")
    async with aiohttp.ClientSession() as http:
        return await turn(http, *next(routes(bases)), fn_index, inputs, str(SINGLE_TOKENS))


def measure(name: str, count: int, redis: tuple[str, int] | None, args: argparse.Namespace) -> dict[str, float]:
    with servers(count, redis[0] if redis else None) as started:
        bases, pids = [base for base, _ in started], [pid for _, pid in started]
        redis_pids = [redis[1]] if redis else []
        asyncio.run(one_stream(bases))  # warm up: imports, first diffs
        before, before_redis = cpu_of(pids), cpu_of(redis_pids)
        tokens = asyncio.run(one_stream(bases))
        app_us = (cpu_of(pids) - before) / tokens / 1000
        redis_us = (cpu_of(redis_pids) - before_redis) / tokens / 1000
        rate = asyncio.run(round_trips(bases, args.clients, args.seconds))
        before = cpu_of(pids + redis_pids)
        seconds, received = asyncio.run(streams(bases, args.streams, args.tokens))
        stream_us = (cpu_of(pids + redis_pids) - before) / received / 1000
    print(f"{name:<28} {rate:>10.0f} {seconds:>12.2f} {stream_us:>14.1f} {app_us:>12.1f} {redis_us:>12.1f}",
          flush=True)
    return {"rate": rate, "seconds": seconds, "app_us": app_us, "redis_us": redis_us}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients for round trips")
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to count round trips")
    parser.add_argument("--streams", type=int, default=200, help="concurrent streams")
    parser.add_argument("--tokens", type=int, default=200, help="tokens per concurrent stream")
    args = parser.parse_args()
    print(f"{'setup':<28} {'turns/s':>10} {f'{args.streams}x{args.tokens} s':>12} "
          f"{'CPU µs/token':>14} {'app µs/tok':>12} {'redis µs/tok':>12}")
    print("  (CPU µs/token over the concurrent streams, app and Redis together; the last two columns:")
    print(f"   one {SINGLE_TOKENS}-token stream, the app processes' CPU and redis-server's)")
    memory = measure("1 process, in memory", 1, None, args)
    with redis_server() as redis:
        one = measure("1 process on Redis", 1, redis, args)
        two = measure("2 processes on one Redis", 2, redis, args)
    print()
    print(f"Redis overhead per streamed token (one stream): app +{one['app_us'] - memory['app_us']:.1f} µs, "
          f"redis-server {one['redis_us']:.1f} µs; total {one['app_us'] + one['redis_us']:.1f} µs "
          f"against {memory['app_us']:.1f} µs in memory ({(one['app_us'] + one['redis_us']) / memory['app_us']:.1f}x)")
    print(f"Round trips: 2 processes / 1 process on Redis = {two['rate'] / one['rate']:.2f}x; "
          f"on Redis / in memory = {one['rate'] / memory['rate']:.2f}x (this machine has {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
