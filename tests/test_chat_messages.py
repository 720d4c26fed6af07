"""ChatMessage: thoughts, nested tool use, pending status, preset options; on the wire and in Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from gradio_client import Client
from playwright.sync_api import Page, expect

import reblocks as gr
from tests.conftest import load_demo, send, serve


@pytest.mark.parametrize("demo_url", ["chat_thinking"], indirect=True)
def test_thinking_panel_spins_grows_then_shows_duration_and_answer(page: Page, demo_url: str) -> None:
    page.goto(demo_url)
    # Count the thought's bullets on every frame: each step must show, however fast they come.
    page.evaluate("""() => {
        window.__counts = [];
        const tick = () => {
            const thought = document.querySelector(".thought");
            const count = thought ? thought.querySelectorAll("li").length : 0;
            if (window.__counts.at(-1) !== count) window.__counts.push(count);
            requestAnimationFrame(tick);
        };
        tick();
    }""")
    send(page, "Why is the sky blue?")
    thought = page.locator(".thought").first
    expect(thought).to_have_attribute("data-status", "pending")
    expect(thought.locator(".thought-spinner")).to_be_visible()
    expect(thought.locator(".thought-title")).to_contain_text("Thinking")
    expect(thought).to_have_attribute("data-status", "done")
    assert [count for count in page.evaluate("window.__counts") if count] == [1, 2, 3, 4]
    expect(thought.locator(".thought-spinner")).to_have_count(0)
    expect(thought.locator(".thought-duration")).to_have_text(re.compile(r"^\d+(\.\d)?s$"))
    answer = page.locator(".message[data-role=assistant]").last
    expect(answer).to_contain_text("Based on my thoughts and analysis above")


@pytest.mark.parametrize("demo_url", ["chat_tool_use"], indirect=True)
def test_nested_tool_use_renders_nested_panels(page: Page, demo_url: str) -> None:
    page.goto(demo_url)
    send(page, "cats")
    expect(page.locator(".message[data-role=assistant]").last).to_contain_text("Here is what I found")
    outer = page.locator(".thought", has=page.locator(".thought-title", has_text="Planning"))
    middle = outer.locator(".thought", has=page.locator(".thought-title", has_text="web search"))
    inner = middle.locator(".thought", has=page.locator(".thought-title", has_text="fetch page"))
    expect(inner).to_have_count(1)
    expect(inner.locator(".thought-log")).to_have_text("3 pages")


@pytest.mark.parametrize("demo_url", ["chat_preset_options"], indirect=True)
def test_preset_option_click_sends_its_value(page: Page, demo_url: str) -> None:
    page.goto(demo_url)
    page.locator(".example").click()
    option = page.locator("button.option", has_text="Yes")
    expect(option).to_be_visible()
    expect(page.locator("button.option")).to_have_text(["Yes", "No"])
    option.click()
    expect(page.locator(".message[data-role=user]").last).to_have_text("Yes, that's correct.")
    expect(page.locator(".message[data-role=assistant]").last).to_have_text("Great!")
    expect(page.locator("button.option")).to_have_count(0)


def test_history_keeps_metadata_and_options(page: Page) -> None:
    seen: list[tuple[str, list[dict[str, Any]]]] = []

    def chat(message: str, history: list[dict[str, Any]]) -> Any:
        seen.append((message, history))
        return gr.ChatMessage(content="pick one", metadata={"title": "Note", "status": "done"},
                              options=[{"value": "a"}])

    with serve(gr.ChatInterface(chat)) as url:
        page.goto(url)
        send(page, "first")
        expect(page.locator("button.option")).to_have_text(["a"])
        page.locator("button.option").click()
        expect(page.locator(".thought")).to_have_count(2)
        expect(page.locator("button.option")).to_have_text(["a"])  # the new answer's own options
    message, last = seen[-1]
    assert message == "a"
    assert [entry["role"] for entry in last] == ["user", "assistant"]
    assert last[1]["metadata"] == {"title": "Note", "status": "done"}
    # As in Gradio, an answered message keeps its options; only the last message's show as buttons.
    assert last[1]["options"] == [{"value": "a"}]


def test_thinking_values_carry_metadata_through_the_client() -> None:
    module = load_demo("chat_thinking")
    module.sleep_time = 0
    with serve(module.demo) as url:
        job = Client(url, verbose=False).submit("hi", api_name="/simulate_thinking_chat")
        final = job.result(timeout=30)
        outputs = job.outputs()
    assert outputs[0] == {"content": "", "role": "assistant",
                          "metadata": {"title": "_Thinking_ step-by-step", "id": 0, "status": "pending"},
                          "options": []}
    assert outputs[1]["content"].startswith("- First, I need")
    assert outputs[1]["metadata"]["status"] == "pending"  # not the later "done": values are copies
    done = outputs[-2]
    assert done["metadata"]["status"] == "done" and done["metadata"]["duration"] >= 0
    assert isinstance(final, list) and final[1]["content"].startswith("Based on my thoughts")
