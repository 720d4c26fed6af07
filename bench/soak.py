"""Soak the server: a join flood from one session, and many chat sessions over minutes.

    python bench/soak.py [--scenario flood|chat|both] [--joins 10000] [--sessions 1000]
                         [--duration 600] [--grace 5]

flood: one session joins a slow queue (50 ms, concurrency_limit=1) --joins times and never reads its
stream; refusals (429 per-session cap, 503 queue full) are counted, not failures. Meanwhile a
well-behaved session calls a fast endpoint every 100 ms; its latency shows whether the flood hurts others.
chat: --sessions clients chat with a streaming ChatInterface for --duration seconds, each for a few
turns before a new session takes its place, so sessions expire all along. Every answer is checked
against the session id, turn number and history length it must echo.

Each scenario starts its own server (bench/soak_app.py) and reads its memory (VmRSS) and CPU time
(utime + stime) from /proc. Everything is bounded in count and time, so the script ends by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import random
import resource
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import msgspec

sys.path.insert(0, str(Path(__file__).parent))
from common import HERE, cpu_seconds, endpoint, rss_mb, running  # noqa: E402

API = "/gradio_api"
TOKENS = 20  # as in soak_app.py
FLOOD_SECONDS = 600.0  # the flood stops after this long even if joins remain
DRAIN_SECONDS = 180.0  # longest wait for the flood's leftover events before the end sample
STEADY_PERIOD = 0.1
CALL_TIMEOUT = 30.0
_decode = msgspec.json.decode


def soak_app(scenario: str, grace: float) -> list[str]:
    """The command serving bench/soak_app.py for `scenario`, less its port."""
    return [sys.executable, str(HERE / "soak_app.py"), scenario, str(grace)]


def expected_answer(message: str, turns: int) -> str:
    """What soak_app.answer ends with for `message` after `turns` earlier turns in the session."""
    return f"{message} after {turns}:" + "".join(f" tok{index}" for index in range(TOKENS))


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile of `values` (NaN when empty, so a table still prints)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1)]


class RssSampler:
    """Samples the server's RSS every `period` seconds until stopped; keeps every sample."""

    def __init__(self, pid: int, period: float) -> None:
        self.pid = pid
        self.period = period
        self.samples: list[tuple[float, float]] = []
        self._task: asyncio.Task[None] | None = None

    @property
    def peak(self) -> float:
        return max((rss for _, rss in self.samples), default=float("nan"))

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _run(self) -> None:
        started = time.monotonic()
        while True:
            self.samples.append((time.monotonic() - started, rss_mb(self.pid)))
            await asyncio.sleep(self.period)


async def join(http: aiohttp.ClientSession, base: str, fn_index: int, data: list[Any],
               session_hash: str) -> tuple[int, str | None]:
    """POST queue/join; the status and, on 200, the event id."""
    body = {"data": data, "fn_index": fn_index, "session_hash": session_hash}
    async with http.post(base + API + "/queue/join", json=body) as response:
        if response.status != 200:
            await response.read()
            return response.status, None
        return 200, str((await response.json())["event_id"])


async def completion(http: aiohttp.ClientSession, base: str, session_hash: str,
                     event_id: str) -> dict[str, Any] | None:
    """Read the session's stream to its end; the process_completed message of `event_id`, if any."""
    completed = None
    async with http.get(base + API + "/queue/data", params={"session_hash": session_hash}) as response:
        async for line in response.content:
            if not line.startswith(b"data: "):
                continue
            message = _decode(line[6:])
            kind = message.get("msg")
            if kind == "process_completed" and message.get("event_id") == event_id:
                completed = message
            elif kind in ("close_stream", "unexpected_error"):
                break
    return completed


async def call(http: aiohttp.ClientSession, base: str, fn_index: int, data: list[Any],
               session_hash: str) -> tuple[str, Any, float]:
    """Join and read to completion: (outcome, first output value, seconds); outcome "ok" or why not."""
    started = time.perf_counter()
    try:
        async with asyncio.timeout(CALL_TIMEOUT):
            status, event_id = await join(http, base, fn_index, data, session_hash)
            if event_id is None:
                return f"join {status}", None, time.perf_counter() - started
            message = await completion(http, base, session_hash, event_id)
    except TimeoutError:
        return "timeout", None, time.perf_counter() - started
    except (aiohttp.ClientError, ValueError) as exc:
        return type(exc).__name__, None, time.perf_counter() - started
    seconds = time.perf_counter() - started
    if message is None:
        return "no completion", None, seconds
    if not message.get("success"):
        return "failed", None, seconds
    return "ok", message["output"]["data"][0], seconds


