"""Regression tests for the hostile-client probe: file names in any shape, CSRF, shared sessions,
queue flooding, abandoned threads, unencodable outputs, and bad bodies."""

from __future__ import annotations

import asyncio
import gc
import json
import ssl
import subprocess
import threading
import tracemalloc
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import aiohttp
import msgspec
import pytest

import reblocks as gr
from reblocks.renderer.app import SERVER
from tests.conftest import API, fn_index, read_stream, run_event, serve
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


# -- 2. cross-site "simple" requests --------------------------------------------------------------------
@pytest.mark.parametrize("route", ["queue/join", "run/predict", "cancel", "reset"])
async def test_json_routes_refuse_other_content_types(client_factory: Any, route: str) -> None:
    calls: list[Any] = []
    demo = reader_app(calls)
    client = await client_factory(demo)
    body = msgspec.json.encode({"data": [None], "fn_index": fn_index(demo, "file"), "session_hash": "s",
                                "event_id": "e"})
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
        response = await client.post(f"{API}/{route}", data=body, headers={"Content-Type": content_type})
        assert response.status == 422, (route, content_type)
        assert "application/json" in (await response.json())["detail"]
    assert calls == [] and client.app[SERVER].sessions.get("s") is None


# -- 3. each session-less call has its own session -------------------------------------------------------
async def test_calls_without_a_session_hash_never_share_state(client_factory: Any) -> None:
    def remember(text: str, seen: list[str]) -> tuple[str, list[str]]:
        seen = [*seen, text]
        return " ".join(seen), seen

    with gr.Blocks() as demo:
        box, state = gr.Textbox(), gr.State([])
        gr.Button().click(remember, [box, state], [box, state], api_name="remember")
    client = await client_factory(demo)
    for secret in ("alice-secret", "bob"):
        response = await client.post(f"{API}/run/remember", json={"data": [secret, None], "fn_index": 0})
        assert (await response.json())["data"][0] == secret  # nobody else's words
    # A named session still keeps its State across calls.
    for text, expected in (("one", "one"), ("two", "one two")):
        body = {"data": [text, None], "fn_index": 0, "session_hash": "mine"}
        assert (await (await client.post(f"{API}/run/remember", json=body)).json())["data"][0] == expected


# -- 5. one session cannot flood the queue -----------------------------------------------------------------
def gated_app(gate: asyncio.Event) -> gr.Blocks:
    async def wait(text: str) -> str:
        await gate.wait()
        return text

    def fast(text: str) -> str:
        return text.upper()

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(wait, box, box, api_name="wait", concurrency_limit=1)
        gr.Button().click(fast, box, box, api_name="fast", concurrency_id="other")
    return demo


async def test_position_updates_do_not_grow_with_the_square_of_the_line(client_factory: Any) -> None:
    gate = asyncio.Event()
    demo = gated_app(gate)
    client = await client_factory(demo, max_session_events=1000)
    joins = 300
    for index in range(joins):
        body = {"data": [str(index)], "fn_index": fn_index(demo, "wait"), "session_hash": "flood"}
        assert (await client.post(f"{API}/queue/join", json=body)).status == 200
    gate.set()
    messages = await read_stream(client, "flood")
    completed = [m for m in messages if m["msg"] == "process_completed"]
    assert len(completed) == joins and all(m["success"] for m in completed)
    estimations = sum(m["msg"] == "estimation" for m in messages)
    # Sent to every waiting event on every move, this was joins²/2 (45,000) messages.
    assert estimations <= 3 * joins, estimations


