"""Saved chat history (localStorage), flagging from the chat, and .like in plain Blocks, in Chromium."""

from __future__ import annotations

import csv
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from aiohttp import web
from playwright.sync_api import Page, expect

import reblocks as gr
from reblocks.renderer import AppOptions, make_app
from tests.conftest import load_demo, send, serve, serve_host


def echo(message: str, history: list[Any]) -> str:
    return f"echo: {message}"


def test_saved_chats_survive_reload_resume_and_delete(page: Page) -> None:
    with serve(gr.ChatInterface(echo, save_history=True)) as url:
        page.goto(url)
        chats = page.locator("li.saved-chat")
        expect(page.locator(".saved-chats-empty")).to_be_visible()
        send(page, "first conversation")
        expect(page.locator(".message[data-role=assistant]")).to_have_text("echo: first conversation")
        page.get_by_role("button", name="New chat").click()
        expect(page.locator(".message")).to_have_count(0)
        send(page, "second conversation")
        expect(page.locator(".message[data-role=assistant]")).to_have_text("echo: second conversation")
        expect(chats).to_have_count(2)

        page.reload()
        expect(chats).to_have_count(2)
        expect(chats).to_have_text(["second conversation", "first conversation"])
        expect(page.locator(".message")).to_have_count(0)  # a reload starts a new, empty chat

        chats.filter(has_text="first conversation").locator("button.saved-chat-open").click()
        expect(page.locator(".message[data-role=user]")).to_have_text(["first conversation"])
        send(page, "and more")
        expect(page.locator(".message[data-role=assistant]")).to_have_text(
            ["echo: first conversation", "echo: and more"])
        expect(chats).to_have_count(2)  # continued, not a new chat
        page.reload()
        chats.filter(has_text="first conversation").locator("button.saved-chat-open").click()
        expect(page.locator(".message")).to_have_count(4)

        page.get_by_role("button", name="Delete chat: second conversation").click()
        expect(chats).to_have_count(1)
        page.reload()
        expect(chats).to_have_text(["first conversation"])
        page.get_by_role("button", name="New chat").click()
        expect(page.locator(".message")).to_have_count(0)


@contextmanager
def serve_side_by_side(apps: dict[str, gr.Blocks]) -> Iterator[str]:
    """Serve each app under its own path of one server, so all share one origin; yields the server's URL."""
    main = web.Application()
    for path, demo in apps.items():
        main.add_subapp(path, make_app(demo, AppOptions(root_path=path)))
    with serve_host(main) as url:
        yield url


def test_saved_chats_are_kept_per_app(page: Page) -> None:
    # One origin, hence one localStorage, and one title, hence one storage_key: only the page's path
    # keeps the two apps' chats apart.
    first = gr.ChatInterface(echo, save_history=True, title="Chat", description="The first app")
    second = gr.ChatInterface(echo, save_history=True, title="Chat", description="The second app")
    with serve_side_by_side({"/first": first, "/second": second}) as url:
        page.goto(f"{url}/first/")
        send(page, "only in the first")
        expect(page.locator("li.saved-chat")).to_have_count(1)
        page.goto(f"{url}/second/")
        expect(page.get_by_text("The second app")).to_be_visible()
        expect(page.locator(".saved-chats-empty")).to_be_visible()
        expect(page.locator("li.saved-chat")).to_have_count(0)
        page.goto(f"{url}/first/")
        expect(page.get_by_text("The first app")).to_be_visible()
        expect(page.locator("li.saved-chat")).to_have_text(["only in the first"])


def test_like_and_spam_flags_write_exactly_two_rows(page: Page, tmp_path: Path) -> None:
    slow_echo = load_demo("chat_flagging_history").slow_echo
    demo = gr.ChatInterface(slow_echo, flagging_mode="manual",
                            flagging_options=["Like", "Spam", "Inappropriate", "Other"],
                            flagging_dir=str(tmp_path), save_history=True)
    assert demo.flag_log is not None
    written = threading.Semaphore(0)
    append = demo.flag_log.append

    def append_and_signal(*args: Any) -> None:
        append(*args)
        written.release()

    demo.flag_log.append = append_and_signal  # type: ignore[method-assign]
    with serve(demo) as url:
        page.goto(url)
        send(page, "one")
        answers = page.locator(".message[data-role=assistant]")
        expect(answers).to_have_text(["You typed: one"])
        send(page, "two")
        expect(answers).to_have_text(["You typed: one", "You typed: two"])
        expect(page.get_by_role("button", name="Dislike", exact=True)).to_have_count(0)
        answers.nth(0).hover()
        answers.nth(0).get_by_role("button", name="Like", exact=True).click()
        expect(answers.nth(0).get_by_role("button", name="Like", exact=True)).to_have_attribute(
            "aria-pressed", "true")
        answers.nth(1).hover()
        answers.nth(1).get_by_role("button", name="Flag").click()
        expect(page.get_by_role("menuitem")).to_have_text(["Spam", "Inappropriate", "Other"])
        page.get_by_role("menuitem", name="Spam").click()
        assert written.acquire(timeout=10) and written.acquire(timeout=10)
    with open(tmp_path / "dataset1.csv", newline="", encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    assert [row["flag"] for row in rows] == ["Like", "Spam"]
    assert json.loads(rows[0]["message"])["content"][0]["text"] == "You typed: one"
    assert json.loads(rows[1]["message"])["content"][0]["text"] == "You typed: two"
    history = json.loads(rows[1]["history"])
    assert [message["content"][0]["text"] for message in history] == [
        "one", "You typed: one", "two", "You typed: two"]


def test_like_event_in_plain_blocks(page: Page) -> None:
    seen: list[tuple[Any, Any, Any]] = []

    def liked(data: gr.LikeData) -> str:
        seen.append((data.index, data.value, data.liked))
        return f"{'liked' if data.liked else 'disliked'} message {data.index}"

    with gr.Blocks() as demo:
        chatbot = gr.Chatbot([{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}])
        status = gr.Textbox(elem_id="status")
        chatbot.like(liked, None, status)
    with serve(demo) as url:
        page.goto(url)
        answer = page.locator(".message[data-role=assistant]")
        answer.hover()
        answer.get_by_role("button", name="Dislike", exact=True).click()
        expect(page.locator("#status input")).to_have_value("disliked message 1")
    assert seen[0][0] == 1 and seen[0][2] is False


def test_full_storage_drops_the_oldest_chats_and_says_so(page: Page) -> None:
    # Pretend storage holds about two short chats: a bigger write fails as a full quota does.
    page.add_init_script("""
        const setItem = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key, value) {
            if (key.startsWith("reblocks:saved-chats") && value.length > 700) {
                throw new DOMException("full", "QuotaExceededError");
            }
            return setItem.call(this, key, value);
        };
    """)
    with serve(gr.ChatInterface(echo, save_history=True)) as url:
        page.goto(url)
        for text in ("chat one", "chat two", "chat three"):
            page.get_by_role("button", name="New chat").click()
            send(page, text)
            expect(page.locator(".message[data-role=assistant]")).to_have_text(f"echo: {text}")
        expect(page.locator(".saved-chats-notice")).to_contain_text("Storage is full")
        expect(page.locator(".saved-chats-notice")).to_contain_text("removed")
        chats = page.locator("li.saved-chat")
        expect(chats.first).to_have_text("chat three")
        expect(chats.filter(has_text="chat one")).to_have_count(0)
