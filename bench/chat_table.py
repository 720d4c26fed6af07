"""The chat hot path side by side, in one table: the bare aiohttp floor, reblocks and Gradio 6.

    python bench/chat_table.py [--runs 3] [--skip-gradio] [--only 1,3] [--verbose]

One command for the figures the chat path is judged by, each beside the floor (bench/bare_app.py, the
same queue protocol with no framework) where one applies and beside Gradio, with the ratios:

1. server CPU per token of a 1,000-token answer streamed by a sync generator through the API
   (/gradio_api/queue/join + /queue/data, as bench/stream_tokens.py does);
2. the same with an async generator;
3. 200 streams of 200 tokens at once (sync generator, one aiohttp session, a session hash each):
   the server CPU and the wall time of the whole batch (the client shares the machine's cores);
4. per-token server CPU of an answer in a chat with 500 earlier messages against a fresh chat, on the
   browser's chat path (as bench/long_chat.py drives it; reblocks only, Gradio's page chains several
   events a turn) and on the API path, where the history lives in the session's State and is built
   by 250 turns of 40-token answers first;
5. the time headless Chromium takes to show a Chatbot that opens on 500 Markdown messages
   (bench/render_app.py): from navigation start to the last message having its text and a box
   inside the viewport and the chat's scroller, median of 5 cold loads;
6. the chat page's weight until the chat box shows (bench/page_weight.py), gzipped and as sent;
7. the requests one chat turn makes from the page, from pressing Enter until the answer is complete.

Server CPU is read from /proc (every thread's schedstat for one answer, utime + stime for a batch).
The table ends with nproc and the load average at the start and at the end, since other work on
the machine moves every figure. Gradio comes from the venv ensure_gradio_venv makes.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import statistics
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import aiohttp
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).parent))
from common import HERE, bare_app, chat_app, cpu_seconds, endpoint, ensure_gradio_venv, running  # noqa: E402
from long_chat import HISTORY, chat_path, history, one_turn  # noqa: E402
from page_weight import launch_chromium, weigh  # noqa: E402
from render_app import MESSAGES  # noqa: E402
from stream_tokens import cpu_ns, measure, read_stream  # noqa: E402

TOKENS = 1000
STREAMS = 200
STREAM_TOKENS = 200
SHORT_TOKENS = 40
LOADS = 5
TURN_TOKENS = 200
ROWS = range(1, 8)
RENDERED = """([selector, text]) => {
  const messages = document.querySelectorAll(selector);
  const last = messages[messages.length - 1];
  if (!last || !last.textContent.includes(text)) return false;
  const box = last.getBoundingClientRect();
  const scroller = last.closest("[role=log]").getBoundingClientRect();
  const top = Math.max(0, scroller.top), bottom = Math.min(innerHeight, scroller.bottom);
  return box.width > 0 && box.height > 0 && box.bottom > top && box.top < bottom && performance.now();
}"""
ASSISTANT_MESSAGE = {"reblocks": ".message[data-role=assistant]", "gradio": "[data-testid=bot]"}


@dataclass
class Line:
    """One line of the table: a figure for each server, how to print it, and its target."""

    label: str
    reblocks: float
    floor: float | None = None
    gradio: float | None = None
    digits: int = 1
    target: str = ""
    ratios: bool = True


def progress(text: str) -> None:
    """Say on stderr what is being measured."""
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def new_session() -> str:
    """A fresh session hash, as a page makes one."""
    return uuid.uuid4().hex[:11]


def figure(figures: dict[str, tuple[float, ...]], name: str, index: int = 0) -> float | None:
    """Figure `index` of server `name`, or None when it was not measured."""
    return figures[name][index] if name in figures else None


@functools.cache
def floor_per_token(runs: int) -> float:
    """Server CPU µs per token of the floor's TOKENS-token stream."""
    progress(f"floor: {TOKENS:,}-token stream x {runs}")
    return float(measure("floor", bare_app(TOKENS), runs, bare=True, tokens=TOKENS)["cpu_us_per_token"])


