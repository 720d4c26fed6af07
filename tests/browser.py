"""Playwright helpers: Debian's Chromium, headless, one browser per test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def record_values(page: Page, selector: str) -> None:
    """Record every distinct value an input takes, once per frame, into window.__seen."""
    page.evaluate(
        """(selector) => {
            window.__seen = [];
            const tick = () => {
                const el = document.querySelector(selector);
                const value = el ? (el.value ?? el.textContent) : null;
                if (value && window.__seen[window.__seen.length - 1] !== value) window.__seen.push(value);
                requestAnimationFrame(tick);
            };
            tick();
        }""",
        selector,
    )