async def test_a_session_has_a_cap_on_unfinished_events(client_factory: Any) -> None:
    gate = asyncio.Event()
    demo = gated_app(gate)
    client = await client_factory(demo, max_session_events=5)
    statuses = []
    for index in range(8):
        body = {"data": [str(index)], "fn_index": fn_index(demo, "wait"), "session_hash": "greedy"}
        response = await client.post(f"{API}/queue/join", json=body)
        statuses.append(response.status)
        if response.status == 429:
            assert "unfinished events" in (await response.json())["detail"]
    assert statuses == [200] * 5 + [429] * 3
    # Another session is served meanwhile.
    answer = await run_event(client, demo, "fast", ["hi"], session_hash="polite")
    assert answer[-2]["output"]["data"] == ["HI"]
    gate.set()
    assert sum(m["msg"] == "process_completed" for m in await read_stream(client, "greedy")) == 5


async def test_max_size_counts_the_whole_queue(client_factory: Any) -> None:
    gate = asyncio.Event()
    demo = gated_app(gate).queue(max_size=3)
    client = await client_factory(demo)
    wait, fast = fn_index(demo, "wait"), fn_index(demo, "fast")
    statuses = []
    # One runs and two wait in "wait"'s group; the third waiter belongs to another group.
    for index, fn in enumerate([wait, wait, wait, wait, fast]):
        body = {"data": ["x"], "fn_index": fn, "session_hash": f"s{index}"}
        statuses.append((await client.post(f"{API}/queue/join", json=body)).status)
    assert statuses[:3] == [200, 200, 200] and 503 in statuses[3:]
    gate.set()


async def test_a_session_that_never_reads_cannot_pile_up_output(client_factory: Any) -> None:
    def big(text: str) -> str:
        return text * (200 * 1024)

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(big, box, box, api_name="big", concurrency_limit=None)
    client = await client_factory(demo)
    accepted = 0
    for _ in range(80):
        body = {"data": ["x"], "fn_index": 0, "session_hash": "deaf"}
        response = await client.post(f"{API}/queue/join", json=body)
        if response.status == 429:
            break
        accepted += 1
        await asyncio.wait_for(_until_idle(client, "deaf"), 10)
    assert 40 <= accepted <= 42  # 8 MiB unread, then refused
    messages = await read_stream(client, "deaf")
    assert sum(m["msg"] == "process_completed" for m in messages) == accepted
    body = {"data": ["x"], "fn_index": 0, "session_hash": "deaf"}
    assert (await client.post(f"{API}/queue/join", json=body)).status == 200  # read: welcome back


async def _until_idle(client: Any, session_hash: str) -> None:
    """Wait for the session's events to finish (their output then waits, unread, in its outbox)."""
    session = client.app[SERVER].sessions.get(session_hash)
    while session.events:
        await asyncio.gather(*(event.task for event in session.events.values()), return_exceptions=True)


# -- 6. cancelled calls free their slot and do not starve the thread pool -----------------------------
async def _join(client: Any, demo: gr.Blocks, api_name: str, data: list[Any], session_hash: str) -> str:
    body = {"data": data, "fn_index": fn_index(demo, api_name), "session_hash": session_hash}
    response = await client.post(f"{API}/queue/join", json=body)
    assert response.status == 200
    return str((await response.json())["event_id"])


async def _cancel(client: Any, demo: gr.Blocks, api_name: str, event_id: str, session_hash: str) -> None:
    body = {"event_id": event_id, "session_hash": session_hash, "fn_index": fn_index(demo, api_name)}
    assert (await client.post(f"{API}/cancel", json=body)).status == 200


async def test_cancelled_blocking_calls_do_not_starve_other_functions(client_factory: Any) -> None:
    release = threading.Event()
    started = threading.Semaphore(0)

    def stuck(text: str) -> str:
        started.release()
        release.wait(30)
        return text

    def quick(text: str) -> str:
        return text.upper()

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(stuck, box, box, api_name="stuck", concurrency_limit=None)
        gr.Button().click(quick, box, box, api_name="quick", concurrency_id="quick")
    client = await client_factory(demo, max_threads=4)
    try:
        for index in range(6):  # more than the 4 threads
            session = f"stuck{index}"
            event_id = await _join(client, demo, "stuck", ["x"], session)
            if index < 4:
                assert await asyncio.to_thread(started.acquire, True, 10)
            await _cancel(client, demo, "stuck", event_id, session)
        answer = await asyncio.wait_for(run_event(client, demo, "quick", ["hi"], "other"), 10)
        assert answer[-2]["output"]["data"] == ["HI"]
    finally:
        release.set()


