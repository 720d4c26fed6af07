"""gr.Walkthrough and gr.Step: a numbered strip of steps, one shown at a time, moved on by a listener's
`gr.Walkthrough(selected=...)` or by clicking a step, with select events; in Chromium."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

import reblocks as gr
from tests.conftest import load_demo, serve


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with serve(load_demo("blocks_walkthrough").demo) as url:
        yield url


def test_listeners_move_through_the_steps_and_earlier_steps_are_marked_done(page: Page, url: str) -> None:
    page.goto(url)
    strip = page.get_by_role("tablist")
    expect(strip.get_by_role("tab")).to_have_text(["1Name", "2Colour", "3Summary"])
    expect(strip.get_by_role("tab", name="Name")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_label("Favourite colour")).to_be_hidden()
    page.get_by_label("Your name").fill("Ada")
    page.get_by_role("button", name="Next").first.click()
    expect(strip.get_by_role("tab", name="Colour")).to_have_attribute("aria-selected", "true")
    expect(strip.get_by_role("tab", name="Name")).to_have_class("done")
    page.get_by_label("green").check()
    page.get_by_role("tabpanel").filter(visible=True).get_by_role("button", name="Next").click()
    expect(page.get_by_text("Ada likes green.")).to_be_visible()
    strip.get_by_role("tab", name="Name").click()  # back to an earlier step
    expect(page.get_by_label("Your name")).to_have_value("Ada")


def test_a_step_outside_a_walkthrough_opens_one_and_select_fires(page: Page) -> None:
    with gr.Blocks() as demo:
        with gr.Step("First", id="a"):
            gr.Markdown("one")
        with gr.Step("Second", id="b") as second:
            gr.Markdown("two")
        picked = gr.Textbox(label="Picked")

        def chosen(event: gr.SelectData) -> str:
            return f"{event.value} ({event.index})"

        second.select(chosen, None, picked)
    walkthroughs = [block for block in demo.children if isinstance(block, gr.Walkthrough)]
    assert len(walkthroughs) == 1 and len(walkthroughs[0].children) == 2
    with serve(demo) as url:
        page.goto(url)
        page.get_by_role("tab", name="Second").click()
        expect(page.get_by_label("Picked")).to_have_value("Second (1)")
