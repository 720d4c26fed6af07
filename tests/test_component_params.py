"""Gradio 6 parameters of form, text and layout components, seen in Chromium, over HTTP and through
gradio_client: code line numbers and completions, a plain dropdown, select-all, slider precision, JSON
indices, heading anchors, long pastes as files, input attributes, layout sizes and progress, tabs drawn
on first view, link targets, props kept by key, State time_to_live, delete_cache, dataset pages and
labels, and files reordered by dragging."""

from __future__ import annotations

import os
import re
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from gradio_client import Client
from playwright.sync_api import Page, expect

import reblocks as gr
from reblocks.renderer.files import FileCache
from tests.conftest import serve

# Set by the States' delete_callback when a value outlives its time_to_live.
EXPIRED = threading.Event()
# Holds the slow listener until the test has seen the row's overlay.
RELEASE = threading.Event()


def slow(text: str) -> tuple[str, str, str]:
    RELEASE.wait(10)
    return text.upper(), text, text


def build(files: list[str]) -> gr.Blocks:
    with gr.Blocks() as demo:
        gr.Code("a = 1\nb = 2\nc = 3", language="python", interactive=True, elem_id="code-lines")
        gr.Code("x = 1", language="python", show_line_numbers=False, interactive=False, elem_id="code-plain")
        gr.Code("", language="python", interactive=True, autocomplete=True, elem_id="code-complete",
                label="Completing")
        gr.Dropdown(["apple", "banana", "cherry"], filterable=False, label="Fruit", elem_id="picker")
        group = gr.CheckboxGroup(["a", "b", "c"], show_select_all=True, label="Letters", elem_id="group")
        ticked = gr.Textbox(label="Ticked", elem_id="ticked")
        group.change(lambda values: ",".join(values), group, ticked)
        gr.Radio(["one", "two"], rtl=True, label="Direction", elem_id="rtl")
        slider = gr.Slider(0, 10, value=1, step=0.001, precision=2, label="Amount", elem_id="slider")
        got = gr.Textbox(label="Got", elem_id="got")
        gr.Button("Send", elem_id="send").click(repr, slider, got, api_name="amount")
        gr.JSON({"items": [10, 20]}, show_indices=True, min_height=300, elem_id="json")
        gr.Markdown("# Getting started\n\n## Install it", header_links=True, padding=True, elem_id="md")
        gr.MultimodalTextbox(max_plain_text_length=20, label="Message", elem_id="mm",
                             html_attributes=gr.InputHTMLAttributes(spellcheck=False, autocorrect="off",
                                                                    lang="fr", enterkeyhint="send"))
        gr.Textbox(label="Name", elem_id="name",
                   html_attributes=gr.InputHTMLAttributes(autocomplete="username", inputmode="email"))
        with gr.Row(height=120, show_progress=True, elem_id="busy-row"):
            shouted = gr.Textbox(label="Shouted", elem_id="shouted")
        with gr.Column(show_progress=True, elem_id="quiet-column"):
            quiet = gr.Textbox(label="Quiet", elem_id="quiet")
        with gr.Column(elem_id="plain-column"):
            plain = gr.Textbox(label="Plain", elem_id="plain")
        gr.Button("Shout", elem_id="shout").click(slow, shouted, [shouted, quiet, plain])
        following = gr.MultimodalTextbox(max_lines=2, label="Following", elem_id="following")
        staying = gr.MultimodalTextbox(max_lines=2, autoscroll=False, label="Staying", elem_id="staying")
        gr.Button("Stream", elem_id="stream").click(
            lambda: ({"text": "\n".join(f"line {n}" for n in range(30)), "files": []},) * 2, None,
            [following, staying])
        with gr.Tabs():
            with gr.Tab("First"):
                gr.Markdown("first")
            with gr.Tab("Lazy"):
                gr.Textbox("lazy", label="Lazy box", elem_id="lazy-box")
            with gr.Tab("Eager", render_children=True):
                gr.Textbox("eager", label="Eager box", elem_id="eager-box")
        gr.Button("Docs", link="https://example.com/", link_target="_blank", elem_id="new-tab")
        gr.Button("Here", link="https://example.com/", elem_id="same-tab")
        remembered = gr.State("initial", time_to_live=0.5, delete_callback=lambda value: EXPIRED.set())
        shown = gr.Textbox(label="Remembered", elem_id="remembered")
        gr.Button("Remember", elem_id="remember").click(lambda: "set", None, remembered)
        gr.Button("Recall", elem_id="recall").click(lambda value: value, remembered, shown)
        samples = gr.Dataset(components=[gr.Textbox(render=False)], samples=[[f"s{i}"] for i in range(25)],
                             samples_per_page=10, type="index", label="Samples", elem_id="samples")
        labelled = gr.Dataset(components=[gr.Radio([("Red", "r"), ("Blue", "b")], render=False)],
                              samples=[["r"], ["b"]], sample_labels=["Warm", "Cool"], label="Labelled",
                              elem_id="labelled")
        gr.Dataset(components=[gr.Radio([("Red", "r"), ("Blue", "b")], render=False)], samples=[["r"], ["b"]],
                   label="Choices", elem_id="choices")
        picked = gr.Textbox(label="Picked", elem_id="picked")
        samples.click(str, samples, picked)
        labelled.click(lambda value: value[0], labelled, picked)
        upload = gr.File(files, file_count="multiple", allow_reordering=True, interactive=True, elem_id="files")
        order = gr.Textbox(label="Order", elem_id="order")
        upload.change(lambda paths: ",".join(Path(path).name for path in paths or []), upload, order)
    return demo


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("files")
    files = []
    for name in ("one.txt", "two.txt", "three.txt"):
        (folder / name).write_text(name)
        files.append(str(folder / name))
    with serve(build(files), allowed_paths=[str(folder)]) as url:
        yield url


