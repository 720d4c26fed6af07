"""`gr.BrowserState` in Chromium: the value lives in localStorage and survives a reload."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.conftest import load_demo, serve


def test_a_browser_state_survives_a_reload(page: Page) -> None:
    with serve(load_demo("blocks_browser_state").demo) as url:
        page.goto(url)
        for item in ("milk", "bread"):
            page.locator("#new-item input").fill(item)
            page.locator("#new-item input").press("Enter")
            expect(page.locator("#new-item input")).to_have_value("")
        expect(page.locator("#items")).to_contain_text("bread")
        assert page.evaluate("localStorage.getItem('todo')") == '["milk","bread"]'
        page.reload()
        # The load listener reads the stored list back, on a new session of the same browser.
        expect(page.locator("#items")).to_contain_text("milk")
        expect(page.locator("#items")).to_contain_text("bread")
