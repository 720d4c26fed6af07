"""`gr.Request` in a function: in Chromium (the page's query string, headers) and through gradio_client."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from gradio_client import Client
from playwright.sync_api import Page, expect

import reblocks as gr
from tests.conftest import load_demo, serve


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with serve(load_demo("blocks_request").demo) as url:
        yield url


def test_the_function_sees_the_pages_query_and_headers(page: Page, url: str) -> None:
    page.goto(url + "?name=Ada")
    page.locator("#who").click()
    answer = page.locator("#answer textarea, #answer input")
    expect(answer).to_have_value(re.compile(r"^Hello, Ada! You came from 127\.0\.0\.1 with Mozilla, in session \w+\.$"))


def test_gradio_client_requests_carry_their_headers() -> None:
    def echo(text: str, request: gr.Request) -> str:
        return f"{text} {request.headers['x-team']} {request.headers['X-Team']} {bool(request.session_hash)}"

    with gr.Blocks() as demo:
        box = gr.Textbox()
        box.submit(echo, box, box, api_name="echo")
    with serve(demo) as url:
        client = Client(url, verbose=False, headers={"X-Team": "blue"})
        assert client.predict("hi", api_name="/echo") == "hi blue blue True"
        # The request parameter is the runner's to fill: the API shows only the text.
        assert [parameter["parameter_name"] for parameter in client.view_api(return_format="dict", print_info=False)
                ["named_endpoints"]["/echo"]["parameters"]] == ["text"]
