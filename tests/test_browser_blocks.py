"""The basic demo in headless Chromium: events, streaming, errors, layouts and State."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

import reblocks as gr
from tests.browser import record_values
from tests.conftest import load_demo, serve


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with serve(load_demo("blocks_basic").demo) as url:
        yield url


def test_type_click_and_see_the_output(page: Page, url: str) -> None:
    page.goto(url)
    page.locator("#name input").fill("Ada")
    page.locator("#greet").click()
    expect(page.locator("#greeting h2")).to_have_text("Hello, Ada!")


def test_enter_submits_too(page: Page, url: str) -> None:
    page.goto(url)
    page.locator("#name input").fill("Grace")
    page.locator("#name input").press("Enter")
    expect(page.locator("#greeting")).to_contain_text("Hello, Grace!")


def test_slider_change_fires(page: Page, url: str) -> None:
    page.goto(url)
    slider = page.locator("#number input[type=range]")
    slider.focus()
    slider.press("ArrowRight")
    expect(page.locator("#squared input")).to_have_value("4 squared is 16")


def test_radio_change_fires(page: Page, url: str) -> None:
    page.goto(url)
    page.locator("#colour").get_by_label("green").check()
    expect(page.locator("#picked")).to_have_text("You picked green.")


def test_accordion_opens_and_state_counts_per_session(browser: Browser, page: Page, url: str) -> None:
    page.goto(url)
    count = page.locator("#count")
    expect(count).to_be_hidden()
    page.get_by_text("Session counter").click()
    expect(count).to_be_visible()
    count.click()
    expect(page.locator("#count-text input")).to_have_value("Clicked 1 time(s) in this session.")
    count.click()
    expect(page.locator("#count-text input")).to_have_value("Clicked 2 time(s) in this session.")
    other = browser.new_context().new_page()
    other.goto(url)
    other.get_by_text("Session counter").click()
    other.locator("#count").click()
    expect(other.locator("#count-text input")).to_have_value("Clicked 1 time(s) in this session.")
    other.context.close()


def test_an_error_shows_and_the_next_click_works(page: Page, url: str) -> None:
    page.goto(url)
    page.locator("#greet").click()
    toast = page.get_by_role("alert")
    expect(toast).to_contain_text("Please type a name first.")
    toast.get_by_role("button", name="Close").click()
    expect(toast).to_have_count(0)
    page.locator("#name input").fill("Linus")
    page.locator("#greet").click()
    expect(page.locator("#greeting")).to_contain_text("Hello, Linus!")


def test_generator_outputs_appear_in_order(page: Page, url: str) -> None:
    page.goto(url)
    record_values(page, "#spelled input")
    page.locator("#spell").click()
    expect(page.locator("#spelled input")).to_have_value("streaming")
    seen = page.evaluate("window.__seen")
    assert seen[-1] == "streaming"
    assert len(seen) >= 3, seen  # partial values were shown, not only the last one
    for shorter, longer in zip(seen, seen[1:]):
        assert longer.startswith(shorter) and len(longer) > len(shorter), seen


def test_tabs_switch_and_theme_and_css_apply(page: Page) -> None:
    with gr.Blocks() as demo:
        with gr.Tab("First"):
            gr.Markdown("first panel", elem_id="first-panel")
        with gr.Tab("Second"):
            with gr.Group():
                gr.Markdown("second panel", elem_id="second-panel")
    with serve(demo, theme="ocean", css="#first-panel { letter-spacing: 3px; }") as url:
        page.goto(url)
        expect(page.locator(".reblocks-app")).to_have_attribute("data-theme", "ocean")
        # The theme's accent colours the selected tab: ocean's #0284c7, not the default theme's #f97316.
        expect(page.get_by_role("tab", name="First")).to_have_css("color", "rgb(2, 132, 199)")
        first = page.locator("#first-panel")
        expect(first).to_be_visible()
        expect(first).to_have_css("letter-spacing", "3px")
        page.get_by_role("tab", name="Second").click()
        expect(page.locator("#second-panel")).to_be_visible()
        expect(first).to_be_hidden()


def test_number_checkbox_dropdown_html_json_code(page: Page) -> None:
    def summarise(number: float, checked: bool, picked: str) -> tuple[str, dict[str, object], str]:
        html = f"<b class='summary'>{number} {checked} {picked}</b><img src=x onerror='window.__pwned=1'>"
        return html, {"number": number, "checked": checked, "picked": picked}, f"x = {number!r}"

    with gr.Blocks() as demo:
        number = gr.Number(2, label="Amount", precision=0)
        checked = gr.Checkbox(label="Checked")
        picked = gr.Dropdown(["alpha", "beta"], value="alpha", label="Pick")
        html, data, code = gr.HTML(), gr.JSON(), gr.Code(language="python")
        gr.Button("Summarise", elem_id="summarise").click(summarise, [number, checked, picked],
                                                           [html, data, code])
    with serve(demo) as url:
        page.goto(url)
        page.get_by_label("Amount").fill("7")
        page.get_by_label("Checked").check()
        page.get_by_label("Pick").select_option(label="beta")
        page.locator("#summarise").click()
        expect(page.locator(".block.html b.summary")).to_have_text("7 True beta")
        expect(page.locator(".block.json")).to_contain_text('"picked"')
        expect(page.locator(".block.json")).to_contain_text('"beta"')
        expect(page.locator(".block.code code[data-language=python]")).to_have_text("x = 7")
        assert page.evaluate("window.__pwned") is None