def per_token(kind: str, runs: int, gradio: str | None) -> list[Line]:
    """Rows 1 and 2: server CPU µs per token of a TOKENS-token stream from a `kind` generator."""
    figures: dict[str, tuple[float, ...]] = {}
    for name, python in (("reblocks", sys.executable), ("gradio", gradio)):
        if python is not None:
            progress(f"{name} {kind}: {TOKENS:,}-token stream x {runs}")
            result = measure(name, chat_app(python, name, kind, TOKENS), runs, bare=False, tokens=TOKENS)
            figures[name] = (float(result["cpu_us_per_token"]),)
    return [Line(f"CPU µs/token, {kind} generator, {TOKENS:,}-token API stream", figures["reblocks"][0],
                 floor_per_token(runs), figure(figures, "gradio"))]


async def batch(base: str, fn_index: int, inputs: int) -> None:
    """STREAMS streams at once, each from its own session, over one HTTP client."""
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
        results = await asyncio.gather(*(read_stream(http, base, fn_index, inputs, new_session())
                                         for _ in range(STREAMS)))
    if min(generating for _, generating in results) == 0:
        raise RuntimeError("a stream of the batch streamed nothing")


def batch_figures(command: list[str], bare: bool, runs: int) -> tuple[float, float]:
    """Median server CPU seconds and wall seconds of a batch of concurrent streams, after a warm-up."""
    cpu, wall = [], []
    with running(command, "/gradio_api/ready" if bare else "/config") as (base, process):
        fn_index, inputs = (0, 1) if bare else endpoint(base, "stream")
        asyncio.run(batch(base, fn_index, inputs))
        for _ in range(runs):
            before, started = cpu_seconds(process.pid), time.perf_counter()
            asyncio.run(batch(base, fn_index, inputs))
            wall.append(time.perf_counter() - started)
            cpu.append(cpu_seconds(process.pid) - before)
    return statistics.median(cpu), statistics.median(wall)


def concurrent(runs: int, gradio: str | None) -> list[Line]:
    """Row 3: server CPU and wall time of STREAMS concurrent streams of STREAM_TOKENS tokens."""
    commands = {"floor": (bare_app(STREAM_TOKENS), True),
                "reblocks": (chat_app(sys.executable, "reblocks", "sync", STREAM_TOKENS), False)}
    if gradio is not None:
        commands["gradio"] = (chat_app(gradio, "gradio", "sync", STREAM_TOKENS), False)
    figures: dict[str, tuple[float, ...]] = {}
    for name, (command, bare) in commands.items():
        progress(f"{name}: {STREAMS} concurrent streams x {STREAM_TOKENS} tokens, {runs} batches")
        figures[name] = batch_figures(command, bare, runs)
    label = f"{STREAMS} streams x {STREAM_TOKENS} tokens at once"
    return [Line(f"{label}: server CPU s", figures["reblocks"][0], figures["floor"][0],
                 figure(figures, "gradio", 0), digits=2),
            Line(f"{label}: wall s", figures["reblocks"][1], figures["floor"][1],
                 figure(figures, "gradio", 1), digits=2)]


def browser_path(runs: int) -> tuple[float, float]:
    """Reblocks' per-token server CPU (µs) on the page's chat path, fresh and after HISTORY messages."""
    with running(chat_app(sys.executable, "reblocks", "sync", TOKENS), "/config") as (base, process):
        send = chat_path(base)
        figures = []
        for length in (0, HISTORY):
            earlier = history(length)
            asyncio.run(one_turn(base, send, earlier, process.pid))  # warm-up
            used = sum(asyncio.run(one_turn(base, send, earlier, process.pid)) for _ in range(runs))
            figures.append(used / 1000 / (TOKENS * runs))
    return figures[0], figures[1]


