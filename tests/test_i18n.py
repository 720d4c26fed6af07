"""The page's language: the UI's own words follow the browser's (English or Simplified Chinese), an
app's `gr.I18n` keys show in it, and what the app's author wrote stays as written."""

from __future__ import annotations

import json
import threading
import urllib.request
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

import reblocks as gr
from tests.conftest import assistant, send, serve

TRANSLATIONS = {
    "en": {"greeting": "Hello", "name": "Your name", "send": "Send", "only_english": "Only in English"},
    "zh": {"greeting": "你好", "name": "你的名字", "send": "发送"},
}
# The UI's own words, per browser locale: Submit, placeholder, and a message's Copy/Retry/Undo.
CHAT_WORDS = {
    "zh-CN": ("发送", "输入消息…", ("复制", "重试", "撤销")),
    "en-US": ("Submit", "Type a message...", ("Copy", "Retry", "Undo")),
}

OpenPage = Callable[..., Page]


@pytest.fixture
def open_page(browser: Browser) -> Iterator[OpenPage]:
    """Open a URL in a fresh browser context whose language is `locale`."""
    contexts = []

    def open_in(url: str, locale: str) -> Page:
        context = browser.new_context(locale=locale)
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        return page

    yield open_in
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def chat_url() -> Iterator[str]:
    def echo(message: str, history: list[Any]) -> str:
        return f"echo: {message}"

    with serve(gr.ChatInterface(echo)) as url:
        yield url


@pytest.fixture(scope="module")
def i18n_url() -> Iterator[str]:
    i18n = gr.I18n(**TRANSLATIONS)
    with gr.Blocks() as demo:
        gr.Markdown(i18n("greeting"))
        gr.Textbox(label=i18n("name"), placeholder=i18n("name"))
        gr.Textbox(label="City")  # the author's own words: never translated
        gr.Textbox(label=i18n("only_english"))
        gr.Textbox(label=i18n("nowhere"))
        gr.Button(i18n("send"))
        gr.Button("Submit")  # a word the UI's dictionary knows, written by the author: stays
    with serve(demo, i18n=i18n) as url:
        yield url


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_chat_speaks_the_browsers_language_and_still_chats(open_page: OpenPage, chat_url: str, locale: str) -> None:
    submit, placeholder, actions = CHAT_WORDS[locale]
    page = open_page(chat_url, locale)
    expect(page.get_by_role("button", name=submit, exact=True)).to_be_visible()
    send(page, "hi", placeholder)
    expect(assistant(page)).to_have_text("echo: hi")
    assistant(page).hover()
    for name in actions:
        expect(assistant(page).get_by_role("button", name=name, exact=True)).to_be_visible()


def test_stop_shows_in_chinese_while_answering(open_page: OpenPage) -> None:
    release = threading.Event()

    def waiting(message: str, history: list[Any]) -> Iterator[str]:
        yield "…"
        release.wait(10)

    with serve(gr.ChatInterface(waiting)) as url:
        try:
            page = open_page(url, "zh-CN")
            send(page, "hi", placeholder="输入消息…")
            stop = page.get_by_role("button", name="停止", exact=True)
            expect(stop).to_be_visible()
            stop.click()
            expect(page.get_by_role("button", name="发送", exact=True)).to_be_visible()
        finally:
            release.set()


def test_the_authors_chat_labels_stay(open_page: OpenPage) -> None:
    chat = gr.ChatInterface(lambda message, history: message, submit_btn="Go",
                            textbox=gr.Textbox(placeholder="Ask me"))
    with serve(chat) as url:
        page = open_page(url, "zh-CN")
        expect(page.get_by_role("button", name="Go", exact=True)).to_be_visible()
        expect(page.get_by_placeholder("Ask me", exact=True)).to_be_visible()


@pytest.mark.parametrize(("locale", "greeting", "name", "send"), [
    ("zh-CN", "你好", "你的名字", "发送"),
    ("en-US", "Hello", "Your name", "Send"),
    ("fr-FR", "Hello", "Your name", "Send"),  # no French: English, as Gradio falls back
])
def test_i18n_keys_show_in_the_browsers_language(open_page: OpenPage, i18n_url: str, locale: str, greeting: str,
                                                 name: str, send: str) -> None:
    page = open_page(i18n_url, locale)
    expect(page.get_by_text(greeting, exact=True)).to_be_visible()
    expect(page.get_by_label(name, exact=True)).to_have_attribute("placeholder", name)
    expect(page.get_by_role("button", name=send, exact=True)).to_be_visible()
    expect(page.get_by_label("City", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Submit", exact=True)).to_be_visible()
    expect(page.get_by_label("Only in English", exact=True)).to_be_visible()  # no Chinese text: the English
    expect(page.get_by_label("nowhere", exact=True)).to_be_visible()  # no text at all: the key


def test_lang_query_overrides_the_browser(open_page: OpenPage, i18n_url: str, chat_url: str) -> None:
    page = open_page(f"{i18n_url}?__lang=zh-CN", "en-US")
    expect(page.get_by_role("button", name="发送", exact=True)).to_be_visible()
    chat = open_page(f"{chat_url}?__lang=zh-CN", "en-US")
    expect(chat.get_by_placeholder("输入消息…", exact=True)).to_be_visible()
    expect(chat.locator("html")).to_have_attribute("lang", "zh-CN")


def test_config_carries_markers_and_translations_as_gradio_does() -> None:
    i18n = gr.I18n(**TRANSLATIONS)
    assert i18n("send") == '__i18n__{"__type__": "translation_metadata", "key": "send"}'
    with gr.Blocks() as demo:
        gr.Button(i18n("send"))
    with warnings.catch_warnings(record=True) as caught, serve(demo, i18n=i18n) as url:
        warnings.simplefilter("always")
        with urllib.request.urlopen(f"{url}config") as response:
            config = json.load(response)
    assert not [warning for warning in caught if "i18n" in str(warning.message)]
    assert config["i18n_translations"] == TRANSLATIONS
    button = next(entry for entry in config["components"] if entry["type"] == "button")
    assert button["props"]["value"] == i18n("send")


def test_bad_locales_and_bad_i18n_are_reported() -> None:
    with pytest.warns(UserWarning, match="Invalid locale code: 'Chinese'"):
        gr.I18n(Chinese={"greeting": "你好"})
    with pytest.raises(TypeError, match="takes a gr.I18n"):
        gr.Blocks().launch(i18n={"en": {}}, prevent_thread_lock=True)  # type: ignore[arg-type]


@pytest.mark.parametrize(("locale", "label"), [("zh-CN", "更多输入"), ("en-US", "Additional Inputs")])
def test_the_additional_inputs_label_follows_the_language(open_page: OpenPage, locale: str, label: str) -> None:
    chat = gr.ChatInterface(lambda message, history, tone: message, additional_inputs=[gr.Textbox(label="Tone")])
    form = gr.Interface(lambda text, tone: text, "text", "text", additional_inputs=[gr.Textbox(label="Tone")])
    for demo in (chat, form):
        with serve(demo) as url:
            page = open_page(url, locale)
            expect(page.get_by_text(label, exact=True)).to_be_visible()