# -- flood ------------------------------------------------------------------------------------
async def flood_joins(base: str, fn_index: int, joins: int, statuses: Counter[str]) -> None:
    """Join the slow queue `joins` times from one session, a few at a time, counting answers."""
    remaining = iter(range(joins))
    deadline = time.monotonic() + FLOOD_SECONDS
    timeout = aiohttp.ClientTimeout(total=CALL_TIMEOUT)
    connector = aiohttp.TCPConnector(limit=8)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
        async def worker() -> None:
            for index in remaining:
                if time.monotonic() > deadline:
                    statuses["not sent (time)"] += 1
                    continue
                try:
                    status, _ = await join(http, base, fn_index, [f"flood {index}"], "flood")
                    statuses[str(status)] += 1
                except TimeoutError:
                    statuses["timeout"] += 1
                except aiohttp.ClientError as exc:
                    statuses[type(exc).__name__] += 1

        await asyncio.gather(*(worker() for _ in range(8)))


async def steady_calls(base: str, fn_index: int, stop: asyncio.Event) -> tuple[Counter[str], list[float]]:
    """Call the fast endpoint every STEADY_PERIOD until `stop`; outcomes and latencies of good calls."""
    outcomes: Counter[str] = Counter()
    latencies: list[float] = []
    connector = aiohttp.TCPConnector(limit=4)
    async with aiohttp.ClientSession(connector=connector) as http:
        for index in range(int(FLOOD_SECONDS / STEADY_PERIOD) + 1):
            if stop.is_set():
                break
            started = time.monotonic()
            text = f"steady {index}"
            outcome, value, seconds = await call(http, base, fn_index, [text], "steady")
            if outcome == "ok" and value != text:
                outcome = "wrong answer"
            outcomes[outcome] += 1
            if outcome == "ok":
                latencies.append(seconds)
            try:
                await asyncio.wait_for(stop.wait(), max(0.0, STEADY_PERIOD - (time.monotonic() - started)))
            except TimeoutError:
                pass
    return outcomes, latencies


async def queued_ahead(base: str, fn_index: int, probe: int) -> str:
    """How many events wait in the slow queue, read from a fresh session's first estimation."""
    session_hash = f"probe{probe}"
    timeout = aiohttp.ClientTimeout(total=10)
    try:
        async with aiohttp.ClientSession(timeout=timeout) as http:
            status, event_id = await join(http, base, fn_index, ["probe"], session_hash)
            if event_id is None:
                return f"join {status}"
            async with http.get(base + API + "/queue/data", params={"session_hash": session_hash}) as response:
                async for line in response.content:
                    if line.startswith(b"data: "):
                        message = _decode(line[6:])
                        if message.get("msg") == "estimation":
                            return str(message["rank"])
                        if message.get("msg") in ("process_starts", "process_completed", "close_stream"):
                            return "0"
    except (TimeoutError, aiohttp.ClientError, ValueError) as exc:
        return type(exc).__name__
    return "?"  # leaving the stream early cancels the probe's event


