"""gr.load_chat against a local OpenAI-compatible server, through the real `openai` client."""

from __future__ import annotations

import re

from gradio_client import Client
from playwright.sync_api import Page, expect

import reblocks as gr
from tests.browser import record_values
from tests.conftest import serve
from tests.fake_openai import fake_openai

TOKENS = ["Hello", " there", ",", " how", " can", " I", " help", "?"]


def send(page: Page, text: str) -> None:
    box = page.locator(".block.multimodaltextbox textarea, .block.textbox textarea, .block.textbox input").first
    box.fill(text)
    box.press("Enter")


def test_tokens_stream_in_order_and_history_reaches_the_server(page: Page) -> None:
    with fake_openai(TOKENS) as (fake, base_url):
        demo = gr.load_chat(base_url, model="tiny", token="secret", system_message="Be kind.",
                            file_types=None)
        with serve(demo) as url:
            page.goto(url)
            record_values(page, ".message[data-role=assistant]")
            send(page, "hi")
            answer = page.locator(".message[data-role=assistant]")
            expect(answer).to_have_text("Hello there, how can I help?")
            seen = [value.strip() for value in page.evaluate("window.__seen")]
            assert seen[-1] == "Hello there, how can I help?"
            for shorter, longer in zip(seen, seen[1:]):
                assert longer.startswith(shorter), seen
            send(page, "and again")
            expect(answer).to_have_count(2)
            expect(answer.last).to_have_text("Hello there, how can I help?")
    assert fake.requests[0]["model"] == "tiny" and fake.requests[0]["stream"] is True
    assert fake.requests[1]["messages"] == [
        {"role": "system", "content": "Be kind."},
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": "Hello there, how can I help?"},
        {"role": "user", "content": "and again"},
    ]


def test_server_errors_show_in_the_chat_and_the_app_keeps_working(page: Page) -> None:
    with fake_openai(TOKENS) as (fake, base_url):
        with serve(gr.load_chat(base_url, model="tiny", file_types=None)) as url:
            page.goto(url)
            fake.mode = "error"
            send(page, "first")
            toast = page.get_by_role("alert")
            expect(toast).to_contain_text("The model server failed")
            expect(toast).to_contain_text("500")
            toast.get_by_role("button", name="Close").click()
            fake.mode = "cut"
            send(page, "second")
            expect(page.get_by_role("alert")).to_contain_text("stopped answering")
            expect(page.locator(".message[data-role=assistant]").last).to_have_text("Hello there")
            page.get_by_role("alert").get_by_role("button", name="Close").click()
            fake.mode = "ok"
            send(page, "third")
            expect(page.locator(".message[data-role=assistant]").last).to_have_text(
                re.compile("^Hello there, how can I help\\?"))


def test_the_chat_endpoint_streams_through_gradio_client() -> None:
    with fake_openai(TOKENS) as (fake, base_url):
        with serve(gr.load_chat(base_url, model="tiny", file_types=None)) as url:
            job = Client(url, verbose=False).submit("hi", api_name="/chat")
            assert job.result(timeout=30) == "Hello there, how can I help?"
            assert job.outputs()[0] == "Hello"
