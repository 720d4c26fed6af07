"""gr.Interface, gr.TabbedInterface and gr.Examples in headless Chromium, through their demos."""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import ModuleType

import pytest
from playwright.sync_api import Locator, Page, expect

import reblocks as gr
from tests.browser import record_values
from tests.conftest import load_demo, serve


@pytest.fixture
def served(request: pytest.FixtureRequest) -> Iterator[tuple[str, ModuleType]]:
    """The URL of the demo named by the test's parameter, and its module."""
    module = load_demo(request.param)
    with serve(module.demo) as url:
        yield url, module


def examples(page: Page) -> Locator:
    """The rows of the page's examples table(s)."""
    return page.locator(".dataset tr.sample")


@pytest.mark.parametrize("served", ["interface_basic"], indirect=True)
def test_example_fills_the_inputs_submit_shows_the_output_clear_empties(
        page: Page, served: tuple[str, ModuleType]) -> None:
    page.goto(served[0])
    expect(page.get_by_role("heading", name="Greeter")).to_be_visible()
    expect(page.get_by_text("Built with")).to_be_visible()
    name, intensity, shout = (page.get_by_label(label, exact=True) for label in ("name", "intensity", "shout"))
    output = page.get_by_label("output", exact=True)
    examples(page).filter(has_text="Grace").click()
    expect(name).to_have_value("Grace")
    expect(intensity).to_have_value("4")
    expect(shout).to_be_checked()
    page.get_by_role("button", name="Submit").click()
    expect(output).to_have_value("HELLO, GRACE!!!!")
    name.fill("Ada")
    name.press("Enter")  # Enter in a textbox submits too, as in Gradio
    expect(output).to_have_value("HELLO, ADA!!!!")
    page.get_by_role("button", name="Clear").click()
    expect(name).to_have_value("")
    expect(intensity).to_have_value("1")
    expect(shout).not_to_be_checked()
    expect(output).to_have_value("")


@pytest.mark.parametrize("served", ["interface_streaming"], indirect=True)
def test_generator_streams_partial_output(page: Page, served: tuple[str, ModuleType]) -> None:
    page.goto(served[0])
    record_values(page, "#spelled input")
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("#spelled input")).to_have_value("reblocks streams")
    seen = page.evaluate("window.__seen")
    assert len(seen) >= 3 and seen[-1] == "reblocks streams", seen  # partial values were shown
    assert all("reblocks streams".startswith(value) for value in seen), seen


@pytest.mark.parametrize("served", ["interface_streaming"], indirect=True)
def test_stop_shows_while_streaming_and_ends_it(page: Page, served: tuple[str, ModuleType]) -> None:
    page.goto(served[0])
    text = "a long text that would take a long while to spell out"
    page.get_by_label("Text", exact=True).fill(text)
    submit, stop = page.get_by_role("button", name="Submit"), page.get_by_role("button", name="Stop")
    expect(stop).to_be_hidden()
    page.get_by_label("Delay", exact=True).fill("0.5")
    submit.click()
    expect(stop).to_be_visible()
    expect(submit).to_be_hidden()
    expect(page.locator("#spelled input")).to_have_value("a")
    stop.click()
    expect(submit).to_be_visible()
    expect(stop).to_be_hidden()
    partial = page.locator("#spelled input").input_value()
    assert text.startswith(partial) and len(partial) < len(text)


@pytest.mark.parametrize("served", ["interface_live"], indirect=True)
def test_live_interface_follows_the_inputs_without_submit(page: Page, served: tuple[str, ModuleType]) -> None:
    page.goto(served[0])
    expect(page.get_by_role("button", name="Submit")).to_have_count(0)
    page.get_by_label("a", exact=True).fill("6")
    page.get_by_label("multiply").check()
    page.get_by_label("b", exact=True).fill("7")
    expect(page.get_by_label("output", exact=True)).to_have_value("42")
    page.get_by_label("add").check()
    expect(page.get_by_label("output", exact=True)).to_have_value("13")


