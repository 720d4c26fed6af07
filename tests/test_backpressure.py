"""Backpressure on streams: a client that reads slowly gets the latest value, not every step queued up
for it, so the server's memory stays bounded; a client that keeps up still gets every step."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import aiohttp
import msgspec
from gradio_client import Client

import reblocks as gr
from tests.conftest import API, free_port, serve
from tests.test_render_api import resident_kib, wait_for_config

STEPS = 40_000
WIDTH = 1_000


def churn_app() -> gr.Blocks:
    """A stream whose every step replaces a 1 kB value (a diff cannot shrink it); it touches the file
    named by $CHURN_DONE once it has yielded its last step."""
    with gr.Blocks() as demo:
        box = gr.Textbox()

        def churn() -> Any:
            for step in range(STEPS):
                yield f"{step:08d}" * (WIDTH // 8)
            Path(os.environ["CHURN_DONE"]).touch()

        gr.Button().click(churn, None, box, api_name="churn")
    return demo


async def test_a_slow_reader_gets_the_final_value_and_server_memory_stays_bounded(tmp_path: Path) -> None:
    port = free_port()
    done = tmp_path / "done"
    command = f"from tests.test_backpressure import churn_app; churn_app().launch(server_port={port}, quiet=True)"
    server = subprocess.Popen([sys.executable, "-c", command], cwd=Path(__file__).parent.parent,
                              env={**os.environ, "CHURN_DONE": str(done)})
    try:
        async with aiohttp.ClientSession(f"http://127.0.0.1:{port}") as client:
            config = await wait_for_config(client)
            fn_index = next(entry["id"] for entry in config["dependencies"] if entry["api_name"] == "churn")
            before = resident_kib(server.pid)
            async with client.post(f"{API}/queue/join", json={"data": [], "fn_index": fn_index,
                                                              "session_hash": "slow"}) as response:
                assert response.status == 200
            # Nobody reads the stream while the whole answer (40 MB of steps) is produced.
            while not done.exists():
                await asyncio.sleep(0.05)
            grown = resident_kib(server.pid) - before
            messages = []
            async with client.get(f"{API}/queue/data", params={"session_hash": "slow"}) as stream:
                async for line in stream.content:
                    if line.startswith(b"data: "):
                        messages.append(msgspec.json.decode(line[6:]))
                        if messages[-1]["msg"] == "close_stream":
                            break
        last = f"{STEPS - 1:08d}" * (WIDTH // 8)
        generating = [message for message in messages if message["msg"] == "process_generating"]
        assert messages[-2]["msg"] == "process_completed" and messages[-2]["output"]["data"] == [last]
        # The steps nobody read were merged into the latest whole value.
        assert 1 <= len(generating) < STEPS / 10
        assert generating[-1]["output"]["data"] == [[["replace", [], last]]]
        assert grown < 12 * 1024, f"the server grew {grown} KiB while the client did not read"
    finally:
        server.terminate()
        server.wait()


def test_a_client_that_keeps_up_gets_every_step() -> None:
    with gr.Blocks() as demo:
        box = gr.Textbox()

        def count() -> Any:
            for step in range(2_000):
                yield str(step)

        gr.Button().click(count, None, box, api_name="count")
    with serve(demo) as url:
        job = Client(url, verbose=False).submit(api_name="/count")
        assert job.result() == "1999"
        assert job.outputs() == [str(step) for step in range(2_000)]
