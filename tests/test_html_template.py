"""gr.HTML as a component framework: templates with props, js_on_load's trigger/props/server/watch, custom
events, children at `@children`, scoped CSS, `head` scripts loaded once, values that cannot run script,
the server-function route, and a gradio_client round trip."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from gradio_client import Client
from playwright.sync_api import Page, expect

import reblocks as gr
from tests.conftest import API, load_demo, serve


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with serve(load_demo("blocks_html_template").demo) as url:
        yield url


def block(page: Page, index: int = 0) -> Any:
    return page.locator(".block.html").nth(index)


# -- the demo: a star rating and a card -------------------------------------------------------------
def test_a_template_with_props_renders(page: Page, url: str) -> None:
    page.goto(url)
    rating = block(page)
    expect(rating.get_by_role("heading")).to_have_text("Rate this demo")  # ${label}
    expect(rating.locator(".star")).to_have_count(5)  # ${max_stars}
    expect(rating.locator(".star.on")).to_have_count(3)  # ${value}
    expect(rating.locator(".star").first).to_have_css("font-size", "28px")  # ${size} in css_template


def test_a_listener_updating_a_prop_draws_again(page: Page, url: str) -> None:
    page.goto(url)
    first_star = block(page).locator(".star").first
    first_star.evaluate("star => (window.firstStar = star)")
    page.get_by_label("Exact value").fill("8")
    page.get_by_label("Exact value").press("Enter")
    expect(block(page).locator(".star")).to_have_count(8)
    expect(block(page).locator(".star.on")).to_have_count(3)  # the value stays
    # morphed, not replaced: js_on_load's listeners on the elements that stay are still attached
    assert first_star.evaluate("star => star === window.firstStar")


def test_props_value_from_js_and_a_custom_event_with_data_reach_the_listener(page: Page, url: str) -> None:
    page.goto(url)
    block(page).get_by_role("button", name="4 stars").click()
    expect(block(page).locator(".star.on")).to_have_count(4)
    block(page).get_by_role("button", name="Submit rating").click()
    expect(page.get_by_label("Submitted")).to_have_value("You rated 4 of 5 stars")


def test_a_server_function_answers_js_on_load(page: Page, url: str) -> None:
    page.goto(url)
    block(page).get_by_role("button", name="2 stars").click()
    block(page).get_by_role("button", name="Describe").click()
    expect(block(page).locator(".note")).to_have_text("2 stars: fair")


def test_children_are_drawn_at_the_children_mark(page: Page, url: str) -> None:
    page.goto(url)
    card = block(page, 1)
    expect(card.get_by_label("Name")).to_be_visible()
    expect(card.get_by_label("Email")).to_be_visible()
    order = card.evaluate("card => [...card.querySelectorAll('h2, input, .card-end')].map((e) => e.tagName)")
    assert order == ["H2", "INPUT", "INPUT", "P"]
    # the child is a live block: typing in it gives a value listeners read
    card.get_by_label("Name").fill("Ada")
    expect(card.get_by_label("Name")).to_have_value("Ada")


def test_only_declared_server_functions_are_reachable(url: str) -> None:
    config = httpx.get(f"{url}config").json()
    rating = next(entry["id"] for entry in config["components"] if entry["props"].get("server_fns"))
    call = {"component_id": rating, "fn_name": "describe", "data": 5, "session_hash": None}
    response = httpx.post(f"{url}{API[1:]}/component_server", json=call)
    assert response.status_code == 200 and response.json() == "5 stars: excellent"
    for name in ("undeclared", "preprocess", "postprocess", "__init__"):
        response = httpx.post(f"{url}{API[1:]}/component_server", json={**call, "fn_name": name})
        assert response.status_code == 404, name
    response = httpx.post(f"{url}{API[1:]}/component_server", json={**call, "component_id": 10_000})
    assert response.status_code == 404


# -- apps of their own ------------------------------------------------------------------------------
def test_the_default_click_and_a_custom_event_reach_listeners(page: Page) -> None:
    def clicked(event: gr.EventData) -> str:
        return str(event._data)

    def picked(event: gr.EventData) -> str:
        return f"{event.colour} by {event.target.label}"

    with gr.Blocks() as demo:
        plain = gr.HTML("<p class='plain'>Click me</p>")
        chooser = gr.HTML(["red", "blue"], label="chooser",
                          html_template="{{#each value}}<button type='button'>{{this}}</button>{{/each}}",
                          js_on_load="""element.addEventListener('click', (event) => {
                              const button = event.target.closest('button');
                              if (button) trigger('picked', {colour: button.textContent});
                          });""")
        clicks, colour, also = gr.Textbox(label="Clicks"), gr.Textbox(label="Colour"), gr.Textbox(label="Also")
        plain.click(clicked, None, clicks)
        chooser.picked(picked, None, colour)
        gr.on([chooser.picked], lambda: "on", None, also)
    with serve(demo) as url:
        page.goto(url)
        page.locator(".plain").click()
        expect(page.get_by_label("Clicks")).to_have_value("{}")
        block(page, 1).get_by_role("button", name="blue").click()
        expect(page.get_by_label("Colour")).to_have_value("blue by chooser")
        expect(page.get_by_label("Also")).to_have_value("on")


def test_watch_runs_after_a_listener_changes_a_prop(page: Page) -> None:
    with gr.Blocks() as demo:
        counter = gr.HTML(1, html_template="<p class='count'>${value} ${unit}</p><p class='seen'></p>", unit="apples",
                          js_on_load="""watch(['value', 'unit'], () => {
                              element.querySelector('.seen').textContent = 'saw ' + props.value + ' ' + props.unit;
                          });""")
        gr.Button("More").click(lambda n: gr.update(value=n + 1, unit="pears"), counter, counter)
    with serve(demo) as url:
        page.goto(url)
        expect(page.locator(".count")).to_have_text("1 apples")
        page.get_by_role("button", name="More").click()
        expect(page.locator(".count")).to_have_text("2 pears")
        expect(page.locator(".seen")).to_have_text("saw 2 pears")


def test_css_template_is_scoped_to_its_block(page: Page) -> None:
    with gr.Blocks() as demo:
        gr.HTML("<p class='text'>styled</p>", css_template="border: 3px solid rgb(0, 0, 255); p { color: rgb(255, 0, 0); }")
        gr.HTML("<p class='text'>plain</p>")
    with serve(demo) as url:
        page.goto(url)
        styled, plain = block(page, 0), block(page, 1)
        expect(styled.locator("p")).to_have_css("color", "rgb(255, 0, 0)")
        expect(styled.locator(".html-content")).to_have_css("border-top-color", "rgb(0, 0, 255)")
        expect(plain.locator("p")).not_to_have_css("color", "rgb(255, 0, 0)")
        expect(plain.locator(".html-content")).not_to_have_css("border-top-width", "3px")


def test_head_scripts_load_once_before_js_on_load(page: Page) -> None:
    library = "window.loads = (window.loads || 0) + 1; window.shout = (text) => text.toUpperCase();"
    head = f'<script src="data:text/javascript,{quote(library)}"></script>'
    with gr.Blocks() as demo:
        for word in ("one", "two"):
            gr.HTML(word, html_template="<p class='shout'></p>", head=head,
                    js_on_load="element.querySelector('.shout').textContent = shout(props.value);")
    with serve(demo) as url:
        page.goto(url)
        expect(page.locator(".shout")).to_have_text(["ONE", "TWO"])
        assert page.evaluate("window.loads") == 1
        assert page.evaluate("document.querySelectorAll('script[src^=\"data:\"]').length") == 1


def test_a_value_a_user_sent_does_not_run_script(page: Page) -> None:
    attack = '<img src=x onerror="window.__pwned = 1"><b class="bold">hi</b>" onmouseover="window.__pwned = 2'
    with gr.Blocks() as demo:
        text = gr.Textbox(label="Text")
        raw = gr.HTML()
        templated = gr.HTML(html_template="<div class='wrap' title=\"${value}\">${value}</div>")
        escaped = gr.HTML(html_template="<div class='escaped'>{{value}}</div>", js_on_load=None)
        text.submit(lambda value: (value, value, value), text, [raw, templated, escaped])
    with serve(demo) as url:
        page.goto(url)
        page.get_by_label("Text").fill(attack)
        page.get_by_label("Text").press("Enter")
        expect(block(page, 0).locator("b.bold")).to_have_text("hi")
        expect(block(page, 1).locator("b.bold").first).to_have_text("hi")
        expect(block(page, 2).locator(".escaped")).to_contain_text("<img src=x")
        block(page, 1).locator(".wrap").hover()
        expect(block(page, 0).locator("img")).to_have_count(1)
        page.wait_for_function("() => [...document.images].every((image) => image.complete)")
        assert page.evaluate("window.__pwned") is None
        assert page.locator("[onerror], [onmouseover]").count() == 0


def test_a_broken_template_says_why_in_the_block(page: Page) -> None:
    with gr.Blocks() as demo:
        gr.HTML("x", html_template="{{#each value}}<p>{{this}}</p>")
        gr.HTML("y", html_template="<p class='fine'>${value.toUpperCase()}</p>")
    with serve(demo) as url:
        page.goto(url)
        expect(block(page, 0).get_by_role("alert")).to_contain_text("{{#each}} is not closed")
        expect(block(page, 1).locator(".fine")).to_have_text("Y")


def test_upload_sends_a_file_and_returns_its_path_and_url(page: Page, tmp_path: Path) -> None:
    def read(value: str) -> str:
        path, url = value.split("|")
        return f"{Path(path).read_text()} at {url.rsplit('/', 1)[-1]}"

    with gr.Blocks() as demo:
        picker = gr.HTML(html_template="<input type='file' aria-label='Pick a file'>", js_on_load="""
            element.querySelector('input').addEventListener('change', async (event) => {
              const {path, url} = await upload(event.target.files[0]);
              props.value = path + '|' + url;
            });""")
        shown = gr.Textbox(label="Read")
        picker.change(read, picker, shown)
    note = tmp_path / "note.txt"
    note.write_text("uploaded text")
    with serve(demo) as url:
        page.goto(url)
        page.get_by_label("Pick a file").set_input_files(note)
        expect(page.get_by_label("Read")).to_have_value("uploaded text at note.txt")


def test_gradio_client_round_trip() -> None:
    with gr.Blocks() as demo:
        given, shown = gr.HTML("<i>start</i>", label="Given"), gr.HTML(label="Shown")
        given.change(lambda html: f"<section>{html}</section>", given, shown, api_name="wrap")
    with serve(demo) as url:
        client = Client(url, verbose=False)
        assert client.predict("<b>bold</b>", api_name="/wrap") == "<section><b>bold</b></section>"
        info = client.view_api(return_format="dict", print_info=False)
        parameter = info["named_endpoints"]["/wrap"]["parameters"][0]
        assert parameter["type"] == {"type": "string"} and parameter["component"] == "Html"


# -- the Python side --------------------------------------------------------------------------------
def test_keywords_become_props_typos_are_refused_and_updates_merge() -> None:
    html = gr.HTML(2, html_template="${value} of ${total}", total=5, values=[1, 2], render=False)
    assert html.props == {"total": 5, "values": [1, 2]}
    with pytest.raises(TypeError, match="unexpected keyword argument 'html_templete'"):
        gr.HTML(html_templete="x")
    with pytest.raises(TypeError, match="must be JSON values"):
        gr.HTML(when=object())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert gr.HTML(buttons=[], render=False).buttons == []  # honoured: an empty toolbar
    assert caught == []
    assert html.postprocess_output(gr.update(total=7, visible=False)) == {
        "__type__": "update", "visible": False, "props": {"total": 7}}
    assert html.postprocess_output(gr.HTML(total=9)) == {"__type__": "update", "props": {"total": 9}}
    with pytest.raises(AttributeError, match="quote it in js_on_load"):
        html.rated  # noqa: B018 - not quoted in js_on_load: no such event
    with pytest.raises(TypeError, match="named functions"):
        gr.HTML(server_functions=[lambda: 1, "x"])  # type: ignore[list-item]
    with pytest.warns(UserWarning, match="will not run"):
        gr.HTML(html_template="<script>alert(1)</script>", render=False)


def test_event_data_keys_read_as_attributes() -> None:
    event = gr.EventData(None, {"colour": "red"})
    assert event.colour == "red"
    with pytest.raises(AttributeError, match="shade"):
        event.shade  # noqa: B018 - the lookup is the test
