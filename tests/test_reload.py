"""The dev mode's swap through the HTTP API: State carried over, events under way finished, and the
app file run again by the Reloader (NO_RELOAD, local modules, errors)."""

from __future__ import annotations

import asyncio
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

import reblocks as gr
from reblocks.renderer.app import SERVER
from reblocks.renderer.reload import AppFileError, Reloader
from tests.conftest import API, fn_index, make_client, read_stream


def counter_app(release: threading.Event, label: str) -> gr.Blocks:
    with gr.Blocks() as demo:
        named = gr.State(0, key="named")
        plain = gr.State(100)
        out = gr.Textbox()

        def count(a: int, b: int) -> tuple[int, int, str]:
            return a + 1, b + 1, f"{label} {a + 1} {b + 1}"

        def slow() -> str:
            release.wait(10)
            return f"{label} slow"

        gr.Button().click(count, [named, plain], [named, plain, out], api_name="count")
        gr.Button().click(slow, None, out, api_name="slow")
    return demo


async def call(client: Any, demo: gr.Blocks, api_name: str, data: list[Any]) -> list[Any]:
    response = await client.post(f"{API}/queue/join", json={"data": data, "fn_index": fn_index(demo, api_name),
                                                             "session_hash": "s"})
    assert response.status == 200, await response.text()
    messages = await read_stream(client, "s")
    return list(messages[-2]["output"]["data"])


async def test_a_swap_keeps_state_and_finishes_the_event_under_way() -> None:
    release = threading.Event()
    old = counter_app(release, "old")
    client = await make_client(old)
    try:
        assert (await call(client, old, "count", [None, None]))[2] == "old 1 101"
        # A slow event starts on the old app...
        response = await client.post(f"{API}/queue/join", json={"data": [], "fn_index": fn_index(old, "slow"),
                                                                 "session_hash": "s"})
        assert response.status == 200
        stream = asyncio.ensure_future(read_stream(client, "s"))
        # ...the new app has its States in another order: the keyed one is found by key.
        with gr.Blocks() as new:
            plain = gr.State(0)
            named = gr.State(0, key="named")
            out = gr.Textbox()
            gr.Button().click(lambda b, a: (a + 10, b + 10, f"new {a + 10} {b + 10}"), [plain, named],
                              [named, plain, out], api_name="count")
        client.server.app[SERVER].swap(new)
        release.set()
        messages = await stream
        assert messages[-2]["msg"] == "process_completed" and messages[-2]["output"]["data"] == ["old slow"]
        assert (await call(client, new, "count", [None, None]))[2] == "new 11 111"
        config = await (await client.get("/config")).json()
        assert config["app_id"] == old.app_id and config["dev_mode"] is False
    finally:
        release.set()
        await client.close()


APP = '''
import reblocks as gr
import helper

if gr.NO_RELOAD:
    loads = helper.LOADS
    helper.LOADS.append(1)

with gr.Blocks() as demo:
    title = gr.Markdown(helper.TITLE)
demo.launch(theme="soft")
'''


@pytest.fixture
def app_dir(tmp_path: Path) -> Any:
    (tmp_path / "app.py").write_text(APP)
    (tmp_path / "helper.py").write_text('TITLE = "one"\nLOADS = []\n')
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))
    sys.modules.pop("helper", None)


def test_the_reloader_runs_the_file_again_with_the_same_ids(app_dir: Path) -> None:
    reloader = Reloader(app_dir / "app.py")
    first = reloader.load()
    assert reloader.launch_options == {"theme": "soft"}  # launch() in the file starts no server
    assert reloader.watched() == {app_dir / "app.py", app_dir / "helper.py"}
    (app_dir / "helper.py").write_text('TITLE = "two"\nLOADS = []\n')
    second = reloader.load()
    titles = [block.value for block in (first, second) for block in block.children]
    assert titles == ["one", "two"]  # the local module was imported afresh
    assert [block.id for block in first.children] == [block.id for block in second.children]
    assert second.theme == "soft"
    # NO_RELOAD code ran once: `loads` is the first run's list, which the edit did not replace.
    assert reloader._namespace is not None and reloader._namespace["loads"] == [1]


def test_an_error_in_the_file_is_reported_with_its_line(app_dir: Path) -> None:
    reloader = Reloader(app_dir / "app.py")
    reloader.load()
    (app_dir / "app.py").write_text(APP.replace("gr.Markdown(helper.TITLE)", "gr.Markdown(helper.MISSING)"))
    with pytest.raises(AppFileError) as failure:
        reloader.load()
    report = failure.value.report
    assert report.file == str(app_dir / "app.py") and report.line == 10
    assert "AttributeError" in report.message and "MISSING" in report.message
    (app_dir / "app.py").write_text(APP.replace("demo", "app"))
    with pytest.raises(AppFileError, match="no Blocks named 'demo'"):
        reloader.load()