async def flood(base: str, pid: int, joins: int, grace: float) -> None:
    """Run the flood against the server at `base` (process `pid`) and print its table."""
    slow, _ = endpoint(base, "slow")
    fast, _ = endpoint(base, "fast")
    sampler = RssSampler(pid, 0.2)
    start_rss = rss_mb(pid)
    sampler.start()
    statuses: Counter[str] = Counter()
    stop = asyncio.Event()
    steady = asyncio.create_task(steady_calls(base, fast, stop))
    started = time.monotonic()
    await flood_joins(base, slow, joins, statuses)
    flood_seconds = time.monotonic() - started
    # The well-behaved calls go on while the flood's accepted events run, until the queue is empty.
    ahead = "?"
    for probe in range(int(DRAIN_SECONDS / 2) + 1):
        ahead = await queued_ahead(base, slow, probe)
        if ahead == "0" or time.monotonic() - started > flood_seconds + DRAIN_SECONDS:
            break
        await asyncio.sleep(2)
    drain_seconds = time.monotonic() - started - flood_seconds
    stop.set()
    outcomes, latencies = await steady
    await asyncio.sleep(grace + 3)
    await sampler.stop()
    end_rss = rss_mb(pid)

    print(f"\nflood: {joins} joins from one session to /slow (50 ms, concurrency_limit=1), "
          f"sent in {flood_seconds:.1f} s")
    print(f"  {'answer':<22}{'count':>8}")
    for status, count in sorted(statuses.items()):
        print(f"  {status:<22}{count:>8}")
    good = len(latencies)
    total = sum(outcomes.values())
    print(f"slow queue down to {ahead} waiting {drain_seconds:.1f} s later; end sample {grace + 3:.0f} s after that")
    print(f"well-behaved session, /fast every {STEADY_PERIOD * 1000:.0f} ms until then: {good}/{total} ok"
          + "".join(f", {count} {outcome}" for outcome, count in outcomes.items() if outcome != "ok"))
    print(f"  latency ms: p50 {percentile(latencies, 0.5) * 1000:.1f}  p99 {percentile(latencies, 0.99) * 1000:.1f}"
          f"  max {max(latencies, default=float('nan')) * 1000:.1f}")
    print(f"  {'server RSS MB':<22}{'start':>8}{'peak':>8}{'end':>8}")
    print(f"  {'':<22}{start_rss:>8.1f}{sampler.peak:>8.1f}{end_rss:>8.1f}")


# -- chat -------------------------------------------------------------------------------------
@dataclass
class ChatTally:
    """What the chat sessions report: turns done, turns lost by reason, latencies, live sessions."""

    turns: int = 0
    lost: Counter[str] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    live: int = 0
    sessions: int = 0


async def heartbeat(http: aiohttp.ClientSession, base: str, session_hash: str) -> None:
    """Hold the session's heartbeat open, as the official clients do, until cancelled."""
    try:
        async with http.get(f"{base}{API}/heartbeat/{session_hash}") as response:
            async for _ in response.content:
                pass
    except (aiohttp.ClientError, TimeoutError):
        pass  # the session may expire early; its turns will report that


async def chat_slot(slot: int, base: str, fn_index: int, inputs: int, chats: aiohttp.ClientSession,
                    beats: aiohttp.ClientSession, gate: asyncio.Semaphore, end: float,
                    think: float, tally: ChatTally) -> None:
    """One client seat: sessions one after another, each a few turns, until `end`."""
    rng = random.Random(slot)
    await asyncio.sleep(rng.uniform(0, min(think, end - time.monotonic())))  # spread the first joins
    generation = 0
    while time.monotonic() < end and generation < 10_000:
        session_hash = f"s{slot}g{generation}{uuid.uuid4().hex[:6]}"
        generation += 1
        tally.sessions += 1
        tally.live += 1
        beat = asyncio.create_task(heartbeat(beats, base, session_hash))
        try:
            for turn in range(rng.randint(3, 12)):
                if time.monotonic() >= end:
                    break
                message = f"{session_hash} turn {turn}"
                async with gate:
                    outcome, value, seconds = await call(chats, base, fn_index,
                                                         [message] + [None] * (inputs - 1), session_hash)
                if outcome == "ok" and value != expected_answer(message, turn):
                    outcome = "wrong answer"
                if outcome == "ok":
                    tally.turns += 1
                    tally.latencies.append(seconds)
                else:
                    tally.lost[outcome] += 1
                await asyncio.sleep(max(0.0, min(rng.uniform(0.5, 1.5) * think, end - time.monotonic())))
        finally:
            beat.cancel()
            await asyncio.gather(beat, return_exceptions=True)
            tally.live -= 1


