"""Flagging in gr.Interface: the Flag buttons and "auto" flagging in Chromium, and the
CSV loggers' files (headers, a new dataset when headers change, copied files, formula-safe cells)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from playwright.sync_api import Page, expect

import reblocks as gr
from tests.conftest import load_demo, serve


def rows(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.reader(file))


def test_flag_buttons_store_the_inputs_the_output_and_the_option(page: Page, tmp_path: Path) -> None:
    demo = load_demo("interface_flagging").demo
    demo.flagging_callback.setup(demo.input_components + demo.output_components, tmp_path)
    (tmp_path / "notes.txt").write_text("hello")
    with serve(demo) as url:
        page.goto(url)
        page.get_by_label("Text").fill("=cmd|calc")
        page.locator("input[type=file]").set_input_files(tmp_path / "notes.txt")
        expect(page.get_by_text("notes.txt")).to_be_visible()  # uploaded
        page.get_by_role("button", name="Submit").click()
        expect(page.get_by_label("Caption")).to_have_value("=cmd|calc with notes.txt")
        bad = page.get_by_role("button", name="Flag as bad")
        bad.click()
        dataset = tmp_path / "dataset1.csv"
        expect(bad).to_be_enabled()
        expect(bad).to_have_text("Flag as bad")
        header, row = rows(dataset)
        assert header == ["Text", "Attachment", "Caption", "flag", "timestamp"]
        assert row[0] == "'=cmd|calc"  # a spreadsheet shows it as text, never runs it
        copied = Path(row[1])
        assert copied.is_relative_to(tmp_path / "Attachment") and copied.read_text() == "hello"
        assert row[2:4] == ["'=cmd|calc with notes.txt", "bad"]
        page.get_by_role("button", name="Flag as good").click()
        expect(page.get_by_role("button", name="Flag as good")).to_be_enabled()
        assert [line[3] for line in rows(dataset)[1:]] == ["bad", "good"]


def test_auto_flagging_stores_every_successful_run(page: Page, tmp_path: Path) -> None:
    demo = gr.Interface(str.upper, gr.Textbox(label="In"), gr.Textbox(label="Out"), flagging_mode="auto",
                        flagging_dir=str(tmp_path))
    assert demo.flag_btns == []
    with serve(demo) as url:
        page.goto(url)
        for word in ("quiet", "calm"):
            page.get_by_label("In").fill(word)
            # The flag is a listener of its own, run once the answer is in: wait for its reply.
            with page.expect_response(lambda response: response.url.endswith("/run/predict")):
                page.get_by_role("button", name="Submit").click()
            expect(page.get_by_label("Out")).to_have_value(word.upper())
    assert [row[:2] for row in rows(tmp_path / "dataset1.csv")] == [["In", "Out"], ["quiet", "QUIET"],
                                                                     ["calm", "CALM"]]


def test_never_shows_no_flag_button_and_options_are_checked() -> None:
    never = gr.Interface(str.upper, "text", "text", flagging_mode="never")
    assert never.flag_btns == []
    assert [b.value for b in gr.Interface(str.upper, "text", "text").flag_btns] == ["Flag"]
    labelled = gr.Interface(str.upper, "text", "text", flagging_options=[("👍", "up"), ("👎", "down")])
    assert [b.value for b in labelled.flag_btns] == ["👍", "👎"]
    try:
        gr.Interface(str.upper, "text", "text", flagging_options=[1, 2])  # type: ignore[list-item]
    except ValueError as error:
        assert "flagging_options must be a list" in str(error)
    else:
        raise AssertionError("bad flagging_options were accepted")


def test_csv_logger_starts_a_new_dataset_when_the_headers_change(tmp_path: Path) -> None:
    first = gr.CSVLogger(verbose=False)
    first.setup([gr.Textbox(label="A", render=False)], tmp_path)
    assert first.flag(["one"]) == 1
    assert first.flag(["two"]) == 2
    again = gr.CSVLogger(verbose=False)
    again.setup([gr.Textbox(label="A", render=False)], tmp_path)
    assert again.flag(["three"]) == 3  # same headers: the same file
    other = gr.CSVLogger(verbose=False)
    other.setup([gr.Textbox(label="B", render=False)], tmp_path)
    other.flag(["x"], flag_option="odd", username="ada")
    assert rows(tmp_path / "dataset2.csv")[0] == ["B", "flag", "username", "timestamp"]
    assert rows(tmp_path / "dataset2.csv")[1][:3] == ["x", "odd", "ada"]


def test_simple_csv_logger_writes_json_cells_without_a_header(tmp_path: Path) -> None:
    logger = gr.SimpleCSVLogger()
    logger.setup([gr.JSON(label="data", render=False), gr.Number(label="n", render=False)], tmp_path)
    assert logger.flag([{"a": [1, 2]}, 3]) == 1
    assert rows(tmp_path / "log.csv") == [['{"a":[1,2]}', "3"]]
    assert json.loads(rows(tmp_path / "log.csv")[0][0]) == {"a": [1, 2]}
