"""`demo.load`, `demo.unload` and `gr.skip()` in Chromium: what runs as a page opens and as its session ends."""

from __future__ import annotations

import threading

from playwright.sync_api import Browser, expect

import reblocks as gr
from tests.conftest import serve


def test_load_fills_the_page_and_unload_runs_when_the_tab_is_gone(browser: Browser) -> None:
    ended = threading.Event()
    with gr.Blocks() as demo:
        greeting = gr.Textbox(elem_id="greeting")
        kept = gr.Textbox("as it was", elem_id="kept")
        demo.load(lambda: ("hello", gr.skip()), None, [greeting, kept])
        demo.unload(ended.set)
    with serve(demo, session_grace_period=0.2) as url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url)
        expect(page.locator("#greeting input")).to_have_value("hello")
        expect(page.locator("#kept input")).to_have_value("as it was")  # gr.skip() left it alone
        assert not ended.is_set()
        context.close()  # the heartbeat drops; the session ends after its grace period
        assert ended.wait(10)
