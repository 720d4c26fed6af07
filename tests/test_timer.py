"""`gr.Timer` and `every=` in Chromium: ticks run listeners until a listener stops the timer."""

from __future__ import annotations

import itertools
import re

from playwright.sync_api import Page, expect

import reblocks as gr
from tests.conftest import serve


def test_a_timer_counts_until_stopped_and_every_refreshes_a_value(page: Page) -> None:
    beats = itertools.count(1)
    with gr.Blocks() as demo:
        timer = gr.Timer(0.1)
        count = gr.Number(0, elem_id="count")
        timer.tick(lambda ticks: ticks + 1, count, count)
        gr.Button("Stop", elem_id="stop").click(lambda: gr.Timer(active=False), None, timer)
        gr.Textbox(value=lambda: f"beat {next(beats)}", every=0.1, elem_id="beat")
    with serve(demo) as url:
        page.goto(url)
        counter = page.locator("#count input")
        expect(counter).to_have_value(re.compile(r"^([3-9]|\d{2,})$"))  # it counts up on its own
        page.locator("#stop").click()
        stopped = int(counter.input_value())
        beat = page.locator("#beat input, #beat textarea")
        # The other timer (every=) goes on: three more beats later the stopped count has not moved
        # (one tick may have been under way as Stop was clicked).
        now = int(beat.input_value().split()[1])
        expect(beat).to_have_value(re.compile(rf"^beat ({'|'.join(str(now + n) for n in range(3, 40))})$"))
        assert int(counter.input_value()) <= stopped + 1
