"""Edit-to-page latency of the dev mode, beside Gradio's: `python bench/reload.py [--edits N] [--skip-gradio]`.

The dev mode exists for the loop of saving the app file and looking at the page, so what counts is
the time from saving an edit to the open page showing it. This serves the same small app with
`python -m reblocks app.py` and with `gradio app.py` (from the venv ensure_gradio_venv makes),
opens it in headless Chromium, then rewrites app.py N times with a new Markdown title and times each
write until the page shows that title. Between edits it waits for the app to settle, so edits never
pile up. A marker set on `window` before the first edit tells whether the page survived the edits
(the app swapped in place) or was reloaded.
"""

from __future__ import annotations

import argparse
import math
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

sys.path.insert(0, str(Path(__file__).parent))
from common import ensure_gradio_venv, free_port, stop  # noqa: E402

APP = """import {module} as gr

with gr.Blocks() as demo:
    gr.Markdown("# Title {number}", elem_id="title")
    name = gr.Textbox(label="Name")
    greeting = gr.Textbox(label="Greeting")
    gr.Button("Greet").click(lambda text: "Hello " + text, name, greeting)

demo.launch()
"""
SHOWS = "text => (document.querySelector('#title')?.textContent ?? '').includes(text)"
TIMEOUT_SECONDS = 60.0


@dataclass(frozen=True)
class DevMode:
    """How to run one framework's dev mode on app.py, and what it prints."""

    name: str
    command: list[str]
    module: str
    ready: str
    """The line it prints once it serves the app and watches the file."""
    reloaded: str
    """The line it prints on each reload."""
    settle: float
    """Seconds to wait after that line before the next edit."""


def reblocks_mode() -> DevMode:
    return DevMode("reblocks", [sys.executable, "-m", "reblocks", "app.py"], "reblocks",
                   ready="Watching ", reloaded="Reloaded app.py", settle=0.0)


def gradio_mode(python: str) -> DevMode:
    # Gradio prints "Watching: <folder>" before it serves, and "Changes detected in: <file>" as a
    # reload starts; its watcher polls mtimes and reads them afresh after each reload, hence the settle.
    return DevMode("gradio", [str(Path(python).parent / "gradio"), "app.py"], "gradio",
                   ready="Running on local URL", reloaded="Changes detected in", settle=0.5)


class Output:
    """The lines a process prints, read on a thread so that waiting for one can time out."""

    def __init__(self, stream: IO[str]) -> None:
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self.lines.put(line.rstrip())
        self.lines.put(None)

    def wait_for(self, text: str) -> None:
        """Consume lines until one contains `text`."""
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while True:
            try:
                line = self.lines.get(timeout=max(deadline - time.monotonic(), 0))
            except queue.Empty:
                raise TimeoutError(f"no {text!r} in the output:\n" + "\n".join(self.seen[-20:])) from None
            if line is None:
                raise RuntimeError(f"exited before printing {text!r}:\n" + "\n".join(self.seen[-20:]))
            self.seen.append(line)
            if text in line:
                return


def wait_for_title(page: Page, title: str) -> None:
    """Wait until the page's #title (looked up afresh on each frame) contains `title`, across reloads."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while True:
        try:
            page.wait_for_function(SHOWS, arg=title, polling="raf",
                                   timeout=max(deadline - time.monotonic(), 0.001) * 1000)
            return
        except PlaywrightTimeoutError:
            raise
        except PlaywrightError as error:
            if "context was destroyed" not in error.message and "navigat" not in error.message:
                raise
            page.wait_for_load_state()  # the page reloaded mid-wait: wait again in the new one


def time_edits(page: Page, app: Path, mode: DevMode, output: Output, edits: int) -> tuple[list[float], bool]:
    """Seconds from each write of app.py to the page showing it, and whether the page was kept throughout."""
    page.evaluate("window.__marker = 'kept'")
    seconds = []
    for number in range(1, edits + 1):
        started = time.perf_counter()
        app.write_text(APP.format(module=mode.module, number=number))
        wait_for_title(page, f"Title {number}")
        seconds.append(time.perf_counter() - started)
        output.wait_for(mode.reloaded)
        time.sleep(mode.settle)
    return seconds, page.evaluate("window.__marker === 'kept'")


def measure(browser: Browser, mode: DevMode, edits: int) -> tuple[list[float], bool]:
    """Serve the app with `mode` from a fresh folder, open it and time `edits` edits."""
    with tempfile.TemporaryDirectory(prefix=f"reload-{mode.name}-") as folder:
        app = Path(folder) / "app.py"
        app.write_text(APP.format(module=mode.module, number=0))
        port = free_port()
        env = {**os.environ, "GRADIO_SERVER_PORT": str(port), "PYTHONUNBUFFERED": "1",
               "GRADIO_ANALYTICS_ENABLED": "False"}
        process = subprocess.Popen(mode.command, cwd=folder, env=env, text=True, start_new_session=True,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        page = browser.new_page()
        try:
            assert process.stdout is not None
            output = Output(process.stdout)
            output.wait_for(mode.ready)
            page.goto(f"http://127.0.0.1:{port}/")
            wait_for_title(page, "Title 0")
            return time_edits(page, app, mode, output, edits)
        finally:
            page.close()
            stop(process)


def figures(seconds: list[float]) -> tuple[float, float, float]:
    """Median, 90th percentile (nearest rank) and minimum, in ms."""
    ordered = sorted(seconds)
    p90 = ordered[math.ceil(0.9 * len(ordered)) - 1]
    return statistics.median(ordered) * 1000, p90 * 1000, ordered[0] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=20, help="edits to time per framework (default: 20)")
    parser.add_argument("--skip-gradio", action="store_true", help="measure reblocks alone")
    args = parser.parse_args()
    modes = [reblocks_mode()]
    if not args.skip_gradio:
        modes.append(gradio_mode(ensure_gradio_venv()))

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                             args=["--no-sandbox"])
        try:
            for mode in modes:
                results[mode.name] = measure(browser, mode, args.edits)
        finally:
            browser.close()

    print(f"edit -> updated page, median of {args.edits} (ms)")
    print(f"{'':<12}{'median':>8}{'p90':>8}{'min':>8}   page kept")
    for name, (seconds, kept) in results.items():
        median, p90, least = figures(seconds)
        print(f"{name:<12}{median:>8.0f}{p90:>8.0f}{least:>8.0f}   {'yes' if kept else 'no'}")
    if "gradio" in results:
        ratio = statistics.median(results["reblocks"][0]) / statistics.median(results["gradio"][0])
        print(f"ratio reblocks/gradio: {ratio:.2f}  (target <= 0.3)")


if __name__ == "__main__":
    main()
