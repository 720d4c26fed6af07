"""`@gr.render` in headless Chromium: subtrees drawn from inputs, their own listeners, keys, errors."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

import reblocks as gr
from tests.conftest import load_demo, serve

BOXES = "[id^=box-]"


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with serve(load_demo("blocks_render").demo) as url:
        yield url


def draw(page: Page, count: int) -> None:
    """Ask for `count` boxes and see them drawn."""
    page.locator("#count input").fill(str(count))
    expect(page.locator(BOXES)).to_have_count(count)


def shout(page: Page, index: int, expected: str) -> None:
    """Click a rendered box's own button and see its listener write the box."""
    page.locator(f"#shout-{index}").click()
    expect(page.locator(f"#box-{index} input")).to_have_value(expected)


def test_a_number_drives_how_many_boxes_show(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(BOXES)).to_have_count(2)
    draw(page, 5)
    draw(page, 1)
    expect(page.locator("#box-0")).to_contain_text("Box 0")


def test_each_rendered_button_has_its_own_listener(page: Page, url: str) -> None:
    page.goto(url)
    draw(page, 3)
    page.locator("#box-1 input").fill("one")
    page.locator("#box-2 input").fill("two")
    shout(page, 2, "TWO!")
    expect(page.locator("#box-1 input")).to_have_value("one")
    shout(page, 1, "ONE!")


def test_values_held_by_key_survive_a_re_render(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(BOXES)).to_have_count(2)
    page.locator("#box-0 input").fill("kept")
    draw(page, 4)
    expect(page.locator("#box-0 input")).to_have_value("kept")
    expect(page.locator("#box-3 input")).to_have_value("")
    shout(page, 0, "KEPT!")  # the listeners of the new run work on the kept box too


def test_a_state_list_appended_in_place_re_renders(page: Page, url: str) -> None:
    """gradio#8855: a State list as the render's input, and a button that appends to it."""
    page.goto(url)
    expect(page.locator("#task-count")).to_have_text("0 task(s)")
    for name in ("milk", "bread", "eggs"):
        page.locator("#new-task input").fill(name)
        page.locator("#add-task").click()
        expect(page.locator("#new-task input")).to_have_value("")
    expect(page.locator("#task-count")).to_have_text("3 task(s)")
    expect(page.locator("#task-2 input")).to_have_value("eggs")
    page.locator("#done-0").click()  # a listener made inside the render, writing the State
    expect(page.locator("#task-count")).to_have_text("2 task(s)")
    expect(page.locator("#task-0 input")).to_have_value("bread")


def test_two_sessions_render_independently(browser: Browser, page: Page, url: str) -> None:
    page.goto(url)
    other = browser.new_context().new_page()
    other.goto(url)
    page.locator("#count input").fill("4")
    other.locator("#count input").fill("1")
    expect(page.locator(BOXES)).to_have_count(4)
    expect(other.locator(BOXES)).to_have_count(1)
    other.locator("#box-0 input").fill("mine")
    shout(other, 0, "MINE!")
    shout(page, 3, "!")
    expect(other.locator(BOXES)).to_have_count(1)
    other.context.close()


def test_an_error_in_the_render_shows_and_keeps_the_last_subtree(page: Page, url: str) -> None:
    page.goto(url)
    draw(page, 3)
    page.locator("#box-2 input").fill("still here")
    page.locator("#count input").fill("9")
    expect(page.get_by_text("At most 6 boxes, please.")).to_be_visible()
    expect(page.locator(BOXES)).to_have_count(3)
    expect(page.locator("#box-2 input")).to_have_value("still here")
    shout(page, 2, "STILL HERE!")  # the old subtree's listeners still work
    draw(page, 2)


def test_preserved_by_key_names_what_a_re_render_keeps(page: Page) -> None:
    with gr.Blocks() as demo:
        number = gr.Number(1, elem_id="number")

        @gr.render(inputs=number)
        def fields(run: float) -> None:
            kept = gr.Textbox(label=f"Kept {int(run)}", key="kept", elem_id="kept",
                              preserved_by_key=["label", "value"])
            plain = gr.Textbox(label=f"Plain {int(run)}", key="plain", elem_id="plain", interactive=True)
            rename = gr.Button("Rename", elem_id="rename")
            rename.click(lambda: (gr.Textbox(label="Renamed"), gr.Textbox(label="Renamed too")), None, [kept, plain])

    with serve(demo) as url:
        page.goto(url)
        expect(page.locator("#kept")).to_contain_text("Kept 1")
        page.locator("#rename").click()
        expect(page.locator("#kept")).to_contain_text("Renamed")
        expect(page.locator("#plain")).to_contain_text("Renamed too")
        page.locator("#plain input").fill("typed")
        page.locator("#number input").fill("2")
        expect(page.locator("#plain")).to_contain_text("Plain 2")  # only its value is kept
        expect(page.locator("#plain input")).to_have_value("typed")
        expect(page.locator("#kept")).to_contain_text("Renamed")  # its label is kept too
