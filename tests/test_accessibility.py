"""Accessibility: every demo, run as its author runs it, has no serious or critical axe-core violation
once its page has drawn, in light and in dark mode (and, behind a login, neither has the login form)."""

from __future__ import annotations

import runpy
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

import reblocks as gr
from tests.conftest import DEMOS, serve, serve_host

AXE = Path(__file__).parent.parent / "js" / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")

# Each demo file, and the app page it serves. None is left out: every one starts without a network
# (load_chat_ollama's page draws offline; only a message sent needs its model server).
FILES = sorted([*DEMOS.glob("*.py"), DEMOS / "dev_chat" / "app.py"])
# Mounted at /chat/ of an aiohttp app of its own: served as that app, not by `launch`.
MOUNTED = {"mount_aiohttp.py": "/chat/"}

# Every block drawn: lazily loaded components have arrived and rendered Markdown replaced the plain text.
DRAWN = """() => {
    const blocks = [...document.querySelectorAll("#reblocks-app .block")].filter((block) => !block.closest("[hidden]"));
    return blocks.length > 0 && blocks.every((block) => block.childElementCount > 0)
        && !document.querySelector(".prose.plain") && document.fonts.status === "loaded";
}"""


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page that may add axe-core's script: the app's Content Security Policy admits only its own."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def demo_id(path: Path) -> str:
    return str(path.relative_to(DEMOS).with_suffix(""))


@contextmanager
def served(path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, dict[str, Any]]]:
    """The demo at `path` served as its `__main__` block launches it (theme, css, auth, i18n...): yields its
    URL and the keywords it launches with."""
    monkeypatch.syspath_prepend(str(path.parent))  # dev_chat imports its neighbour module
    if path.name in MOUNTED:
        app = runpy.run_path(str(path))["app"]
        with serve_host(app) as address:
            yield address + MOUNTED[path.name], {}
        return
    launched: dict[str, Any] = {}

    def capture(blocks: gr.Blocks, **options: Any) -> None:
        launched.update(options, blocks=blocks)

    with monkeypatch.context() as patched:
        patched.setattr(gr.Blocks, "launch", capture)
        namespace = runpy.run_path(str(path), run_name="__main__")
    demo = launched.pop("blocks", None) or namespace["demo"]
    with serve(demo, **launched) as address:
        yield address, launched


def violations(page: Page) -> list[dict[str, Any]]:
    """The page's serious and critical axe-core violations."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("axe.run(document, { resultTypes: ['violations'] })")
    return [violation for violation in results["violations"] if violation["impact"] in SERIOUS]


def report(found: list[dict[str, Any]]) -> str:
    lines = []
    for violation in found:
        lines.append(f"{violation['impact']}: {violation['id']}: {violation['help']}")
        lines.extend(f"    {node['target']} {' | '.join(line.strip() for line in node['failureSummary'].splitlines()[1:])}"
                     for node in violation["nodes"][:8])
    return "\n".join(lines)


def check(page: Page, where: str) -> None:
    found = violations(page)
    if found:
        print(f"\n{where}\n{report(found)}")
    assert not found, f"{where}: {len(found)} serious or critical axe violations\n{report(found)}"


@pytest.mark.parametrize("path", FILES, ids=demo_id)
def test_the_demo_has_no_serious_accessibility_violations(page: Page, path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    assert AXE.exists(), "run `npm install` in js/ first (axe-core is a dev dependency)"
    with served(path, monkeypatch) as (url, launched):
        open_app(page, url, launched, demo_id(path))
        page.wait_for_function(DRAWN)
        check(page, demo_id(path))


def open_app(page: Page, url: str, launched: dict[str, Any], where: str) -> None:
    """Go to the app at `url`; behind a login, check the login form first, then log in."""
    page.goto(url)
    if launched.get("auth"):
        check(page, f"{where} (login)")
        username, password = launched["auth"][0]
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Login").click()
        expect(page).to_have_url(url)


def test_a_conversation_has_no_serious_accessibility_violations(page: Page) -> None:
    """The chat's messages and their buttons, after an exchange (the demos open on empty chats)."""
    chat = gr.ChatInterface(lambda message, history: f"You said **{message}**", editable=True,
                            flagging_mode="manual", flagging_options=["Spam", "Wrong"])
    with serve(chat) as url:
        page.goto(url)
        box = page.get_by_placeholder("Type a message...")
        box.fill("Hello")
        box.press("Enter")
        expect(page.locator(".message[data-role=assistant] strong")).to_have_text("Hello")
        page.wait_for_function(DRAWN)
        check(page, "ChatInterface after one exchange")


