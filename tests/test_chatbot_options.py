"""Gradio 6's Chatbot options (layout, resizable, watermark, allow_tags, group_consecutive_messages, buttons,
feedback_value, line_breaks, allow_file_downloads) and the Duplicate and deep link buttons, in Chromium."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

import reblocks as gr
from tests.conftest import load_demo, serve

COPY = re.compile(r"^Copy$")


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with serve(load_demo("blocks_chatbot_options").demo) as address:
        yield address


def chat(page: Page, elem_id: str) -> Locator:
    return page.locator(f"#{elem_id}")


def box(locator: Locator) -> dict[str, float]:
    bounds = locator.bounding_box()
    assert bounds is not None
    return bounds


def clipboard(page: Page) -> Any:
    return page.evaluate("navigator.clipboard.readText()")


# -- in Python: each option is taken, none warns --------------------------------------------------
def test_the_options_are_taken_without_a_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with gr.Blocks():
            button = gr.Button("Mine")
            chatbot = gr.Chatbot(layout="panel", resizable=True, watermark="AI", allow_tags=["thinking"],
                                 group_consecutive_messages=False, buttons=["copy", button],
                                 feedback_value=["Like", None], line_breaks=False, allow_file_downloads=False)
    props = chatbot.get_props()
    assert props["layout"] == "panel" and props["resizable"] is True and props["watermark"] == "AI"
    assert props["allow_tags"] == ["thinking"] and props["feedback_value"] == ["Like", None]
    # the app's own button moves to the chat's header: out of the layout, its id kept for its listeners
    assert props["buttons"] == ["copy", {"id": button.id, "value": "Mine", "icon": None}]
    assert button.parent is None
    assert gr.Chatbot(allow_tags=[]).get_props()["allow_tags"] is False  # as Gradio: no tags kept


def test_the_buttons_take_gradios_keywords_and_refuse_typos() -> None:
    assert gr.DuplicateButton().get_props()["variant"] == "huggingface"
    assert gr.DeepLinkButton(copied_value="Done").get_props()["copied_value"] == "Done"
    with pytest.raises(TypeError, match="lable"):
        gr.DeepLinkButton(lable="x")  # type: ignore[call-arg]
    assert gr.DuplicateButton(link_target="_blank").get_props()["link_target"] == "_blank"


# -- in Chromium -----------------------------------------------------------------------------------
def test_panel_layout_draws_full_width_rows_with_roles_not_bubbles(page: Page, url: str) -> None:
    page.goto(url)
    panel, bubbles = chat(page, "panel"), chat(page, "bubble")
    expect(panel.locator(".message")).to_have_count(5)
    expect(panel.locator(".bubble")).to_have_count(0)
    expect(panel.locator(".role")).to_have_text(["User", "Assistant", "User", "Assistant"])
    expect(bubbles.locator(".bubble")).to_have_count(5)
    expect(bubbles.locator(".role")).to_have_count(0)
    width = box(panel.locator(".content"))["width"]
    user, answer = panel.locator(".group.user").last, panel.locator(".group.assistant").last
    assert box(user)["width"] == pytest.approx(width, abs=1)
    assert box(answer.locator(".body").first)["width"] > 0.8 * width
    # bubbles shrink to their text and sit on their side
    bubble = bubbles.locator(".group.user").last.locator(".bubble")
    content = box(bubbles.locator(".content"))
    assert box(bubble)["width"] < 0.5 * content["width"]
    assert box(bubble)["x"] > content["x"] + content["width"] / 2


def test_ungrouped_messages_are_drawn_one_by_one(page: Page, url: str) -> None:
    page.goto(url)
    # the last two answers are consecutive: one group by default, two apart
    expect(chat(page, "bubble").locator(".group")).to_have_count(4)
    expect(chat(page, "ungrouped").locator(".group")).to_have_count(5)
    expect(chat(page, "ungrouped").locator(".group.assistant").last.locator(".message")).to_have_count(1)


def test_the_resize_handle_changes_the_height(page: Page, url: str) -> None:
    page.goto(url)
    resizable = chat(page, "resizable").locator(".chatbot")
    handle = resizable.get_by_role("separator", name="Resize the chat")
    expect(handle).to_be_visible()
    expect(chat(page, "bubble").get_by_role("separator")).to_have_count(0)
    start = box(resizable)["height"]
    grip = box(handle)
    page.mouse.move(grip["x"] + grip["width"] / 2, grip["y"] + grip["height"] / 2)
    page.mouse.down()
    page.mouse.move(grip["x"] + grip["width"] / 2, grip["y"] + grip["height"] / 2 + 120, steps=5)
    page.mouse.up()
    expect(resizable).to_have_css("height", f"{start + 120:g}px")
    handle.focus()
    page.keyboard.press("ArrowUp")
    expect(resizable).to_have_css("height", f"{start + 100:g}px")
    expect(handle).to_have_attribute("aria-valuenow", f"{start + 100:g}")


def test_a_copied_message_carries_the_watermark(page: Page, url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(url)
    answer = chat(page, "watermark").locator(".message[data-role=assistant]")
    answer.hover()
    answer.get_by_role("button", name=COPY).click()
    expect(answer.get_by_role("button", name="Copied")).to_be_visible()
    assert clipboard(page) == "The capital of France is **Paris**.\n\nGenerated by AI"
    chat(page, "watermark").get_by_role("button", name="Copy conversation").click()
    expect(chat(page, "watermark").get_by_role("button", name="Conversation copied")).to_be_visible()
    assert clipboard(page) == ("user: What is the capital of France?\n\n"
                               "assistant: The capital of France is **Paris**.\n\nGenerated by AI")


def test_a_chat_without_watermark_copies_the_text_alone(page: Page, url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(url)
    answer = chat(page, "resizable").locator(".message[data-role=assistant]")
    answer.hover()
    answer.get_by_role("button", name=COPY).click()
    expect(answer.get_by_role("button", name="Copied")).to_be_visible()
    assert clipboard(page) == "The capital of France is **Paris**."


def test_buttons_choose_the_copy_buttons_and_hold_the_apps_own(page: Page, url: str) -> None:
    page.goto(url)
    default, chosen = chat(page, "bubble"), chat(page, "buttons")
    expect(default.get_by_role("button", name="Copy conversation")).to_be_visible()
    expect(default.get_by_role("button", name=COPY)).not_to_have_count(0)
    expect(chosen.get_by_role("button", name="Copy conversation")).to_be_visible()
    expect(chosen.get_by_role("button", name=COPY)).to_have_count(0)
    # no Space to share to on this machine
    expect(page.get_by_role("button", name="Share", exact=True)).to_have_count(0)
    # the app's own button sits in the header, not in the layout, and fires its listeners
    expect(page.get_by_role("button", name="Summarise")).to_have_count(1)
    chosen.get_by_role("button", name="Summarise").click()
    expect(page.locator("#summary textarea, #summary input")).to_have_value("2 messages")


def test_allow_tags_shows_tags_as_text(page: Page, url: str) -> None:
    page.goto(url)
    answer = ".message[data-role=assistant] .prose"
    shown = chat(page, "tags").locator(answer)
    expect(shown).to_have_text("<thinking>The user wants a greeting.</thinking> Hello <wave>o/</wave>")
    expect(shown.locator("b")).to_have_text("Hello")  # standard HTML is still HTML
    expect(chat(page, "tags-listed").locator(answer)).to_have_text(
        "<thinking>The user wants a greeting.</thinking> Hello o/")
    expect(chat(page, "tags-removed").locator(answer)).to_have_text("The user wants a greeting. Hello o/")


def test_line_breaks_turn_single_newlines_into_breaks(page: Page, url: str) -> None:
    page.goto(url)
    breaks, joined = chat(page, "line-breaks").locator(".prose"), chat(page, "no-line-breaks").locator(".prose")
    expect(breaks.locator("br")).to_have_count(1)
    expect(joined).to_have_text("first line second line")
    expect(joined.locator("br")).to_have_count(0)
    assert box(breaks)["height"] > 1.5 * box(joined)["height"]


def test_feedback_value_presses_the_thumbs_given_before(page: Page, url: str) -> None:
    page.goto(url)
    feedback = chat(page, "feedback")
    paris, rome, since = (feedback.locator(f".message[data-index='{index}']") for index in (1, 3, 4))
    expect(paris.get_by_role("button", name="Like", exact=True)).to_have_attribute("aria-pressed", "true")
    expect(paris.get_by_role("button", name="Dislike")).to_have_attribute("aria-pressed", "false")
    # the second entry is for the second group of answers: its last message carries it
    expect(since.get_by_role("button", name="Dislike")).to_have_attribute("aria-pressed", "true")
    expect(rome.get_by_role("button", name="Like", exact=True)).to_have_attribute("aria-pressed", "false")
    expect(rome.get_by_role("button", name="Dislike")).to_have_attribute("aria-pressed", "false")
    rome.hover()
    rome.get_by_role("button", name="Like", exact=True).click()
    expect(rome.get_by_role("button", name="Like", exact=True)).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#liked textarea, #liked input")).to_have_value("3: True")


def test_files_in_messages_can_be_downloaded_unless_turned_off(page: Page, url: str) -> None:
    page.goto(url)
    download = chat(page, "downloads").get_by_role("link", name="Download")
    expect(download).to_have_attribute("download", "tone.wav")
    href = download.get_attribute("href")
    assert href is not None
    assert page.request.get(href).ok
    expect(chat(page, "no-downloads").locator(".media")).to_have_count(1)
    expect(chat(page, "no-downloads").get_by_role("link", name="Download")).to_have_count(0)


def test_duplicate_button_off_a_space_is_a_plain_button(page: Page) -> None:
    with gr.Blocks() as demo:
        clicked = gr.Textbox(elem_id="clicked")
        gr.DuplicateButton().click(lambda: "clicked", None, clicked)
    with serve(demo) as address:
        page.goto(address)
        button = page.get_by_role("button", name="Duplicate Space")
        expect(button).to_have_class(re.compile(r"\bhuggingface\b.*\bsm\b|\bsm\b.*\bhuggingface\b"))
        button.click()
        expect(page.locator("#clicked textarea, #clicked input")).to_have_value("clicked")
        assert len(page.context.pages) == 1


def test_on_a_space_duplicate_and_share_open_hugging_face(page: Page, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYSTEM", "spaces")
    monkeypatch.setenv("SPACE_ID", "owner/app")
    with gr.Blocks() as demo:
        gr.DuplicateButton()
        gr.Chatbot([{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}])
    page.context.route("https://huggingface.co/**", lambda route: route.fulfill(body="a Space"))
    with serve(demo) as address:
        page.goto(address)
        with page.context.expect_page() as opened:
            page.get_by_role("button", name="Duplicate Space").click()
        assert opened.value.url == "https://huggingface.co/spaces/owner/app?duplicate=true"
        with page.context.expect_page() as opened:
            page.get_by_role("button", name="Share", exact=True).click()
        shared = opened.value.url
        assert shared.startswith("https://huggingface.co/spaces/owner/app/discussions/new?description=")
        assert "Hello%21" in shared or "Hello!" in shared


def test_a_deep_link_opens_the_page_with_its_values(page: Page, url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(url)
    note = page.locator("#note textarea, #note input")
    note.fill("meet at noon")
    button = page.locator("#deep-link button")
    expect(button).to_have_text("Share via Link")
    button.click()
    expect(button).to_have_text("Link Copied!")
    link = clipboard(page)
    assert link.startswith(url) and "#deep_link=" in link
    expect(button).to_have_text("Share via Link")
    other = page.context.new_page()
    other.goto(link)
    expect(other.locator("#note textarea, #note input")).to_have_value("meet at noon")
    expect(other.locator("#summary textarea, #summary input")).to_have_value("")


def test_a_broken_deep_link_says_so_and_keeps_the_apps_values(page: Page, url: str) -> None:
    page.goto(f"{url}#deep_link=not-a-link")
    expect(page.get_by_role("alert")).to_contain_text("could not be read")
    expect(page.locator("#note textarea, #note input")).to_have_value("")