def block(page: Page, elem_id: str) -> Any:
    return page.locator(f"#{elem_id}")


# -- no warnings for what is honoured ---------------------------------------------------------------
@pytest.mark.parametrize("make", [
    lambda: gr.Code(show_line_numbers=False, autocomplete=True, render=False),
    lambda: gr.Dropdown(["a"], filterable=False, render=False),
    lambda: gr.CheckboxGroup(["a"], show_select_all=True, render=False),
    lambda: gr.Radio(["a"], rtl=True, render=False),
    lambda: gr.Slider(precision=1, render=False),
    lambda: gr.JSON(show_indices=True, min_height=100, render=False),
    lambda: gr.Markdown(header_links=True, padding=True, render=False),
    lambda: gr.MultimodalTextbox(autoscroll=False, max_plain_text_length=10,
                                 html_attributes=gr.InputHTMLAttributes(lang="en"), render=False),
    lambda: gr.Textbox(html_attributes={"spellcheck": False}, render=False),
    lambda: gr.Row(height=1, max_height=2, min_height=1, show_progress=True, preserved_by_key=["visible"],
                   render=False),
    lambda: gr.Column(show_progress=True, preserved_by_key=None, render=False),
    lambda: gr.Accordion(preserved_by_key=["open"], render=False),
    lambda: gr.Group(preserved_by_key=None, render=False),
    lambda: gr.Tabs(preserved_by_key=["selected"], render=False),
    lambda: gr.Tab(preserved_by_key=None, render_children=True, render=False),
    lambda: gr.Walkthrough(preserved_by_key=None, render=False),
    lambda: gr.Step(preserved_by_key=None, render=False),
    lambda: gr.Blocks(preserved_by_key=None, delete_cache=(60, 60)),
    lambda: gr.Button(link_target="_top", render=False),
    lambda: gr.ClearButton(link_target="_blank", api_name="reset", api_visibility="public", render=False),
    lambda: gr.DeepLinkButton(link_target="_blank", render=False),
    lambda: gr.DuplicateButton(link_target="_blank", render=False),
    lambda: gr.State(0, time_to_live=60),
    lambda: gr.Dataset(components=[gr.Textbox(render=False)], component_props=[{}], layout="table",
                       sample_labels=["x"], samples=[["x"]], samples_per_page=5, render=False),
    lambda: gr.File(allow_reordering=True, render=False),
])
def test_an_honoured_parameter_does_not_warn(make: Callable[[], Any]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)
        make()


