"""`validator=` and `gr.validate`: refused inputs show their message and the function is not called."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from gradio_client import Client
from playwright.sync_api import Page, expect

import reblocks as gr
from tests.conftest import BOX, assistant, load_demo, send, serve


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with serve(load_demo("blocks_validator").demo) as url:
        yield url


def test_a_refused_input_shows_why_and_the_function_does_not_run(page: Page, url: str) -> None:
    page.goto(url)
    page.locator("#age input").fill("200")
    page.locator("#greet").click()
    expect(page.locator("#name .validation-error")).to_have_text("Please enter a name.")
    expect(page.locator("#age .validation-error")).to_have_text("An age is between 0 and 130.")
    expect(page.locator("#greeting input")).to_have_value("")
    page.locator("#name input").fill("Ada")
    expect(page.locator("#name .validation-error")).to_have_count(0)  # gone once the value changes
    page.locator("#age input").fill("36")
    page.locator("#greet").click()
    expect(page.locator("#greeting input")).to_have_value("Hello Ada, 36 years young!")
    expect(page.locator(".validation-error")).to_have_count(0)


def test_gradio_client_is_refused_too(url: str) -> None:
    client = Client(url, verbose=False)
    with pytest.raises(Exception, match="Please enter a name"):
        client.predict("", 20, api_name="/greet")
    assert client.predict("Ada", 36, api_name="/greet") == "Hello Ada, 36 years young!"


def test_a_chat_validator_keeps_a_refused_message_out_of_the_chat(page: Page) -> None:
    demo = gr.ChatInterface(lambda message, history: f"ok: {message}",
                            validator=lambda message: gr.validate("spam" not in message, "No spam, please."))
    with serve(demo) as url:
        page.goto(url)
        send(page, "buy spam")
        expect(page.get_by_role("alert").filter(has_text="No spam, please.")).to_be_visible()
        expect(page.locator(".message")).to_have_count(0)
        expect(page.get_by_placeholder(BOX)).to_have_value("buy spam")
        send(page, "hello")
        expect(assistant(page)).to_have_text(["ok: hello"])
