"""The HTTP protocol: config, info, queue join and stream, diffs, errors, cancel, bad input."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import msgspec

import reblocks as gr
from reblocks.renderer.app import SERVER
from tests.conftest import API, fn_index, read_stream, run_event
from tests.test_files import PNG


def streaming_app(finished: threading.Event | None = None, started: threading.Event | None = None,
                  release: threading.Event | None = None) -> gr.Blocks:
    def shout(text: str) -> str:
        return text.upper()

    def grow(text: str):
        try:
            for end in range(1, len(text) + 1):
                if started is not None and end == 2:
                    started.set()
                    assert release is not None
                    release.wait(10)
                yield text[:end]
        finally:
            if finished is not None:
                finished.set()

    def boom(text: str) -> str:
        if text == "user":
            raise gr.Error("boom happened", title="Oops")
        raise RuntimeError("secret internals")

    with gr.Blocks() as demo:
        box, out = gr.Textbox(), gr.Textbox()
        gr.Button().click(shout, box, out, api_name="shout")
        gr.Button().click(grow, box, out, api_name="grow")
        gr.Button().click(boom, box, out, api_name="boom")
    return demo


async def test_config_speaks_sse_v3(client_factory: Any) -> None:
    demo = streaming_app()
    client = await client_factory(demo)
    config = await (await client.get("/config")).json()
    assert config["protocol"] == "sse_v3"
    assert config["api_prefix"] == "/gradio_api"
    assert config["root"].startswith("http://127.0.0.1:")
    ids = {component["id"] for component in config["components"]}
    for dependency in config["dependencies"]:
        assert set(dependency["inputs"]) | set(dependency["outputs"]) <= ids
    assert [d["api_name"] for d in config["dependencies"]] == ["shout", "grow", "boom"]
    assert config["dependencies"][1]["types"] == {"generator": True, "cancel": False}


async def test_page_inlines_config_and_app_id_matches(client_factory: Any) -> None:
    demo = streaming_app()
    client = await client_factory(demo)
    page = await (await client.get("/")).text()
    assert "window.gradio_config = {" in page and "/assets/index.js" in page
    assert (await (await client.get(f"{API}/app_id")).json())["app_id"] == demo.app_id


async def test_info_lists_named_endpoints(client_factory: Any) -> None:
    client = await client_factory(streaming_app())
    info = await (await client.get(f"{API}/info", params={"serialize": "False"})).json()
    assert set(info) == {"named_endpoints", "unnamed_endpoints"}
    shout = info["named_endpoints"]["/shout"]
    assert shout["parameters"][0]["parameter_name"] == "text"
    assert shout["parameters"][0]["component"] == "Textbox"


async def test_event_messages_in_order(client_factory: Any) -> None:
    demo = streaming_app()
    client = await client_factory(demo)
    messages = await run_event(client, demo, "shout", ["hi"])
    assert [m["msg"] for m in messages] == ["estimation", "process_starts", "process_completed",
                                            "close_stream"]
    completed = messages[2]
    assert completed["success"] is True
    assert completed["output"]["data"] == ["HI"]
    assert completed["output"]["is_generating"] is False
    assert all(m["event_id"] == completed["event_id"] for m in messages[:3])


async def test_generator_sends_full_value_then_diffs(client_factory: Any) -> None:
    demo = streaming_app()
    client = await client_factory(demo)
    messages = await run_event(client, demo, "grow", ["abc"])
    generating = [m["output"]["data"] for m in messages if m["msg"] == "process_generating"]
    assert generating == [["a"], [[["append", [], "b"]]], [[["append", [], "c"]]]]
    assert messages[-2]["output"]["data"] == ["abc"]


async def test_gr_error_is_shown_and_other_errors_are_generic(client_factory: Any) -> None:
    demo = streaming_app()
    client = await client_factory(demo)
    messages = await run_event(client, demo, "boom", ["user"])
    completed = messages[-2]
    assert completed["success"] is False
    assert completed["output"]["error"] == "boom happened"
    assert completed["title"] == "Oops"
    messages = await run_event(client, demo, "boom", ["other"])
    assert messages[-2]["output"]["error"] is None
    # The server keeps serving after both.
    assert (await run_event(client, demo, "shout", ["ok"]))[-2]["output"]["data"] == ["OK"]


async def test_show_error_reveals_exception_text(client_factory: Any) -> None:
    demo = streaming_app()
    client = await client_factory(demo, show_error=True)
    messages = await run_event(client, demo, "boom", ["other"])
    assert "secret internals" in messages[-2]["output"]["error"]


async def test_cancel_closes_the_generator(client_factory: Any) -> None:
    finished, started, release = threading.Event(), threading.Event(), threading.Event()
    demo = streaming_app(finished, started, release)
    client = await client_factory(demo)
    body = {"data": ["abcdef"], "fn_index": fn_index(demo, "grow"), "session_hash": "s1"}
    event_id = (await (await client.post(f"{API}/queue/join", json=body)).json())["event_id"]
    stream = asyncio.create_task(read_stream(client, "s1"))
    assert await asyncio.to_thread(started.wait, 10)
    cancel = {"event_id": event_id, "session_hash": "s1", "fn_index": body["fn_index"]}
    assert (await (await client.post(f"{API}/cancel", json=cancel)).json()) == {"success": True}
    release.set()
    messages = await asyncio.wait_for(stream, 10)
    assert await asyncio.to_thread(finished.wait, 10)
    completed = [m for m in messages if m["msg"] == "process_completed"][0]
    assert completed["output"] == {} and completed["success"] is True
    assert len([m for m in messages if m["msg"] == "process_generating"]) == 1


async def test_async_generator_finally_runs_on_cancel(client_factory: Any) -> None:
    started, finished = asyncio.Event(), asyncio.Event()

    async def ticker(text: str):
        try:
            yield "1"
            started.set()
            await asyncio.Event().wait()
        finally:
            finished.set()

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(ticker, box, box, api_name="ticker")
    client = await client_factory(demo)
    body = {"data": ["x"], "fn_index": 0, "session_hash": "s2"}
    event_id = (await (await client.post(f"{API}/queue/join", json=body)).json())["event_id"]
    stream = asyncio.create_task(read_stream(client, "s2"))
    await asyncio.wait_for(started.wait(), 10)
    await client.post(f"{API}/cancel", json={"event_id": event_id, "session_hash": "s2", "fn_index": 0})
    await asyncio.wait_for(finished.wait(), 10)
    assert (await asyncio.wait_for(stream, 10))[-1]["msg"] == "close_stream"


class Gate:
    """An async function that waits at a gate and records how many calls were inside at once."""

    def __init__(self) -> None:
        self.inside = self.most = 0
        self.open = asyncio.Event()

    async def slow(self, text: str) -> str:
        self.inside += 1
        self.most = max(self.most, self.inside)
        await self.open.wait()
        self.inside -= 1
        return text


async def test_concurrency_limit_queues_events(client_factory: Any) -> None:
    gate = Gate()
    slow = gate.slow

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(slow, box, box, api_name="slow")
    client = await client_factory(demo)
    for name in ("a", "b", "c"):
        await client.post(f"{API}/queue/join", json={"data": [name], "fn_index": 0, "session_hash": name})
    streams = [asyncio.create_task(read_stream(client, name)) for name in ("a", "b")]
    seen_c: list[dict[str, Any]] = []
    async with client.get(f"{API}/queue/data", params={"session_hash": "c"}) as response:
        async for line in response.content:
            if line.startswith(b"data: "):
                seen_c.append(msgspec.json.decode(line[6:]))
                gate.open.set()  # "c" has read its place while "a" still runs: now let the line move
                if seen_c[-1]["msg"] == "close_stream":
                    break
    await asyncio.wait_for(asyncio.gather(*streams), 10)
    assert gate.most == 1  # Gradio's default concurrency_limit
    ranks = [m["rank"] for m in seen_c if m["msg"] == "estimation"]
    # "a" runs at once; "c" waits behind "b" (rank 1), then moves to the front (rank 0).
    assert ranks[0] == 1 and ranks[-1] == 0


async def test_state_is_per_session(client_factory: Any) -> None:
    def add(item: str, items: list[str]) -> tuple[list[str], str]:
        items.append(item)
        return items, ",".join(items)

    with gr.Blocks() as demo:
        items, box, out = gr.State([]), gr.Textbox(), gr.Textbox()
        gr.Button().click(add, [box, items], [items, out], api_name="add")
    client = await client_factory(demo)
    await run_event(client, demo, "add", ["x", None], session_hash="alice")
    alice = await run_event(client, demo, "add", ["y", None], session_hash="alice")
    bob = await run_event(client, demo, "add", ["z", None], session_hash="bob")
    assert alice[-2]["output"]["data"] == [None, "x,y"]
    assert alice[-2]["output"]["changed_state_ids"] == [items.id]
    assert bob[-2]["output"]["data"] == [None, "z"]


async def test_session_state_expires_after_grace(client_factory: Any) -> None:
    def add(items: list[int]) -> tuple[list[int], str]:
        items.append(1)
        return items, str(len(items))

    with gr.Blocks() as demo:
        items, out = gr.State([]), gr.Textbox()
        gr.Button().click(add, items, [items, out], api_name="add")
    client = await client_factory(demo, session_grace=0.05)
    first = await run_event(client, demo, "add", [None], session_hash="c")
    assert first[-2]["output"]["data"][1] == "1"
    server = client.app[SERVER]
    async def expired() -> None:
        while server.sessions.get("c") is not None:
            await asyncio.sleep(0.01)  # polls a condition; the grace timer itself runs on the loop

    await asyncio.wait_for(expired(), 5)
    again = await run_event(client, demo, "add", [None], session_hash="c")
    assert again[-2]["output"]["data"][1] == "1"


async def test_returning_a_component_updates_its_props(client_factory: Any) -> None:
    def make_code(text: str) -> Any:
        return gr.Code(language="python", value=text)

    def pick(text: str) -> dict[Any, Any]:
        return {first: text + "!"}

    with gr.Blocks() as demo:
        box = gr.Textbox()
        code = gr.Code()
        first, second = gr.Textbox(), gr.Textbox()
        gr.Button().click(make_code, box, code, api_name="code")
        gr.Button().click(pick, box, [first, second], api_name="pick")
    client = await client_factory(demo)
    code_out = (await run_event(client, demo, "code", ["x = 1"]))[-2]["output"]["data"][0]
    assert code_out == {"__type__": "update", "language": "python", "value": "x = 1"}
    pick_out = (await run_event(client, demo, "pick", ["a"]))[-2]["output"]["data"]
    assert pick_out == ["a!", {"__type__": "update"}]


async def test_run_route_answers_without_queue(client_factory: Any) -> None:
    demo = streaming_app()
    client = await client_factory(demo)
    body = {"data": ["hey"], "fn_index": fn_index(demo, "shout"), "session_hash": "r"}
    response = await client.post(f"{API}/run/predict", json=body)
    assert (await response.json())["data"] == ["HEY"]


async def test_info_toast_arrives_as_log(client_factory: Any) -> None:
    def chatty(text: str) -> str:
        gr.Info("working on it")
        return text

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(chatty, box, box, api_name="chatty")
    client = await client_factory(demo)
    messages = await run_event(client, demo, "chatty", ["x"])
    log = [m for m in messages if m["msg"] == "log"]
    assert log and log[0]["log"] == "working on it" and log[0]["level"] == "info"


# -- bad input ------------------------------------------------------------------------------
async def _assert_rejected(client: Any, path: str, body: bytes, status: int, fragment: str) -> None:
    response = await client.post(path, data=body, headers={"Content-Type": "application/json"})
    assert response.status == status, await response.text()
    assert fragment in (await response.json())["detail"]


async def test_bad_join_requests_get_clear_4xx(client_factory: Any) -> None:
    demo = streaming_app()
    client = await client_factory(demo)
    server_sessions = client.app[SERVER].sessions
    join = f"{API}/queue/join"
    await _assert_rejected(client, join, b'{"data": [', 400, "Malformed JSON")
    await _assert_rejected(client, join, b'{"fn_index": 0, "session_hash": "a"}', 422, "data")
    await _assert_rejected(client, join, b'{"data": ["x"], "fn_index": 99, "session_hash": "a"}', 404,
                           "fn_index 99")
    await _assert_rejected(client, join, b'{"data": [5], "fn_index": 0, "session_hash": "a"}', 422,
                           "Expected `str | null`, got `int`")
    await _assert_rejected(client, join, b'{"data": ["x", "y"], "fn_index": 0, "session_hash": "a"}',
                           422, "Expected 1 input values")
    await _assert_rejected(client, join, b'{"data": ["x"], "fn_index": "0", "session_hash": "a"}',
                           422, "Expected `int`")
    await _assert_rejected(client, join, b'{"data": ["x"], "fn_index": 0, "session_hash": "../x"}',
                           422, "session_hash")
    huge = msgspec.json.encode({"data": ["x" * (9 * 1024 * 1024)], "fn_index": 0, "session_hash": "a"})
    response = await client.post(join, data=huge, headers={"Content-Type": "application/json"})
    assert response.status == 413
    assert len(server_sessions) == 0  # nothing was created by any of these


async def test_unknown_session_on_queue_data_is_an_unexpected_error(client_factory: Any) -> None:
    client = await client_factory(streaming_app())
    response = await client.get(f"{API}/queue/data", params={"session_hash": "nobody"})
    assert response.status == 200  # as Gradio: one unexpected_error, then the stream ends
    frames = [line for line in (await response.read()).split(b"\n") if line.startswith(b"data: ")]
    assert [msgspec.json.decode(line[6:]) for line in frames] == [
        {"msg": "unexpected_error", "event_id": None, "message": "Session not found.",
         "session_not_found": True, "success": False}]


async def test_cancel_requires_its_fields(client_factory: Any) -> None:
    client = await client_factory(streaming_app())
    await _assert_rejected(client, f"{API}/cancel", b'{"event_id": "x"}', 422, "session_hash")
    response = await client.post(f"{API}/cancel", json={"event_id": "x", "session_hash": "y", "fn_index": 0})
    assert (await response.json()) == {"success": True}


async def test_assets_are_gzipped_cached_and_confined(client_factory: Any) -> None:
    client = await client_factory(streaming_app())
    response = await client.get("/assets/index.js", headers={"Accept-Encoding": "gzip"})
    assert response.status == 200 and response.headers["Content-Encoding"] == "gzip"
    assert "javascript" in response.headers["Content-Type"]
    again = await client.get("/assets/index.js", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status == 304
    for path in ("/assets/nope.js", "/assets/..%2F..%2Fapp.py", "/assets/%2e%2e/index.js"):
        assert (await client.get(path)).status == 404, path


async def test_a_shared_concurrency_id_limits_both_listeners_together(client_factory: Any) -> None:
    gate = Gate()
    slow = gate.slow

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(slow, box, box, api_name="a", concurrency_id="gpu", concurrency_limit=1)
        gr.Button().click(slow, box, box, api_name="b", concurrency_id="gpu", concurrency_limit=1)
    client = await client_factory(demo)
    for index, name in enumerate(("a", "b", "a", "b")):
        body = {"data": [name], "fn_index": fn_index(demo, name), "session_hash": f"s{index}"}
        assert (await client.post(f"{API}/queue/join", json=body)).status == 200
    streams = [asyncio.create_task(read_stream(client, f"s{index}")) for index in range(4)]
    gate.open.set()
    await asyncio.wait_for(asyncio.gather(*streams), 10)
    assert gate.most == 1


async def test_state_delete_callback_runs_when_the_session_expires(client_factory: Any) -> None:
    deleted: asyncio.Queue[Any] = asyncio.Queue()
    loop = asyncio.get_running_loop()

    def add(items: list[int]) -> tuple[list[int], str]:
        return items + [1], "ok"

    with gr.Blocks() as demo:
        items = gr.State([], delete_callback=lambda value: loop.call_soon_threadsafe(deleted.put_nowait, value))
        gr.Button().click(add, items, [items, gr.Textbox()], api_name="add")
    client = await client_factory(demo, session_grace=0.05)
    await run_event(client, demo, "add", [None], session_hash="gone")
    assert await asyncio.wait_for(deleted.get(), 5) == [1]


async def test_time_limit_stops_a_stream_and_keeps_its_last_value(client_factory: Any) -> None:
    closed = asyncio.Event()

    async def forever(text: str):
        try:
            count = 0
            while True:
                count += 1
                yield str(count)
                await asyncio.sleep(0.01)  # the stream's own pace, not test synchronisation
        finally:
            closed.set()

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(forever, box, box, api_name="forever", time_limit=0.2)
    client = await client_factory(demo)
    messages = await asyncio.wait_for(run_event(client, demo, "forever", ["x"]), 10)
    completed = messages[-2]
    assert completed["msg"] == "process_completed" and completed["success"] is True
    generating = [m for m in messages if m["msg"] == "process_generating"]
    assert generating[0]["time_limit"] == 0.2
    assert int(completed["output"]["data"][0]) >= 2
    assert closed.is_set()


async def test_a_hostile_host_header_cannot_break_out_of_the_page(client_factory: Any) -> None:
    client = await client_factory(streaming_app())
    page = await (await client.get("/", headers={"X-Forwarded-Host": 'x"><script>alert(1)</script>'})).text()
    # In the inline JSON it stays a string (its "</" escaped); in attributes it is HTML-escaped.
    assert "alert(1)</script>" not in page
    assert 'src="http://x&quot;&gt;&lt;script&gt;' in page


async def test_sync_functions_pre_and_postprocess_off_the_event_loop(client_factory: Any) -> None:
    threads: dict[str, str] = {}

    class Recorded(gr.Textbox):
        def preprocess(self, payload: Any) -> Any:
            threads["preprocess"] = threading.current_thread().name
            return super().preprocess(payload)

    class Figure:
        """Draws like a matplotlib figure: slow work the loop must not do."""

        def savefig(self, buffer: Any, **options: Any) -> None:
            threads["postprocess"] = threading.current_thread().name
            buffer.write(PNG)

    def draw(text: str) -> Figure:
        return Figure()

    with gr.Blocks() as demo:
        box = Recorded()
        gr.Button().click(draw, box, gr.Plot(), api_name="draw")
    client = await client_factory(demo)
    completed = (await run_event(client, demo, "draw", ["x"]))[-2]
    assert completed["output"]["data"][0]["type"] == "matplotlib"
    loop_thread = threading.current_thread().name
    assert threads["preprocess"] != loop_thread and threads["postprocess"] != loop_thread
    assert threads["preprocess"].startswith("reblocks-worker")


async def test_a_sync_generator_runs_ahead_and_every_value_arrives(client_factory: Any) -> None:
    threads: set[int] = set()

    def count(text: str):
        for index in range(1, 2001):
            threads.add(threading.get_ident())
            yield str(index)

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(count, box, box, api_name="count")
    client = await client_factory(demo)
    messages = await asyncio.wait_for(run_event(client, demo, "count", ["x"]), 20)
    generating = [m for m in messages if m["msg"] == "process_generating"]
    assert len(generating) == 2000  # a client that keeps up gets every partial value
    value = generating[0]["output"]["data"][0]
    for message in generating[1:]:
        for op, path, new in message["output"]["data"][0]:
            assert op in ("replace", "append") and path == []
            value = value + new if op == "append" else new
    assert value == "2000" and messages[-2]["output"]["data"] == ["2000"]
    assert len(threads) == 1  # one thread drove the whole stream


async def test_a_sync_generator_closes_on_time_limit_and_on_cancel(client_factory: Any) -> None:
    closed = {"limit": threading.Event(), "cancels": threading.Event()}
    started = threading.Event()

    def forever(text: str):
        try:
            count = 0
            while True:
                count += 1
                if count == 2:
                    started.set()
                yield str(count)
                time.sleep(0.01)  # the stream's own pace, not test synchronisation
        finally:
            closed[text].set()

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(forever, box, box, api_name="limited", time_limit=0.2)
        gr.Button().click(forever, box, box, api_name="forever")  # Stop and cancels= send /cancel
    client = await client_factory(demo)
    messages = await asyncio.wait_for(run_event(client, demo, "limited", ["limit"]), 10)
    assert messages[-2]["success"] is True and int(messages[-2]["output"]["data"][0]) >= 2
    assert await asyncio.to_thread(closed["limit"].wait, 10)
    body = {"data": ["cancels"], "fn_index": fn_index(demo, "forever"), "session_hash": "c"}
    event_id = (await (await client.post(f"{API}/queue/join", json=body)).json())["event_id"]
    reader = asyncio.create_task(read_stream(client, "c"))
    assert await asyncio.to_thread(started.wait, 10)
    cancel = {"event_id": event_id, "session_hash": "c", "fn_index": fn_index(demo, "forever")}
    assert (await client.post(f"{API}/cancel", json=cancel)).status == 200
    await asyncio.wait_for(reader, 10)
    assert await asyncio.to_thread(closed["cancels"].wait, 10)  # the user's finally: ran
