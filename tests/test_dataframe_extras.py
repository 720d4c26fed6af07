"""gr.Dataframe beyond cells and sorting, in Chromium: search and column filters, copy as CSV, full
screen, pinned columns, rows and columns added and deleted within their limits (the listener gets the
new shape), Markdown and HTML cells, and a pandas Styler's formatting and colours."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest
from playwright.sync_api import Browser, Page, expect

import reblocks as gr
from tests.conftest import serve

FRUIT = pd.DataFrame({"fruit": ["pear", "apple", "fig", "plum"], "count": [3, 10, 7, 12],
                      "note": ["**ripe**", "green", "<em>dried</em> <img src=x onerror=window.hacked=1>",
                               "a long note that does not wrap, so the table is wider than a narrow window"]})


@pytest.fixture(scope="module")
def seen() -> list[Any]:
    return []


@pytest.fixture(scope="module")
def url(seen: list[Any]) -> Iterator[str]:
    def record(table: pd.DataFrame) -> str:
        seen.append(table)
        return f"{table.shape[0]}x{table.shape[1]}"

    with gr.Blocks() as demo:
        gr.Dataframe(FRUIT, label="Read only", interactive=False, show_search="filter", pinned_columns=1,
                     datatype=["str", "number", "markdown"], column_widths=[200, 200, 600], show_row_numbers=True)
        editable = gr.Dataframe(FRUIT[["fruit", "count"]], label="Editable", interactive=True,
                                row_limits=(2, 5), column_limits=(1, 3), buttons=["copy"], show_search="search")
        shape = gr.Textbox(label="Shape")
        editable.change(record, editable, shape)
        gr.Dataframe(FRUIT.assign(note=["<b>bold</b>", "<i>it</i>", "<u>u</u>", "<script>window.hacked=2</script>"]),
                     label="Html", interactive=False, datatype=["str", "number", "html"], buttons=[])
    with serve(demo) as url:
        yield url


def table(page: Page, label: str) -> Any:
    return page.locator(".block.dataframe").filter(has=page.get_by_text(label, exact=True))


def first_column(frame: Any) -> Any:
    return frame.locator("tbody tr td:nth-child(2)")


def test_search_and_column_filters_keep_the_matching_rows(page: Page, url: str) -> None:
    page.goto(url)
    frame = table(page, "Read only")
    frame.get_by_role("searchbox", name="Search").fill("P")
    expect(first_column(frame)).to_have_text(["pear", "apple", "plum"])
    frame.get_by_role("textbox", name="Filter count").fill(">5")
    expect(first_column(frame)).to_have_text(["apple", "plum"])
    frame.get_by_role("textbox", name="Filter count").fill("<=10")
    frame.get_by_role("searchbox", name="Search").fill("")
    expect(first_column(frame)).to_have_text(["pear", "apple", "fig"])
    frame.get_by_role("textbox", name="Filter fruit").fill("=FIG")
    expect(first_column(frame)).to_have_text(["fig"])


def test_markdown_and_html_cells_render_and_are_sanitised(page: Page, url: str) -> None:
    page.goto(url)
    frame = table(page, "Read only")
    expect(frame.locator("tbody strong")).to_have_text("ripe")
    expect(frame.locator("tbody em")).to_have_text("dried")
    html = table(page, "Html")
    expect(html.locator("tbody b")).to_have_text("bold")
    expect(html.locator("tbody u")).to_have_text("u")
    expect(html.locator("tbody script")).to_have_count(0)
    assert page.evaluate("window.hacked") is None


def test_pinned_columns_stay_in_view_when_the_table_scrolls(page: Page, url: str) -> None:
    page.set_viewport_size({"width": 600, "height": 800})
    page.goto(url)
    frame = table(page, "Read only")
    pinned, free = frame.locator("tbody tr").first.locator("td").nth(1), frame.locator("tbody tr").first.locator("td").nth(2)
    before = pinned.bounding_box(), free.bounding_box()
    scrolled = frame.locator(".table-wrap").evaluate("node => (node.scrollLeft = 300, node.scrollLeft)")
    assert scrolled > 100
    after = pinned.bounding_box(), free.bounding_box()
    assert after[0]["x"] == pytest.approx(before[0]["x"], abs=1)  # the pinned column did not move
    assert after[1]["x"] == pytest.approx(before[1]["x"] - scrolled, abs=1)  # the next one scrolled away


def test_copy_puts_the_rows_shown_on_the_clipboard_as_csv(browser: Browser, url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(url)
        frame = table(page, "Editable")
        frame.get_by_role("searchbox", name="Search").fill("p")
        expect(first_column(frame)).to_have_count(3)  # pear, apple, plum
        frame.get_by_role("button", name="Copy as CSV").click()
        expect(frame.get_by_role("button", name="Copied")).to_be_visible()
        assert page.evaluate("navigator.clipboard.readText()") == "fruit,count\npear,3\napple,10\nplum,12"
        expect(table(page, "Html").get_by_role("button", name="Copy as CSV")).to_have_count(0)  # buttons=[]
    finally:
        context.close()


def test_full_screen_covers_the_window_and_escape_leaves_it(page: Page, url: str) -> None:
    page.goto(url)
    frame = table(page, "Read only")
    button = frame.get_by_role("button", name="Full screen")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    box = frame.locator(".dataframe-frame").bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None
    assert (box["width"], box["height"]) == (viewport["width"], viewport["height"])
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-pressed", "false")


def test_rows_and_columns_are_added_and_deleted_within_their_limits(page: Page, url: str, seen: list[Any]) -> None:
    page.goto(url)
    frame = table(page, "Editable")
    shape = page.get_by_label("Shape")
    frame.get_by_role("button", name="Add row").click()
    expect(shape).to_have_value("5x2")
    assert list(seen[-1].iloc[4]) == ["", ""]
    expect(frame.get_by_role("button", name="Add row")).to_have_count(0)  # at the most, 5 rows
    frame.get_by_role("button", name="Add column").click()
    expect(shape).to_have_value("5x3")
    assert list(seen[-1].columns) == ["fruit", "count", "3"]
    expect(frame.get_by_role("button", name="Add column")).to_have_count(0)  # at the most, 3 columns
    frame.get_by_role("button", name="Delete column count").click()
    expect(shape).to_have_value("5x2")
    assert list(seen[-1].columns) == ["fruit", "3"]
    for row in (5, 4, 3):
        frame.get_by_role("button", name=f"Delete row {row}").click()
    expect(shape).to_have_value("2x2")
    assert list(seen[-1]["fruit"]) == ["pear", "apple"]
    expect(frame.get_by_role("button", name="Delete row 1")).to_have_count(0)  # at the least, 2 rows
    frame.get_by_role("button", name="Delete column fruit").click()
    expect(shape).to_have_value("2x1")
    expect(frame.get_by_role("button", name="Delete column 3")).to_have_count(0)  # at the least, 1 column


def test_a_stylers_formatting_and_colours_show(page: Page) -> None:
    frame = pd.DataFrame({"price": [1.2345, 2.5], "item": ["tea", "cake"], "secret": [1, 2]})
    styled = (frame.style.format(precision=2, subset=["price"])
              .highlight_max(subset=["price"], color="yellow").hide(axis="columns", subset=["secret"]))
    with gr.Blocks() as demo:
        gr.Dataframe(styled, label="Styled", interactive=False)
    with serve(demo) as url:
        page.goto(url)
        cells = page.locator(".dataframe tbody td")
        expect(cells).to_have_text(["1.23", "tea", "2.50", "cake"])
        expect(cells.nth(2)).to_have_css("background-color", "rgb(255, 255, 0)")
        expect(cells.nth(0)).not_to_have_css("background-color", "rgb(255, 255, 0)")


def test_a_styler_in_an_interactive_table_warns_and_shows_plain_values() -> None:
    styled = pd.DataFrame({"price": [1.2345]}).style.format(precision=2)
    with pytest.warns(UserWarning, match="Styler"):
        payload = gr.Dataframe(interactive=True).postprocess(styled)
    assert payload == {"headers": ["price"], "data": [[1.2345]], "metadata": None}


def test_bad_limits_and_search_modes_are_refused() -> None:
    with pytest.raises(ValueError, match="fewest, most"):
        gr.Dataframe(row_limits=(5, 2))
    with pytest.raises(ValueError, match="show_search"):
        gr.Dataframe(show_search="everything")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        gr.Dataframe(pinned_column=1)  # type: ignore[call-arg]
