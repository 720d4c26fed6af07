"""`gr.cache` and `gr.Cache`: hits answer without running the function again, skip the queue's line,
replay streams, and per-session caches stay per session; in Chromium, through gradio_client, and directly."""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import ModuleType

import numpy as np
import pandas as pd
import pytest
from gradio_client import Client
from playwright.sync_api import Page, expect

import reblocks as gr
from reblocks.caching import content_key
from tests.conftest import load_demo, serve


@pytest.fixture(scope="module")
def app() -> Iterator[tuple[ModuleType, str]]:
    module = load_demo("blocks_cache")
    with serve(module.demo) as url:
        yield module, url


# -- through gradio_client -----------------------------------------------------------------------
def test_a_repeated_call_is_answered_from_the_cache(app: tuple[ModuleType, str]) -> None:
    module, url = app
    client = Client(url, verbose=False)
    before = module.calls["describe"]
    first = client.predict(7, api_name="/describe")
    assert first == f"7 squared is 49 (computed as call {before + 1})"
    assert client.predict(7, api_name="/describe") == first
    assert module.calls["describe"] == before + 1
    assert client.predict(8, api_name="/describe").startswith("8 squared is 64")
    assert module.calls["describe"] == before + 2


def test_a_hit_does_not_wait_for_a_busy_concurrency_slot(app: tuple[ModuleType, str]) -> None:
    module, url = app
    client = Client(url, verbose=False)
    expected = client.predict(11, api_name="/describe")
    module.busy.clear()
    module.release.clear()
    holding = client.submit(0, api_name="/hold")
    try:
        assert module.busy.wait(10)
        # `describe` shares the held slot (concurrency_limit=1): only a cache hit can answer now.
        assert client.submit(11, api_name="/describe").result(timeout=10) == expected
        assert not holding.done()
    finally:
        module.release.set()
    assert holding.result(timeout=10) == "released"


def test_a_cached_generator_replays_every_step(app: tuple[ModuleType, str]) -> None:
    module, url = app
    client = Client(url, verbose=False)
    before = module.calls["story"]
    first = client.submit("fox", api_name="/story")
    first_steps = list(first)
    again = client.submit("fox", api_name="/story")
    again_steps = list(again)
    assert again.outputs()[-1] == first.outputs()[-1] == f"Once upon a time there was a fox (told as call {before + 1})"
    assert again_steps == first_steps and len(first_steps) > 3
    assert module.calls["story"] == before + 1


def test_a_per_session_cache_keeps_sessions_apart(app: tuple[ModuleType, str]) -> None:
    _, url = app
    alice, bob = Client(url, verbose=False), Client(url, verbose=False)
    assert alice.predict("apples", api_name="/remember") == "(nothing yet)"
    assert alice.predict("pears", api_name="/remember") == "apples"
    assert bob.predict("plums", api_name="/remember") == "(nothing yet)"
    assert alice.predict("figs", api_name="/remember") == "apples, pears"


def test_the_cache_parameter_is_not_an_api_input(app: tuple[ModuleType, str]) -> None:
    _, url = app
    info = Client(url, verbose=False).view_api(return_format="dict", print_info=False)
    assert [p["parameter_name"] for p in info["named_endpoints"]["/remember"]["parameters"]] == ["text"]


# -- in the browser ------------------------------------------------------------------------------
def test_the_page_shows_the_cached_answer(page: Page, app: tuple[ModuleType, str]) -> None:
    module, url = app
    page.goto(url)
    number, answer, describe = page.get_by_label("Number"), page.get_by_label("Answer"), page.locator("#describe")
    number.fill("12")
    describe.click()
    expect(answer).to_have_value(re.compile(r"^12 squared is 144 \(computed as call \d+\)$"))
    first = answer.input_value()
    number.fill("5")
    describe.click()
    expect(answer).to_have_value(re.compile(r"^5 squared is 25 "))
    calls = module.calls["describe"]
    number.fill("12")
    describe.click()
    expect(answer).to_have_value(first)
    assert module.calls["describe"] == calls


# -- the API directly ----------------------------------------------------------------------------
def test_content_keys_follow_content_not_identity() -> None:
    assert content_key(np.arange(6)) == content_key(np.arange(6))
    assert content_key(np.arange(6)) != content_key(np.arange(6).reshape(2, 3))
    frame = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})
    assert content_key(frame) == content_key(frame.copy())
    assert content_key(frame) != content_key(frame.assign(a=[1, 3]))
    assert content_key({"x": 1, "y": [1, 2]}) == content_key({"y": [1, 2], "x": 1})
    assert content_key((1, 2)) != content_key([1, 2])

    class Unhashable:
        __slots__ = ()
        __hash__ = None  # type: ignore[assignment]

    with pytest.raises(TypeError, match="cannot hash a value of type Unhashable"):
        content_key([1, Unhashable()])


def test_max_size_evicts_the_least_recently_used() -> None:
    seen: list[int] = []

    @gr.cache(max_size=2)
    def double(x: int) -> int:
        seen.append(x)
        return 2 * x

    assert [double(1), double(2), double(1), double(3), double(1), double(2)] == [2, 4, 2, 6, 2, 4]
    assert seen == [1, 2, 3, 2]  # 2 was the least recently used when 3 came
    assert len(double.cache) == 2  # type: ignore[attr-defined]


def test_max_memory_bounds_the_bytes_kept() -> None:
    @gr.cache(max_size=0, max_memory="1kb")
    def block(n: int) -> np.ndarray:
        return np.zeros(n, dtype=np.uint8)

    for n in range(600, 606):
        block(n)
    assert len(block.cache) == 1  # type: ignore[attr-defined]


def test_a_key_function_chooses_what_counts() -> None:
    runs: list[str] = []

    @gr.cache(key=lambda arguments: arguments["prompt"])
    def answer(prompt: str, temperature: float = 0.5) -> str:
        runs.append(prompt)
        return prompt.upper()

    assert answer("hi", 0.1) == answer("hi", temperature=0.9) == "HI"
    assert runs == ["hi"]


def test_runtime_cache_reuses_one_wrapper() -> None:
    def helper(x: int) -> int:
        return x + 1

    assert gr.cache(helper) is gr.cache(helper)
    with pytest.raises(TypeError, match=r"gr.cache\(fn\)\(\*args\)"):
        gr.cache(helper(1))  # type: ignore[call-overload]


def test_manual_cache_get_set_keys_clear() -> None:
    store = gr.Cache(max_size=2)
    assert store.get("a") is None
    store.set("a", value=1)
    store.set(np.ones(3), value=2)
    assert store.get(np.ones(3)) == {"value": 2}
    assert store.get("a") == {"value": 1}  # now the most recently used
    store.set("c", value=3)
    assert store.get(np.ones(3)) is None and store.get("a") is not None and len(store) == 2
    assert sorted(store.keys()) == ["a", "c"]
    store.clear()
    assert len(store) == 0
