"""An answer being generated outlives its connection and its page: a reload, or a connection cut in the
middle, picks the stream up where it was, and the page shows the exact answer, each word once."""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, Request, expect

import reblocks as gr
from tests.browser import record_values
from tests.conftest import assistant, load_demo, send, serve

STOP_TIMEOUT = 10  # seconds for the generator's finally: to run once Stop is pressed


def counting(**settings: float) -> Any:
    """A fresh `chat_resume` demo module, with `settings` (TOKENS, DELAY) in place of its own."""
    module = load_demo("chat_resume")
    vars(module).update(settings)
    return module


def answer(module: Any) -> str:
    return " ".join(str(number) for number in range(1, module.TOKENS + 1))


@contextmanager
def chat(module: Any) -> Iterator[str]:
    with serve(module.demo) as url:
        yield url


def streams(page: Page) -> list[Request]:
    """The page's `/queue/data` requests, collected as they are made (across reloads)."""
    requests: list[Request] = []
    page.on("request", lambda request: requests.append(request) if "/queue/data" in request.url else None)
    return requests


def session_of(request: Request) -> str:
    return parse_qs(urlsplit(request.url).query)["session_hash"][0]


def assert_grew_word_by_word(page: Page, full: str) -> None:
    """Every value the answer showed is a beginning of the full answer: no word lost or repeated."""
    seen = [value.strip() for value in page.evaluate("window.__seen")]
    wrong = [value for value in seen if not full.startswith(value)]
    assert seen and not wrong, wrong[:3]


def test_reload_mid_answer_shows_the_whole_answer(page: Page) -> None:
    module = counting(DELAY=0.03)
    full = answer(module)
    requests = streams(page)
    with chat(module) as url:
        page.goto(url)
        send(page, "count")
        expect(assistant(page)).to_have_text(re.compile(r"^1 2 3 4 5 6 7 8 9 10 "))
        before = assistant(page).inner_text().strip()
        page.reload()
        record_values(page, ".message[data-role=assistant]")
        expect(page.locator(".message[data-role=user]")).to_have_text(["count"])
        expect(assistant(page)).to_have_text(full)
        expect(page.get_by_role("button", name="Submit")).to_be_visible()
        expect(page.get_by_role("button", name="Stop")).to_be_hidden()
        first = page.evaluate("window.__seen[0]").strip()
        assert first.startswith(before)  # the part shown before the reload came back with the page
        assert_grew_word_by_word(page, full)
        resumed = requests[-1]
        assert session_of(resumed) == session_of(requests[0]) and resumed.headers.get("last-event-id")
        assert module.finished.is_set()
        expect(page.locator(".toast")).to_have_count(0)