@pytest.mark.parametrize("served", ["interface_tabbed"], indirect=True)
def test_tabbed_interface_switches_tabs_and_each_works(page: Page, served: tuple[str, ModuleType]) -> None:
    page.goto(served[0])
    expect(page.get_by_role("heading", name="Two tools")).to_be_visible()
    panel = page.get_by_role("tabpanel")  # the shown tab's panel only: hidden ones are not in the tree
    panel.locator(".dataset tr.sample").filter(has_text="Grace").click()
    expect(panel.get_by_label("name", exact=True)).to_have_value("Grace")
    panel.get_by_role("button", name="Submit").click()
    expect(panel.get_by_label("output", exact=True)).to_have_value("Hello, Grace!")
    page.get_by_role("tab", name="Double").click()
    expect(panel.get_by_label("number", exact=True)).to_be_visible()
    panel.get_by_label("number", exact=True).fill("21")
    panel.get_by_role("button", name="Submit").click()
    expect(panel.get_by_label("output", exact=True)).to_have_value("42")
    page.get_by_role("tab", name="Hello").click()
    expect(panel.get_by_label("output", exact=True)).to_have_value("Hello, Grace!")  # each tab kept its state


@pytest.mark.parametrize("served", ["interface_cached_examples"], indirect=True)
def test_cached_examples_preload_and_answer_without_calling_fn(
        page: Page, served: tuple[str, ModuleType]) -> None:
    url, module = served
    assert module.calls == ["stressed", "drawer", "live"]  # cached once, when the app was built
    page.goto(url)
    output = page.get_by_label("output", exact=True)
    expect(page.get_by_label("text", exact=True)).to_have_value("stressed")  # the first example, preloaded
    expect(output).to_have_value("desserts")
    examples(page).filter(has_text="drawer").click()
    expect(page.get_by_label("text", exact=True)).to_have_value("drawer")
    expect(output).to_have_value("reward")
    assert module.calls == ["stressed", "drawer", "live"]


@pytest.mark.parametrize("served", ["blocks_examples"], indirect=True)
def test_examples_in_blocks_fill_image_and_text_and_run_on_click(
        page: Page, served: tuple[str, ModuleType]) -> None:
    page.goto(served[0])
    page.locator("#fill-examples tr.sample", has_text="A blue swatch").click()
    expect(page.locator("#caption input")).to_have_value("A blue swatch")
    expect(page.locator("#image img")).to_have_attribute("src", re.compile("gradio_api/file="))
    expect(page.locator("#description input")).to_have_value("")  # filling does not run the function
    page.locator("#describe").click()  # the image the example put there passes the server's file check
    expect(page.locator("#description input")).to_have_value("A blue swatch: 48x32, rgb(0, 0, 255)")
    page.locator("#run-examples tr.sample").click()
    expect(page.locator("#caption input")).to_have_value("Described at once")
    expect(page.locator("#description input")).to_have_value("Described at once: 48x32, rgb(0, 128, 0)")


def test_interface_renders_inside_blocks_in_a_tab(page: Page) -> None:
    shout = gr.Interface(lambda text: text.upper(), gr.Textbox(label="Quiet"), gr.Textbox(label="Loud"))
    with gr.Blocks() as demo:
        with gr.Tab("Own"):
            mine = gr.Textbox(label="Mine")
            gr.Button("Count").click(lambda text: str(len(text)), mine, mine)
        with gr.Tab("Shout"):
            shout.render()
    with serve(demo) as url:
        page.goto(url)
        page.get_by_label("Mine").fill("four")
        page.get_by_role("button", name="Count").click()
        expect(page.get_by_label("Mine")).to_have_value("4")
        page.get_by_role("tab", name="Shout").click()
        page.get_by_label("Quiet").fill("hey")
        page.get_by_role("button", name="Submit").click()
        expect(page.get_by_label("Loud")).to_have_value("HEY")


def test_lazy_cached_examples_call_fn_once_per_example(page: Page) -> None:
    calls: list[str] = []

    def reverse(text: str) -> str:
        calls.append(text)
        return text[::-1]

    with gr.Blocks() as demo:
        text, reversed_text = gr.Textbox(label="In"), gr.Textbox(label="Out")
        gr.Examples([["abc"], ["xyz"]], text, reversed_text, fn=reverse, cache_examples=True, cache_mode="lazy",
                    example_labels=["First", "Second"])
    assert calls == []  # nothing is computed before the first click
    with serve(demo) as url:
        page.goto(url)
        for label, value, answer in (("Second", "xyz", "zyx"), ("First", "abc", "cba"), ("Second", "xyz", "zyx")):
            examples(page).filter(has_text=label).click()
            expect(page.get_by_label("In")).to_have_value(value)
            expect(page.get_by_label("Out")).to_have_value(answer)
    assert calls == ["xyz", "abc"]
