"""CheckboxGroup, ColorPicker, DateTime, Label, HighlightedText and the aliases: in Chromium, through the
official gradio_client, and their pre/postprocessing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone

import pytest
from gradio_client import Client
from playwright.sync_api import Page, expect

import reblocks as gr
from tests.conftest import load_demo, serve


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with serve(load_demo("blocks_form_components").demo) as url:
        yield url


@pytest.fixture(scope="module")
def client(url: str) -> Client:
    return Client(url, verbose=False)


# -- in the browser -------------------------------------------------------------------------------
def test_checkbox_group_sends_the_ticked_values_as_a_list(page: Page, url: str) -> None:
    page.goto(url)
    group = page.locator("#toppings")
    expect(group.get_by_label("cheese")).to_be_checked()
    group.get_by_label("olives").check()
    expect(page.locator("#toppings-out input")).to_have_value(
        "list: ['cheese', 'olives']")
    group.get_by_label("cheese").uncheck()
    expect(page.locator("#toppings-out input")).to_have_value("list: ['olives']")


def test_color_picker_sends_a_hex_string(page: Page, url: str) -> None:
    page.goto(url)
    picker = page.locator("#colour input[type=color]")
    expect(picker).to_have_value("#ff0000")
    expect(page.locator("#colour")).to_contain_text("Pick a colour")
    picker.fill("#00aa33")
    expect(page.locator("#colour-out input")).to_have_value("str: '#00aa33'")


def test_datetime_sends_a_datetime_typed_or_picked(page: Page, url: str) -> None:
    page.goto(url)
    text = page.get_by_label("When")
    expect(text).to_have_value("2024-05-01 12:30:00")
    text.fill("2024-06-02 08:00:00")
    text.press("Enter")
    expect(page.locator("#when-out input")).to_have_value("datetime: datetime.datetime(2024, 6, 2, 8, 0)")
    page.get_by_label("Pick a date").fill("2024-07-03T09:15:30")
    expect(text).to_have_value("2024-07-03 09:15:30")
    expect(page.locator("#when-out input")).to_have_value(
        "datetime: datetime.datetime(2024, 7, 3, 9, 15, 30)")


def test_label_shows_the_top_classes_and_a_click_selects_one(page: Page, url: str) -> None:
    page.goto(url)
    classes = page.locator("#classes")
    expect(classes.get_by_role("heading")).to_have_text("consonants")
    expect(classes.get_by_role("button")).to_have_count(2)  # num_top_classes=2
    expect(classes.get_by_role("button").first).to_contain_text("60%")
    classes.get_by_role("button", name="vowels").click()
    expect(page.locator("#classes-out input")).to_have_value(
        "'vowels' of dict: {'consonants': 0.6, 'vowels': 0.23333333333333334}")


def test_a_new_sentence_updates_label_and_highlighted_text(page: Page, url: str) -> None:
    page.goto(url)
    sentence = page.locator("#sentence input")
    sentence.fill("aaa 42")
    sentence.press("Enter")
    expect(page.locator("#classes").get_by_role("heading")).to_have_text("vowels")
    expect(page.locator("#tagged").get_by_role("button", name="42")).to_be_visible()


def test_highlighted_text_shows_categories_and_a_click_selects_a_token(page: Page, url: str) -> None:
    page.goto(url)
    tagged = page.locator("#tagged")
    expect(tagged.locator(".legend-item")).to_have_text(["word", "number"])
    token = tagged.get_by_role("button", name="5 number")
    expect(token).to_have_css("background-color", "color(srgb 0.133333 0.772549 0.368627 / 0.35)")
    token.click()
    expect(page.locator("#tagged-out input")).to_have_value(
        "['5', 'number'] of list: [{'token': 'Reblocks', 'class_or_confidence': 'word'}, "
        "{'token': ' ', 'class_or_confidence': None}, {'token': 'has', 'class_or_confidence': 'word'}, "
        "{'token': ' ', 'class_or_confidence': None}, {'token': '5', 'class_or_confidence': 'number'}, "
        "{'token': ' ', 'class_or_confidence': None}, {'token': 'form', 'class_or_confidence': 'word'}, "
        "{'token': ' ', 'class_or_confidence': None}, {'token': 'components', 'class_or_confidence': 'word'}]")


def test_text_area_and_json_aliases(page: Page, url: str) -> None:
    page.goto(url)
    notes = page.locator("#notes textarea")
    expect(notes).to_have_attribute("rows", "7")
    notes.fill("twelve chars")
    expect(page.locator("#summary")).to_contain_text('"characters": 12')


# -- through gradio_client ------------------------------------------------------------------------
def test_client_round_trips_form_values(client: Client) -> None:
    assert client.predict(["ham", "olives"], api_name="/toppings") == "list: ['ham', 'olives']"
    assert client.predict("#123456", api_name="/colour") == "str: '#123456'"
    assert client.predict("2024-06-02 08:00:00", api_name="/when") == \
        "datetime: datetime.datetime(2024, 6, 2, 8, 0)"


def test_client_round_trips_display_values(client: Client) -> None:
    label = {"label": "cat", "confidences": [{"label": "cat", "confidence": 0.9},
                                             {"label": "dog", "confidence": 0.1}]}
    tokens = [{"token": "The", "class_or_confidence": None}, {"token": "fox", "class_or_confidence": "noun"}]
    assert client.predict(label, tokens, api_name="/echo_display") == (label, tokens)
    assert client.predict("a 1", api_name="/classify")["label"] == "other"
    assert client.predict("a 1", api_name="/tag") == [
        {"token": "a", "class_or_confidence": "word"}, {"token": " ", "class_or_confidence": None},
        {"token": "1", "class_or_confidence": "number"}]


def test_view_api_describes_the_new_components(client: Client) -> None:
    named = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    toppings = named["/toppings"]["parameters"][0]
    assert toppings["python_type"]["type"] == "list[Literal['cheese', 'ham', 'olives']]"
    assert toppings["component"] == "Checkboxgroup"
    assert named["/when"]["parameters"][0]["type"]["description"] == "Formatted as YYYY-MM-DD HH:MM:SS"


# -- preprocess and postprocess, as Gradio 6 does them ----------------------------------------------
def test_checkbox_group_index_type_and_single_value() -> None:
    group = gr.CheckboxGroup([("One", 1), ("Two", 2)], value=2, type="index")
    assert group.postprocess(group.value) == [2]
    assert group.preprocess([2, 1]) == [1, 0]
    with pytest.raises(ValueError, match="not one of the choices"):
        group.preprocess([3])


def test_datetime_types_and_timezone() -> None:
    utc = gr.DateTime(type="timestamp", timezone="UTC")
    assert utc.preprocess("2024-01-01 00:00:00") == datetime(2024, 1, 1, tzinfo=timezone.utc).timestamp()
    assert utc.postprocess(0) == "1970-01-01 00:00:00"
    day = gr.DateTime(include_time=False, type="string")
    assert day.preprocess("2024-02-03") == "2024-02-03"
    assert len(day.preprocess("now - 2d") or "") == 10
    assert day.postprocess(datetime(2024, 2, 3, 4, 5)) == "2024-02-03"
    assert gr.DateTime().preprocess("  ") is None


def test_label_values() -> None:
    label = gr.Label(num_top_classes=1)
    assert label.postprocess({"dog": 0.2, "cat": 0.8}) == {
        "label": "cat", "confidences": [{"label": "cat", "confidence": 0.8}]}
    assert label.postprocess(3) == {"label": "3"}
    assert label.postprocess(None) == {}
    assert label.preprocess({"label": "cat"}) == "cat"


def test_highlighted_text_combines_and_reads_entities() -> None:
    text = gr.HighlightedText(combine_adjacent=True, adjacent_separator=" ")
    assert text.postprocess([("New", "LOC"), ("York", "LOC"), ("is", None)]) == [
        {"token": "New York", "class_or_confidence": "LOC"}, {"token": "is", "class_or_confidence": None}]
    entities = {"text": "I love Paris", "entities": [{"entity": "LOC", "start": 7, "end": 12}]}
    assert gr.HighlightedText().postprocess(entities) == [
        {"token": "I love ", "class_or_confidence": None}, {"token": "Paris", "class_or_confidence": "LOC"},
        {"token": "", "class_or_confidence": None}]


def test_aliases_and_unsupported_parameters() -> None:
    assert gr.Text is gr.Textbox and gr.Json is gr.JSON and gr.Checkboxgroup is gr.CheckboxGroup
    assert gr.Highlight is gr.HighlightedText
    area = gr.TextArea()
    assert (area.lines, area.max_lines) == (7, 20)
    with pytest.warns(UserWarning, match=r"Video\(streaming=...\) is not supported"):
        gr.Video(streaming=True, render=False)  # the pair no other test in this process uses
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        gr.ColorPicker(colour="red")
