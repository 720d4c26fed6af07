"""The dev mode in headless Chromium: `python -m reblocks app.py` on a copy of a chat app, edited live."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import BOX, DEMOS, assistant, free_port, send


@dataclass
class DevApp:
    url: str
    folder: Path
    process: subprocess.Popen[str]

    def edit(self, name: str, old: str, new: str) -> None:
        """Replace `old` with `new` in one of the app's files, as an editor saving it would."""
        path = self.folder / name
        text = path.read_text()
        assert old in text, f"{old!r} is not in {name}"
        path.write_text(text.replace(old, new))

    def output_line(self, start: str) -> str:
        """The next line the dev server prints that starts with `start`."""
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith(start):
                return line
        raise AssertionError(f"the server ended before printing {start!r}")


@contextmanager
def dev_server(folder: Path) -> Iterator[DevApp]:
    """`python -m reblocks app.py` in `folder`, on a free port, until the block ends."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "reblocks", "app.py"], cwd=folder, text=True, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, env={**os.environ, "GRADIO_SERVER_PORT": str(port), "PYTHONUNBUFFERED": "1"})
    dev = DevApp(f"http://127.0.0.1:{port}/", folder, process)
    try:
        dev.output_line("Watching")
        yield dev
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def app(tmp_path: Path) -> Iterator[DevApp]:
    folder = tmp_path / "chat"
    shutil.copytree(DEMOS / "dev_chat", folder)
    with dev_server(folder) as dev:
        yield dev


def start_a_session(page: Page, app: DevApp) -> None:
    """Two chat turns, text typed but not sent, and the State counter clicked twice."""
    page.goto(app.url)
    page.evaluate("window.__same_page = true")
    for text in ("first", "second"):
        send(page, text)
        expect(assistant(page).last).to_contain_text(f"You said: {text}")
    page.get_by_placeholder(BOX).fill("half a thought")
    page.locator("#count").click()
    expect(page.locator("#clicks textarea, #clicks input")).to_have_value("1")
    page.locator("#count").click()
    expect(page.locator("#clicks textarea, #clicks input")).to_have_value("2")


def test_an_edited_title_appears_and_nothing_is_lost(page: Page, app: DevApp) -> None:
    start_a_session(page, app)
    app.edit("app.py", "# Dev chat", "# Renamed chat")
    expect(page.locator("#title")).to_have_text("Renamed chat")
    assert "Reloaded app.py in" in app.output_line("Reloaded")
    assert page.evaluate("window.__same_page") is True  # no page reload
    expect(assistant(page)).to_have_count(2)
    expect(assistant(page).first).to_contain_text("You said: first")
    expect(page.get_by_placeholder(BOX)).to_have_value("half a thought")
    page.locator("#count").click()
    expect(page.locator("#clicks textarea, #clicks input")).to_have_value("3")
    # And the chat goes on with its history.
    send(page, "third")
    expect(assistant(page)).to_have_count(3)
    expect(assistant(page).last).to_contain_text("You said: third")


def test_an_edited_local_module_changes_the_next_answer(page: Page, app: DevApp) -> None:
    start_a_session(page, app)
    app.edit("replies.py", 'f"You said: {message}"', 'f"Echo: {message.upper()}"')
    app.output_line("Reloaded")
    send(page, "louder")
    expect(assistant(page).last).to_contain_text("Echo: LOUDER")
    expect(assistant(page)).to_have_count(3)
    page.locator("#count").click()
    expect(page.locator("#clicks textarea, #clicks input")).to_have_value("3")


def test_a_syntax_error_shows_an_overlay_until_fixed(page: Page, app: DevApp) -> None:
    start_a_session(page, app)
    app.edit("app.py", 'gr.Markdown("# Dev chat", elem_id="title")', 'gr.Markdown("# Fixed chat", elem_id="title"')
    overlay = page.get_by_role("alert").filter(has_text="previous version is still serving")
    expect(overlay).to_be_visible()
    expect(overlay).to_contain_text("app.py")
    expect(overlay).to_contain_text("line 13")
    expect(overlay).to_contain_text("SyntaxError")
    app.edit("app.py", 'elem_id="title"\n', 'elem_id="title")\n')
    expect(overlay).to_be_hidden()
    expect(page.locator("#title")).to_have_text("Fixed chat")
    expect(assistant(page)).to_have_count(2)
    page.locator("#count").click()
    expect(page.locator("#clicks textarea, #clicks input")).to_have_value("3")