def test_bad_values_are_refused_clearly() -> None:
    with pytest.raises(ValueError, match="time_to_live"):
        gr.State(0, time_to_live=0)
    with pytest.raises(ValueError, match="delete_cache"):
        gr.Blocks(delete_cache=(60,))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="samples_per_page"):
        gr.Dataset(samples=[], samples_per_page=0, render=False)
    with pytest.raises(ValueError, match="layout"):
        gr.Dataset(samples=[], layout="grid", render=False)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown field"):
        gr.Textbox(html_attributes={"onfocus": "alert(1)"}, render=False)
    with pytest.warns(UserWarning, match="filterable"):
        dropdown = gr.Dropdown(["a"], filterable=False, allow_custom_value=True, render=False)
    assert dropdown.get_props()["filterable"] is True  # a custom value is typed: the box takes typing


# -- Chromium ---------------------------------------------------------------------------------------
def test_code_shows_line_numbers_unless_told_not_to(page: Page, url: str) -> None:
    page.goto(url)
    expect(block(page, "code-lines").locator(".gutter")).to_have_text("1\n2\n3")
    block(page, "code-lines").locator("textarea").press("End")
    block(page, "code-lines").locator("textarea").press("Enter")
    expect(block(page, "code-lines").locator(".gutter")).to_have_text("1\n2\n3\n4")
    expect(block(page, "code-plain").locator(".source")).to_contain_text("x = 1")
    expect(block(page, "code-plain").locator(".gutter")).to_have_count(0)


def test_code_completes_keywords_and_words_of_the_code(page: Page, url: str) -> None:
    page.goto(url)
    editor = block(page, "code-complete").locator("textarea")
    editor.press_sequentially("total = 1\npri")
    options = block(page, "code-complete").get_by_role("option")
    expect(options).to_have_text(["print"])
    editor.press("Enter")
    expect(editor).to_have_value("total = 1\nprint")
    editor.press_sequentially("(tot")
    expect(options).to_have_text(["total"])
    options.first.click()
    expect(editor).to_have_value("total = 1\nprint(total")
    expect(block(page, "code-complete").get_by_role("listbox")).to_be_hidden()


def test_a_dropdown_that_is_not_filterable_keeps_every_choice_while_typing(page: Page, url: str) -> None:
    page.goto(url)
    picker = page.get_by_label("Fruit")
    picker.focus()
    page.keyboard.type("ch")
    expect(picker.locator("option")).to_have_text(["apple", "banana", "cherry"])
    expect(page.locator("#picker input")).to_have_count(0)  # no text box to filter with
    picker.select_option("banana")
    expect(picker).to_have_value("1")


def test_select_all_ticks_every_choice_and_shows_a_partial_selection(page: Page, url: str) -> None:
    page.goto(url)
    select_all = block(page, "group").get_by_label("Select all")
    select_all.check()
    expect(block(page, "ticked").locator("input")).to_have_value("a,b,c")
    block(page, "group").get_by_label("b", exact=True).uncheck()
    expect(block(page, "ticked").locator("input")).to_have_value("a,c")
    assert select_all.evaluate("box => box.indeterminate") is True
    expect(select_all).not_to_be_checked()
    select_all.check()
    expect(block(page, "ticked").locator("input")).to_have_value("a,b,c")
    select_all.uncheck()
    expect(block(page, "ticked").locator("input")).to_have_value("")


def test_radio_lays_its_buttons_out_right_to_left(page: Page, url: str) -> None:
    page.goto(url)
    expect(block(page, "rtl").locator(".choices")).to_have_attribute("dir", "rtl")
    one = block(page, "rtl").get_by_label("one").bounding_box()
    two = block(page, "rtl").get_by_label("two").bounding_box()
    assert one is not None and two is not None and one["x"] > two["x"]


def test_slider_precision_rounds_the_box_and_the_value_the_function_gets(page: Page, url: str) -> None:
    page.goto(url)
    box = block(page, "slider").get_by_label("Exact value")
    box.fill("3.14159")
    box.press("Enter")
    expect(box).to_have_value("3.14")
    block(page, "send").click()
    expect(block(page, "got").locator("input")).to_have_value("3.14")


def test_slider_precision_over_gradio_client(url: str) -> None:
    client = Client(url, verbose=False)
    assert client.predict(2.71828, api_name="/amount") == "2.72"


def test_json_shows_list_indices_and_its_least_height(page: Page, url: str) -> None:
    page.goto(url)
    expect(block(page, "json").locator(".key")).to_have_text(['"items"', "0", "1"])
    frame = block(page, "json").locator(".frame")
    expect(frame).to_have_css("min-height", "300px")


