"""`buttons=` on components, as in Gradio 6: each component's built-in names and defaults, bad names refused,
and in Chromium the toolbar's copy, fullscreen, PNG export and the app's own gr.Buttons firing `click`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from gradio_client import Client
from playwright.sync_api import Page, expect

import reblocks as gr
from tests.conftest import serve


def toolbar_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        shout = gr.Button("Shout")
        text = gr.Textbox("hello toolbar", label="Text", buttons=["copy", shout])
        out = gr.Textbox(label="Out")
        shout.click(lambda value: value.upper(), text, out, api_name="shout")
        reset = gr.Button("Mark")
        table = pd.DataFrame({"x": ["a", "b", "c"], "y": [3, 1, 2]})
        gr.BarPlot(table, x="x", y="y", label="Bars", buttons=["fullscreen", "export", reset])
        reset.click(lambda: "plot button", None, out)
        gr.Code("print(1)", language="python", label="Code")
        gr.Textbox("plain", label="Plain")
    return demo


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with serve(toolbar_app()) as url:
        yield url


def block(page: Page, label: str) -> Any:
    return page.locator(".block").filter(has=page.get_by_text(label, exact=True)).first


def test_a_custom_button_in_a_textbox_toolbar_fires_its_click(page: Page, url: str) -> None:
    page.goto(url)
    text = block(page, "Text")
    text.get_by_role("toolbar").get_by_role("button", name="Shout").click()
    expect(page.get_by_label("Out")).to_have_value("HELLO TOOLBAR")
    # drawn in the toolbar only, not in the layout
    expect(page.get_by_role("button", name="Shout")).to_have_count(1)


def test_a_custom_button_in_a_plot_toolbar_fires_its_click(page: Page, url: str) -> None:
    page.goto(url)
    block(page, "Bars").get_by_role("toolbar").get_by_role("button", name="Mark").click()
    expect(page.get_by_label("Out")).to_have_value("plot button")


def test_copy_puts_the_textbox_value_on_the_clipboard(page: Page, url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(url)
    block(page, "Text").get_by_role("button", name="Copy").click()
    expect(block(page, "Text").get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == "hello toolbar"


def test_defaults_follow_gradio_in_the_page(page: Page, url: str) -> None:
    page.goto(url)
    code = page.locator(".block[data-testid=code]").get_by_role("toolbar")
    expect(code.get_by_role("button")).to_have_count(2)  # Code: "copy" and "download"
    expect(block(page, "Plain").get_by_role("toolbar")).to_have_count(0)  # Textbox: none


def test_fullscreen_fills_the_window_and_escape_leaves(page: Page, url: str) -> None:
    page.set_viewport_size({"width": 1000, "height": 700})
    page.goto(url)
    plot = block(page, "Bars")
    expect(plot.locator("svg[role=img]")).to_be_visible()
    plot.get_by_role("button", name="Full screen").click()
    page.wait_for_function("""() => {
      const box = document.querySelector('.toolbar-fullscreen')?.getBoundingClientRect();
      return !!box && box.width === window.innerWidth && box.height === window.innerHeight;
    }""")
    page.keyboard.press("Escape")
    expect(page.locator(".toolbar-fullscreen")).to_have_count(0)
    assert plot.bounding_box()["height"] < 700


def test_export_downloads_the_chart_as_a_png(page: Page, url: str, tmp_path: Path) -> None:
    page.goto(url)
    plot = block(page, "Bars")
    expect(plot.locator("svg[role=img]")).to_be_visible()
    with page.expect_download() as download:
        plot.locator(".toolbar-export").click()
    path = tmp_path / "plot.png"
    download.value.save_as(path)
    data = path.read_bytes()
    assert download.value.suggested_filename == "plot.png"
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 2000


def test_the_custom_button_round_trips_through_gradio_client(url: str) -> None:
    client = Client(url, verbose=False)
    assert client.predict("abc", api_name="/shout") == "ABC"


@pytest.mark.parametrize(("make", "expected"), [
    (lambda: gr.Textbox(), []),
    (lambda: gr.Code(), ["copy", "download"]),
    (lambda: gr.JSON(), ["copy"]),
    (lambda: gr.Markdown(), None),
    (lambda: gr.Slider(), None),
    (lambda: gr.AnnotatedImage(), ["fullscreen"]),
    (lambda: gr.ImageSlider(), ["download", "fullscreen"]),
    (lambda: gr.BarPlot(), []),
    (lambda: gr.Dropdown(), []),
])
def test_defaults_match_gradio_in_the_config(make: Any, expected: Any) -> None:
    assert make().get_props()["buttons"] == expected


@pytest.mark.parametrize(("make", "allowed"), [
    (lambda: gr.Textbox(buttons=["download"]), "'copy', gr.Button instances"),
    (lambda: gr.Code(buttons=["fullscreen"]), "'copy', 'download', gr.Button instances"),
    (lambda: gr.LinePlot(buttons=["copy"]), "'fullscreen', 'export', gr.Button instances"),
    (lambda: gr.Number(buttons=["copy"]), "gr.Button instances"),
    (lambda: gr.Markdown(buttons=[gr.Button(render=False)]), "'copy'"),
    (lambda: gr.Slider(buttons=["copy"]), "'reset'"),
])
def test_unknown_buttons_are_refused_naming_the_allowed_ones(make: Any, allowed: str) -> None:
    with pytest.raises(ValueError, match=rf"buttons=.*which are: {allowed}$"):
        make()


def test_buttons_is_a_list() -> None:
    with pytest.raises(TypeError, match="takes a list"):
        gr.Textbox(buttons="copy")  # type: ignore[arg-type]


def test_every_listed_component_takes_buttons_without_a_warning(recwarn: pytest.WarningsRecorder) -> None:
    names = ("Textbox Checkbox CheckboxGroup Code DateTime Dropdown File FileExplorer HighlightedText JSON Label "
             "Markdown Model3D Number Plot Radio Slider AnnotatedImage ImageSlider HTML BarPlot LinePlot "
             "ScatterPlot").split()
    for name in names:
        getattr(gr, name)(buttons=[])
    assert not [warning for warning in recwarn if "buttons" in str(warning.message)]


def test_a_custom_button_is_sent_in_the_config_and_left_out_of_the_layout() -> None:
    with gr.Blocks() as demo:
        button = gr.Button("Go", icon="https://example.com/go.png")
        box = gr.Number(buttons=[button])
    assert box.get_props()["buttons"] == [{"id": button.id, "value": "Go", "icon": "https://example.com/go.png"}]
    assert button not in demo.children