async def api_turns(base: str, pid: int, runs: int) -> tuple[float, float]:
    """Per-token server CPU (µs) of TOKENS-token answers on the /stream endpoint, each in a fresh
    session, then in one session whose server-side history holds HISTORY messages."""
    fn_index, inputs = endpoint(base, "stream")

    async def answer(http: aiohttp.ClientSession, session: str) -> int:
        before = cpu_ns(pid)
        await read_stream(http, base, fn_index, inputs, session)
        return cpu_ns(pid) - before

    async with aiohttp.ClientSession() as http:
        await answer(http, new_session())  # warm-up
        fresh = sum([await answer(http, new_session()) for _ in range(runs)])
        session = new_session()
        for _ in range(HISTORY // 2):
            await read_stream(http, base, fn_index, inputs, session, str(SHORT_TOKENS))
        long = sum([await answer(http, session) for _ in range(runs)])
    return fresh / 1000 / (TOKENS * runs), long / 1000 / (TOKENS * runs)


def api_path(python: str, module: str, runs: int) -> tuple[float, float]:
    """api_turns against the sync chat app served by `python` with `module`."""
    with running(chat_app(python, module, "sync", TOKENS), "/config") as (base, process):
        return asyncio.run(api_turns(base, process.pid, runs))


def long_chat(runs: int, gradio: str | None) -> list[Line]:
    """Row 4: per-token CPU with HISTORY earlier messages against a fresh chat, on both paths."""
    progress(f"reblocks: browser chat path, fresh and {HISTORY} messages, {runs} turns each")
    page_fresh, page_long = browser_path(runs)
    api: dict[str, tuple[float, ...]] = {}
    for name, python in (("reblocks", sys.executable), ("gradio", gradio)):
        if python is not None:
            progress(f"{name}: API path, fresh and after {HISTORY // 2} turns, {runs} turns each")
            fresh, long = api_path(python, name, runs)
            api[name] = (fresh, long, long / fresh)
    return [Line("chat path (page), fresh chat: CPU µs/token", page_fresh),
            Line(f"chat path (page), {HISTORY} msgs: CPU µs/token", page_long),
            Line(f"chat path (page): {HISTORY} msgs / fresh", page_long / page_fresh, digits=2,
                 target="<= 1.3", ratios=False),
            Line("API /stream, fresh chat: CPU µs/token", api["reblocks"][0], gradio=figure(api, "gradio", 0)),
            Line(f"API /stream, {HISTORY} msgs: CPU µs/token", api["reblocks"][1], gradio=figure(api, "gradio", 1)),
            Line(f"API /stream: {HISTORY} msgs / fresh", api["reblocks"][2], gradio=figure(api, "gradio", 2),
                 digits=2, target="<= 1.3", ratios=False)]


def render_ms(python: str, module: str) -> float:
    """Median ms from navigation start to the last of MESSAGES messages showing, over LOADS cold loads."""
    times = []
    with (running([python, str(HERE / "render_app.py"), module], "/config") as (base, _),
          sync_playwright() as playwright):
        browser = launch_chromium(playwright)
        for load in range(LOADS + 1):
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + "/", wait_until="commit")
            shown = page.wait_for_function(RENDERED, arg=[ASSISTANT_MESSAGE[module], f"Message {MESSAGES - 1}:"],
                                           polling="raf", timeout=60_000)
            if load > 0:  # the first load warms the server up
                times.append(float(shown.json_value()))
            context.close()
        browser.close()
    return statistics.median(times)


def render(gradio: str | None) -> list[Line]:
    """Row 5: time to show a chat of MESSAGES Markdown messages."""
    times: dict[str, tuple[float, ...]] = {}
    for name, python in (("reblocks", sys.executable), ("gradio", gradio)):
        if python is not None:
            progress(f"{name}: render {MESSAGES} messages, {LOADS} cold loads")
            times[name] = (render_ms(python, name),)
    return [Line(f"{MESSAGES}-message chat shown, ms (median of {LOADS})", times["reblocks"][0],
                 gradio=figure(times, "gradio"), digits=0, target="<= 0.25 x gradio")]


def page_weight(gradio: str | None) -> list[Line]:
    """Row 6: KiB the chat page loads before its chat box shows."""
    weights: dict[str, tuple[float, ...]] = {}
    for name, python in (("reblocks", sys.executable), ("gradio", gradio)):
        if python is not None:
            progress(f"{name}: page weight")
            sent, _, _, compressed = weigh(python, name)
            weights[name] = (compressed / 1024, sent / 1024)
    return [Line("chat page, KiB gzipped", weights["reblocks"][0], gradio=figure(weights, "gradio", 0),
                 target="<= 80"),
            Line("chat page, KiB as sent", weights["reblocks"][1], gradio=figure(weights, "gradio", 1))]


