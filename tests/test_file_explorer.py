"""gr.FileExplorer: the tree in Chromium, a listener getting the chosen paths, a gradio_client round trip,
and the root folder as a hard limit (traversal, symlinks out, ignored files, unknown functions)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from gradio_client import Client
from playwright.sync_api import Page, expect

import reblocks as gr
from tests.conftest import API, serve


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("explorer")
    root = base / "root"
    (root / "notes").mkdir(parents=True)
    (root / "notes" / "todo.txt").write_text("milk")
    (root / "readme.txt").write_text("hello")
    (root / "keys.secret").write_text("do not show")
    (root / "image.png").write_bytes(b"\x89PNG")
    (base / "outside.txt").write_text("outside")
    (root / "escape").symlink_to(base)  # a folder link leaving the root
    (root / "link.txt").symlink_to(base / "outside.txt")
    return root


@pytest.fixture(scope="module")
def url(tree: Path) -> Iterator[str]:
    with gr.Blocks() as demo:
        explorer = gr.FileExplorer("**/*.txt", root_dir=tree, ignore_glob="*.secret", label="Files")
        report = gr.Textbox(label="Chosen")
        explorer.change(lambda paths: " | ".join(str(Path(p).relative_to(tree)) for p in paths), explorer, report,
                        api_name="chosen")
    with serve(demo) as url:
        yield url


def ls(url: str, parts: list[str] | None, fn_name: str = "ls") -> httpx.Response:
    config = httpx.get(f"{url}config").json()
    explorer = next(c["id"] for c in config["components"] if c["type"] == "fileexplorer")
    return httpx.post(f"{url}{API[1:]}/component_server",
                      json={"component_id": explorer, "fn_name": fn_name, "data": parts})


def test_the_tree_lists_folders_and_matching_files_and_a_listener_gets_paths(page: Page, url: str) -> None:
    page.goto(url)
    tree = page.get_by_role("tree", name="Files")
    expect(tree.get_by_role("button", name="notes/")).to_be_visible()
    expect(tree.get_by_label("readme.txt")).to_be_visible()
    expect(tree.get_by_text("keys.secret")).to_have_count(0)  # ignored
    expect(tree.get_by_text("image.png")).to_have_count(0)  # not matching the glob
    expect(tree.get_by_text("link.txt")).to_have_count(0)  # its target is outside the root
    expect(tree.get_by_role("button", name="escape/")).to_have_count(0)
    tree.get_by_role("button", name="notes/").click()
    tree.get_by_label("todo.txt").check()
    expect(page.get_by_label("Chosen")).to_have_value("notes/todo.txt")
    tree.get_by_label("readme.txt").check()
    expect(page.get_by_label("Chosen")).to_have_value("notes/todo.txt | readme.txt")


def test_gradio_client_round_trip(url: str) -> None:
    client = Client(url, verbose=False)
    assert client.predict([["notes", "todo.txt"], ["readme.txt"]], api_name="/chosen") == "notes/todo.txt | readme.txt"


def test_paths_outside_the_root_are_refused(url: str) -> None:
    assert [entry["name"] for entry in ls(url, ["notes"]).json()] == ["todo.txt"]
    for parts in (["..", ".."], ["notes", "..", ".."], ["/etc"], ["escape"], ["a\x00b"]):
        response = ls(url, parts)
        assert response.status_code == 400 and "Not a path under the root folder" in response.json()["detail"]
    assert ls(url, "notes").status_code == 400  # type: ignore[arg-type]
    assert ls(url, [], fn_name="preprocess").status_code == 404
    client = Client(url, verbose=False)
    for parts in (["keys.secret"], ["link.txt"], ["..", "outside.txt"]):
        with pytest.raises(Exception):  # noqa: B017 - gradio_client raises its AppError
            client.predict([parts], api_name="/chosen")


def test_arguments_are_checked() -> None:
    with pytest.raises(ValueError, match="does not exist"):
        gr.FileExplorer(root_dir="/no/such/folder")
    with pytest.raises(ValueError, match="file_count"):
        gr.FileExplorer(file_count="some")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="unexpected keyword argument 'root'"):
        gr.FileExplorer(root=".")  # type: ignore[call-arg]
    single = gr.FileExplorer(root_dir=".", file_count="single", render=False)
    assert single.preprocess([]) is None
