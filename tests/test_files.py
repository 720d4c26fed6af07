"""Uploads and the file route: streaming, limits, and every path trick ending in a 4xx."""

from __future__ import annotations

import asyncio
import json
import os
import tracemalloc
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiohttp
import pytest

import reblocks as gr
from reblocks.renderer.app import SERVER
from tests.conftest import API, run_event

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def files_app() -> gr.Blocks:
    def describe(path: str | None) -> str:
        return f"{Path(path).name} {Path(path).stat().st_size}" if path else "none"

    def give(name: str) -> str:
        return name

    with gr.Blocks() as demo:
        upload, out = gr.File(), gr.Textbox()
        upload.change(describe, upload, out, api_name="describe")
        name = gr.Textbox()
        gr.Button().click(give, name, gr.File(), api_name="give")
    return demo


_BOUNDARY = "reblocks-test-boundary"
_MULTIPART_HEADERS = {"Content-Type": f"multipart/form-data; boundary={_BOUNDARY}"}


def _multipart(*files: tuple[str, bytes, str]) -> bytes:
    """A multipart body written by hand, so file names go out raw, as browsers send them."""
    body = b""
    for name, content, content_type in files:
        body += (f'--{_BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
                 f"Content-Type: {content_type}\r\n\r\n").encode() + content + b"\r\n"
    return body + f"--{_BOUNDARY}--\r\n".encode()


async def upload(client: Any, *files: tuple[str, bytes, str]) -> Any:
    return await client.post(f"{API}/upload", data=_multipart(*files), headers=_MULTIPART_HEADERS)


def cache_of(client: Any) -> Path:
    return client.app[SERVER].files.directory


def snapshot(folder: Path) -> set[str]:
    return {str(path) for path in folder.rglob("*")}


async def test_upload_then_serve_same_bytes(client_factory: Any) -> None:
    client = await client_factory(files_app())
    response = await upload(client, ("red.png", PNG, "image/png"), ("notes.txt", b"hello", "text/plain"))
    assert response.status == 200
    paths = await response.json()
    assert [Path(path).name for path in paths] == ["red.png", "notes.txt"]
    assert all(Path(path).is_relative_to(cache_of(client)) for path in paths)
    again = await (await upload(client, ("red.png", PNG, "image/png"))).json()
    assert again == paths[:1]  # same bytes, same place
    served = await client.get(f"{API}/file={quote(paths[0])}")
    assert served.status == 200 and await served.read() == PNG
    assert served.headers["Content-Type"] == "image/png"
    partial = await client.get(f"{API}/file={quote(paths[0])}", headers={"Range": "bytes=0-3"})
    assert partial.status == 206 and await partial.read() == PNG[:4]


async def test_uploaded_file_reaches_fn_as_a_path(client_factory: Any) -> None:
    demo = files_app()
    client = await client_factory(demo)
    path = (await (await upload(client, ("notes.txt", b"hello", "text/plain"))).json())[0]
    data = {"path": path, "orig_name": "notes.txt", "meta": {"_type": "gradio.FileData"}}
    messages = await run_event(client, demo, "describe", [data])
    assert messages[-2]["output"]["data"] == ["notes.txt 5"]


async def test_returned_file_gets_a_cache_path_and_url(client_factory: Any, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "report.csv").write_text("a,b\n1,2\n")
    demo = files_app()
    client = await client_factory(demo)
    output = (await run_event(client, demo, "give", [str(tmp_path / "report.csv")]))[-2]["output"]["data"][0]
    assert Path(output["path"]).is_relative_to(cache_of(client))
    assert output["url"].endswith(f"/gradio_api/file={quote(output['path'])}")
    body = await (await client.get(f"{API}/file={quote(output['path'])}")).read()
    assert body == b"a,b\n1,2\n"


async def test_returning_a_file_outside_allowed_places_fails(client_factory: Any) -> None:
    demo = files_app()
    client = await client_factory(demo, show_error=True)
    completed = (await run_event(client, demo, "give", ["/etc/passwd"]))[-2]
    assert completed["success"] is False and "outside the app's folder" in completed["output"]["error"]
    assert not any(path.name == "passwd" for path in cache_of(client).rglob("*"))


