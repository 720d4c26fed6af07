"""Page layout in Chromium: the sidebar opens and closes, and a ChatInterface fills the window."""

from __future__ import annotations

from playwright.sync_api import Page, expect

import reblocks as gr
from tests.conftest import BOX, serve


def test_the_sidebar_closes_and_opens_and_says_so(page: Page) -> None:
    with gr.Blocks() as demo:
        with gr.Sidebar(label="Settings", elem_id="sidebar") as sidebar:
            gr.Textbox("inside", elem_id="inside")
        moves = gr.Textbox(elem_id="moves")
        sidebar.collapse(lambda text: (text or "") + "closed ", moves, moves)
        sidebar.expand(lambda text: (text or "") + "opened ", moves, moves)
    with serve(demo) as url:
        page.goto(url)
        inside = page.locator("#inside input")
        expect(inside).to_be_visible()
        toggle = page.get_by_role("button", name="Toggle the sidebar")
        expect(toggle).to_have_attribute("aria-expanded", "true")
        toggle.click()
        expect(inside).to_be_hidden()
        expect(page.locator("#moves input")).to_have_value("closed ")
        toggle.click()
        expect(inside).to_be_visible()
        expect(inside).to_have_value("inside")  # its children stayed mounted
        expect(page.locator("#moves input")).to_have_value("closed opened ")


def test_a_chat_interface_fills_the_window(page: Page) -> None:
    demo = gr.ChatInterface(lambda message, history: message, fill_height=True)
    with serve(demo) as url:
        page.set_viewport_size({"width": 1000, "height": 800})
        page.goto(url)
        expect(page.get_by_placeholder(BOX)).to_be_visible()
        chat = page.locator(".block.chatbot").bounding_box()
        box = page.get_by_placeholder(BOX).bounding_box()
        assert chat is not None and box is not None
        # The chat takes the height the textbox leaves, down to the bottom of the window.
        assert chat["height"] > 500, chat
        assert box["y"] + box["height"] > 700, box
