"""ChatInterface on the wire: what the browser's chat events send over HTTP and SSE."""

from __future__ import annotations

from typing import Any

import msgspec

import reblocks as gr
from tests.conftest import API, read_stream


async def test_a_growing_thought_travels_as_diffs(client_factory: Any) -> None:
    def think(message: str, history: list[Any]):
        thought = gr.ChatMessage(content="", metadata={"title": "Thinking", "status": "pending"})
        for step in range(50):
            thought.content += f"step {step} is a fairly long line of reasoning text. "
            yield thought
        thought.metadata["status"] = "done"
        yield [thought, gr.ChatMessage(content="answer")]

    demo = gr.ChatInterface(think)
    client = await client_factory(demo)
    submit = next(d for d in demo.dependencies if d.targets == [(demo.textbox.id, "submit")])
    respond = next(d for d in demo.dependencies if d.trigger_after == submit.id)
    first = await client.post(f"{API}/run/predict", json={"data": ["go", []], "fn_index": submit.id,
                                                          "session_hash": "d"})
    chat = (await first.json())["data"][1]
    await client.post(f"{API}/queue/join", json={"data": [None, chat], "fn_index": respond.id,
                                                 "session_hash": "d"})
    messages = await read_stream(client, "d")
    generating = [m for m in messages if m["msg"] == "process_generating"]
    assert len(generating) == 51
    sizes = [len(msgspec.json.encode(m)) for m in generating]
    final_size = len(msgspec.json.encode(messages[-2]))
    assert generating[1]["output"]["data"][0] == [
        ["append", [1, "content", 0, "text"], "step 1 is a fairly long line of reasoning text. "]]
    assert max(sizes[1:-1]) < 400 < final_size  # each growth step is one small append
    assert generating[-1]["output"]["data"][0][0] == ["replace", [1, "metadata", "status"], "done"]
    # Whole histories each time would be about 50 x final_size.
    assert sum(sizes) < 50 * final_size / 5


async def test_eager_caching_of_async_functions_inside_a_running_loop() -> None:
    calls: list[str] = []

    async def coroutine(message: str, history: list[Any]) -> str:
        calls.append(message)
        return f"answer to {message}"

    async def stream(message: str, history: list[Any]) -> Any:
        calls.append(message)
        yield f"answer to {message}"

    for answer in (coroutine, stream):
        gr.ChatInterface(answer, examples=["first", "second"], cache_examples=True)
    # Computed at construction although this test's event loop runs (as in a notebook).
    assert calls == ["first", "second"] * 2