def tab_to(page: Page, target: Locator, presses: int) -> None:
    """Press Tab, at most `presses` times, until `target` has the focus; fail if it never does."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if target.evaluate("(element) => element === document.activeElement"):
            break
    expect(target).to_be_focused()


def liked_value(data: gr.LikeData) -> str:
    return str(data.liked)


def test_the_chats_buttons_are_reached_and_pressed_by_keyboard_with_a_visible_focus(page: Page) -> None:
    with gr.Blocks() as demo:
        chatbot = gr.Chatbot([{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}],
                             resizable=True)
        liked = gr.Textbox(label="Liked")
        chatbot.like(liked_value, None, liked)
    with serve(demo) as url:
        page.goto(url)
        like = page.locator(".message[data-role=assistant]").get_by_role("button", name="Like", exact=True)
        expect(like).to_be_attached()
        # Tab from the top of the page until the Like button has the focus: every step is a key press.
        tab_to(page, like, 20)
        expect(like).not_to_have_css("outline-style", "none")
        expect(page.locator(".message[data-role=assistant] .actions")).to_have_css("opacity", "1")
        page.keyboard.press("Enter")
        expect(like).to_have_attribute("aria-pressed", "true")
        expect(page.get_by_label("Liked")).to_have_value("True")
        # the resize handle is next in line, and the arrow keys move it
        handle = page.get_by_role("separator", name="Resize the chat")
        tab_to(page, handle, 5)
        expect(handle).not_to_have_css("outline-style", "none")
        height = page.locator(".chatbot .chatbot").evaluate("(element) => element.offsetHeight")
        page.keyboard.press("ArrowDown")
        expect(page.locator(".chatbot .chatbot")).to_have_css("height", f"{height + 20}px")


@pytest.mark.parametrize("path", [path for path in FILES if path.name not in MOUNTED], ids=demo_id)
def test_the_demo_in_dark_mode_has_no_serious_accessibility_violations(page: Page, path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    with served(path, monkeypatch) as (url, launched):
        open_app(page, url, launched, demo_id(path))
        page.goto(f"{url}?__theme=dark")
        expect(page.locator("body")).to_have_class("dark")
        page.wait_for_function(DRAWN)
        check(page, f"{demo_id(path)} (dark)")


THEMES = ("default", "origin", "soft", "ocean", "glass", "monochrome", "citrus")


def themed_app(theme: str) -> gr.Blocks:
    """One of each kind of control and text a theme colours: buttons of every variant, a selected tab,
    form controls, a link, code, a chat with both roles, a table."""
    with gr.Blocks(theme=theme, title=f"{theme} theme") as demo:
        gr.Markdown("# Title\n\nText with a [link](https://example.com) and `code`.")
        with gr.Tabs():
            with gr.Tab("First"):
                with gr.Row():
                    gr.Button("Primary", variant="primary")
                    gr.Button("Secondary", variant="secondary")
                    gr.Button("Stop", variant="stop")
                gr.Textbox(label="Name", info="Your full name", placeholder="Ada Lovelace")
                gr.Slider(0, 10, value=3, label="Amount")
                gr.Checkbox(True, label="Agree")
                gr.Radio(["a", "b"], value="a", label="Choice")
                gr.Dropdown(["x", "y"], value="x", label="Pick")
            with gr.Tab("Second"):
                gr.Markdown("Other tab")
        gr.Chatbot([{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello, **there**!"}],
                   label="Chat")
        gr.Dataframe([[1, "one"], [2, "two"]], headers=["n", "name"], label="Table", interactive=False)
    return demo


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("theme", THEMES)
def test_every_named_theme_has_no_serious_accessibility_violations(page: Page, theme: str, dark: bool) -> None:
    with serve(themed_app(theme)) as url:
        page.goto(f"{url}?__theme=dark" if dark else url)
        if dark:
            expect(page.locator("body")).to_have_class("dark")
        expect(page.locator("html")).to_have_attribute("data-theme", theme)
        page.wait_for_function(DRAWN)
        check(page, f"{theme} ({'dark' if dark else 'light'})")