@pytest.mark.parametrize("path", [
    "/etc/passwd",
    "{cache}/../../../../etc/passwd",
    "{cache}/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "{cache}/%252e%252e/%252e%252e/etc/passwd",
    "..%2F..%2F..%2Fetc%2Fpasswd",
    "relative/never-uploaded.txt",
    "{cache}/never-uploaded.txt",
    "{cache}",
])
async def test_file_route_refuses_paths_outside_the_cache(client_factory: Any, path: str) -> None:
    client = await client_factory(files_app())
    url = f"{API}/file=" + path.format(cache=cache_of(client))
    for method in ("GET", "HEAD"):
        response = await client.request(method, url)
        assert response.status in (403, 404), (method, url, response.status)


async def test_symlink_in_the_cache_to_outside_is_refused(client_factory: Any, tmp_path: Path) -> None:
    client = await client_factory(files_app())
    secret = tmp_path / "secret.txt"
    secret.write_text("do not serve")
    link = cache_of(client) / "link.txt"
    os.symlink(secret, link)
    try:
        assert (await client.get(f"{API}/file={quote(str(link))}")).status == 403
    finally:
        link.unlink()


async def test_join_naming_a_file_never_uploaded_is_refused(client_factory: Any) -> None:
    demo = files_app()
    client = await client_factory(demo)
    body = {"data": [{"path": "/etc/passwd", "meta": {"_type": "gradio.FileData"}}],
            "fn_index": 0, "session_hash": "x"}
    response = await client.post(f"{API}/queue/join", json=body)
    assert response.status == 403
    assert "File not allowed" in (await response.json())["detail"]


# As written in the Content-Disposition header: a backslash is escaped inside the quoted name.
@pytest.mark.parametrize("name", ["../evil.txt", "a/b.txt", "a\\\\b.txt", "bad\x00.txt", ".."])
async def test_hostile_file_names_are_refused(client_factory: Any, name: str) -> None:
    client = await client_factory(files_app())
    before = snapshot(cache_of(client))
    response = await upload(client, (name, b"x", "text/plain"))
    assert response.status == 400
    assert snapshot(cache_of(client)) == before


async def test_a_content_type_that_lies_is_refused(client_factory: Any) -> None:
    client = await client_factory(files_app())
    before = snapshot(cache_of(client))
    for name, body, content_type in [("photo.png", b"not an image at all", "image/png"),
                                     ("photo.png", b"not an image at all", "application/octet-stream"),
                                     ("song.mp3", b"<html>", "audio/mpeg")]:
        response = await upload(client, (name, body, content_type))
        assert response.status == 415, name
    assert snapshot(cache_of(client)) == before


async def test_not_multipart_is_refused(client_factory: Any) -> None:
    client = await client_factory(files_app())
    response = await client.post(f"{API}/upload", data=b"raw", headers={"Content-Type": "text/plain"})
    assert response.status == 400


async def test_oversized_upload_is_refused_while_streaming(client_factory: Any) -> None:
    limit = 4 * 1024 * 1024
    client = await client_factory(files_app(), max_file_size=limit)
    before = snapshot(cache_of(client))
    body = os.urandom(1024 * 1024) * 24  # 24 MiB, six times the limit

    async def chunks() -> Any:
        for start in range(0, len(body), 256 * 1024):
            yield body[start:start + 256 * 1024]

    tracemalloc.start()
    try:
        form = aiohttp.FormData()
        form.add_field("files", chunks(), filename="big.bin", content_type="application/octet-stream")
        baseline = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        response = await client.post(f"{API}/upload", data=form)
        peak = tracemalloc.get_traced_memory()[1] - baseline
    finally:
        tracemalloc.stop()
    assert response.status == 413
    assert "larger than the limit" in (await response.json())["detail"]
    assert peak < 2 * limit, f"peak {peak} bytes while refusing an upload over {limit}"
    assert snapshot(cache_of(client)) == before


