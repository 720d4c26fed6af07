"""`gr.Progress` in Chromium (a bar and its text over the output, mid-run) and through gradio_client."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from gradio_client import Client
from playwright.sync_api import Page, expect

import reblocks as gr
from tests.conftest import serve

reached = threading.Event()
release = threading.Event()


def work(text: str, progress: gr.Progress = gr.Progress()) -> str:
    progress(0.25, desc="Warming up")
    reached.set()
    release.wait(10)
    for _ in progress.tqdm(range(4), desc="Counting"):
        pass
    return text.upper()


@pytest.fixture
def url() -> Iterator[str]:
    reached.clear()
    release.clear()
    with gr.Blocks() as demo:
        text = gr.Textbox(elem_id="text")
        go = gr.Button("Go", elem_id="go")
        out = gr.Textbox(elem_id="out")
        go.click(work, text, out, api_name="work")
    with serve(demo) as url:
        yield url
    release.set()


def test_the_progress_shows_on_the_output_mid_run(page: Page, url: str) -> None:
    page.goto(url)
    page.locator("#text input").fill("abc")
    page.locator("#go").click()
    bar = page.locator("#out").get_by_role("progressbar")
    expect(bar).to_have_attribute("aria-valuenow", "25")
    expect(page.locator("#out .progress-text")).to_have_text("Warming up · 25%")
    release.set()
    expect(page.locator("#out input")).to_have_value("ABC")
    expect(bar).to_have_count(0)


def test_gradio_client_sees_the_progress(url: str) -> None:
    job = Client(url, verbose=False).submit("abc", api_name="/work")
    assert reached.wait(10)
    units = wait_for_progress(job)
    assert units[0].desc == "Warming up" and units[0].progress == 0.25
    release.set()
    assert job.result() == "ABC"


def wait_for_progress(job: Any) -> Any:
    """The job's progress once the client has received it (its status is updated as messages come)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        units = job.status().progress_data
        if units:
            return units
        time.sleep(0.02)  # polling the client's status for the message it is receiving
    raise AssertionError("no progress reached the client")
