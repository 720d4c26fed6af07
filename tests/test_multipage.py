"""Multipage apps (`demo.route`) and `gr.Navbar`: each page served at its own path with only its own
blocks and listeners, the bar of links in Chromium, the API across pages through gradio_client, and
the refusals for bad paths."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from gradio_client import Client
from playwright.sync_api import Page, expect

import reblocks as gr
from tests.conftest import DEMOS, load_demo, serve
from tests.test_dev_mode import dev_server


@pytest.fixture(scope="module")
def demo() -> gr.Blocks:
    return load_demo("multipage").demo  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def url(demo: gr.Blocks) -> Iterator[str]:
    with serve(demo) as url:
        yield url


def inline_config(html: str) -> dict[str, object]:
    """The config a page inlines for its first paint."""
    found = re.search(r"window\.gradio_config = (.*?);</script>", html)
    assert found is not None
    return json.loads(found.group(1))  # type: ignore[no-any-return]


# -- the API of pages ------------------------------------------------------------------------------
def test_route_paths_come_from_names_and_keep_clear_of_the_servers_own() -> None:
    with gr.Blocks() as demo:
        gr.Textbox()
    assert demo.route("Sales Report").current_page == "sales-report"
    assert demo.route("Config").current_page == "_config"  # /config is the server's
    assert demo.route("Sales report").current_page == "_sales-report"
    assert demo.route("联系我们").current_page == "联系我们"
    assert [path for path, _, _ in demo.pages] == ["", "sales-report", "_config", "_sales-report", "联系我们"]


def test_bad_routes_are_refused_with_the_reason() -> None:
    with gr.Blocks() as demo:
        with pytest.raises(ValueError, match="outside"):
            demo.route("Inside")
    with pytest.raises(ValueError, match="characters"):
        demo.route("Spaces", "/a page/")
    with pytest.raises(ValueError, match="already exists"):
        demo.route("Login", "login")
    demo.route("One", "one")
    with pytest.raises(ValueError, match="already exists"):
        demo.route("Again", "/one/")
    with pytest.raises(ValueError, match="no path"):
        demo.route("!!!")
    with pytest.raises(TypeError):
        demo.route("Typo", show_in_nav=False)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        gr.Navbar(main_page="Start")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="pairs"):
        gr.Navbar(value=[("only a name",)])  # type: ignore[list-item]


def test_each_page_is_served_with_only_its_blocks_and_listeners(demo: gr.Blocks, url: str) -> None:
    import urllib.request

    def get(path: str) -> str:
        with urllib.request.urlopen(url.rstrip("/") + path) as response:  # noqa: S310 - loopback
            return str(response.read().decode())

    main, calc = inline_config(get("/")), inline_config(get("/calc"))
    types = lambda config: sorted(c["type"] for c in config["components"])  # noqa: E731
    assert types(main) == ["navbar", "textbox", "textbox"]
    assert types(calc) == ["button", "number", "number", "number", "row"]
    assert [d["api_name"] for d in calc["dependencies"]] == ["add"]
    assert calc["current_page"] == "calc" and main["current_page"] == ""
    assert calc["pages"] == [["", "Home", True], ["calc", "Calculator", True], ["关于", "关于", True],
                             ["hidden", "Hidden", False]]
    # The full config, as Gradio's clients read it: every block, and each page's part of them.
    full = json.loads(get("/config"))
    assert len(full["components"]) == 10 and set(full["page"]) == {"", "calc", "关于", "hidden"}
    assert [c["id"] for c in calc["components"]] == full["page"]["calc"]["components"]
    assert inline_config(get("/" + quote("关于")))["components"][0]["type"] == "markdown"
    assert types(json.loads(get("/config?page=hidden"))) == ["markdown"]


async def test_unknown_pages_are_404_and_a_trailing_slash_redirects(client_factory: object, demo: gr.Blocks) -> None:
    client = await client_factory(demo)  # type: ignore[operator]
    for path in ("/nowhere", "/config?page=nowhere", "/calc/extra"):
        response = await client.get(path)
        assert response.status == 404, path
    response = await client.get("/calc/", allow_redirects=False)
    assert response.status == 301 and response.headers["Location"] == "../calc"
    assert (await client.get("/calc/")).status == 200


async def test_pages_need_the_login_too(client_factory: object, demo: gr.Blocks) -> None:
    client = await client_factory(demo, auth=[("ada", "pw")])  # type: ignore[operator]
    response = await client.get("/calc", allow_redirects=False)
    assert response.status == 302 and response.headers["Location"] == "login"
    assert (await client.get("/config?page=calc")).status == 401


def test_gradio_client_reaches_the_listeners_of_every_page(url: str) -> None:
    client = Client(url, verbose=False)
    assert client.predict("Ada", api_name="/greet") == "Hello, Ada!"
    assert client.predict(2, 3, api_name="/add") == 5


# -- the page bar in Chromium ----------------------------------------------------------------------
def test_the_bar_links_the_pages_and_a_page_runs_its_own_listeners(page: Page, url: str) -> None:
    page.goto(url)
    bar = page.get_by_role("navigation", name="Pages")
    expect(bar.get_by_role("link")).to_have_text(["Dashboard", "Calculator", "关于", "Docs"])
    expect(bar.get_by_role("link", name="Dashboard")).to_have_attribute("aria-current", "page")
    expect(bar.get_by_role("link", name="Docs")).to_have_attribute("target", "_blank")
    page.get_by_label("Name").fill("Ada")
    page.get_by_label("Name").press("Enter")
    expect(page.get_by_label("Greeting")).to_have_value("Hello, Ada!")

    bar.get_by_role("link", name="Calculator").click()
    expect(page).to_have_url(re.compile(r"/calc$"))
    expect(page.get_by_label("Name")).to_have_count(0)
    page.get_by_label("A", exact=True).fill("2")
    page.get_by_label("B", exact=True).fill("40")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_label("Sum")).to_have_value("42")
    # The Navbar is the main page's: elsewhere the main page keeps its own name.
    expect(bar.get_by_role("link", name="Calculator")).to_have_attribute("aria-current", "page")
    expect(bar.get_by_role("link")).to_have_text(["Home", "Calculator", "关于"])

    bar.get_by_role("link", name="关于").click()
    expect(page.get_by_role("heading", name="关于")).to_be_visible()
    page.goto(url.rstrip("/") + "/hidden")
    expect(page.get_by_text("reached by its URL")).to_be_visible()
    expect(bar.get_by_role("link", name="Hidden")).to_have_count(0)


def test_a_listener_changes_the_bar_and_the_ui_speaks_the_browsers_language(page: Page) -> None:
    with gr.Blocks() as demo:
        navbar = gr.Navbar()
        with gr.Row():
            hide = gr.Button("Hide the bar")
            extra = gr.Button("Add a link")
        hide.click(lambda: gr.Navbar(visible=False), None, navbar)
        extra.click(lambda: [("Reports", "reports"), ("Help", "https://example.com/help")], None, navbar)
    with demo.route("Reports"):
        gr.Markdown("Reports")
    with serve(demo) as url:
        page.goto(url + "?__lang=zh-CN")
        bar = page.get_by_role("navigation", name="页面")
        expect(bar.get_by_role("link")).to_have_text(["首页", "Reports"])
        page.get_by_role("button", name="Add a link").click()
        expect(bar.get_by_role("link")).to_have_text(["首页", "Reports", "Help"])  # a listed page is not repeated
        page.get_by_role("button", name="Hide the bar").click()
        expect(bar).to_have_count(0)


def test_a_one_page_app_has_no_bar(page: Page) -> None:
    with gr.Blocks() as demo:
        gr.Textbox(label="Alone")
    with serve(demo) as url:
        page.goto(url)
        expect(page.get_by_label("Alone")).to_be_visible()
        expect(page.get_by_role("navigation")).to_have_count(0)


def test_the_dev_mode_swaps_an_edit_into_the_page_open_and_keeps_its_values(page: Page, tmp_path: Path) -> None:
    shutil.copy(DEMOS / "multipage.py", tmp_path / "app.py")
    with dev_server(tmp_path) as app:
        page.goto(app.url + "calc")
        page.get_by_label("A", exact=True).fill("2")
        app.edit("app.py", 'total = gr.Number(label="Sum")', 'total = gr.Number(label="Total")')
        expect(page.get_by_label("Total")).to_be_visible()
        expect(page).to_have_url(re.compile(r"/calc$"))
        expect(page.get_by_label("A", exact=True)).to_have_value("2")
        expect(page.get_by_label("Name")).to_have_count(0)  # still this page's blocks only
