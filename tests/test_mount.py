"""`gr.mount_gradio_app`: a reblocks app under /chat of a host aiohttp app, next to the host's routes,
in Chromium, through gradio_client, and behind a proxy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiohttp import web
from gradio_client import Client
from playwright.sync_api import Page, expect

import reblocks as gr
from tests.conftest import API, load_demo, serve_host


@pytest.fixture(scope="module")
def host() -> Iterator[str]:
    with serve_host(load_demo("mount_aiohttp").app) as url:
        yield url


def test_the_host_keeps_its_routes(host: str) -> None:
    assert httpx.get(f"{host}/health").json() == {"status": "ok"}
    assert httpx.get(f"{host}/chat", follow_redirects=True).url == f"{host}/chat/"
    assert httpx.get(f"{host}/config").status_code == 404  # the app's routes are only under its prefix


def test_the_page_works_under_the_prefix(page: Page, host: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{host}/chat/")
    page.locator("#text textarea, #text input").fill("hello")
    page.locator("#shout").click()
    expect(page.locator("#loud textarea, #loud input")).to_have_value("HELLO!")
    assert requested and all(url.startswith(f"{host}/chat/") for url in requested), requested


def test_gradio_client_predicts_under_the_prefix(host: str) -> None:
    assert Client(f"{host}/chat/", verbose=False).predict("hi", api_name="/shout") == "HI!"


def file_app(tmp_path: Path, **options: Any) -> web.Application:
    """A host app serving, under /tools, a reblocks app whose function returns a file."""
    (tmp_path / "report.txt").write_text("the report")
    with gr.Blocks() as demo:
        name = gr.Textbox()
        name.submit(lambda text: str(tmp_path / "report.txt"), name, gr.File(), api_name="report")
    app = web.Application()
    return gr.mount_gradio_app(app, demo, "/tools", allowed_paths=[str(tmp_path)], **options)


def _root_and_file_url(host: str, headers: dict[str, str]) -> tuple[str, str]:
    """The config's root, and the URL of the file the app returns, as a client behind `headers` sees them."""
    root = httpx.get(f"{host}/tools/config", headers=headers).json()["root"]
    response = httpx.post(f"{host}/tools{API}/run/predict", headers=headers,
                          json={"data": ["x"], "fn_index": 0, "session_hash": "s"})
    assert response.status_code == 200, response.text
    return root, response.json()["data"][0]["url"]


def test_urls_follow_the_request_and_the_proxy(tmp_path: Path) -> None:
    with serve_host(file_app(tmp_path)) as host:
        root, url = _root_and_file_url(host, {})
        assert root == f"{host}/tools" and url.startswith(f"{host}/tools{API}/file=")
        assert httpx.get(url).text == "the report"
        assert f'src="{host}/tools/assets/index.js"' in httpx.get(f"{host}/tools/").text
        proxy = {"X-Forwarded-Host": "apps.example.com", "X-Forwarded-Proto": "https"}
        root, url = _root_and_file_url(host, proxy)
        assert root == "https://apps.example.com/tools"
        assert url.startswith(f"https://apps.example.com/tools{API}/file=")


def test_root_path_names_the_public_path(tmp_path: Path) -> None:
    # A proxy serving the host app at /team strips that prefix: root_path gives the full public path.
    with serve_host(file_app(tmp_path, root_path="/team/tools")) as host:
        root, _ = _root_and_file_url(host, {"X-Forwarded-Host": "apps.example.com"})
        assert root == "http://apps.example.com/team/tools"


def test_mounting_at_the_root_is_refused() -> None:
    with pytest.raises(ValueError, match="below the root"):
        gr.mount_gradio_app(web.Application(), gr.Blocks(), "/")
