"""Playwright helpers: Debian's Chromium and its flags, and a recorder of streamed values."""

from __future__ import annotations

from playwright.sync_api import Page

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


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