class CuttingProxy:
    """A TCP proxy on a loopback port and a thread of its own, between the browser and the server: it
    drops the first `/queue/data` connection in the middle of a chunk, once it has passed on `after`
    streamed steps. `heads` collects the head of each `/queue/data` request it forwarded."""

    def __init__(self, upstream: str, after: int) -> None:
        target = urlsplit(upstream)
        self.host, self.port = target.hostname or "127.0.0.1", target.port or 80
        self.after = after
        self.cut = threading.Event()
        self.heads: list[bytes] = []
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self.url = ""
        """The proxy's URL for the browser, once entered."""

    def __enter__(self) -> CuttingProxy:
        self._thread.start()
        start = asyncio.start_server(self._connection, "127.0.0.1", 0)
        self._server = asyncio.run_coroutine_threadsafe(start, self._loop).result(10)
        self.url = f"http://127.0.0.1:{self._server.sockets[0].getsockname()[1]}/"
        return self

    def __exit__(self, *exc: object) -> None:
        async def stop() -> None:
            assert self._server is not None
            self._server.close()
            connections = asyncio.all_tasks() - {asyncio.current_task()}
            for task in connections:
                task.cancel()
            await asyncio.gather(*connections, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    async def _connection(self, browser_in: asyncio.StreamReader, browser_out: asyncio.StreamWriter) -> None:
        server_in, server_out = await asyncio.open_connection(self.host, self.port)
        stream = False  # this connection carries a /queue/data response that is to be cut

        async def requests() -> None:
            nonlocal stream
            while data := await browser_in.read(65536):
                if b"/queue/data" in data:
                    self.heads.append(data.split(b"\r\n\r\n")[0])
                    stream = not self.cut.is_set()
                server_out.write(data)
                await server_out.drain()

        async def responses() -> None:
            steps = 0
            while data := await server_in.read(65536):
                if stream and not self.cut.is_set():
                    steps += data.count(b'"process_generating"')
                    if steps >= self.after:
                        # Half of what the server wrote gets through, ending inside a message.
                        self.cut.set()
                        browser_out.write(data[: len(data) // 2])
                        await browser_out.drain()
                        browser_out.transport.abort()
                        server_out.transport.abort()
                        return
                browser_out.write(data)
                await browser_out.drain()

        try:
            await asyncio.gather(requests(), responses())
        except (ConnectionError, OSError):
            pass
        finally:
            browser_out.transport.abort()
            server_out.transport.abort()


def test_a_connection_cut_mid_answer_resumes_without_a_word_lost_or_repeated(page: Page) -> None:
    module = counting()
    full = answer(module)
    with chat(module) as url, CuttingProxy(url, after=10) as proxy:
        page.goto(proxy.url)
        record_values(page, ".message[data-role=assistant]")
        send(page, "count")
        expect(assistant(page)).to_have_text(full)
        assert_grew_word_by_word(page, full)
        expect(page.locator(".toast")).to_have_count(0)
        assert proxy.cut.is_set()
        # the connection that took over said where the cut one had stopped
        assert any(b"\r\nlast-event-id: " in head.lower() for head in proxy.heads[1:]), proxy.heads


def test_stop_after_a_reload_cancels_the_answer(page: Page) -> None:
    module = counting(DELAY=0.2)  # long enough for the reload and the click to come before the end
    full = answer(module)
    with chat(module) as url:
        page.goto(url)
        send(page, "count")
        expect(assistant(page)).to_have_text(re.compile(r"^1 2 "))
        page.reload()
        stop = page.get_by_role("button", name="Stop")
        expect(stop).to_be_visible()
        expect(page.locator(".message[data-role=user]")).to_have_text(["count"])
        expect(assistant(page)).to_have_text(re.compile(r"^1 2 3 "))  # still streaming after the reload
        assert not module.finished.is_set()
        stop.click()
        assert module.finished.wait(STOP_TIMEOUT)  # the generator's finally: ran
        expect(page.get_by_role("button", name="Submit")).to_be_visible()
        expect(stop).to_be_hidden()
        partial = assistant(page).inner_text().strip()
        assert full.startswith(partial) and partial != full


def test_a_reload_with_nothing_running_starts_a_fresh_session(page: Page) -> None:
    module = counting(TOKENS=3)
    requests = streams(page)
    with chat(module) as url:
        page.goto(url)
        send(page, "count")
        expect(assistant(page)).to_have_text("1 2 3")
        page.reload()
        expect(page.get_by_role("button", name="Submit")).to_be_visible()
        expect(page.locator(".message")).to_have_count(0)
        send(page, "again")
        expect(assistant(page)).to_have_text("1 2 3")
        sessions = [session_of(request) for request in requests]
        assert len(set(sessions)) == 2
        fresh = requests[sessions.index(sessions[-1])]
        assert "last-event-id" not in fresh.headers


def test_a_full_session_storage_means_a_fresh_page_after_reload(page: Page) -> None:
    page.add_init_script("""Storage.prototype.setItem = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };""")
    module = counting(DELAY=0.05)
    requests = streams(page)
    with chat(module) as url:
        page.goto(url)
        send(page, "count")
        expect(assistant(page)).to_have_text(re.compile(r"^1 2 3 "))
        page.reload()
        expect(page.get_by_role("button", name="Submit")).to_be_visible()
        expect(page.locator(".message")).to_have_count(0)
        module.TOKENS = 3
        send(page, "again")
        expect(assistant(page)).to_have_text("1 2 3")
        expect(page.locator(".toast")).to_have_count(0)
        assert len({session_of(request) for request in requests}) == 2


def test_a_chat_saved_in_history_stays_one_chat_after_a_reload_mid_answer(page: Page) -> None:
    module = counting(DELAY=0.03)
    full = answer(module)
    saving = gr.ChatInterface(module.count, save_history=True, title="Saved")
    with serve(saving) as url:
        page.goto(url)
        send(page, "count")
        expect(page.locator("li.saved-chat")).to_have_count(1)
        expect(assistant(page)).to_have_text(re.compile(r"^1 2 3 4 5 "))
        page.reload()
        expect(assistant(page)).to_have_text(full)
        expect(page.locator("li.saved-chat")).to_have_count(1)  # the resumed answer is filed under it
        page.get_by_role("button", name="New chat").click()
        page.locator("li.saved-chat button").first.click()
        expect(assistant(page)).to_have_text(full)