async def chat(base: str, pid: int, sessions: int, duration: float, grace: float, think: float,
               inflight: int) -> None:
    """Run the chat sessions against the server at `base` (process `pid`), printing as they go."""
    fn_index, inputs = endpoint(base, "chat")
    every = min(30.0, max(2.0, duration / 5))
    warmup = min(30.0, duration / 4)
    idle_rss = rss_mb(pid)
    tally = ChatTally()
    gate = asyncio.Semaphore(inflight)
    started = time.monotonic()
    end = started + duration
    cpu_start = cpu_seconds(pid)
    client_start = resource.getrusage(resource.RUSAGE_SELF)
    print(f"\nchat: {sessions} sessions for {duration:.0f} s, ~{think:.1f} s between a session's turns, "
          f"at most {inflight} turns in flight")
    print(f"  {'t s':>6}{'RSS MB':>9}{'turns':>9}{'lost':>6}{'live':>7}{'sessions':>10}{'server CPU s':>14}")
    timeout = aiohttp.ClientTimeout(total=None, sock_read=60)
    async with (aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=inflight)) as chats,
                aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=sessions + 8),
                                      timeout=timeout) as beats):
        seats = [asyncio.create_task(chat_slot(slot, base, fn_index, inputs, chats, beats, gate, end,
                                               think, tally)) for slot in range(sessions)]
        warm_rss = float("nan")
        next_report = started + every
        # Report until every seat has finished; a turn in flight at `end` gets CALL_TIMEOUT to finish.
        while not all(seat.done() for seat in seats) and time.monotonic() < end + CALL_TIMEOUT + think * 2:
            await asyncio.sleep(0.5)
            now = time.monotonic()
            if math.isnan(warm_rss) and now - started >= warmup:
                warm_rss = rss_mb(pid)
            if now >= next_report:
                next_report += every
                print(f"  {now - started:>6.0f}{rss_mb(pid):>9.1f}{tally.turns:>9}{sum(tally.lost.values()):>6}"
                      f"{tally.live:>7}{tally.sessions:>10}{cpu_seconds(pid) - cpu_start:>14.1f}", flush=True)
        for seat in seats:
            seat.cancel()
        await asyncio.gather(*seats, return_exceptions=True)
    load_seconds = time.monotonic() - started
    cpu_used = cpu_seconds(pid) - cpu_start
    client_end = resource.getrusage(resource.RUSAGE_SELF)
    client_cpu = (client_end.ru_utime + client_end.ru_stime) - (client_start.ru_utime + client_start.ru_stime)
    stopped_rss = rss_mb(pid)
    await asyncio.sleep(grace + 3)  # every session is idle now; let them all expire
    end_rss = rss_mb(pid)

    lost = sum(tally.lost.values())
    print(f"turns completed {tally.turns} in {load_seconds:.0f} s ({tally.turns / load_seconds:.1f}/s) "
          f"over {tally.sessions} sessions; lost or wrong {lost}"
          + "".join(f" ({count} {reason})" for reason, count in tally.lost.items()))
    print(f"  turn latency ms: p50 {percentile(tally.latencies, 0.5) * 1000:.1f}"
          f"  p99 {percentile(tally.latencies, 0.99) * 1000:.1f}"
          f"  max {max(tally.latencies, default=float('nan')) * 1000:.1f}")
    per_turn = cpu_used / tally.turns * 1000 if tally.turns else float("nan")
    print(f"  server CPU {cpu_used:.1f} s = {per_turn:.2f} ms/turn; client CPU {client_cpu:.1f} s")
    print(f"  {'server RSS MB':<16}{'idle':>8}{'warm-up':>9}{'stopped':>9}{'expired':>9}{'expired/warm':>14}")
    print(f"  {'':<16}{idle_rss:>8.1f}{warm_rss:>9.1f}{stopped_rss:>9.1f}{end_rss:>9.1f}"
          f"{end_rss / warm_rss:>14.2f}")
    print(f"  (warm-up = {warmup:.0f} s into the run; expired = {grace + 3:.0f} s after the last session stopped)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", choices=("flood", "chat", "both"), default="both")
    parser.add_argument("--joins", type=int, default=10_000, help="flood: joins from the flooding session")
    parser.add_argument("--sessions", type=int, default=1000, help="chat: concurrent sessions")
    parser.add_argument("--duration", type=float, default=600, help="chat: seconds of chatting")
    parser.add_argument("--grace", type=float, default=5, help="the server's session grace period, seconds")
    parser.add_argument("--think", type=float, default=15, help="chat: mean seconds between a session's turns")
    parser.add_argument("--inflight", type=int, default=100, help="chat: most turns in flight at once")
    args = parser.parse_args()
    if args.scenario in ("flood", "both"):
        with running(soak_app("flood", args.grace), "/config") as (base, process):
            asyncio.run(flood(base, process.pid, args.joins, args.grace))
    if args.scenario in ("chat", "both"):
        with running(soak_app("chat", args.grace), "/config") as (base, process):
            asyncio.run(chat(base, process.pid, args.sessions, args.duration, args.grace,
                             args.think, args.inflight))


if __name__ == "__main__":
    main()