def test_markdown_headings_get_anchor_links(page: Page, url: str) -> None:
    page.goto(url)
    heading = block(page, "md").locator("h2")
    expect(heading).to_have_attribute("id", "install-it")
    expect(heading.locator("a.header-anchor")).to_have_attribute("href", "#install-it")
    expect(block(page, "md").locator("h1 a.header-anchor")).to_have_attribute("href", "#getting-started")
    expect(block(page, "md").locator(".markdown")).not_to_have_css("padding-top", "0px")


def test_pasting_long_text_attaches_it_as_a_file(page: Page, url: str) -> None:
    page.goto(url)
    box = block(page, "mm").locator("textarea")
    paste = """([box, text]) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      box.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
    }"""
    box.evaluate(f"(box, text) => ({paste})([box, text])", "short")
    expect(block(page, "mm").locator(".attachment")).to_have_count(0)
    box.evaluate(f"(box, text) => ({paste})([box, text])", "a pasted text much longer than twenty characters")
    expect(block(page, "mm").locator(".attachment")).to_have_attribute("data-name", "pasted_text.txt")
    expect(box).to_have_value("")


def test_a_multimodal_box_follows_new_text_to_its_end_unless_autoscroll_is_off(page: Page, url: str) -> None:
    page.goto(url)
    block(page, "stream").click()
    expect(block(page, "staying").locator("textarea")).to_have_value(re.compile("line 29$"))
    page.wait_for_function("""() => {
      const box = document.querySelector('#following textarea');
      return box.value.endsWith('line 29') && box.scrollHeight > box.clientHeight
        && box.scrollTop + box.clientHeight >= box.scrollHeight - 1;
    }""")
    assert block(page, "staying").locator("textarea").evaluate("box => box.scrollTop") == 0


def test_input_html_attributes_reach_the_input_elements(page: Page, url: str) -> None:
    page.goto(url)
    message = block(page, "mm").locator("textarea")
    expect(message).to_have_attribute("spellcheck", "false")
    expect(message).to_have_attribute("autocorrect", "off")
    expect(message).to_have_attribute("lang", "fr")
    expect(message).to_have_attribute("enterkeyhint", "send")
    name = block(page, "name").locator("input")
    expect(name).to_have_attribute("autocomplete", "username")
    expect(name).to_have_attribute("inputmode", "email")


def test_a_row_has_its_height_and_covers_itself_while_a_listener_writes_in_it(page: Page, url: str) -> None:
    page.goto(url)
    expect(block(page, "busy-row").locator(".row-inner")).to_have_css("height", "120px")
    RELEASE.clear()
    block(page, "shouted").locator("input").fill("hi")
    block(page, "shout").click()
    try:
        expect(page.locator("#busy-row > .pending-overlay")).to_be_visible()
        expect(page.locator("#quiet-column > .pending-overlay")).to_be_visible()
        # A Column without show_progress is not covered, though the box in it waits as well.
        expect(page.locator("#plain > .pending-overlay")).to_be_visible()
        expect(page.locator("#plain-column > .pending-overlay")).to_have_count(0)
    finally:
        RELEASE.set()
    expect(block(page, "shouted").locator("input")).to_have_value("HI")
    expect(page.locator("#busy-row > .pending-overlay")).to_have_count(0)


def test_a_tab_is_drawn_when_first_selected_unless_it_renders_its_children(page: Page, url: str) -> None:
    page.goto(url)
    expect(block(page, "eager-box")).to_be_attached()
    expect(block(page, "eager-box")).to_be_hidden()
    expect(block(page, "lazy-box")).to_have_count(0)
    page.get_by_role("tab", name="Lazy").click()
    expect(block(page, "lazy-box").locator("input")).to_have_value("lazy")
    page.get_by_role("tab", name="First").click()
    expect(block(page, "lazy-box")).to_be_attached()  # drawn once, it stays


def test_link_target_says_where_a_button_link_opens(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("#new-tab a")).to_have_attribute("target", "_blank")
    expect(page.locator("#same-tab a")).to_have_attribute("target", "_self")


def test_a_state_goes_back_to_its_initial_value_after_its_time_to_live(page: Page, url: str) -> None:
    page.goto(url)
    shown = block(page, "remembered").locator("input")
    EXPIRED.clear()
    block(page, "remember").click()
    block(page, "recall").click()
    expect(shown).to_have_value("set")
    assert EXPIRED.wait(10), "the State's delete_callback was not called"
    block(page, "recall").click()
    expect(shown).to_have_value("initial")


