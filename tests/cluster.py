"""What the cluster tests and benchmark share: a redis-server of their own, app processes started from one
file on it, the raw protocol over HTTP, and a round-robin proxy in front of several processes."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import msgspec
from aiohttp import ClientSession, ClientTimeout, web

from tests.conftest import API, DEMOS, free_port, serve_host

_HOP_HEADERS = {"content-length", "transfer-encoding", "connection", "keep-alive"}


@contextmanager
def redis_server() -> Iterator[str]:
    """A redis-server on a free loopback port, in memory only; yields its URL."""
    binary = shutil.which("redis-server")
    assert binary is not None, "redis-server is not installed (Debian: apt-get install redis-server)"
    port = free_port()
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no"], stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True,
                             text=True).stdout.strip() != "PONG":
            assert process.poll() is None and time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(10)


def start_app(redis_url: str, app: Path = DEMOS / "cluster_app.py", **env: str) -> tuple[subprocess.Popen[bytes], str]:
    """One process serving the app file `app` on the cluster; returns it and its URL once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(app)],
        env={**os.environ, "REBLOCKS_REDIS_URL": redis_url, "GRADIO_SERVER_PORT": str(port), **env},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}config", timeout=5).status_code == 200:
                return process, url
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            raise RuntimeError(f"{app.name} did not start: {process.stderr.read().decode() if process.stderr else ''}")
        time.sleep(0.05)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def fn_index(url: str, api_name: str) -> int:
    config = httpx.get(f"{url}config").json()
    return next(d["id"] for d in config["dependencies"] if d.get("api_name") == api_name)


def join(url: str, api_name: str, data: list[Any], session: str) -> str:
    """Queue an event through `url`'s process; its id."""
    response = httpx.post(f"{url.rstrip('/')}{API}/queue/join", json={
        "data": data, "fn_index": fn_index(url, api_name), "session_hash": session})
    assert response.status_code == 200, response.text
    return str(response.json()["event_id"])


def follow(url: str, session: str, last_id: str | None = None) -> Iterator[tuple[str | None, dict[str, Any]]]:
    """(id, message) for each message of the session's stream through `url` as it comes, up to
    close_stream."""
    headers = {"Accept": "text/event-stream"}
    if last_id is not None:
        headers["Last-Event-ID"] = last_id
    message_id: str | None = None
    with httpx.stream("GET", f"{url.rstrip('/')}{API}/queue/data", params={"session_hash": session},
                      headers=headers, timeout=90) as stream:
        for line in stream.iter_lines():
            if line.startswith("id: "):
                message_id = line[4:]
            elif line.startswith("data: "):
                message = msgspec.json.decode(line[6:])
                if message["msg"] == "close_stream":
                    return
                yield message_id, message
                message_id = None


def read(url: str, session: str, last_id: str | None = None) -> list[tuple[str | None, dict[str, Any]]]:
    """Every (id, message) of the session's stream through `url`, up to close_stream."""
    return list(follow(url, session, last_id))


def completed(messages: list[tuple[str | None, dict[str, Any]]]) -> list[dict[str, Any]]:
    return [message for _, message in messages if message["msg"] == "process_completed"]


@contextmanager
def round_robin(backends: list[str]) -> Iterator[str]:
    """An HTTP proxy on a loopback port that sends each request to the next backend in turn (no sticky
    sessions), streaming responses through; yields its URL."""
    turns = itertools.cycle(backends)

    async def forward(request: web.Request) -> web.StreamResponse:
        target = next(turns).rstrip("/") + request.path_qs
        headers = {name: value for name, value in request.headers.items() if name.lower() not in _HOP_HEADERS}
        async with ClientSession(timeout=ClientTimeout(total=None), auto_decompress=False) as client:
            async with client.request(request.method, target, headers=headers, data=await request.read(),
                                      allow_redirects=False) as upstream:
                response = web.StreamResponse(status=upstream.status, headers={
                    name: value for name, value in upstream.headers.items() if name.lower() not in _HOP_HEADERS})
                await response.prepare(request)
                async for chunk in upstream.content.iter_any():
                    await response.write(chunk)
                await response.write_eof()
                return response

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", forward)
    with serve_host(app) as url:
        yield url + "/"