@pytest.fixture
async def private_site() -> Any:
    from aiohttp import web
    from aiohttp.test_utils import TestServer

    async def secret(request: web.Request) -> web.Response:
        return web.Response(body=b"internal data", content_type="text/plain")

    app = web.Application()
    app.router.add_get("/secret.txt", secret)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    yield f"http://127.0.0.1:{server.port}/secret.txt"
    await server.close()


async def test_url_inputs_from_private_addresses_are_refused(client_factory: Any, private_site: str) -> None:
    demo = files_app()
    client = await client_factory(demo)
    before = snapshot(cache_of(client))
    data = {"path": private_site, "meta": {"_type": "gradio.FileData"}}
    completed = (await run_event(client, demo, "describe", [data]))[-2]
    assert completed["success"] is False
    assert "not a public address" in completed["output"]["error"]
    assert snapshot(cache_of(client)) == before


async def test_url_inputs_are_fetched_when_private_urls_are_allowed(client_factory: Any,
                                                                   private_site: str) -> None:
    demo = files_app()
    client = await client_factory(demo, allow_private_urls=True)
    data = {"path": private_site, "meta": {"_type": "gradio.FileData"}}
    completed = (await run_event(client, demo, "describe", [data]))[-2]
    assert completed["output"]["data"] == ["secret.txt 13"]


async def test_numpy_image_and_audio_are_written_as_files(client_factory: Any) -> None:
    import numpy

    def make(text: str) -> tuple[Any, Any]:
        pixels = numpy.zeros((4, 6, 3), dtype=numpy.uint8)
        pixels[..., 0] = 255
        tone = numpy.sin(numpy.linspace(0, 2 * numpy.pi * 440, 8000)).astype(numpy.float32)
        return pixels, (8000, tone)

    def read(image: Any, audio: tuple[int, Any]) -> str:
        rate, samples = audio
        return f"{image.shape} {image[0, 0].tolist()} {rate} {len(samples)}"

    with gr.Blocks() as demo:
        box, image, audio, out = gr.Textbox(), gr.Image(), gr.Audio(), gr.Textbox()
        gr.Button().click(make, box, [image, audio], api_name="make")
        gr.Button().click(read, [image, audio], out, api_name="read")
    client = await client_factory(demo)
    made = (await run_event(client, demo, "make", ["x"]))[-2]["output"]["data"]
    assert made[0]["path"].endswith(".png") and made[1]["path"].endswith(".wav")
    assert all(Path(data["path"]).is_relative_to(cache_of(client)) for data in made)
    back = (await run_event(client, demo, "read", made))[-2]["output"]["data"]
    assert back == ["(4, 6, 3) [255, 0, 0] 8000 8000"]


async def test_upload_progress_streams_updates_then_done(client_factory: Any) -> None:
    client = await client_factory(files_app())
    body = os.urandom(300 * 1024)
    reader = asyncio.create_task(client.get(f"{API}/upload_progress", params={"upload_id": "u1"}))
    response = await client.post(f"{API}/upload", params={"upload_id": "u1"}, data=_multipart(
        ("big.bin", body, "application/octet-stream")), headers=_MULTIPART_HEADERS)
    assert response.status == 200
    progress = await asyncio.wait_for(reader, 10)
    events = [json.loads(line[6:]) for line in (await progress.read()).split(b"\n\n") if line.startswith(b"data: ")]
    assert events[-1] == {"msg": "done"}
    updates = [event for event in events if event["msg"] == "update"]
    assert {event["orig_name"] for event in updates} == {"big.bin"}
    assert sum(event["chunk_size"] for event in updates) == len(body)


async def test_upload_progress_for_an_unknown_id_is_404(client_factory: Any) -> None:
    client = await client_factory(files_app())
    response = await client.get(f"{API}/upload_progress", params={"upload_id": "never"})
    assert response.status == 404
