"""`@gr.render` through the HTTP API: per-session subtrees, their listeners, and memory that stays flat."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path
from typing import Any

import aiohttp
import msgspec
import pytest

import reblocks as gr
from tests.conftest import API, free_port, make_client


def counter_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        count = gr.Number(1)

        @gr.render(inputs=count)
        def rows(how_many: float) -> None:
            for index in range(int(how_many)):
                box = gr.Textbox(f"row {index}", key=f"row-{index}")
                seen = gr.State(0)  # no key: a fresh one each run
                button = gr.Button(f"go {index}")
                button.click(lambda text, n: (text + "+", n + 1), [box, seen], [box, seen])
    return demo


def render_fn_index(demo: gr.Blocks) -> int:
    return next(dependency.id for dependency in demo.dependencies if dependency.renderable is not None)


async def read_stream(client: Any, session: str) -> list[dict[str, Any]]:
    """The messages of one `/queue/data` stream (a test client's or a plain session's)."""
    messages = []
    async with client.get(f"{API}/queue/data", params={"session_hash": session}) as response:
        async for line in response.content:
            if line.startswith(b"data: "):
                messages.append(msgspec.json.decode(line[6:]))
                if messages[-1]["msg"] == "close_stream":
                    break
    return messages


async def render(client: Any, fn_index: int, count: int, session: str) -> dict[str, Any]:
    async with client.post(f"{API}/queue/join", json={"data": [count], "fn_index": fn_index,
                                                      "session_hash": session}) as response:
        assert response.status == 200, await response.text()
    messages = await read_stream(client, session)
    completed = messages[-2]
    assert completed["msg"] == "process_completed" and completed["success"], completed
    config: dict[str, Any] = completed["output"]["render_config"]
    return config


async def click(client: Any, fn_index: int, text: str, session: str) -> tuple[int, list[Any]]:
    response = await client.post(f"{API}/queue/join", json={"data": [text, None], "fn_index": fn_index,
                                                             "session_hash": session})
    if response.status != 200:
        return response.status, []
    messages = await read_stream(client, session)
    return 200, messages[-2]["output"]["data"]


async def test_a_run_sends_its_subtree_and_listeners_for_its_session_only() -> None:
    demo = counter_app()
    client = await make_client(demo)
    try:
        config = await render(client, render_fn_index(demo), 3, "alice")
        # The container first, then each row's textbox, State and button, in the order drawn.
        assert config["components"][0]["id"] == config["layout"]["id"]
        assert [node["id"] for node in config["layout"]["children"]] == [
            entry["id"] for entry in config["components"][1:]]
        assert [entry["type"] for entry in config["components"][1:4]] == ["textbox", "state", "button"]
        assert len(config["layout"]["children"]) == 9
        listeners = config["dependencies"]
        assert len(listeners) == 3 and all(entry["rendered_in"] == config["render_id"] for entry in listeners)
        assert all(entry["api_name"] is None for entry in listeners)  # per session: not in the API
        status, data = await click(client, listeners[1]["id"], "row 1", "alice")
        assert status == 200 and data == ["row 1+", None]
        # Another session has no such listener until its own render runs.
        status, _ = await click(client, listeners[1]["id"], "row 1", "bob")
        assert status == 404
        bob = await render(client, render_fn_index(demo), 1, "bob")
        assert len(bob["dependencies"]) == 1
        # A keyed block has the same id in every run and session; an unkeyed one a new id each run.
        keyed = {entry["key"]: entry["id"] for entry in config["components"] if entry["key"]}
        assert {entry["key"]: entry["id"] for entry in bob["components"] if entry["key"]} == {"row-0": keyed["row-0"]}
        # The replaced run's listeners are gone for alice: a shorter run drops the third.
        shorter = await render(client, render_fn_index(demo), 2, "alice")
        assert len(shorter["dependencies"]) == 2
        status, _ = await click(client, listeners[2]["id"], "row 2", "alice")
        assert status == 404
    finally:
        await client.close()


async def test_an_error_in_the_render_leaves_the_previous_run_in_place() -> None:
    with gr.Blocks() as demo:
        count = gr.Number(1)

        @gr.render(inputs=count)
        def rows(how_many: float) -> None:
            if how_many < 0:
                raise ValueError("negative")
            for index in range(int(how_many)):
                button = gr.Button(f"go {index}")
                button.click(lambda: 7, None, count)
    client = await make_client(demo)
    try:
        config = await render(client, render_fn_index(demo), 2, "s")
        response = await client.post(f"{API}/queue/join", json={"data": [-1], "fn_index": render_fn_index(demo),
                                                                 "session_hash": "s"})
        assert response.status == 200
        completed = (await read_stream(client, "s"))[-2]
        assert completed["msg"] == "process_completed" and completed["success"] is False
        response = await client.post(f"{API}/queue/join", json={"data": [], "fn_index": config["dependencies"][1]["id"],
                                                                 "session_hash": "s"})
        assert response.status == 200
        assert (await read_stream(client, "s"))[-2]["success"] is True
    finally:
        await client.close()


async def test_memory_stays_flat_over_a_thousand_re_renders(tmp_path: Path) -> None:
    """The server runs in a process of its own, so its resident memory is all that is measured."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", "from tests.test_render_api import counter_app; "
         f"counter_app().launch(server_port={port}, quiet=True)"],
        cwd=Path(__file__).parent.parent)
    url = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession(url) as client:
            config = await wait_for_config(client)
            fn_index = next(entry["id"] for entry in config["dependencies"] if entry["renderable"] is not None)
            for count in range(200):
                await render(client, fn_index, 1 + count % 5, "s")
            before = resident_kib(server.pid)
            for count in range(1000):
                last = await render(client, fn_index, 1 + count % 5, "s")
            after = resident_kib(server.pid)
        assert len(last["layout"]["children"]) == 15  # 999 % 5 == 4: five rows of three blocks
        assert after - before < 2 * 1024, f"the server's RSS grew from {before} to {after} KiB"
    finally:
        server.terminate()
        server.wait()


async def wait_for_config(client: aiohttp.ClientSession) -> dict[str, Any]:
    """The app's config, once the server answers."""
    for _ in range(300):
        try:
            async with client.get("/config") as response:
                config: dict[str, Any] = await response.json()
                return config
        except aiohttp.ClientConnectionError:
            await asyncio.sleep(0.05)  # the server process is still starting
    raise TimeoutError("the server did not start")


def resident_kib(pid: int) -> int:
    """A process's resident memory now, in KiB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))


def test_a_key_used_twice_in_one_run_is_an_error() -> None:
    with gr.Blocks() as demo:
        @gr.render()
        def twice() -> None:
            gr.Textbox(key="same")
            gr.Textbox(key="same")
    with pytest.raises(ValueError, match="'same' is used by two blocks"):
        demo.renderables[0].run()


def test_render_takes_only_plain_functions() -> None:
    with gr.Blocks(), pytest.raises(TypeError, match="plain function"):
        @gr.render()
        async def later() -> None:
            gr.Textbox()