async def test_a_generator_cancelled_inside_a_step_frees_its_slot(client_factory: Any) -> None:
    release, started, finished = threading.Event(), threading.Event(), threading.Event()

    def count(text: str):
        try:
            yield "1"
            if text == "block":
                started.set()
                release.wait(30)
            yield "2"
        finally:
            if text == "block":
                finished.set()

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(count, box, box, api_name="count", concurrency_limit=1)
    client = await client_factory(demo)
    try:
        event_id = await _join(client, demo, "count", ["block"], "first")
        assert await asyncio.to_thread(started.wait, 10)
        await _cancel(client, demo, "count", event_id, "first")
        # The only slot is free again although the cancelled step still blocks its thread.
        answer = await asyncio.wait_for(run_event(client, demo, "count", ["go"], "second"), 10)
        assert answer[-2]["output"]["data"] == ["2"]
        assert not finished.is_set()
    finally:
        release.set()
    assert await asyncio.to_thread(finished.wait, 10)  # closed once its step returned: finally: ran


# -- 7. a value JSON cannot hold is a visible error naming its output ------------------------------------
@pytest.mark.parametrize("value", [object(), 1 + 2j, {(1, 2): "tuple key"}])
async def test_unencodable_outputs_are_errors_naming_the_output(client_factory: Any, value: Any) -> None:
    def give(text: str) -> tuple[str, Any]:
        return text, value

    def stream(text: str):
        yield text, None
        yield text, value

    with gr.Blocks() as demo:
        box, result = gr.Textbox(), gr.JSON(label="Result")
        # postprocess=False: the value goes out as returned (gr.JSON would turn it into text).
        gr.Button().click(give, box, [box, result], api_name="give", postprocess=False)
        gr.Button().click(stream, box, [box, result], api_name="stream", postprocess=False)
    client = await client_factory(demo)
    for api_name in ("give", "stream"):
        completed = (await run_event(client, demo, api_name, ["hi"]))[-2]
        assert completed["msg"] == "process_completed" and completed["success"] is False
        assert 'Output 1 (JSON "Result") cannot be sent' in completed["output"]["error"]
    response = await client.post(f"{API}/run/give", json={"data": ["hi"], "fn_index": 0})
    assert response.status == 500 and response.content_type == "application/json"
    assert "Output 1" in (await response.json())["error"]


# -- 10. bodies nested too deeply, multipart without a boundary --------------------------------------------
async def test_deep_nesting_and_boundaryless_multipart_are_400(client_factory: Any) -> None:
    calls: list[Any] = []
    demo = reader_app(calls)
    client = await client_factory(demo)
    deep = b'{"data":[' + b"[" * 5000 + b"]" * 5000 + b'],"fn_index":0,"session_hash":"s"}'
    for route in ("queue/join", "run/predict"):
        response = await client.post(f"{API}/{route}", data=deep, headers={"Content-Type": "application/json"})
        assert response.status == 400, route
    response = await client.post(f"{API}/upload", data=b"--x\r\n\r\n",
                                 headers={"Content-Type": "multipart/form-data"})
    assert response.status == 400
    assert calls == [] and client.app[SERVER].sessions.get("s") is None


