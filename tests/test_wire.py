"""What the server sends validates against the wire structs (reblocks/wire.py), field for field: each
message is decoded as its struct and encoded back, so a key the schema lacks fails as surely as a
value of the wrong type."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any, get_type_hints

import msgspec
import pytest

import reblocks as gr
from reblocks.components.files import FileDataPayload
from reblocks.wire import (
    AppConfig, Completed, ComponentPart, DiffOp, FileData, FilePart, Generating, JoinResponse, Message, Output,
    SSEMessage, UnexpectedError, UploadDone, UploadProgressMessage, UploadUpdate,
)
from tests.conftest import API, fn_index, read_stream
from tests.test_files import _MULTIPART_HEADERS, _multipart, files_app


def typed(raw: Any, type_: Any) -> Any:
    """`raw` (decoded JSON) as `type_`, after checking that the type keeps all of it unchanged
    (encoding it back may only add the defaults of fields `raw` left out)."""
    value = msgspec.convert(raw, type_)
    _assert_kept(msgspec.json.decode(msgspec.json.encode(value)), raw, "$")
    return value


def _assert_kept(again: Any, raw: Any, path: str) -> None:
    if isinstance(raw, dict):
        assert isinstance(again, dict), path
        for key, item in raw.items():
            assert key in again, f"{path}.{key} is not in the schema"
            _assert_kept(again[key], item, f"{path}.{key}")
    elif isinstance(raw, list):
        assert isinstance(again, list) and len(again) == len(raw), path
        for index, (kept, item) in enumerate(zip(again, raw)):
            _assert_kept(kept, item, f"{path}[{index}]")
    else:
        assert again == raw, path


def chat_app(notes: Path) -> gr.Blocks:
    """A chatbot whose reply streams a thought, then answers with options and a component."""
    notes.write_text("hello")

    def reply(history: list[dict[str, Any]]):
        thought = gr.ChatMessage(content="", metadata={"title": "Thinking", "id": 1, "status": "pending"})
        for word in ("looking", " closer"):
            thought.content += word
            yield [*history, thought]
        thought.metadata = {**thought.metadata, "status": "done", "duration": 0.5}
        yield [*history, thought,
               gr.ChatMessage(content="Shall I open it?", options=[{"value": "Yes", "label": "Sure"}, {"value": "No"}]),
               {"role": "assistant", "content": gr.File(str(notes))}]

    with gr.Blocks() as demo:
        chatbot = gr.Chatbot(value=[{"role": "user", "content": "Hello"}], avatar_images=(None, str(notes)))
        gr.Button().click(reply, chatbot, chatbot, api_name="reply")
    return demo


async def test_config_validates_as_app_config(client_factory: Any, tmp_path: Path) -> None:
    client = await client_factory(chat_app(tmp_path / "notes.txt"))
    body = await (await client.get("/config")).read()
    config = typed(msgspec.json.decode(body), AppConfig)
    chatbot = next(entry for entry in config.components if entry.type == "chatbot")
    typed(chatbot.props["value"], list[Message])
    assert typed(chatbot.props["avatar_images"][1], FileData).url


async def test_a_chat_stream_validates_message_by_message(client_factory: Any, tmp_path: Path) -> None:
    demo = chat_app(tmp_path / "notes.txt")
    client = await client_factory(demo)
    [path] = await (await client.post(f"{API}/upload", data=_multipart(("notes.txt", b"hi", "text/plain")),
                                      headers=_MULTIPART_HEADERS)).json()
    # The user's turn as the browser sends it back: an uploaded file and the text.
    upload = {"path": path, "orig_name": "notes.txt", "meta": {"_type": "gradio.FileData"}}
    history = [{"role": "user", "metadata": None, "options": None, "content": [
        {"file": upload, "alt_text": None, "type": "file"}, {"text": "Read this", "type": "text"}]}]
    join = await client.post(f"{API}/queue/join", json={"data": [history], "fn_index": fn_index(demo, "reply"),
                                                        "session_hash": "chat"})
    typed(await join.json(), JoinResponse)
    messages = [typed(raw, SSEMessage) for raw in await read_stream(client, "chat")]
    generating = [message for message in messages if isinstance(message, Generating)]
    completed = next(message for message in messages if isinstance(message, Completed))
    assert completed.success and len(generating) == 3
    typed(generating[0].output.data[0], list[Message])
    for message in generating[1:]:
        assert typed(message.output.data[0], list[DiffOp])
    final = typed(completed.output.data[0], list[Message])
    file = final[0].content[0]
    assert isinstance(file, FilePart) and file.file.url
    assert final[1].metadata.status == "done" and final[2].options[1].value == "No"
    [component] = final[3].content
    assert isinstance(component, ComponentPart) and typed(component.value, FileData).url


async def test_file_content_given_as_a_path_goes_out_as_file_data(client_factory: Any, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    with gr.Blocks() as demo:
        chatbot = gr.Chatbot()
        gr.Button().click(lambda: [{"role": "assistant", "content": (str(notes), "notes")},
                                   {"role": "assistant", "content": {"path": str(notes)}}],
                          None, chatbot, api_name="show")
    client = await client_factory(demo)
    await client.post(f"{API}/queue/join", json={"data": [], "fn_index": 0, "session_hash": "paths"})
    completed = (await read_stream(client, "paths"))[-2]
    for message in typed(completed["output"]["data"][0], list[Message]):
        assert message.content[0].file.url


async def test_failures_and_unknown_sessions_validate(client_factory: Any) -> None:
    def boom(text: str) -> str:
        raise gr.Error("boom happened", title="Oops")

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(boom, box, box, api_name="boom")
    client = await client_factory(demo)
    await client.post(f"{API}/queue/join", json={"data": ["x"], "fn_index": 0, "session_hash": "fail"})
    completed = [typed(raw, SSEMessage) for raw in await read_stream(client, "fail")][-2]
    assert isinstance(completed, Completed) and completed.output.error == "boom happened"
    response = await client.post(f"{API}/run/predict", json={"data": ["x"], "fn_index": 0})
    assert response.status == 500 and typed(await response.json(), Output).title == "Oops"
    [gone] = await read_stream(client, "never-joined")
    assert typed(gone, SSEMessage) == UnexpectedError(None, message="Session not found.", session_not_found=True)


async def test_the_upload_progress_stream_validates(client_factory: Any) -> None:
    client = await client_factory(files_app())
    reader = asyncio.create_task(client.get(f"{API}/upload_progress", params={"upload_id": "wire"}))
    await client.post(f"{API}/upload", params={"upload_id": "wire"},
                      data=_multipart(("big.bin", os.urandom(200 * 1024), "application/octet-stream")),
                      headers=_MULTIPART_HEADERS)
    progress = await asyncio.wait_for(reader, 10)
    frames = (await progress.read()).split(b"\n\n")
    events = [typed(msgspec.json.decode(frame[6:]), UploadProgressMessage) for frame in frames if frame]
    assert isinstance(events[0], UploadUpdate) and events[-1] == UploadDone()


def test_file_data_payload_is_the_file_data_struct_as_a_dict() -> None:
    assert set(get_type_hints(FileDataPayload)) == set(FileData.__struct_fields__)
