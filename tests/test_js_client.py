"""The official @gradio/client from npm, unmodified, calling the basic demo from node."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import load_demo, serve

SCRIPT = Path(__file__).parent.parent / "js" / "scripts" / "call_endpoint.mjs"


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with serve(load_demo("blocks_basic").demo) as url:
        yield url


def call(url: str, endpoint: str, args: list[object]) -> list[object]:
    done = subprocess.run(["node", str(SCRIPT), url, endpoint, json.dumps(args)], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_predict_from_node(url: str) -> None:
    assert call(url, "/greet", ["Ada"])[-1] == ["## Hello, **Ada**!"]


def test_streaming_from_node(url: str) -> None:
    values = call(url, "/spell", ["abc"])
    assert values[-1] == ["abc"]
    assert ["a"] in values and ["ab"] in values
