"""Themes in headless Chromium: `.set()` variables under Gradio's names, dark mode, css=/css_paths=/head_paths=."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

import reblocks as gr
from tests.conftest import load_demo, serve

RED, GREEN, BLUE = "rgb(255, 0, 0)", "rgb(0, 255, 0)", "rgb(0, 0, 255)"
DARK_BACKGROUND = "rgb(11, 15, 25)"  # the built-in dark body background (Gradio's neutral 950)
WHITE = "rgb(255, 255, 255)"


def button_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        gr.Textbox(label="Name", elem_id="name")
        gr.Button("Go", variant="primary", elem_id="go")
        gr.Button("Later", elem_id="later")
    return demo


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    theme = gr.themes.Default().set(button_primary_background_fill="#ff0000",
                                    button_primary_background_fill_dark="#00ff00")
    with serve(button_app(), theme=theme) as url:
        yield url


# -- the theme object ----------------------------------------------------------------------------
def test_set_chains_and_refuses_unknown_variables() -> None:
    theme = gr.themes.Soft()
    assert theme.set(body_background_fill="#fff").set(block_radius="0") is theme
    with pytest.raises(TypeError, match="buton_primary_background_fill"):
        theme.set(buton_primary_background_fill="#f00")


def test_set_variables_become_gradios_custom_properties() -> None:
    css = gr.themes.Default().set(button_primary_background_fill="*primary_600",
                                  block_border_color_dark="#333", layout_gap="8px").theme_css()
    light, dark = css.split(":root.dark, :root .dark")
    assert "--button-primary-background-fill: var(--primary-600);" in light
    assert "--block-border-color: #333;" in dark and "--block-border-color" not in light
    assert "--layout-gap: 8px;" in dark  # no dark variant: the light value holds in both modes, as in Gradio


def test_the_config_carries_the_theme() -> None:
    with gr.Blocks(theme=gr.themes.Ocean().set(body_text_color="#123456")) as demo:
        gr.Textbox()
    config = demo.config()
    assert config.theme == "ocean"
    assert config.theme_css is not None and "--body-text-color: #123456;" in config.theme_css


# -- in the browser ------------------------------------------------------------------------------
def test_set_colours_the_primary_button(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("#go .btn")).to_have_css("background-color", RED)
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bdark\b"))
    expect(page.locator("body")).to_have_css("background-color", WHITE)


def test_theme_dark_in_the_url(page: Page, url: str) -> None:
    page.goto(url + "?__theme=dark")
    expect(page.locator("body")).to_have_class(re.compile(r"\bdark\b"))
    expect(page.locator("body")).to_have_css("background-color", DARK_BACKGROUND)
    expect(page.locator(".reblocks-app")).to_have_css("background-color", DARK_BACKGROUND)
    expect(page.locator("#go .btn")).to_have_css("background-color", GREEN)  # the *_dark value


def test_dark_system_and_light_in_the_url(browser: Browser, url: str) -> None:
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(url)
        expect(page.locator("body")).to_have_css("background-color", DARK_BACKGROUND)
        expect(page.locator("#go .btn")).to_have_css("background-color", GREEN)
        page.goto(url + "?__theme=light")
        expect(page.locator("#go .btn")).to_have_css("background-color", RED)
        expect(page.locator("body")).to_have_css("background-color", WHITE)
    finally:
        context.close()


def test_css_written_for_gradio_overrides_the_theme(page: Page) -> None:
    css = (":root { --button-primary-background-fill: #0000ff; }"
           ".dark .gradio-container { --button-secondary-background-fill: #00ff00; }")
    with serve(button_app(), theme=gr.themes.Default().set(button_primary_background_fill="#ff0000"),
               css=css) as url:
        page.goto(url)
        expect(page.locator("#go .btn")).to_have_css("background-color", BLUE)
        page.goto(url + "?__theme=dark")
        expect(page.locator("#later .btn")).to_have_css("background-color", GREEN)


def test_css_paths_and_head_paths(page: Page, tmp_path: Path) -> None:
    styles = tmp_path / "theme.css"
    styles.write_text("#go { color: rgb(1, 2, 3); }", encoding="utf-8")
    late = tmp_path / "late.css"
    late.write_text("#later { color: rgb(4, 5, 6); }", encoding="utf-8")
    head = tmp_path / "head.html"
    head.write_text('<meta name="from-file" content="yes">\n'
                    "<script>document.documentElement.dataset.headRan = 'yes';</script>", encoding="utf-8")
    demo = button_app()
    demo.css_paths = late  # the Blocks attribute, used where launch() names no files
    with serve(demo, head_paths=[head]) as url:
        page.goto(url)
        expect(page.locator("#later")).to_have_css("color", "rgb(4, 5, 6)")
        expect(page.locator('meta[name="from-file"]')).to_have_attribute("content", "yes")
        expect(page.locator("html")).to_have_attribute("data-head-ran", "yes")  # ran under the CSP
    with serve(button_app(), css_paths=str(styles)) as url:
        page.goto(url)
        expect(page.locator("#go")).to_have_css("color", "rgb(1, 2, 3)")


def test_blocks_takes_css_paths(page: Page, tmp_path: Path) -> None:
    styles = tmp_path / "theme.css"
    styles.write_text("#go { color: rgb(7, 8, 9); }", encoding="utf-8")
    with gr.Blocks(css_paths=[styles]) as demo:
        gr.Button("Go", elem_id="go")
    with serve(demo) as url:
        page.goto(url)
        expect(page.locator("#go")).to_have_css("color", "rgb(7, 8, 9)")


def test_the_demo_fetches_nothing_from_elsewhere(page: Page) -> None:
    module = load_demo("blocks_theme")
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    with serve(module.demo, theme=module.theme, css=module.css) as url:
        page.goto(url + "?__theme=dark")
        expect(page.locator("#go .btn")).to_have_css("background-color", "rgb(167, 139, 250)")
        expect(page.locator("#title")).to_have_css("background-color", "rgb(46, 16, 101)")
        page.locator("#name input").fill("Ada")
        page.locator("#go").click()
        expect(page.locator("#greeting input")).to_have_value("Hello, Ada!")
        expect(page.locator(".reblocks-app")).to_have_css("font-family", re.compile("Georgia"))
    assert requested and all(address.startswith(url) for address in requested), requested


# -- hues, sizes and fonts -----------------------------------------------------------------------
def test_hues_and_sizes_take_gradios_names_and_objects() -> None:
    theme = gr.themes.Soft(primary_hue="blue", neutral_hue=gr.themes.colors.slate, radius_size="none",
                           text_size=gr.themes.sizes.text_lg)
    css = theme.theme_css()
    assert "--primary-500: #3b82f6;" in css and "--neutral-950: #0a0f1e;" in css
    assert "--radius-lg: 0px;" in css and "--text-md: 16px;" in css
    assert "--body-text-size: var(--text-md);" in css
    with pytest.raises(ValueError, match="'bleu' is not a hue"):
        gr.themes.Base(primary_hue="bleu")
    with pytest.raises(ValueError, match="'huge' is not a radius size"):
        gr.themes.Base(radius_size="huge")
    custom = gr.themes.Color(*["#000000"] * 10, "#010101")
    assert "--secondary-950: #010101;" in gr.themes.Base(secondary_hue=custom).theme_css()


def test_a_hue_and_a_size_reach_the_page(page: Page) -> None:
    theme = gr.themes.Soft(primary_hue="emerald", radius_size=gr.themes.sizes.radius_none, text_size="sm",
                           font=[gr.themes.GoogleFont("No Such Font"), "monospace"])
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    with serve(button_app(), theme=theme) as url:
        page.goto(url)
        go = page.locator("#go .btn")
        expect(go).to_have_css("background-color", "rgb(16, 185, 129)")  # emerald 500
        expect(go).to_have_css("border-top-left-radius", "0px")
        app = page.locator(".reblocks-app")
        expect(app).to_have_css("font-size", "13px")  # text_sm's md step
        expect(app).to_have_css("font-family", re.compile(r'"No Such Font", monospace'))
    assert not [address for address in requests if "fonts.googleapis" in address]


def test_interface_takes_css_paths_and_head_paths(page: Page, tmp_path: Path) -> None:
    styles = tmp_path / "interface.css"
    styles.write_text("h1 { color: rgb(7, 8, 9); }", encoding="utf-8")
    head = tmp_path / "head.html"
    head.write_text('<meta name="interface-head" content="yes">', encoding="utf-8")
    demo = gr.Interface(str.upper, "text", "text", title="Styled", css_paths=styles, head_paths=str(head))
    with serve(demo) as url:
        page.goto(url)
        expect(page.get_by_role("heading", name="Styled")).to_have_css("color", "rgb(7, 8, 9)")
        expect(page.locator('meta[name="interface-head"]')).to_have_attribute("content", "yes")
