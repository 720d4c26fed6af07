"""Dataframe, UploadButton, DownloadButton and ClearButton: in Chromium and through gradio_client."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from gradio_client import Client
from playwright.sync_api import Page, expect

import reblocks as gr
from tests.conftest import load_demo, serve


def fruit_app(seen: list[Any]) -> gr.Blocks:
    """An editable table of fruit; each change's value is kept in `seen` and counted in a textbox."""
    def keep(table: pd.DataFrame) -> str:
        seen.append(table)
        return f"{len(seen)} change(s)"

    with gr.Blocks() as demo:
        table = gr.Dataframe(pd.DataFrame({"fruit": ["pear", "apple", "fig"], "count": [3, 10, 7]}),
                             interactive=True, label="Basket")
        changes = gr.Textbox(label="Changes")
        table.change(keep, table, changes)
    return demo


def test_an_edited_cell_reaches_the_listener_as_a_dataframe(page: Page) -> None:
    seen: list[Any] = []
    with serve(fruit_app(seen)) as url:
        page.goto(url)
        page.get_by_role("cell", name="10").click()
        page.get_by_role("textbox", name="Edit row 2, count").fill("12")
        page.keyboard.press("Enter")
        expect(page.get_by_label("Changes")).to_have_value("1 change(s)")
    table = seen[0]
    assert isinstance(table, pd.DataFrame)
    assert table.to_dict(orient="list") == {"fruit": ["pear", "apple", "fig"], "count": [3, 12, 7]}


def test_a_header_click_sorts_the_rows_shown(page: Page) -> None:
    with serve(fruit_app([])) as url:
        page.goto(url)
        first_column = page.locator(".dataframe tbody tr td:first-child")
        expect(first_column).to_have_text(["pear", "apple", "fig"])
        page.get_by_role("button", name="count", exact=True).click()
        expect(first_column).to_have_text(["pear", "fig", "apple"])
        page.get_by_role("button", name="count", exact=True).click()
        expect(first_column).to_have_text(["apple", "fig", "pear"])
        page.get_by_role("button", name="fruit", exact=True).click()
        expect(first_column).to_have_text(["apple", "fig", "pear"])


def test_a_dataframe_round_trips_through_gradio_client() -> None:
    def double(table: pd.DataFrame) -> pd.DataFrame:
        return table.assign(n=table["n"] * 2)

    with gr.Blocks() as demo:
        source, result = gr.Dataframe(headers=["name", "n"]), gr.Dataframe()
        gr.Button().click(double, source, result, api_name="double")
    with serve(demo) as url:
        answer = Client(url, verbose=False).predict({"headers": ["name", "n"], "data": [["a", 1], ["b", 2]]},
                                                     api_name="/double")
    assert answer["headers"] == ["name", "n"]
    assert answer["data"] == [["a", 2], ["b", 4]]


@pytest.mark.parametrize(("kind", "expected"), [("numpy", [[1, 2], [3, 4]]), ("array", [[1, 2], [3, 4]])])
def test_type_chooses_what_the_function_gets(kind: Any, expected: list[list[int]]) -> None:
    table = gr.Dataframe(type=kind).preprocess({"headers": ["a", "b"], "data": [[1, 2], [3, 4]]})
    assert (table.tolist() if kind == "numpy" else table) == expected


def upload(page: Page, folder: Path, text: str) -> None:
    """Upload `text` as notes.txt with the demo's UploadButton."""
    notes = folder / "notes.txt"
    notes.write_text(text)
    page.locator(".uploadbutton input[type=file]").set_input_files(notes)


def test_upload_button_uploads_and_download_button_downloads(page: Page, tmp_path: Path) -> None:
    with serve(load_buttons()) as url:
        page.goto(url)
        upload(page, tmp_path, "one\ntwo")
        expect(page.get_by_label("Content")).to_have_value("one\ntwo")
        expect(page.get_by_label("Lines")).to_have_value("2")
        with page.expect_download() as download:
            page.get_by_role("link", name="Download it shouted").click()
        assert download.value.suggested_filename == "notes-upper.txt"
        assert Path(download.value.path()).read_text() == "ONE\nTWO"


def test_clear_button_empties_a_textbox_and_a_number(page: Page, tmp_path: Path) -> None:
    with serve(load_buttons()) as url:
        page.goto(url)
        upload(page, tmp_path, "hello")
        expect(page.get_by_label("Lines")).to_have_value("1")
        page.get_by_role("button", name="Clear").click()
        expect(page.get_by_label("Content")).to_have_value("")
        expect(page.get_by_label("Lines")).to_have_value("")


def load_buttons() -> gr.Blocks:
    demo: gr.Blocks = load_demo("blocks_buttons").demo
    return demo