def test_dataset_pages_and_labels(page: Page, url: str) -> None:
    page.goto(url)
    samples = block(page, "samples")
    expect(samples.locator("tr.sample")).to_have_count(10)
    pages = samples.get_by_role("navigation").get_by_role("button")
    expect(pages).to_have_text(["1", "2", "3"])
    pages.nth(2).click()
    expect(samples.locator("tr.sample")).to_have_text(["s20", "s21", "s22", "s23", "s24"])
    samples.get_by_text("s21").click()
    expect(block(page, "picked").locator("input")).to_have_value("21")
    labelled = block(page, "labelled")
    expect(labelled.locator("button.sample")).to_have_text(["Warm", "Cool"])  # a gallery of labels
    labelled.get_by_role("button", name="Cool").click()
    expect(block(page, "picked").locator("input")).to_have_value("b")
    expect(block(page, "choices").locator("tr.sample")).to_have_text(["Red", "Blue"])  # by the choice's label


def test_dragging_a_file_reorders_the_list_and_fires_change(page: Page, url: str) -> None:
    page.goto(url)
    items = block(page, "files").locator("li.file-item")
    expect(items).to_have_count(3)
    items.nth(2).drag_to(items.nth(0))
    expect(items.locator(".file-link")).to_have_text(["three.txt", "one.txt", "two.txt"])
    expect(block(page, "order").locator("input")).to_have_value("three.txt,one.txt,two.txt")


def test_preserved_by_key_on_a_layout_keeps_what_the_user_changed(page: Page) -> None:
    with gr.Blocks() as demo:
        run = gr.Number(1, label="Run", elem_id="run")

        @gr.render(inputs=run)
        def sections(count: float) -> None:
            with gr.Accordion(f"Kept {int(count)}", open=False, key="kept", preserved_by_key=["open"]):
                gr.Markdown("kept body")
            with gr.Accordion(f"Plain {int(count)}", open=False, key="plain"):
                gr.Markdown("plain body")

    with serve(demo) as url:
        page.goto(url)
        page.get_by_role("button", name="Kept 1").click()
        page.get_by_role("button", name="Plain 1").click()
        expect(page.get_by_text("kept body")).to_be_visible()
        expect(page.get_by_text("plain body")).to_be_visible()
        page.locator("#run input").fill("2")
        page.locator("#run input").press("Enter")
        expect(page.get_by_role("button", name="Plain 2")).to_have_attribute("aria-expanded", "false")
        expect(page.get_by_role("button", name="Kept 2")).to_have_attribute("aria-expanded", "true")


# -- HTTP and the file cache ------------------------------------------------------------------------
def test_clear_button_names_its_state_endpoint() -> None:
    with gr.Blocks() as demo:
        state = gr.State(5)
        gr.ClearButton([state], api_name="forget", api_visibility="public")
    with serve(demo) as url:
        info = httpx.get(f"{url.rstrip('/')}/gradio_api/info").json()
        assert "/forget" in info["named_endpoints"]


def wait_until(condition: Callable[[], bool], timeout: float = 10) -> bool:
    """Check `condition` until it holds or `timeout` seconds pass: a file has no event to wait on."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_file_cache_deletes_only_files_older_than_age(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path))
    cache = FileCache(app_id=1)
    (tmp_path / "source").mkdir()
    old_source, new_source = tmp_path / "source" / "old.txt", tmp_path / "source" / "new.txt"
    old_source.write_text("old")
    new_source.write_text("new")
    monkeypatch.chdir(tmp_path)
    old, new = Path(cache.store(str(old_source))), Path(cache.store(str(new_source)))
    past = time.time() - 120
    os.utime(old, (past, past))
    assert cache.delete_older_than(60) == 1
    assert not old.exists() and not old.parent.exists() and new.exists()
    assert Path(cache.store(str(old_source))).exists()  # returned again, it is copied again


def test_delete_cache_removes_old_files_while_the_app_runs(tmp_path: Path) -> None:
    with gr.Blocks(delete_cache=(0.05, 0.2)) as demo:
        gr.File()
    with serve(demo) as url:
        response = httpx.post(f"{url.rstrip('/')}/gradio_api/upload", files={"files": ("note.txt", b"hello")})
        path = Path(response.json()[0])
        assert path.exists()
        assert wait_until(lambda: not path.exists()), "the cached file was not deleted"
