"""Resumable streams on the raw protocol: with `Accept: text/event-stream` each message has an `id:`,
and a client that comes back with the last one it saw gets every later message exactly once; other
clients (gradio_client sends `Accept: */*`) get no `id:` lines."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import msgspec
from aiohttp.test_utils import TestClient
from gradio_client import Client

import reblocks as gr
from tests.conftest import API, fn_index, serve

TOKENS = 120


def counting_app() -> gr.Blocks:
    """A sync generator (what chat functions are) streaming TOKENS words, a little apart."""
    with gr.Blocks() as demo:
        box = gr.Textbox()

        def count(prefix: str) -> Any:
            text = ""
            for index in range(TOKENS):
                time.sleep(0.003)
                text += f"{prefix}{index} "
                yield text

        gr.Button().click(count, gr.Textbox(visible=False), box, api_name="count")
    return demo


async def messages(response: Any) -> AsyncIterator[tuple[str | None, dict[str, Any]]]:
    """(id, message) for each SSE message of a response, as they arrive."""
    event_id: str | None = None
    async for raw in response.content:
        line = raw.decode().rstrip("\n")
        if line.startswith("id: "):
            event_id = line[4:]
        elif line.startswith("data: "):
            yield event_id, msgspec.json.decode(line[6:])
            event_id = None


async def join(client: TestClient, demo: gr.Blocks, session: str) -> None:
    response = await client.post(f"{API}/queue/join", json={
        "data": ["w"], "fn_index": fn_index(demo, "count"), "session_hash": session})
    assert response.status == 200


def text_of(received: list[dict[str, Any]]) -> str:
    """The textbox's final value, rebuilt from the full value and the diffs, as a client does."""
    value = ""
    for message in received:
        if message["msg"] == "process_generating":
            data = message["output"]["data"][0]
            if isinstance(data, str):
                value = data
            else:
                for operation, _, argument in data:
                    assert operation in ("append", "replace")
                    value = value + argument if operation == "append" else argument
    return value


async def test_reconnecting_with_last_event_id_gets_every_later_message_once(client_factory: Any) -> None:
    demo = counting_app()
    client = await client_factory(demo)
    await join(client, demo, "resume")
    received: list[dict[str, Any]] = []
    ids: list[int] = []
    stream = await client.get(f"{API}/queue/data", params={"session_hash": "resume"},
                              headers={"Accept": "text/event-stream"})
    lost = 0
    async for message_id, message in messages(stream):
        assert message_id is not None, f"no id for {message}"
        if len(received) < 12:
            ids.append(int(message_id))
            received.append(message)
        else:  # sent by the server, but the connection drops before the page sees them
            lost += 1
            if lost == 5:
                break
    stream.close()
    resumed = await client.get(f"{API}/queue/data", params={"session_hash": "resume"},
                               headers={"Accept": "text/event-stream", "Last-Event-ID": str(ids[-1])})
    async for message_id, message in messages(resumed):
        if message["msg"] == "close_stream":
            break
        assert message_id is not None
        ids.append(int(message_id))
        received.append(message)
    assert ids == list(range(ids[0], ids[0] + len(ids)))  # every message once, in order
    assert [m["msg"] for m in received][-1] == "process_completed"
    expected = "".join(f"w{index} " for index in range(TOKENS))
    assert text_of(received) == expected == received[-1]["output"]["data"][0]


async def test_the_query_parameter_works_like_the_header(client_factory: Any) -> None:
    demo = counting_app()
    client = await client_factory(demo)
    await join(client, demo, "query")
    first = await client.get(f"{API}/queue/data", params={"session_hash": "query"},
                             headers={"Accept": "text/event-stream"})
    ids = [message_id async for message_id, message in messages(first) if message["msg"] != "close_stream"]
    assert len(ids) == TOKENS + 3  # estimation, process_starts, the steps, process_completed
    await join(client, demo, "query")
    again = await client.get(f"{API}/queue/data", params={"session_hash": "query", "last_event_id": ids[1]},
                             headers={"Accept": "text/event-stream"})
    replayed = [message async for _, message in messages(again)]
    # Everything after the second message: the first event's rest, then the second event.
    assert [m["msg"] for m in replayed[:2]] == ["process_generating", "process_generating"]
    assert sum(m["msg"] == "process_completed" for m in replayed) == 2


async def test_no_ids_without_event_stream_accept_and_bad_ids_are_refused(client_factory: Any) -> None:
    demo = counting_app()
    client = await client_factory(demo)
    await join(client, demo, "plain")
    plain = await client.get(f"{API}/queue/data", params={"session_hash": "plain"}, headers={"Accept": "*/*"})
    body = await plain.read()
    assert b"id:" not in body and body.count(b"process_completed") == 1
    bad = await client.get(f"{API}/queue/data", params={"session_hash": "plain"},
                           headers={"Accept": "text/event-stream", "Last-Event-ID": "12; drop"})
    assert bad.status == 400 and "Malformed last event id" in (await bad.json())["detail"]


def test_gradio_client_still_streams() -> None:
    with serve(counting_app()) as url:
        job = Client(url, verbose=False).submit("g", api_name="/count")
        steps = list(job)
        assert len(steps) > 1 and job.outputs()[-1] == "".join(f"g{index} " for index in range(TOKENS))


async def test_events_left_without_a_reader_are_cancelled_after_the_resume_grace(client_factory: Any) -> None:
    closed = asyncio.Event()

    with gr.Blocks() as demo:
        box = gr.Textbox()

        async def forever(text: str) -> Any:
            try:
                while True:
                    yield text
                    await asyncio.sleep(0.01)
            finally:
                closed.set()

        gr.Button().click(forever, box, box, api_name="forever")
    client = await client_factory(demo, resume_grace=0.3)
    response = await client.post(f"{API}/queue/join", json={
        "data": ["x"], "fn_index": fn_index(demo, "forever"), "session_hash": "gone"})
    assert response.status == 200
    stream = await client.get(f"{API}/queue/data", params={"session_hash": "gone"},
                              headers={"Accept": "text/event-stream"})
    async for _, message in messages(stream):
        if message["msg"] == "process_generating":
            break
    stream.close()
    await asyncio.wait_for(closed.wait(), 10)  # the generator's finally ran: the event was cancelled