# -- 11. sys.exit() or KeyboardInterrupt in a function is an error like any other ------------------------
async def test_system_exit_in_a_function_does_not_stop_the_server(client_factory: Any) -> None:
    def leave(text: str) -> str:
        raise SystemExit(3) if text == "exit" else KeyboardInterrupt

    async def leave_async(text: str) -> str:
        raise SystemExit(4)

    def leave_stream(text: str):
        yield text
        raise SystemExit(5)

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(leave, box, box, api_name="leave")
        gr.Button().click(leave_async, box, box, api_name="leave_async")
        gr.Button().click(leave_stream, box, box, api_name="leave_stream")
        gr.Button().click(str.upper, box, box, api_name="upper")
    client = await client_factory(demo, show_error=True)
    for api_name, text in (("leave", "exit"), ("leave", "interrupt"), ("leave_async", "x"), ("leave_stream", "x")):
        completed = (await run_event(client, demo, api_name, [text]))[-2]
        assert completed["success"] is False, api_name
        assert completed["output"]["error"].startswith(("SystemExit", "KeyboardInterrupt"))
    assert (await run_event(client, demo, "upper", ["still here"]))[-2]["output"]["data"] == ["STILL HERE"]


# -- 8. made-up Host headers cannot grow the server's memory ---------------------------------------------
async def test_config_cache_is_bounded_across_hosts(client_factory: Any) -> None:
    client = await client_factory(reader_app([]))
    config_size = len(await (await client.get("/config")).read())

    async def visit(hosts: range) -> None:
        # A plain session: the test client keeps every response, which would hide what the server keeps.
        async with aiohttp.ClientSession() as http:
            for index in hosts:
                host = f"host{index}.example"
                for path, header in (("/config", "Host"), ("/", "X-Forwarded-Host")):
                    async with http.get(client.make_url(path), headers={header: host}) as response:
                        assert response.status == 200
                        assert host in await response.text()  # each still gets its own root

    await visit(range(50))
    tracemalloc.start()
    try:
        await visit(range(50, 350))
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    # Kept per host, this was 300 configs (about 300 x config_size bytes).
    assert grown < 30 * config_size, (grown, config_size)


# -- 4. security options are honoured or refused, never dropped --------------------------------------------
def _self_signed(folder: Path, password: str) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert),
                    "-passout", f"pass:{password}"], check=True, capture_output=True)
    return cert, key


def test_https_with_ssl_keyfile_and_certfile(tmp_path: Path) -> None:
    cert, key = _self_signed(tmp_path, "secret")
    demo = reader_app([])
    with serve(demo, ssl_certfile=str(cert), ssl_keyfile=str(key), ssl_keyfile_password="secret") as url:
        assert url.startswith("https://")
        context = ssl.create_default_context(cafile=str(cert))
        with urllib.request.urlopen(url + "config", context=context) as response:
            assert json.load(response)["protocol"] == "sse_v3"
        with pytest.raises((urllib.error.URLError, ConnectionError)):
            urllib.request.urlopen(url.replace("https://", "http://") + "config")  # no plain HTTP
    with pytest.raises(ValueError, match="both ssl_certfile and ssl_keyfile"):
        demo.launch(ssl_certfile=str(cert), prevent_thread_lock=True, quiet=True)


async def test_auth_dependency_guards_every_route(client_factory: Any) -> None:
    calls: list[Any] = []
    demo = reader_app(calls)

    async def user_of(request: Any) -> str | None:
        return "ada" if request.headers.get("X-User") == "ada" else None

    client = await client_factory(demo, auth_dependency=user_of)
    body = {"data": [None], "fn_index": fn_index(demo, "file"), "session_hash": "s"}
    for method, path in (("GET", "/"), ("GET", "/config"), ("GET", f"{API}/info"), ("POST", f"{API}/queue/join"),
                         ("POST", f"{API}/run/predict"), ("GET", f"{API}/queue/data?session_hash=s")):
        response = await client.request(method, path, json=body if method == "POST" else None)
        assert response.status == 401, path
        response = await client.request(method, path, json=body if method == "POST" else None,
                                        headers={"X-User": "ada"})
        assert response.status == 200, path
    assert (await client.get("/assets/index.js")).status == 200  # the bundle itself is public


