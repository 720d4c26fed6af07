"""gr.Interface and gr.TabbedInterface through the official gradio_client: endpoints named after the
function, parameters after its parameters, streaming, and Gradio's keyword checks."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest
from gradio_client import Client

import reblocks as gr
from tests.conftest import load_demo, serve


@pytest.fixture(scope="module")
def basic() -> Iterator[str]:
    with serve(load_demo("interface_basic").demo) as url:
        yield url


def test_predict_calls_the_function_named_endpoint(basic: str) -> None:
    client = Client(basic, verbose=False)
    assert client.predict("Ada", 3, False, api_name="/greet") == "Hello, Ada!!!"
    assert client.predict("Ada", 2, True, api_name="/greet") == "HELLO, ADA!!"


def test_view_api_lists_the_parameters_by_name(basic: str) -> None:
    api = Client(basic, verbose=False).view_api(print_info=False, return_format="dict")
    assert list(api["named_endpoints"]) == ["/greet"]  # the examples' event is undocumented, as in Gradio
    endpoint = api["named_endpoints"]["/greet"]
    parameters = endpoint["parameters"]
    assert [p["parameter_name"] for p in parameters] == ["name", "intensity", "shout"]
    assert [p["label"] for p in parameters] == ["name", "intensity", "shout"]
    assert [p["component"] for p in parameters] == ["Textbox", "Slider", "Checkbox"]
    assert parameters[1]["parameter_default"] == 1  # the slider starts at its minimum
    assert endpoint["returns"][0]["label"] == "output"


def test_generator_streams_through_the_client() -> None:
    module = load_demo("interface_streaming")
    with serve(module.demo) as url:
        job = Client(url, verbose=False).submit("abc", 0, api_name="/spell")
        assert job.result(timeout=30) == "abc"
        assert job.outputs() == ["a", "ab", "abc"]


def test_tabbed_interface_keeps_each_interfaces_endpoint() -> None:
    with serve(load_demo("interface_tabbed").demo) as url:
        client = Client(url, verbose=False)
        assert sorted(client.view_api(print_info=False, return_format="dict")["named_endpoints"]) == [
            "/double", "/hello"]
        assert client.predict("Linus", api_name="/hello") == "Hello, Linus!"
        assert client.predict(4, api_name="/double") == 8


def test_lambdas_async_functions_and_api_name() -> None:
    async def shout(text: str) -> str:
        return text.upper()

    first = gr.Interface(lambda text: text[::-1], "text", "text")
    second = gr.Interface(shout, "textbox", "textbox", api_name="loud")
    with serve(gr.TabbedInterface([first, second])) as url:
        client = Client(url, verbose=False)
        assert client.predict("abc", api_name="/lambda") == "cba"
        assert client.predict("abc", api_name="/loud") == "ABC"


def test_state_input_and_output_are_one_state_per_session() -> None:
    def count(word: str, seen: list[str] | None) -> tuple[str, list[str]]:
        seen = [*(seen or []), word]
        return ", ".join(seen), seen

    with serve(gr.Interface(count, ["text", "state"], ["text", "state"])) as url:
        first, second = Client(url, verbose=False), Client(url, verbose=False)
        assert first.predict("a", api_name="/count") == "a"
        assert first.predict("b", api_name="/count") == "a, b"
        assert second.predict("c", api_name="/count") == "c"


def test_keywords_are_honoured_warned_about_or_refused() -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument 'exampels'"):
        gr.Interface(str.upper, "text", "text", exampels=["a"])  # type: ignore[call-arg]
    with pytest.warns(UserWarning, match=r"Interface\(stream_every=...\) is not supported"):
        gr.Interface(str.upper, "text", "text", stream_every=1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gr.Interface(str.upper, "text", "text", flagging_mode="never", analytics_enabled=False)
    with pytest.raises(ValueError, match="No component shortcut 'dialogue'"):
        gr.Interface(str.upper, "text", "dialogue")
    with pytest.raises(ValueError, match="No component shortcut 'brush'"):  # a brush is no component
        gr.Interface(str.upper, "text", "brush")
    with pytest.raises(ValueError, match="at least one of `inputs` or `outputs`"):
        gr.Interface(str.upper, None, [])
    dropdown = gr.Interface(str.upper, {"name": "dropdown", "choices": ["a", "b"]}, "text")
    assert isinstance(dropdown.input_components[0], gr.Dropdown)
