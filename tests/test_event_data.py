"""Event data in Chromium: gr.KeyUpData from a dropdown, gr.DeletedFileData and gr.DownloadData from a
File (each with `.file.path`), and a file named in event data checked as input files are."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.conftest import API, load_demo, serve


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with serve(load_demo("blocks_event_data").demo) as url:
        yield url


def test_key_up_sends_the_key_and_the_text(page: Page, url: str) -> None:
    page.goto(url)
    box = page.get_by_label("Fruit")
    box.fill("kiw")
    box.press("i")
    expect(page.get_by_label("Last key")).to_have_value("i -> kiwi")


def test_delete_and_download_send_the_file(page: Page, url: str, tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("1")
    (tmp_path / "two.txt").write_text("2")
    page.goto(url)
    page.locator("input[type=file]").set_input_files([tmp_path / "one.txt", tmp_path / "two.txt"])
    expect(page.get_by_role("link", name="two.txt")).to_be_visible()
    with page.expect_download():
        page.get_by_role("link", name="two.txt").click()
    expect(page.get_by_label("What happened")).to_have_value("downloaded two.txt")
    page.get_by_role("button", name="Remove one.txt").click()
    expect(page.get_by_label("What happened")).to_have_value("removed one.txt")
    expect(page.get_by_role("link", name="one.txt")).to_have_count(0)


def test_a_server_file_named_in_event_data_is_refused(url: str) -> None:
    config = httpx.get(f"{url}config").json()
    delete = next(d for d in config["dependencies"] if any(target[1] == "delete" for target in d["targets"]))
    response = httpx.post(f"{url}{API[1:]}/queue/join", json={
        "data": [], "fn_index": delete["id"], "session_hash": "probe",
        "event_data": {"path": "/etc/passwd", "meta": {"_type": "gradio.FileData"}}})
    assert response.status_code == 403 and "File not allowed" in response.json()["detail"]
