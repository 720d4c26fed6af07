"""ChatInterface through the official gradio_client: predict, streaming, history per session, view_api."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from gradio_client import Client

import reblocks as gr
from tests.conftest import load_demo, serve


@pytest.fixture(scope="module")
def alternating() -> Iterator[str]:
    with serve(load_demo("chat_alternating").demo) as url:
        yield url


@pytest.fixture(scope="module")
def echo() -> Iterator[str]:
    with serve(load_demo("chat_additional_inputs").demo) as url:
        yield url


def test_predict_keeps_history_per_client(alternating: str) -> None:
    first, second = Client(alternating, verbose=False), Client(alternating, verbose=False)
    assert first.predict("cats", api_name="/alternatingly_agree") == "Yes, I do think that: cats"
    assert first.predict("dogs", api_name="/alternatingly_agree") == "I don't think so"
    # A new session starts with an empty history.
    assert second.predict("fish", api_name="/alternatingly_agree") == "Yes, I do think that: fish"
    assert first.predict("birds", api_name="/alternatingly_agree") == "Yes, I do think that: birds"


def test_submit_streams_the_answer(echo: str) -> None:
    job = Client(echo, verbose=False).submit("hi", "Be brief.", 30, api_name="/echo")
    final = job.result(timeout=30)
    expected = "System prompt: Be brief.\n Message: hi."
    assert final == expected[:30]
    outputs = job.outputs()
    assert len(outputs) == 30
    assert outputs[0] == "S" and outputs[-1] == final


def test_view_api_shows_the_chat_endpoint(echo: str) -> None:
    api = Client(echo, verbose=False).view_api(print_info=False, return_format="dict")
    assert list(api["named_endpoints"]) == ["/echo"]
    parameters = api["named_endpoints"]["/echo"]["parameters"]
    assert [p["parameter_name"] for p in parameters] == ["message", "system_prompt", "tokens"]
    assert parameters[1]["parameter_default"] == "You are helpful AI."
    assert parameters[2]["parameter_default"] == 10
    assert [p["component"] for p in parameters] == ["Textbox", "Textbox", "Slider"]
    assert api["named_endpoints"]["/echo"]["returns"][0]["label"] == "Response"


def test_defaults_fill_in_additional_inputs(echo: str) -> None:
    assert Client(echo, verbose=False).predict("yo", api_name="/echo") == "System pro"  # the slider starts at its minimum, 10


def test_async_functions_and_async_generators_answer_and_stream() -> None:
    import asyncio

    async def reply(message: str, history: list[dict[str, object]]) -> str:
        await asyncio.sleep(0)
        return f"{len(history)} before: {message}"

    histories: list[list[dict[str, object]]] = []

    async def stream(message: str, history: list[dict[str, object]]):
        histories.append(history)
        for end in range(1, len(message) + 1):
            await asyncio.sleep(0)
            yield message[:end]

    with serve(gr.ChatInterface(reply, api_name="reply")) as url:
        client = Client(url, verbose=False)
        assert client.predict("a", api_name="/reply") == "0 before: a"
        assert client.predict("b", api_name="/reply") == "2 before: b"
    with serve(gr.ChatInterface(stream, api_name="stream")) as url:
        client = Client(url, verbose=False)
        job = client.submit("abc", api_name="/stream")
        assert job.result(timeout=30) == "abc" and job.outputs() == ["a", "ab", "abc"]
        # The streamed answer joined the session's history once the stream ended.
        job = client.submit("xy", api_name="/stream")
        assert job.result(timeout=30) == "xy"
    assert histories[0] == []
    assert [(entry["role"], entry["content"]) for entry in histories[1]] == [
        ("user", [{"type": "text", "text": "abc"}]), ("assistant", [{"type": "text", "text": "abc"}])]


def test_streamed_answers_join_the_api_history() -> None:
    def count(message: str, history: list[dict[str, object]]):
        yield f"{len(history)} before"

    with serve(gr.ChatInterface(count, api_name="count")) as url:
        client = Client(url, verbose=False)
        assert [client.predict(str(n), api_name="/count") for n in range(3)] == [
            "0 before", "2 before", "4 before"]
