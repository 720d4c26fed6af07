"""A local OpenAI-compatible server for tests: streams chat completions as SSE chunks, as the OpenAI
API documents, records every request, and can fail with a 500 or cut a stream mid-way."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aiohttp import web


class FakeOpenAI:
    """`mode` is "ok", "error" (HTTP 500) or "cut" (closes the stream after two tokens)."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.mode = "ok"
        self.requests: list[dict[str, Any]] = []

    async def completions(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        self.requests.append(body)
        if self.mode == "error":
            return web.json_response({"error": {"message": "model exploded", "type": "server_error"}},
                                     status=500)
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        for index, token in enumerate(self.tokens):
            if self.mode == "cut" and index == 2:
                request.transport.close()  # type: ignore[union-attr]
                return response
            chunk = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 0,
                     "model": body["model"], "choices": [{"index": 0, "delta": {"content": token},
                                                          "finish_reason": None}]}
            await response.write(f"data: {json.dumps(chunk)}\n\n".encode())
        await response.write(b"data: [DONE]\n\n")
        return response


@contextmanager
def fake_openai(tokens: list[str]) -> Iterator[tuple[FakeOpenAI, str]]:
    """Run a FakeOpenAI on a loopback port in its own thread; yields it and its /v1 base URL."""
    fake = FakeOpenAI(tokens)
    app = web.Application()
    app.router.add_post("/v1/chat/completions", fake.completions)
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(app)
    ready = threading.Event()

    def run() -> None:
        # Everything on the server's own loop: the test thread may already run one (Playwright).
        asyncio.set_event_loop(loop)
        loop.run_until_complete(runner.setup())
        loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", 0).start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(10)
    port = runner.addresses[0][1]
    try:
        yield fake, f"http://127.0.0.1:{port}/v1"
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
