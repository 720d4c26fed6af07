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
    messages = await send(client, demo, "go", [], "d")
    generating = [m for m in messages if m["msg"] == "process_generating"]
    assert len(generating) == 52  # the user's message, then 51 steps of the answer
    assert generating[0]["output"]["data"][:2] == ["", [
        {"role": "user", "metadata": None, "content": [{"type": "text", "text": "go"}], "options": None}]]
    steps = generating[1:]
    sizes = [len(msgspec.json.encode(m)) for m in steps]
    final_size = len(msgspec.json.encode(messages[-2]))
    assert steps[1]["output"]["data"][1] == [
        ["append", [1, "content", 0, "text"], "step 1 is a fairly long line of reasoning text. "]]
    assert max(sizes[1:-1]) < 400 < final_size  # each growth step is one small append
    assert steps[-1]["output"]["data"][1][0] == ["replace", [1, "metadata", "status"], "done"]
    # Whole histories each time would be about 50 x final_size.
    assert sum(sizes) < 50 * final_size / 5


async def send(client: Any, demo: gr.ChatInterface, text: str, history: list[Any], session: str) -> list[Any]:
    """Send a message as the page does: one queued event (textbox and chatbot in), and its stream."""
    sent = next(d for d in demo.dependencies if d.targets == [(demo.textbox.id, "submit")] and d.fn is not None)
    response = await client.post(f"{API}/queue/join", json={"data": [text, history], "fn_index": sent.id,
                                                             "session_hash": session})
    assert response.status == 200, await response.text()
    return await read_stream(client, session)


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


async def test_streaming_into_a_long_chat_sends_only_what_the_answer_changed(client_factory: Any) -> None:
    def answer(message: str, history: list[Any]):
        assert len(history) == 300
        for length in range(1, 21):
            yield "token " * length

    demo = gr.ChatInterface(answer)
    client = await client_factory(demo)
    earlier = [{"role": "user" if index % 2 == 0 else "assistant", "content": f"message {index} " * 20}
               for index in range(300)]
    messages = await send(client, demo, "go", earlier, "long")
    first, *steps = [m for m in messages if m["msg"] == "process_generating"]
    chat = first["output"]["data"][1]
    assert len(chat) == 301  # the first frame holds the whole chat and the message
    assert len(steps) == 20
    assert steps[0]["output"]["data"][1] == [
        ["add", [301], {"role": "assistant", "metadata": None, "content": [{"type": "text", "text": "token "}],
                        "options": None}]]
    for step in steps[1:]:
        # Each later step is one small append at the answer's place, whatever the history's length.
        assert step["output"]["data"][1] == [["append", [301, "content", 0, "text"], "token "]]
    completed = messages[-2]["output"]["data"][1]
    assert len(completed) == 302 and completed[:301] == chat
    assert completed[301]["content"] == [{"type": "text", "text": "token " * 20}]


async def test_a_chatbot_history_mutated_in_place_still_streams_right(client_factory: Any) -> None:
    """A plain Blocks stream that appends to the history it yields: every change reaches the client."""
    with gr.Blocks() as demo:
        chatbot = gr.Chatbot()
        go = gr.Button()

        def stream(history: list[Any]):
            history.append({"role": "assistant", "content": ""})
            for word in ("one", "two", "three"):
                history[-1]["content"] += word + " "
                history[0]["content"] = f"edited before {word}"  # an earlier message changes too
                yield history

        go.click(stream, chatbot, chatbot, api_name="stream")
    client = await client_factory(demo)
    dependency = next(d for d in demo.dependencies if d.api_name == "stream")
    await client.post(f"{API}/queue/join", json={"data": [[{"role": "user", "content": "hi"}]],
                                                 "fn_index": dependency.id, "session_hash": "m"})
    messages = await read_stream(client, "m")
    final = messages[-2]["output"]["data"][0]
    assert final[0]["content"] == [{"type": "text", "text": "edited before three"}]
    assert final[1]["content"] == [{"type": "text", "text": "one two three "}]
    assert messages[-3]["output"]["data"][0] == [
        ["replace", [0, "content", 0, "text"], "edited before three"],
        ["append", [1, "content", 0, "text"], "three "]]
