"""No silent arguments: a keyword is honoured, warned about by name (a Gradio parameter reblocks does not
support yet), or refused with TypeError (a typo); the demos construct without a warning.

A (class, parameter) pair warns once per process, so each test here uses pairs no other test uses."""

from __future__ import annotations

import importlib.util
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import reblocks as gr
from reblocks.blocks.gradio_names import GRADIO_NAMES
from tests.conftest import run_event

DEMOS = sorted((Path(__file__).parent.parent / "demos").glob("*.py"))


def echo(message: str, history: list[Any]) -> str:
    return message


@contextmanager
def recorded() -> Iterator[list[warnings.WarningMessage]]:
    """Every warning raised inside, none filtered out as a repeat."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught


def messages(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(warning.message) for warning in caught if issubclass(warning.category, UserWarning)]


def props(demo: gr.Blocks, block: gr.Blocks | Any) -> dict[str, Any]:
    return next(entry.props for entry in demo.config().components if entry.id == block.id)


# -- typos ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("make", "owner", "name"), [
    (lambda: gr.Textbox(lable="Name"), "Textbox", "lable"),
    (lambda: gr.Chatbot(hieght=300), "Chatbot", "hieght"),
    (lambda: gr.Row(varient="panel"), "Row", "varient"),
    (lambda: gr.Accordion("More", opn=False), "Accordion", "opn"),
    (lambda: gr.Tab("One", bogus=1), "Tab", "bogus"),
    (lambda: gr.Blocks(titel="App"), "Blocks", "titel"),
    (lambda: gr.ChatInterface(echo, exampels=["hi"]), "ChatInterface", "exampels"),
    # Gradio's Button takes no label: that reblocks' base class does is no reason to accept it.
    (lambda: gr.Button("Go", label="Go"), "Button", "label"),
    (lambda: gr.State(0, label="count"), "State", "label"),
], ids=lambda value: value if isinstance(value, str) else "")
def test_a_typo_is_refused_by_name(make: Callable[[], Any], owner: str, name: str) -> None:
    with pytest.raises(TypeError, match=rf"^{owner}\(\) got an unexpected keyword argument '{name}'$"):
        make()


def test_a_listener_typo_is_refused_by_name() -> None:
    with gr.Blocks() as demo:
        name, greeting = gr.Textbox(), gr.Textbox()
        button = gr.Button()
        typo = r"^Button\.click\(\) got an unexpected keyword argument 'api_nme'$"
        with pytest.raises(TypeError, match=typo):
            button.click(str.upper, name, greeting, api_nme="shout")
        with pytest.raises(TypeError, match=r"^Textbox\.submit\(\) got an unexpected keyword argument 'que'"):
            name.submit(inputs=name, outputs=greeting, que=False)
        dependency = button.click(str.upper, name, greeting)
        with pytest.raises(TypeError, match=r"^then\(\) got an unexpected keyword argument 'trigger_after'"):
            dependency.then(str.lower, name, greeting, trigger_after=0)
        with pytest.raises(TypeError, match=r"^on\(\) got an unexpected keyword argument 'output'"):
            gr.on([name.change], str.upper, name, output=greeting)
        with pytest.raises(TypeError, match=r"^Blocks\.load\(\) got an unexpected keyword argument 'every'"):
            demo.load(str.upper, name, greeting, every=1)
    assert len(demo.dependencies) == 1  # nothing registered by the refused calls


def test_other_public_functions_refuse_typos() -> None:
    with pytest.raises(TypeError, match="concurrency_count"):
        gr.Blocks().queue(concurrency_count=3)
    with pytest.raises(TypeError, match="rol"):
        gr.ChatMessage(content="hi", rol="user")  # type: ignore[call-arg]


def test_a_subclass_is_named_in_the_error_and_keeps_its_twins_parameters() -> None:
    class Prompt(gr.Textbox):
        pass

    with pytest.raises(TypeError, match=r"^Prompt\(\) got an unexpected keyword argument 'lable'$"):
        Prompt(lable="x")
    assert Prompt(label="System prompt", lines=3, render=False).lines == 3


# -- Gradio parameters reblocks does not support yet ---------------------------------------------
def test_an_unsupported_gradio_parameter_warns_once_per_class_and_name() -> None:
    with recorded() as caught:
        gr.Dataset(samples=[], proxy_url="https://example.com", render=False)
        gr.Dataset(samples=[], proxy_url="https://example.org", render=False)
        gr.Tab("A", scale=1, render=False)
        gr.Tab("B", scale=2, render=False)
    assert messages(caught) == [
        "Dataset(proxy_url=...) is not supported by reblocks and is ignored",
        "Tab(scale=...) is not supported by reblocks and is ignored",
    ]
    assert {warning.filename for warning in caught} == {__file__}  # points at the caller's line


@pytest.mark.parametrize(("make", "expected"), [
    (lambda: gr.Checkbox(show_label=False, render=False), "Checkbox(show_label=...)"),
    (lambda: gr.Step("A", scale=1, render=False), "Step(scale=...)"),
    (lambda: gr.Interface(echo, "text", "text", examples_per_page=5), "Interface(examples_per_page=...)"),
    (lambda: gr.Blocks().queue(status_update_rate=5), "Blocks.queue(status_update_rate=...)"),
], ids=lambda value: value if isinstance(value, str) else "")
def test_each_unsupported_parameter_names_its_class(make: Callable[[], Any], expected: str) -> None:
    with recorded() as caught:
        make()
    assert messages(caught) == [f"{expected} is not supported by reblocks and is ignored"]


def test_an_unsupported_listener_option_warns_and_the_listener_still_works() -> None:
    with gr.Blocks() as demo, recorded() as caught:
        name, greeting = gr.Textbox(), gr.Textbox()
        name.submit(str.upper, name, greeting, api_name="shout", scroll_to_output=True)
        name.submit(str.lower, name, greeting, scroll_to_output=True)
    assert messages(caught) == [
        "Textbox.submit(scroll_to_output=...) is not supported by reblocks and is ignored"]
    assert [dependency.api_name for dependency in demo.dependencies] == ["shout", "lower"]


# -- supported parameters ------------------------------------------------------------------------
def test_fill_height_gives_no_warning_and_reaches_the_browser() -> None:
    with recorded() as caught:
        demo = gr.Blocks(fill_height=True)
        chat = gr.ChatInterface(echo, fill_height=False)
        default_chat = gr.ChatInterface(echo)  # Gradio's ChatInterface fills the window's height
    assert messages(caught) == []
    assert (demo.config().fill_height, chat.config().fill_height, default_chat.config().fill_height) == (
        True, False, True)
    assert gr.Blocks().config().fill_height is False


def test_supported_parameters_give_no_warning_and_reach_the_browser() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with gr.Blocks(title="All", css=".x {}", theme="ocean", fill_width=True,
                       analytics_enabled=False) as demo:
            with gr.Row(variant="panel", equal_height=True, scale=2, elem_id="row"):
                with gr.Column(scale=1, min_width=200, variant="compact"):
                    text = gr.Textbox("hi", label="Text", info="say it", lines=2, max_lines=4,
                                      placeholder="...", show_label=True, container=True, scale=1,
                                      min_width=100, interactive=True, visible=True, elem_id="text",
                                      elem_classes=["a"], key="text", type="text", max_length=10,
                                      submit_btn=True, autofocus=False, rtl=False, text_align="left")
                    gr.Number(3, minimum=0, maximum=9, step=1, precision=0, label="N")
                    gr.Slider(0, 10, value=3, step=1, randomize=False, label="S")
                    gr.Checkbox(True, label="C", info="tick")
                    gr.Dropdown(["a", "b"], value="a", multiselect=False, allow_custom_value=False,
                                max_choices=None, label="D")
                    gr.Radio(["a", "b"], value="b", type="value", label="R")
            with gr.Accordion("More", open=False), gr.Tabs(selected=0):
                with gr.Tab("One", id=0, interactive=True):
                    chatbot = gr.Chatbot(height=300, max_height=600, placeholder="…", editable="user",
                                         buttons=["copy"], line_breaks=False, render_markdown=True,
                                         group_consecutive_messages=False, like_user_message=True,
                                         feedback_options=["Like"], avatar_images=(None, None))
                    gr.Markdown("# Title", line_breaks=True, sanitize_html=True, height=100)
                    gr.HTML("<b>hi</b>", min_height=10, max_height=100)
                    gr.Code("print(1)", language="python", lines=3, wrap_lines=True)
                    json = gr.JSON({"a": 1}, open=True, max_height=200)
                with gr.Tab("Two", id=1), gr.Group():
                    gr.Image(height=100, width=100, image_mode="RGB", sources=["upload"], type="filepath",
                             buttons=["download"])
                    audio = gr.Audio(type="filepath", autoplay=False, loop=True, buttons=["download"])
                    gr.Video(loop=True, autoplay=False, height=100, buttons=["download"])
                    gallery = gr.Gallery(columns=3, object_fit="cover", allow_preview=True, selected_index=0,
                                         buttons=["download"])
                    gr.File(file_count="multiple", file_types=[".txt"], type="filepath", height=100)
                    gr.Plot(label="Plot")
                    gr.MultimodalTextbox(file_count="multiple", file_types=["image"], sources=["upload"],
                                         submit_btn=True, stop_btn=False, autofocus=False)
                    gr.Dataset(components=[text], samples=[["hi"]], type="index", headers=["Text"])
                    gr.State([], delete_callback=print)
            button = gr.Button("Go", variant="primary", size="sm", icon=None, link=None, scale=0)
            button.click(str.upper, text, text, api_name="shout", api_description="Shout it",
                         show_progress="minimal", queue=True, trigger_mode="once", concurrency_limit=2,
                         concurrency_id="shouting", time_limit=10, preprocess=True, postprocess=True
                         ).then(str.lower, text, text, show_progress="hidden")
            gr.on([text.submit], str.upper, text, text, api_visibility="private")
            demo.load(lambda: "hello", None, text, js=None)
        demo.queue(max_size=10, default_concurrency_limit=2)
        gr.ChatInterface(echo, multimodal=False, title="Chat", description="d", examples=["hi"],
                         example_labels=["Hi"], cache_examples=False, editable=True, autofocus=True,
                         autoscroll=True, submit_btn="Send", stop_btn=True, concurrency_limit=None,
                         show_progress="full", fill_width=True, api_name="chat", save_history=False,
                         flagging_mode="never", analytics_enabled=False)
    assert props(demo, chatbot)["buttons"] == ["copy"] and props(demo, chatbot)["line_breaks"] is False
    assert props(demo, audio)["loop"] is True and props(demo, gallery)["selected_index"] == 0
    assert props(demo, json)["max_height"] == 200


async def test_a_returned_component_updates_every_keyword_its_caller_set(client_factory: Any) -> None:
    with gr.Blocks() as demo:
        button = gr.Button("Hide me")
        button.click(lambda: gr.Button(visible=False, variant="stop"), None, button, api_name="hide")
    client = await client_factory(demo)
    messages = await run_event(client, demo, "hide", [])
    completed = next(message for message in messages if message["msg"] == "process_completed")
    assert completed["output"]["data"] == [{"__type__": "update", "visible": False, "variant": "stop"}]


# -- demos and the guide's examples --------------------------------------------------------------
@pytest.mark.parametrize("path", DEMOS, ids=lambda path: path.stem)
def test_every_demo_constructs_without_a_warning(path: Path) -> None:
    spec = importlib.util.spec_from_file_location(f"demo_arguments_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        spec.loader.exec_module(module)
    assert isinstance(module.demo, gr.Blocks)


def test_what_the_guides_functions_return_constructs_without_a_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gr.Code(language="python", value="print(1)")
        gr.Audio("https://github.com/gradio-app/gradio/raw/test/test_files/audio_sample.wav")
        gr.File(value=__file__)
        gr.ChatMessage(content="", metadata={"title": "_Thinking_", "id": 0, "status": "pending"})
        gr.ChatMessage(content="Correct?", options=[{"value": "Yes", "label": "Yes"}, {"value": "No"}])


def test_a_gradio_name_reblocks_lacks_says_so() -> None:
    missing = sorted(name for name in GRADIO_NAMES if not name.startswith("_") and not hasattr(gr, name))
    assert "Dialogue" in missing
    for name in missing:
        with pytest.raises(AttributeError, match=rf"^gr\.{name} is not supported by reblocks yet$"):
            getattr(gr, name)
    with pytest.raises(AttributeError, match="^module 'reblocks' has no attribute 'Textbx'$"):
        gr.Textbx  # noqa: B018 - a typo is not a Gradio name
