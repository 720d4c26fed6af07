"""Streaming inputs: `.stream` on Image (webcam frames) and Audio (microphone chunks). Over HTTP: the
config, the chunks a function sees, stale chunks dropped, time_limit, close, the refusals of
/stream/{event_id}; in Chromium with its fake camera and microphone; and gradio_client beside them."""

from __future__ import annotations

import asyncio
import base64
import io
import re
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import msgspec
import numpy as np
import pytest
from aiohttp.test_utils import TestClient
from gradio_client import Client
from playwright.sync_api import Browser, Page, expect

import reblocks as gr
from tests.cluster import fn_index, follow, join, redis_server, start_app, stop
from tests.conftest import API, load_demo, make_client, serve


def frame(width: int, height: int, colour: str = "red") -> dict[str, Any]:
    """A webcam frame as Gradio's page sends it: a JPEG inline as a data URL, with no path."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="JPEG")
    return {"url": "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode()}


def shapes_app(seen: list[Any], time_limit: float | None = None,
               gate: threading.Event | None = None) -> gr.Blocks:
    """A webcam stream whose function notes each frame's shape and returns it flipped, and a normal
    listener beside it."""
    def flip(image: Any) -> Any:
        seen.append(image.shape)
        if gate is not None and len(seen) == 1:
            assert gate.wait(10)
        return image[::-1]

    with gr.Blocks() as demo:
        camera = gr.Image(sources=["webcam"], streaming=True, label="Camera")
        flipped = gr.Image(label="Flipped")
        camera.stream(flip, camera, flipped, time_limit=time_limit, api_name="flip")
        name, shout = gr.Textbox(), gr.Textbox()
        name.submit(str.upper, name, shout, api_name="shout")
    return demo


def index(demo: gr.Blocks, api_name: str) -> int:
    return next(d.id for d in demo.dependencies if d.api_name == api_name)


class Session:
    """One session over HTTP: joins, chunks, closes, and the messages of its /queue/data streams."""

    def __init__(self, client: TestClient, demo: gr.Blocks, name: str) -> None:
        self.client, self.demo, self.hash = client, demo, name
        self.messages: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.reader: asyncio.Task[None] | None = None

    async def join(self, api_name: str, data: list[Any]) -> str:
        body = {"data": data, "fn_index": index(self.demo, api_name), "session_hash": self.hash}
        response = await self.client.post(f"{API}/queue/join", json=body)
        assert response.status == 200, await response.text()
        if self.reader is None or self.reader.done():
            self.reader = asyncio.create_task(self._read())
        return str((await response.json())["event_id"])

    async def _read(self) -> None:
        async with self.client.get(f"{API}/queue/data", params={"session_hash": self.hash}) as response:
            async for line in response.content:
                if line.startswith(b"data: "):
                    message = msgspec.json.decode(line[6:])
                    await self.messages.put(message)
                    if message["msg"] == "close_stream":
                        return

    async def next(self, msg: str) -> dict[str, Any]:
        """The next message called `msg`, skipping others (at most 10 s)."""
        async with asyncio.timeout(10):
            while True:
                message = await self.messages.get()
                if message["msg"] == msg:
                    return message

    async def chunk(self, event_id: str, api_name: str, data: list[Any], session_hash: str | None = None) -> Any:
        body = {"data": data, "fn_index": index(self.demo, api_name), "session_hash": session_hash or self.hash}
        return await self.client.post(f"{API}/stream/{event_id}", json=body)

    async def close(self, event_id: str) -> Any:
        return await self.client.post(f"{API}/stream/{event_id}/close", json={"session_hash": self.hash})


@asynccontextmanager
async def session_of(demo: gr.Blocks, name: str = "s1") -> AsyncIterator[Session]:
    client = await make_client(demo)
    session = Session(client, demo, name)
    try:
        yield session
    finally:
        if session.reader is not None:
            session.reader.cancel()
        await client.close()


# -- the listener and its config ---------------------------------------------------------------------
def test_a_stream_listener_is_a_stream_connection_and_makes_its_input_stream() -> None:
    with gr.Blocks() as demo:
        camera, microphone = gr.Image(sources=["webcam"]), gr.Audio()
        label = gr.Label()
        camera.stream(lambda image: image, camera, camera, stream_every=0.2, time_limit=5)
        microphone.stream(lambda chunk: "ok", microphone, label, concurrency_limit=2, trigger_mode="always_last")
    config = msgspec.json.decode(msgspec.json.encode(demo.config()))
    image_dep, audio_dep = config["dependencies"]
    assert (image_dep["connection"], image_dep["stream_every"], image_dep["time_limit"]) == ("stream", 0.2, 5)
    assert image_dep["targets"] == [[camera.id, "stream"]] and image_dep["show_progress"] == "minimal"
    assert (audio_dep["concurrency_limit"], audio_dep["trigger_mode"]) == (2, "always_last")
    props = {entry["id"]: entry["props"] for entry in config["components"]}
    assert props[camera.id]["streaming"] is True and props[microphone.id]["streaming"] is True
    assert props[label.id].get("streaming") is None


def test_streaming_sources_follow_gradio() -> None:
    with gr.Blocks():
        assert gr.Image(streaming=True).sources == ["webcam"]
        assert gr.Audio(streaming=True).sources == ["microphone"]
        assert gr.Image().sources == ["upload", "webcam", "clipboard"]
        with pytest.raises(ValueError, match=r"sources must be \['webcam'\]"):
            gr.Image(streaming=True, sources=["upload", "webcam"])
        with pytest.raises(ValueError, match="must include 'microphone'"):
            gr.Audio(streaming=True, sources=["upload"])
        image = gr.Image()
        with pytest.raises(ValueError, match="positive"):
            image.stream(lambda x: x, image, image, stream_every=0)
        with pytest.raises(TypeError, match="unexpected keyword argument 'stream_evry'"):
            image.stream(lambda x: x, image, image, stream_evry=1)


# -- over HTTP ---------------------------------------------------------------------------------------------
async def test_each_chunk_reaches_the_function_and_each_result_streams_whole() -> None:
    seen: list[Any] = []
    demo = shapes_app(seen)
    async with session_of(demo) as session:
        event_id = await session.join("flip", [frame(4, 2)])
        first = await session.next("process_streaming")
        assert first["event_id"] == event_id and first["time_limit"] is None
        assert first["output"]["data"][0]["path"].endswith(".png")  # whole values, not diffs
        response = await session.chunk(event_id, "flip", [frame(6, 3, "blue")])
        assert response.status == 200, await response.text()
        second = await session.next("process_streaming")
        assert second["output"]["data"][0]["path"] != first["output"]["data"][0]["path"]
        assert (await session.close(event_id)).status == 200
        done = await session.next("process_completed")
        assert done["success"] and done["output"]["data"] == second["output"]["data"]
        await session.next("close_stream")
    assert seen == [(2, 4, 3), (3, 6, 3)]


async def test_chunks_the_function_had_no_time_for_are_dropped_for_the_latest() -> None:
    seen: list[Any] = []
    gate = threading.Event()
    demo = shapes_app(seen, gate=gate)
    async with session_of(demo) as session:
        event_id = await session.join("flip", [frame(1, 1)])
        for width in (2, 3, 4):  # the function still works on the first frame
            assert (await session.chunk(event_id, "flip", [frame(width, 1)])).status == 200
        gate.set()
        await session.next("process_streaming")
        await session.next("process_streaming")
        await session.close(event_id)
        await session.next("process_completed")
    assert seen == [(1, 1, 3), (1, 4, 3)]


async def test_a_generator_streams_each_of_its_values_for_each_chunk() -> None:
    def sizes(image: Any) -> Any:
        yield f"{image.shape[1]} wide"
        yield f"{image.shape[0]} high"

    with gr.Blocks() as demo:
        camera, told = gr.Image(sources=["webcam"], streaming=True), gr.Textbox()
        camera.stream(sizes, camera, told, api_name="sizes")
    async with session_of(demo) as session:
        event_id = await session.join("sizes", [frame(4, 2)])
        told_values = [(await session.next("process_streaming"))["output"]["data"] for _ in range(2)]
        await session.chunk(event_id, "sizes", [frame(7, 5)])
        told_values += [(await session.next("process_streaming"))["output"]["data"] for _ in range(2)]
        await session.close(event_id)
        assert (await session.next("process_completed"))["output"]["data"] == ["5 high"]
    assert told_values == [["4 wide"], ["2 high"], ["7 wide"], ["5 high"]]


async def test_time_limit_ends_the_stream() -> None:
    seen: list[Any] = []
    demo = shapes_app(seen, time_limit=0.5)
    async with session_of(demo) as session:
        event_id = await session.join("flip", [frame(2, 2)])
        streamed = await session.next("process_streaming")
        assert 0 < streamed["time_limit"] <= 0.5
        done = await session.next("process_completed")  # no close: the limit ends it
        assert done["event_id"] == event_id and done["success"]
        assert (await session.chunk(event_id, "flip", [frame(2, 2)])).status == 404  # over
    assert seen == [(2, 2, 3)]


async def test_closing_a_stream_frees_its_concurrency_slot() -> None:
    demo = shapes_app([])
    client = await make_client(demo)
    first, second = Session(client, demo, "first"), Session(client, demo, "second")
    try:
        streaming = await first.join("flip", [frame(2, 2)])
        await first.next("process_streaming")
        waiting = await second.join("flip", [frame(3, 3)])
        estimate = await second.next("estimation")
        assert estimate["rank"] == 0  # the one slot is the first stream's
        assert (await first.close(streaming)).status == 200
        await first.next("process_completed")
        started = await second.next("process_starts")
        assert started["event_id"] == waiting
        await second.next("process_streaming")
        await second.close(waiting)
        await second.next("process_completed")
    finally:
        for session in (first, second):
            if session.reader is not None:
                session.reader.cancel()
        await client.close()


async def test_stream_routes_refuse_what_they_cannot_take() -> None:
    demo = shapes_app([])
    async with session_of(demo) as session:
        client = session.client
        event_id = await session.join("flip", [frame(2, 2)])
        await session.next("process_streaming")
        url = f"{API}/stream/{event_id}"
        assert (await session.chunk("no-such-event", "flip", [frame(2, 2)])).status == 404
        assert (await client.post(f"{API}/stream/no-such-event/close", json={})).status == 404
        response = await session.chunk(event_id, "flip", [frame(2, 2)], session_hash="intruder")
        assert response.status == 403 and "another session" in (await response.json())["detail"]
        assert (await client.post(f"{url}/close", json={"session_hash": "intruder"})).status == 403
        assert (await session.chunk(event_id, "shout", ["hi"])).status == 422  # another function
        bad = await client.post(url, data=b"{not json", headers={"content-type": "application/json"})
        assert bad.status == 400
        assert (await client.post(url, json={"data": []})).status == 422  # no fn_index
        assert (await client.post(url, data=b"{}", headers={"content-type": "text/plain"})).status == 422
        assert (await session.chunk(event_id, "flip", [frame(2, 2), None])).status == 422  # two inputs
        hostile = await session.chunk(event_id, "flip", [{"path": "/etc/passwd", "meta": {}}])
        assert hostile.status == 403
        assert (await session.chunk(event_id, "flip", [{"url": "data:image/jpeg;base64,!!"}])).status == 200
        failed = await session.next("process_completed")  # a frame that is not an image: the event fails
        assert failed["success"] is False and failed["event_id"] == event_id


CLUSTER_APP = """
import os
import reblocks as gr

