"""Patterns from real Gradio apps that used to stop them: layouts as outputs, decorator listeners,
gr.on without triggers, Gradio's module paths, numpy values, updates, avatars, random sliders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from gradio_client import Client
from PIL import Image as PILImage
from playwright.sync_api import Page, expect

import reblocks as gr
from tests.conftest import serve
from tests.test_files import PNG


def real_app(avatar: Path) -> gr.Blocks:
    with gr.Blocks(theme=gr.themes.Ocean()) as demo:
        with gr.Column(elem_id="panel") as panel:
            name = gr.Textbox(elem_id="name")
            shout = gr.Textbox(elem_id="shout")
        with gr.Tabs() as tabs:
            with gr.Tab("One", id=0):
                gr.Markdown("first")
            with gr.Tab("Two", id=1):
                gr.Markdown("second", elem_id="second")
        hide = gr.Button("Hide", elem_id="hide")
        hide.click(lambda: gr.Column(visible=False), None, panel, api_name="hide")
        gr.Button("Second tab", elem_id="to-second").click(lambda: gr.Tabs(selected=1), None, tabs,
                                                          api_name="second_tab")
        gr.Button().click(lambda: gr.update(interactive=True), None, name, api_name="unlock")

        @hide.click(inputs=name, outputs=shout, api_name="decorated")
        def decorated(text: str) -> str:
            return text.upper()

        @gr.on(triggers=[name.submit], inputs=name, outputs=shout, api_name="on_submit")
        def on_submit(text: str) -> str:
            return f"submitted {text}"

        echo = gr.Textbox(elem_id="echo")

        @gr.on(inputs=name, outputs=echo, api_name="echo")
        def mirror(text: str | None) -> str:
            return f"echo: {text or ''}"

        html, data = gr.HTML(), gr.JSON()
        gr.Button().click(lambda: 0, None, html, api_name="zero")
        gr.Button().click(lambda: {"array": np.arange(3), "scalar": np.float32(1.5), "int": np.int64(7)},
                          None, data, api_name="numpy")
        gallery = gr.Gallery()
        gr.Button().click(lambda: [np.full((2, 2, 3), 32767, dtype=np.int16),
                                   np.full((2, 2, 3), 0.5), np.ones((2, 2), dtype=bool)],
                          None, gallery, api_name="images")
        gr.Slider(0, 10, step=1, randomize=True, elem_id="random")
        gr.Chatbot([{"role": "assistant", "content": "hi"}], avatar_images=(None, str(avatar)),
                   elem_id="chat")
    return demo


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("avatars")
    (folder / "bot.png").write_bytes(PNG)
    with serve(real_app(folder / "bot.png"), allowed_paths=[str(folder)]) as url:
        yield url


@pytest.fixture(scope="module")
def client(url: str) -> Client:
    return Client(url, verbose=False)  # reading /info: a layout among the outputs must not break it


def test_layouts_as_outputs_keep_the_api_working(client: Client) -> None:
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert {"/hide", "/second_tab", "/decorated", "/on_submit", "/echo"} <= set(endpoints)
    assert endpoints["/hide"]["returns"] == []  # a layout has no API value, as in Gradio


def test_updates_keep_their_props(client: Client) -> None:
    assert client.predict(api_name="/unlock") == {"__type__": "update", "interactive": True}


def test_decorator_listeners_and_gr_on(client: Client) -> None:
    assert client.predict("ada", api_name="/decorated") == "ADA"
    assert client.predict("ada", api_name="/on_submit") == "submitted ada"
    assert client.predict("ada", api_name="/echo") == "echo: ada"


def test_numpy_values_and_numbers_keep_their_types(client: Client) -> None:
    assert client.predict(api_name="/numpy") == {"array": [0, 1, 2], "scalar": 1.5, "int": 7}
    zero = client.predict(api_name="/zero")
    assert zero == 0 and isinstance(zero, int)


def test_gallery_converts_other_numpy_dtypes(client: Client) -> None:
    items = client.predict(api_name="/images")
    pixels = [PILImage.open(item["image"]).convert("RGB").getpixel((0, 0)) for item in items]
    # int16 full scale is white, float 0.5 is mid-grey, True is white (Gradio's conversion).
    assert pixels == [(255, 255, 255), (128, 128, 128), (255, 255, 255)]


def test_randomized_slider_has_its_endpoint(client: Client) -> None:
    values = {client.predict(api_name="/get_random_value") for _ in range(20)}
    assert values <= set(range(11)) and len(values) > 1


def test_themes_are_chosen_by_object_and_their_options_are_honoured() -> None:
    from reblocks.themes import Soft

    with gr.Blocks(theme=Soft()) as demo:
        gr.Textbox()
    assert demo.config().theme == "soft"
    assert "--primary-500: #f59e0b;" in gr.themes.Glass(primary_hue="amber").theme_css()
    glass = gr.themes.Glass()
    assert glass.set(body_background_fill="red") is glass  # .set() chains, and is honoured
    assert "--body-background-fill: red" in (glass.theme_css() or "")


def test_gradio_module_paths_import() -> None:
    from reblocks.components import Chatbot, Markdown, Textbox
    from reblocks.components.chatbot import ChatMessage, FileDataDict, MessageDict, MetadataDict, OptionDict

    message: MessageDict = {"role": "user", "content": "hi"}
    assert Markdown is gr.Markdown and Chatbot is gr.Chatbot and Textbox is gr.Textbox
    assert ChatMessage is gr.ChatMessage and MetadataDict is gr.MetadataDict and OptionDict is gr.OptionDict
    assert message["role"] == "user" and "path" in FileDataDict.__annotations__


def test_in_the_browser(page: Page, url: str) -> None:
    page.goto(url)
    # gr.on without triggers runs on load, then on every change of its input.
    expect(page.locator("#echo textarea, #echo input").first).to_have_value("echo: ")
    page.locator("#name input, #name textarea").first.fill("grace")
    expect(page.locator("#echo textarea, #echo input").first).to_have_value("echo: grace")
    # A local avatar is served from the cache.
    avatar = page.locator("#chat img.avatar")
    expect(avatar).to_have_count(1)
    page.wait_for_function("() => document.querySelector('#chat img.avatar').naturalWidth > 0")
    # A slider value drawn when the page loaded, within range.
    value: Any = page.locator("#random input[type=range]").input_value()
    assert 0 <= float(value) <= 10
    # gr.themes.Ocean() colours the selected tab with ocean's accent, not the default orange.
    expect(page.get_by_role("tab", name="One")).to_have_css("color", "rgb(2, 132, 199)")
    # A layout returned from a function updates the one on the page.
    page.locator("#to-second").click()
    expect(page.locator("#second")).to_be_visible()
    page.locator("#hide").click()
    expect(page.locator("#panel")).to_be_hidden()

