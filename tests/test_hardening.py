"""Regression tests for the hostile-client probe: file names in any shape, CSRF, shared sessions,
queue flooding, abandoned threads, unencodable outputs, and bad bodies."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import msgspec
import pytest

import reblocks as gr
from reblocks.renderer.app import SERVER
from tests.conftest import API, fn_index, read_stream, run_event
from tests.test_files import PNG, cache_of, snapshot, upload


# -- 1. a file may be named only if the client uploaded it (or it is in allowed_paths) ---------------
def reader_app(calls: list[Any]) -> gr.Blocks:
    """Endpoints whose function reads (and returns) every file its input names."""

    def read(value: Any) -> str:
        calls.append(value)
        paths = value if isinstance(value, list) else [value]
        return "|".join(Path(str(path)).read_text(errors="replace")[:20] for path in paths if path)

    def read_message(message: dict[str, Any], history: list[Any]) -> str:
        calls.append(message)
        return "|".join(Path(path).read_text(errors="replace")[:20] for path in message["files"])

    def read_history(history: list[dict[str, Any]]) -> str:
        calls.append(history)
        return str(history)

    def read_gallery(items: list[tuple[str, str | None]]) -> str:
        calls.append(items)
        return "|".join(Path(path).read_text(errors="replace")[:20] for path, _ in items)

    with gr.Blocks() as demo:
        out = gr.Textbox()
        gr.File().change(read, gr.File(), out, api_name="file")
        gr.Image().change(read, gr.Image(type="filepath"), out, api_name="image")
        gr.Audio().change(read, gr.Audio(type="filepath"), out, api_name="audio")
        gr.File().change(read, gr.File(file_count="multiple"), out, api_name="files")
        gr.Gallery().change(read_gallery, gr.Gallery(), out, api_name="gallery")
        gr.Chatbot().change(read_history, gr.Chatbot(), out, api_name="history")
        gr.ChatInterface(read_message, multimodal=True, api_name="chat")
    return demo


SECRET_PATHS = ["/etc/passwd", "/proc/self/environ"]


def _hostile_payloads(path: str) -> list[tuple[str, list[Any], int]]:
    """(endpoint, data, status) for every shape a file name can take; 403 when it names a file the
    check refuses, 422 when the shape itself is wrong for the component."""
    bare, marked = {"path": path}, {"path": path, "meta": {"_type": "gradio.FileData"}}
    return [
        ("file", [bare], 403), ("file", [marked], 403), ("file", [path], 422),
        ("image", [bare], 403), ("audio", [{"path": path, "orig_name": "a.wav"}], 403),
        ("files", [[bare]], 403), ("files", [[{"path": path, "meta": {"_type": "other"}}]], 403),
        ("gallery", [[{"image": bare, "caption": None}]], 403), ("gallery", [[{"image": path}]], 422),
        ("history", [[{"role": "user", "content": [{"type": "file", "file": bare}]}]], 403),
        ("history", [[{"role": "user", "content": bare}]], 403),
        ("chat", [{"text": "hi", "files": [bare]}, None], 403),
        ("chat", [{"text": "hi", "files": [{"nested": {"path": path}}]}, None], 422),
        ("chat", [{"text": "hi", "files": [path]}, None], 422),
    ]


@pytest.mark.parametrize("secret", SECRET_PATHS)
async def test_no_shape_of_file_name_reaches_the_function(client_factory: Any, secret: str) -> None:
    calls: list[Any] = []
    demo = reader_app(calls)
    client = await client_factory(demo)
    before = snapshot(cache_of(client))
    for route in ("queue/join", "run/predict"):
        for api_name, data, status in _hostile_payloads(secret):
            body = {"data": data, "fn_index": fn_index(demo, api_name), "session_hash": "attacker"}
            response = await client.post(f"{API}/{route}", json=body)
            assert response.status == status, (route, api_name, data, await response.text())
    assert calls == []
    assert snapshot(cache_of(client)) == before
    assert client.app[SERVER].sessions.get("attacker") is None  # refused before any state existed


async def test_blocked_paths_win_even_without_the_file_data_marker(client_factory: Any,
                                                                    tmp_path: Path) -> None:
    (tmp_path / "public").mkdir()
    (tmp_path / "public" / "secret.txt").write_text("private")
    calls: list[Any] = []
    demo = reader_app(calls)
    client = await client_factory(demo, allowed_paths=[str(tmp_path)],
                                  blocked_paths=[str(tmp_path / "public" / "secret.txt")])
    for path in (tmp_path / "public" / "secret.txt", tmp_path / "public" / ".." / "public" / "secret.txt"):
        body = {"data": [{"path": str(path)}], "fn_index": fn_index(demo, "file"), "session_hash": "s"}
        assert (await client.post(f"{API}/queue/join", json=body)).status == 403
    assert calls == []


async def test_uploaded_and_allowed_files_still_reach_the_function(client_factory: Any,
                                                                   tmp_path: Path) -> None:
    (tmp_path / "shared.txt").write_text("shared text")
    calls: list[Any] = []
    demo = reader_app(calls)
    client = await client_factory(demo, allowed_paths=[str(tmp_path)])
    uploaded = (await (await upload(client, ("notes.txt", b"uploaded text", "text/plain"))).json())[0]
    image = (await (await upload(client, ("red.png", PNG, "image/png"))).json())[0]
    # The marker is optional, as it is for Gradio's clients: the path itself is what is checked.
    answer = await run_event(client, demo, "file", [{"path": uploaded}])
    assert answer[-2]["output"]["data"] == ["uploaded text"]
    answer = await run_event(client, demo, "file", [{"path": str(tmp_path / "shared.txt")}])
    assert answer[-2]["output"]["data"] == ["shared text"]
    answer = await run_event(client, demo, "chat", [{"text": "hi", "files": [{"path": uploaded}]}, None])
    assert answer[-2]["output"]["data"][0] == "uploaded text"
    answer = await run_event(client, demo, "gallery", [[{"image": {"path": image}, "caption": "red"}]])
    assert answer[-2]["success"] is True
    assert len(calls) == 4