def test_launch_refuses_typos_and_names_what_it_ignores() -> None:
    demo = reader_app([])
    with pytest.raises(TypeError, match="server_prot"):
        demo.launch(server_prot=7860)
    with pytest.warns(UserWarning, match=r"launch\(pwa=...\)"):
        with serve(demo, pwa=True):
            pass


# -- 13. protocol gaps: the two-step REST API and the legacy file route ------------------------------------
async def _call_events(client: Any, path: str) -> list[tuple[str, Any]]:
    events = []
    async with client.get(path) as response:
        assert response.status == 200
        for block in (await response.text()).strip().split("\n\n"):
            name, data = block.split("\n")
            events.append((name.removeprefix("event: "), json.loads(data.removeprefix("data: "))))
    return events


async def test_the_two_step_call_api(client_factory: Any) -> None:
    def count(text: str, seen: int):
        for index in range(3):
            yield f"{text}{index}", seen + 1

    def fail(text: str) -> str:
        raise gr.Error(f"no {text}")

    with gr.Blocks() as demo:
        box, state = gr.Textbox(), gr.State(0)
        gr.Button().click(count, [box, state], [box, state], api_name="count")
        gr.Button().click(fail, box, box, api_name="fail")
    client = await client_factory(demo)
    # State inputs may be left out, as curl users do.
    response = await client.post(f"{API}/call/count", json={"data": ["a"]})
    event_id = (await response.json())["event_id"]
    events = await _call_events(client, f"{API}/call/count/{event_id}")
    assert events == [("generating", ["a0", None]), ("generating", ["a1", None]),
                      ("generating", ["a2", None]), ("complete", ["a2", None])]
    response = await client.post(f"{API}/call/fail", json={"data": ["way"]})
    events = await _call_events(client, f"{API}/call/fail/{(await response.json())['event_id']}")
    assert events[-1][0] == "error" and events[-1][1]["error"] == "no way"
    # Mistakes are 4xx, as on the other routes.
    assert (await client.post(f"{API}/call/nothing", json={"data": []})).status == 404
    assert (await client.post(f"{API}/call/fail", json={"data": [1, 2, 3]})).status == 422
    assert (await client.post(f"{API}/call/fail", data=b'{"data":["x"]}')).status == 422  # not JSON
    assert (await client.get(f"{API}/call/fail/unknown")).status == 404


async def test_the_legacy_file_route_serves_like_file_equals(client_factory: Any) -> None:
    client = await client_factory(reader_app([]))
    path = (await (await upload(client, ("red.png", PNG, "image/png"))).json())[0]
    for url in (f"{API}/file={path}", f"{API}/file/{path}"):
        response = await client.get(url)
        assert response.status == 200 and await response.read() == PNG, url
    for url in (f"{API}/file//etc/passwd", f"{API}/file/etc/passwd", f"{API}/file/{path}/../../../../etc/passwd"):
        assert (await client.get(url)).status in (403, 404), url


async def test_a_call_left_running_after_cancel_changes_no_state(client_factory: Any) -> None:
    release, started, finished = threading.Event(), threading.Event(), threading.Event()

    def count(seen: int):
        try:
            yield seen + 1
            started.set()
            release.wait(30)
            yield seen + 100  # produced after the cancel: must not reach the session's State
        finally:
            finished.set()

    def read(seen: int) -> int:
        return seen

    with gr.Blocks() as demo:
        state, out = gr.State(0), gr.Number()
        gr.Button().click(count, state, state, api_name="count")
        gr.Button().click(read, state, out, api_name="read")
    client = await client_factory(demo)
    event_id = await _join(client, demo, "count", [None], "s")
    assert await asyncio.to_thread(started.wait, 10)
    await _cancel(client, demo, "count", event_id, "s")
    release.set()
    assert await asyncio.to_thread(finished.wait, 10)  # the step ran to its end, then the close
    answer = await run_event(client, demo, "read", [None], session_hash="s")
    assert answer[-2]["output"]["data"] == [1]