def turn_requests(python: str, module: str) -> list[str]:
    """The requests (method and path) the chat page makes for one turn of a TURN_TOKENS-token answer."""
    sent: list[str] = []
    with (running(chat_app(python, module, "sync", TURN_TOKENS), "/config") as (base, _),
          sync_playwright() as playwright):
        browser = launch_chromium(playwright)
        page = browser.new_page()
        page.goto(base + "/")
        box = page.get_by_placeholder("Type a message...")
        box.wait_for()
        page.wait_for_timeout(2000)  # let the page finish what it does on load
        page.on("request", lambda request: sent.append(f"{request.method} {request.url.removeprefix(base)}"))
        box.fill("hello")
        box.press("Enter")
        page.wait_for_function("text => document.body.textContent.includes(text)", arg=f"tok{TURN_TOKENS - 1}",
                               timeout=60_000)
        page.wait_for_timeout(1000)  # requests that follow the answer belong to the turn too
        browser.close()
    return sent


def is_api(request: str) -> bool:
    """Whether `request` ("METHOD /path") goes to the app's API, heartbeats aside."""
    path = request.split(" ", 1)[1]
    return path.startswith("/gradio_api/") and "/heartbeat" not in path


def requests(gradio: str | None, verbose: bool) -> list[Line]:
    """Row 7: HTTP requests one chat turn makes from the page."""
    counts: dict[str, tuple[float, ...]] = {}
    for name, python in (("reblocks", sys.executable), ("gradio", gradio)):
        if python is not None:
            progress(f"{name}: requests of one chat turn in Chromium")
            sent = turn_requests(python, name)
            if verbose:
                print(f"{name}: requests of one chat turn\n" + "".join(f"  {line}\n" for line in sent), file=sys.stderr)
            counts[name] = (sum(map(is_api, sent)), len(sent))
    return [Line("requests of a (first) chat turn: API", counts["reblocks"][0], gradio=figure(counts, "gradio", 0),
                 digits=0, target="<= 2"),
            Line("requests of a (first) chat turn: all", counts["reblocks"][1], gradio=figure(counts, "gradio", 1),
                 digits=0)]


def cell(value: float | None, digits: int, width: int) -> str:
    """`value` right-aligned in `width` characters, or a dash when there is none."""
    return f"{value:>{width}.{digits}f}" if value is not None else f"{'-':>{width}}"


def ratio(top: float | None, bottom: float | None) -> float | None:
    """top / bottom, or None when either is missing."""
    return top / bottom if top is not None and bottom else None


def print_table(lines: list[tuple[int, Line]]) -> None:
    """Print the numbered lines with both ratios, where they apply, and the targets."""
    print(f"{'#':<3}{'measure':<50}{'floor':>10}{'reblocks':>10}{'gradio':>10}"
          f"{'rb/floor':>10}{'rb/gradio':>10}  target")
    for number, line in lines:
        print(f"{number:<3}{line.label:<50}{cell(line.floor, line.digits, 10)}{cell(line.reblocks, line.digits, 10)}"
              f"{cell(line.gradio, line.digits, 10)}"
              f"{cell(ratio(line.reblocks, line.floor) if line.ratios else None, 2, 10)}"
              f"{cell(ratio(line.reblocks, line.gradio) if line.ratios else None, 2, 10)}  {line.target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="answers, turns or batches per figure (default: 3)")
    parser.add_argument("--skip-gradio", action="store_true", help="measure the floor and reblocks alone")
    parser.add_argument("--only", type=lambda text: [int(part) for part in text.split(",")], default=list(ROWS),
                        help="rows to measure, e.g. 1,3 (default: all)")
    parser.add_argument("--verbose", action="store_true", help="list the requests of a chat turn (row 7)")
    args = parser.parse_args()
    started, load_before = time.monotonic(), os.getloadavg()
    gradio = None if args.skip_gradio else ensure_gradio_venv()
    measures = {1: lambda: per_token("sync", args.runs, gradio),
                2: lambda: per_token("async", args.runs, gradio),
                3: lambda: concurrent(args.runs, gradio),
                4: lambda: long_chat(args.runs, gradio),
                5: lambda: render(gradio),
                6: lambda: page_weight(gradio),
                7: lambda: requests(gradio, args.verbose)}
    lines = [(number, line) for number in sorted(set(args.only)) for line in measures[number]()]
    print_table(lines)
    load_after = os.getloadavg()
    print(f"nproc {len(os.sched_getaffinity(0))}; load average (1, 5, 15 min) at start "
          f"{' '.join(f'{load:.2f}' for load in load_before)}, at end {' '.join(f'{load:.2f}' for load in load_after)}; "
          f"took {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
