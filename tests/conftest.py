"""Shared fixtures: an app over aiohttp's test client, and a launched app on a real port."""

from __future__ import annotations

import importlib.util
import socket
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import msgspec
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from playwright.sync_api import Browser, Page, Playwright, expect, sync_playwright

import reblocks as gr
from reblocks.renderer import AppOptions, make_app
from reblocks.renderer.server import Server
from tests.browser import ARGS, CHROMIUM

API = "/gradio_api"
DEMOS = Path(__file__).parent.parent / "demos"
BOX = "Type a message..."  # the chat's textbox placeholder
# A slow CI machine should not fail a browser assertion that only waits for the page to catch up.
expect.set_options(timeout=10_000)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serve(demo: gr.Blocks, **options: Any) -> Iterator[str]:
    """Launch `demo` on a free loopback port for the duration of the block; yields its URL."""
    result = demo.launch(prevent_thread_lock=True, server_port=free_port(), quiet=True, **options)
    try:
        yield result.local_url
    finally:
        demo.close()


@contextmanager
def serve_host(app: web.Application) -> Iterator[str]:
    """Serve an aiohttp app (one that mounts reblocks apps) on a loopback port, on a thread of its own
    (a sync Playwright test keeps this thread's event loop busy); yields its URL."""
    server = Server(app, "127.0.0.1", free_port())
    server.start()
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.stop()


def load_demo(name: str) -> ModuleType:
    """Import a demo file as a fresh module (its `demo` object is built anew each time)."""
    spec = importlib.util.spec_from_file_location(f"demo_{name}", DEMOS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def demo_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """The URL of the demo named by the test's parameter, served for the test (slow demos sped up)."""
    module = load_demo(request.param)
    if hasattr(module, "sleep_time"):
        module.sleep_time = 0.3
    with serve(module.demo) as url:
        yield url


def send(page: Page, text: str, placeholder: str = BOX) -> None:
    """Type a chat message and press Enter."""
    box = page.get_by_placeholder(placeholder)
    box.fill(text)
    box.press("Enter")


def assistant(page: Page) -> Any:
    """The assistant's messages in the chat."""
    return page.locator(".message[data-role=assistant]")


async def make_client(demo: gr.Blocks, **options: Any) -> TestClient:
    client = TestClient(TestServer(make_app(demo, AppOptions(**options))))
    await client.start_server()
    return client


@pytest.fixture
async def client_factory() -> AsyncIterator[Any]:
    clients: list[TestClient] = []

    async def factory(demo: gr.Blocks, **options: Any) -> TestClient:
        client = await make_client(demo, **options)
        clients.append(client)
        return client

    yield factory
    for client in clients:
        await client.close()


def fn_index(demo: gr.Blocks, api_name: str) -> int:
    return next(d.id for d in demo.dependencies if d.api_name == api_name)


async def read_stream(client: TestClient, session_hash: str) -> list[dict[str, Any]]:
    """Every message of one `/queue/data` stream, up to and including close_stream."""
    messages = []
    async with client.get(f"{API}/queue/data", params={"session_hash": session_hash}) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/event-stream")
        async for line in response.content:
            if line.startswith(b"data: "):
                message = msgspec.json.decode(line[6:])
                messages.append(message)
                if message["msg"] == "close_stream":
                    break
    return messages


async def run_event(client: TestClient, demo: gr.Blocks, api_name: str, data: list[Any],
                    session_hash: str = "session1") -> list[dict[str, Any]]:
    """Join the queue for one endpoint and return its event's messages (and close_stream)."""
    body = {"data": data, "fn_index": fn_index(demo, api_name), "session_hash": session_hash}
    response = await client.post(f"{API}/queue/join", json=body)
    assert response.status == 200, await response.text()
    return await read_stream(client, session_hash)


# -- Chromium (Debian's, headless): one browser per test module, a fresh context per test --------
@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    yield browser
    browser.close()


FAKE_MEDIA = ("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
              "--autoplay-policy=no-user-gesture-required")
"""Chromium's fake camera and microphone, granted without asking; media may play unprompted."""


@pytest.fixture(scope="module")
def media_browser(playwright: Playwright) -> Iterator[Browser]:
    """Chromium with FAKE_MEDIA: a module that records or streams makes it its `browser`."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, *FAKE_MEDIA])
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