def shape(image):
    return f"{image.shape[1]}x{image.shape[0]} on {os.getpid()}"

with gr.Blocks() as demo:
    camera, seen = gr.Image(sources=["webcam"], streaming=True), gr.Textbox()
    camera.stream(shape, camera, seen, api_name="shape")

if __name__ == "__main__":
    demo.launch()
"""


def test_on_a_cluster_chunks_and_closes_reach_the_process_that_runs_the_event(tmp_path: Path) -> None:
    app = tmp_path / "stream_app.py"
    app.write_text(CLUSTER_APP)
    with redis_server() as redis_url:
        first, a = start_app(redis_url, app)
        second, b = start_app(redis_url, app)
        try:
            event_id = join(a, "shape", [frame(2, 1)], "roaming")
            index = fn_index(a, "shape")
            messages = (message for _, message in follow(a, "roaming"))
            first_result = next(message for message in messages if message["msg"] == "process_streaming")
            assert first_result["output"]["data"][0].startswith("2x1 on ")
            chunk = {"data": [frame(5, 3)], "fn_index": index, "session_hash": "roaming"}
            assert httpx.post(f"{b}{API.lstrip('/')}/stream/{event_id}", json=chunk).status_code == 200
            later = next(message for message in messages if message["msg"] == "process_streaming")
            assert later["output"]["data"][0] == "5x3 on " + first_result["output"]["data"][0].split(" on ")[1]
            intruder = {**chunk, "session_hash": "intruder"}
            assert httpx.post(f"{b}{API.lstrip('/')}/stream/{event_id}", json=intruder).status_code == 403
            assert httpx.post(f"{b}{API.lstrip('/')}/stream/unknown", json=chunk).status_code == 404
            closed = httpx.post(f"{b}{API.lstrip('/')}/stream/{event_id}/close", json={"session_hash": "roaming"})
            assert closed.status_code == 200
            done = next(message for message in messages if message["msg"] == "process_completed")
            assert done["success"] and done["output"]["data"][0].startswith("5x3 on ")
        finally:
            stop(second)
            stop(first)


def test_gradio_client_calls_a_normal_listener_of_a_streaming_app() -> None:
    with serve(shapes_app([])) as url:
        client = Client(url, verbose=False)
        assert client.predict("hello", api_name="/shout") == "HELLO"


# -- in Chromium, with its fake camera and microphone ----------------------------------------------------
@pytest.fixture(scope="module")
def browser(media_browser: Browser) -> Browser:
    """Chromium with a fake camera and microphone (conftest's FAKE_MEDIA)."""
    return media_browser


def block(page: Page, label: str) -> Any:
    return page.locator(".block").filter(has=page.locator(f"xpath=./label[normalize-space()='{label}']"))


def served(page: Page, build: Callable[[], gr.Blocks]) -> Iterator[Page]:
    with serve(build()) as url:
        page.goto(url)
        yield page


def stream_and_stop(page: Page, source: Any, output: Any, changes: int) -> None:
    """Start streaming from `source`, wait until `output` has shown `changes` new images, then stop and
    wait for the event's end (the output is no longer pending)."""
    source.get_by_role("button", name="Start streaming").click()
    image = output.locator("img")
    sources: set[str] = {image.get_attribute("src") or ""} if image.count() else set()
    for _ in range(changes):  # the output changes with each frame the function returns
        expect(image).not_to_have_attribute("src", re.compile("|".join(map(re.escape, sources)) or "^$"))
        sources.add(image.get_attribute("src") or "")
    source.get_by_role("button", name="Stop streaming").click()
    expect(source.get_by_role("button", name="Start streaming")).to_be_visible()
    expect(output).not_to_have_attribute("data-pending", "true")


def test_webcam_frames_stream_to_the_function_and_the_output_follows(page: Page) -> None:
    seen: list[Any] = []
    for _ in served(page, lambda: shapes_app(seen)):
        camera, output = block(page, "Camera"), block(page, "Flipped")
        camera.get_by_role("button", name="Open the camera").click()
        expect(camera.get_by_role("button", name="Start streaming")).to_be_enabled()
        stream_and_stop(page, camera, output, 3)
        size = camera.locator("video").evaluate("(video) => [video.videoHeight, video.videoWidth, 3]")
        streamed = len(seen)
        # Stop ended the event and freed the listener's one slot: streaming again runs a new one.
        stream_and_stop(page, camera, output, 1)
        assert len(seen) > streamed
    # each frame reached the function as a numpy array of the camera's size
    assert len(seen) >= 4 and set(seen) == {tuple(size)}


def test_microphone_chunks_reach_the_function_as_rate_and_samples(page: Page) -> None:
    chunks: list[tuple[int, str, int]] = []

    def volume(chunk: tuple[int, Any]) -> float:
        rate, samples = chunk
        chunks.append((rate, str(samples.dtype), samples.ndim))
        return float(np.abs(samples.astype(np.float64)).mean())

    def build() -> gr.Blocks:
        with gr.Blocks() as demo:
            microphone = gr.Audio(sources=["microphone"], streaming=True, label="Microphone")
            level = gr.Number(label="Level")
            microphone.stream(volume, microphone, level, stream_every=0.3)
        return demo

    for _ in served(page, build):
        microphone = block(page, "Microphone")
        microphone.get_by_role("button", name="Start streaming").click()
        level = block(page, "Level").locator("input")
        expect(level).not_to_have_value(re.compile(r"^$|^0$"))
        microphone.get_by_role("button", name="Stop streaming").click()
        expect(microphone.get_by_role("button", name="Start streaming")).to_be_visible()
        expect(block(page, "Level")).not_to_have_attribute("data-pending", "true")
    # (sample rate, samples): 16-bit mono at the rate of the page's audio context
    assert chunks and all(chunk[1:] == ("int16", 1) and chunk[0] in (44100, 48000) for chunk in chunks)


def test_the_demo_streams_the_webcam_transformed_and_the_microphone_volume(page: Page) -> None:
    for _ in served(page, lambda: load_demo("blocks_webcam_stream").demo):
        camera, shown = block(page, "Webcam"), block(page, "Transformed")
        camera.get_by_role("button", name="Open the camera").click()
        expect(camera.locator(".stream-bar")).to_have_count(0)
        camera.get_by_role("button", name="Start streaming").click()
        expect(camera.locator(".stream-bar")).to_be_visible()  # time_limit=60: the time left shows
        expect(shown.locator("img")).to_be_visible()
        camera.get_by_role("button", name="Stop streaming").click()
        expect(shown).not_to_have_attribute("data-pending", "true")
        microphone, level = block(page, "Microphone"), block(page, "Volume").locator("input")
        microphone.get_by_role("button", name="Start streaming").click()
        expect(level).not_to_have_value(re.compile(r"^0?$"))
        microphone.get_by_role("button", name="Stop streaming").click()
        expect(block(page, "Volume")).not_to_have_attribute("data-pending", "true")
