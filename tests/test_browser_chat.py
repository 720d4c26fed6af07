"""ChatInterface in headless Chromium: answers, history, streaming and Stop, examples, inputs and
outputs, chat controls, errors, and Markdown safety."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import reblocks as gr
from tests.browser import record_values
from tests.conftest import BOX, assistant, load_demo, send, serve


@pytest.mark.parametrize("demo_url", ["chat_random"], indirect=True)
def test_plain_answer(page: Page, demo_url: str) -> None:
    page.goto(demo_url)
    send(page, "Will it rain?")
    expect(page.locator(".message[data-role=user]")).to_have_text("Will it rain?")
    expect(assistant(page)).to_have_text(["Yes"]) if assistant(page).first.inner_text(
        timeout=10_000) == "Yes" else expect(assistant(page)).to_have_text(["No"])


@pytest.mark.parametrize("demo_url", ["chat_alternating"], indirect=True)
def test_history_alternates_over_four_turns(page: Page, demo_url: str) -> None:
    page.goto(demo_url)
    expected = []
    for turn, text in enumerate(["one", "two", "three", "four"]):
        send(page, text)
        expected.append(f"Yes, I do think that: {text}" if turn % 2 == 0 else "I don't think so")
        expect(assistant(page)).to_have_text(expected)


@pytest.mark.parametrize("demo_url", ["chat_slow_echo"], indirect=True)
def test_streaming_grows_and_stop_keeps_the_partial_answer(page: Page, demo_url: str) -> None:
    page.goto(demo_url)
    message = "a long message that takes a while"
    send(page, message)
    stop = page.get_by_role("button", name="Stop")
    expect(stop).to_be_visible()
    record_values(page, ".message[data-role=assistant]")
    expect(assistant(page)).to_have_text(re.compile(r"^You typed: a lo"))
    stop.click()
    expect(page.get_by_role("button", name="Submit")).to_be_visible()
    expect(stop).to_be_hidden()
    partial = assistant(page).inner_text().strip()
    assert partial.startswith("You typed: a lo") and partial != f"You typed: {message}"
    seen = [value.strip() for value in page.evaluate("window.__seen")]
    assert len(seen) >= 3 and seen[-1] == partial  # it grew step by step, then stopped


@pytest.mark.parametrize("demo_url", ["chat_yes_man"], indirect=True)
def test_title_description_and_example_click(page: Page, demo_url: str) -> None:
    page.goto(demo_url)
    expect(page.get_by_role("heading", name="Yes Man")).to_be_visible()
    expect(page.get_by_text("Ask Yes Man any question")).to_be_visible()
    page.locator(".example", has_text="Am I cool?").click()
    expect(page.locator(".message[data-role=user]")).to_have_text("Am I cool?")
    expect(assistant(page)).to_have_text("Yes")
    expect(page.locator(".example")).to_have_count(0)


@pytest.mark.parametrize("demo_url", ["chat_placeholder"], indirect=True)
def test_placeholder_shows_in_the_empty_chat(page: Page, demo_url: str) -> None:
    page.goto(demo_url)
    placeholder = page.locator(".placeholder")
    expect(placeholder.locator("strong")).to_have_text("Your Personal Yes-Man")
    send(page, "Hi?")
    expect(assistant(page)).to_have_text("Yes")
    expect(placeholder).to_have_count(0)


def _answers(calls: list[str]) -> dict[str, Any]:
    """One chat function of each kind, recording its calls: the cache must work for all of them."""
    def plain(message: str, history: list[Any]) -> str:
        calls.append(message)
        return f"answer to {message}"

    async def coroutine(message: str, history: list[Any]) -> str:
        calls.append(message)
        return f"answer to {message}"

    async def async_stream(message: str, history: list[Any]) -> Any:
        calls.append(message)
        for end in range(len("answer to ") + 1, len(f"answer to {message}") + 1):
            yield f"answer to {message}"[:end]

    return {"plain": plain, "coroutine": coroutine, "async_stream": async_stream}


@pytest.mark.parametrize("kind", ["plain", "coroutine", "async_stream"])
def test_cached_examples_answer_without_calling_fn(page: Page, kind: str) -> None:
    calls: list[str] = []
    demo = gr.ChatInterface(_answers(calls)[kind], examples=["first", "second"], cache_examples=True)
    assert calls == ["first", "second"]  # computed once, at construction
    with serve(demo) as url:
        page.goto(url)
        page.locator(".example", has_text="second").click()
        expect(assistant(page)).to_have_text("answer to second")
        assert calls == ["first", "second"]
        send(page, "third")
        expect(assistant(page)).to_have_text(["answer to second", "answer to third"])
        assert calls == ["first", "second", "third"]


@pytest.mark.parametrize("kind", ["plain", "coroutine", "async_stream"])
def test_lazy_cached_examples_call_fn_once(page: Page, kind: str) -> None:
    calls: list[str] = []
    answer = _answers(calls)[kind]
    demo = gr.ChatInterface(answer, examples=["only"], cache_examples=True, cache_mode="lazy")
    assert calls == []
    with serve(demo) as url:
        for _ in range(2):
            page.goto(url)
            page.locator(".example", has_text="only").click()
            expect(assistant(page)).to_have_text("answer to only")
        assert calls == ["only"]


@pytest.mark.parametrize("demo_url", ["chat_additional_inputs"], indirect=True)
def test_additional_inputs_in_the_accordion_reach_fn(page: Page, demo_url: str) -> None:
    page.goto(demo_url)
    page.get_by_text("Additional Inputs").click()
    page.get_by_label("System Prompt").fill("Be brief.")
    slider = page.locator("input[type=range]")
    slider.fill("100")
    send(page, "hi")
    expect(assistant(page)).to_have_text(re.compile(r"^System prompt: Be brief\.\s*Message: hi\."))


@pytest.mark.parametrize("demo_url", ["chat_additional_inputs_rendered"], indirect=True)
def test_already_rendered_inputs_stay_where_they_are(page: Page, demo_url: str) -> None:
    page.goto(demo_url)
    prompt = page.get_by_label("System Prompt")
    expect(prompt).to_be_visible()  # above the chat, not in a closed accordion
    prompt.fill("Stay put.")
    page.get_by_text("Additional Inputs").click()
    page.locator("input[type=range]").fill("100")
    send(page, "yo")
    expect(assistant(page)).to_have_text(re.compile(r"^System prompt: Stay put\.\s*Message: yo\."))


@pytest.mark.parametrize("demo_url", ["chat_code_artifacts"], indirect=True)
def test_additional_output_code_shows_language_and_code(page: Page, demo_url: str) -> None:
    page.goto(demo_url)
    send(page, "show me python")
    code = page.locator("code[data-language]")
    expect(code).to_have_attribute("data-language", "python")
    expect(code).to_contain_text("def fib(n):")
    send(page, "and JavaScript")
    expect(code).to_have_attribute("data-language", "javascript")
    expect(code).to_contain_text("function fib(n)")


def test_prefilled_history_continues(page: Page) -> None:
    def count(message: str, history: list[dict[str, Any]]) -> str:
        first = history[0]["content"][0]["text"] if history else "nothing"
        return f"{len(history)} before; first was {first}"

    prefill = load_demo("chat_prefill").prefill_chatbot
    with gr.Blocks() as demo:
        radio = gr.Radio(["Greeting", "Blank"], label="Start")
        chat = gr.ChatInterface(count, api_name="chat")
        radio.change(prefill, radio, chat.chatbot_value)
    with serve(demo) as url:
        page.goto(url)
        page.get_by_role("radio", name="Greeting").check()
        expect(assistant(page)).to_have_text("Hello! How can I assist you today?")
        send(page, "and now?")
        expect(assistant(page).last).to_have_text("2 before; first was Hi there!")


@pytest.fixture
def controls_url() -> Iterator[str]:
    answers = iter(range(1, 100))

    def numbered(message: str, history: list[Any]) -> str:
        if message == "fail":
            raise gr.Error("Oops, that failed")
        return f"answer {next(answers)} to {message}"

    with serve(gr.ChatInterface(numbered, editable=True)) as url:
        yield url


def test_retry_undo_edit_clear(page: Page, controls_url: str) -> None:
    page.goto(controls_url)
    send(page, "hello")
    expect(assistant(page)).to_have_text("answer 1 to hello")
    assistant(page).hover()
    page.get_by_role("button", name="Retry").click()
    expect(assistant(page)).to_have_text("answer 2 to hello")
    page.get_by_role("button", name="Undo").click()
    expect(page.locator(".message")).to_have_count(0)
    expect(page.get_by_placeholder(BOX)).to_have_value("hello")
    send(page, "edit me")
    expect(assistant(page)).to_have_text("answer 3 to edit me")
    page.locator(".message[data-role=user]").hover()
    page.get_by_role("button", name="Edit").click()
    page.locator(".message[data-role=user] textarea").fill("edited")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".message[data-role=user]")).to_have_text("edited")
    expect(assistant(page)).to_have_text("answer 4 to edited")
    page.get_by_role("button", name="Clear").click()
    expect(page.locator(".message")).to_have_count(0)


def test_copy_puts_the_message_on_the_clipboard(page: Page, controls_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(controls_url)
    send(page, "copy this")
    expect(assistant(page)).to_have_text("answer 1 to copy this")
    assistant(page).hover()
    page.locator(".message[data-role=assistant]").get_by_role("button", name="Copy").click()
    assert page.evaluate("navigator.clipboard.readText()") == "answer 1 to copy this"


def test_gr_error_shows_and_the_chat_keeps_working(page: Page, controls_url: str) -> None:
    page.goto(controls_url)
    send(page, "fail")
    expect(page.get_by_role("alert")).to_contain_text("Oops, that failed")
    expect(page.get_by_role("button", name="Submit")).to_be_visible()
    send(page, "again")
    expect(assistant(page)).to_have_text("answer 1 to again")


def test_markdown_is_rendered_and_hostile_html_runs_nothing(page: Page) -> None:
    hostile = ('Look: <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>'
               '<a href="javascript:window.__pwned=3">link</a>\n\n```python\nprint("hi")\n```\n\n'
               "$$E = mc^2$$")

    with serve(gr.ChatInterface(lambda message, history: hostile)) as url:
        page.goto(url)
        send(page, "go")
        message = assistant(page)
        expect(message.locator("pre code")).to_contain_text('print("hi")')
        expect(message.locator(".hljs-built_in, .hljs-string").first).to_be_visible()
        expect(message.locator(".katex").first).to_be_visible()
        expect(message.locator("img")).to_have_count(1)
        assert message.locator("img").get_attribute("onerror") is None
        assert message.locator("script").count() == 0
        message.get_by_text("link").click()
        assert page.evaluate("window.__pwned") is None


def test_queue_position_shows_while_waiting(browser: Any) -> None:
    release = threading.Event()

    def slow(message: str, history: list[Any]) -> str:
        release.wait(20)
        return "done"

    with serve(gr.ChatInterface(slow)) as url:
        first, second = browser.new_page(), browser.new_page()
        first.goto(url)
        second.goto(url)
        send(first, "one")
        expect(first.locator(".typing")).to_be_visible()
        send(second, "two")
        expect(second.locator(".pending-text")).to_have_text("queue: 1/1")
        release.set()
        expect(assistant(second)).to_have_text("done")
        first.context.close()
        second.context.close()


@pytest.mark.parametrize("demo_url", ["chat_examples_table"], indirect=True)
def test_examples_table_fills_additional_inputs_and_answers(page: Page, demo_url: str) -> None:
    page.goto(demo_url)
    table = page.locator(".dataset")
    expect(table.locator("th")).to_have_text(["Message", "System Prompt", "Tokens"])
    table.locator("tr.sample", has_text="You are a pirate.").click()
    expect(page.locator(".message[data-role=user]")).to_have_text("Hello")
    expect(assistant(page)).to_have_text(re.compile(r"^System prompt: You are a pirate\.\s*Message: Hello\."))
    page.get_by_text("Additional Inputs").click()
    expect(page.get_by_label("System Prompt")).to_have_value("You are a pirate.")
    table.locator("tr.sample", has_text="You are terse.").click()
    expect(assistant(page).last).to_have_text("System prompt: You a")  # 20 tokens


def test_stop_runs_the_generators_finally(page: Page) -> None:
    cleaned_up = threading.Event()
    release = threading.Event()

    def endless(message: str, history: list[Any]):
        try:
            text = ""
            while not release.is_set():
                text += "."
                yield text
                release.wait(0.05)
        finally:
            cleaned_up.set()

    with serve(gr.ChatInterface(endless)) as url:
        page.goto(url)
        send(page, "go")
        expect(assistant(page)).to_have_text(re.compile(r"^\.{3,}"))
        page.get_by_role("button", name="Stop").click()
        assert cleaned_up.wait(10)
        expect(page.get_by_role("button", name="Submit")).to_be_visible()
        release.set()


def test_autoscroll_follows_unless_the_user_scrolled_up(page: Page) -> None:
    release = threading.Event()

    def long_answer(message: str, history: list[Any]):
        text = ""
        for line in range(200):
            text += f"line {line}\n\n"
            yield text
            if line == 120:
                release.wait(20)

    def distance_from_bottom() -> float:
        return float(page.evaluate(
            "() => { const el = [...document.querySelectorAll('.block.chatbot *')]"
            ".find((e) => e.scrollHeight > e.clientHeight + 5 && getComputedStyle(e).overflowY !== 'visible');"
            " return el.scrollHeight - el.scrollTop - el.clientHeight; }"))

    with serve(gr.ChatInterface(long_answer)) as url:
        page.goto(url)
        send(page, "go")
        expect(assistant(page)).to_contain_text("line 120")
        assert distance_from_bottom() < 40  # it followed the stream
        page.locator(".block.chatbot").hover()
        page.mouse.wheel(0, -2000)
        page.wait_for_function(
            "() => { const el = [...document.querySelectorAll('.block.chatbot *')]"
            ".find((e) => e.scrollHeight > e.clientHeight + 5 && getComputedStyle(e).overflowY !== 'visible');"
            " return el.scrollHeight - el.scrollTop - el.clientHeight > 500; }")
        release.set()
        expect(assistant(page)).to_contain_text("line 199")
        assert distance_from_bottom() > 500  # it stayed where the user scrolled to


def test_examples_only_fill_the_box_when_not_run_on_click(page: Page) -> None:
    calls: list[str] = []

    def answer(message: str, history: list[Any]) -> str:
        calls.append(message)
        return f"answer to {message}"

    with serve(gr.ChatInterface(answer, examples=["draft"], run_examples_on_click=False)) as url:
        page.goto(url)
        page.locator(".example", has_text="draft").click()
        box = page.get_by_placeholder(BOX)
        expect(box).to_have_value("draft")
        assert calls == []
        box.fill("draft, edited")
        box.press("Enter")
        expect(assistant(page)).to_have_text("answer to draft, edited")


def _heights(page: Page) -> tuple[float, float]:
    """The chatbot's height and the bottom of the message box, once the chatbot has drawn."""
    expect(page.get_by_role("log")).to_be_visible()
    chatbot, box = page.locator(".block.chatbot").bounding_box(), page.get_by_placeholder(BOX).bounding_box()
    assert chatbot is not None and box is not None
    return chatbot["height"], box["y"] + box["height"]


@pytest.mark.parametrize("save_history", [False, True])
def test_chat_interface_fills_the_window_height(page: Page, save_history: bool) -> None:
    page.set_viewport_size({"width": 1280, "height": 1000})
    with serve(gr.ChatInterface(lambda message, history: message, save_history=save_history)) as url:
        page.goto(url)
        chatbot, box_bottom = _heights(page)
    assert chatbot > 600  # grown from its 400 px into the free height
    assert 900 < box_bottom <= 1000  # the message box at the bottom of the window


def test_blocks_without_fill_height_keep_their_natural_height(page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 1000})
    with gr.Blocks() as demo:
        gr.Chatbot(scale=1)
        gr.Textbox(placeholder=BOX)
    with serve(demo) as url:
        page.goto(url)
        chatbot, box_bottom = _heights(page)
    assert 400 <= chatbot < 450  # its height prop and its label, nothing more
    assert box_bottom < 600


@pytest.mark.parametrize("demo_url", ["chat_slow_echo"], indirect=True)
def test_a_chat_turn_is_one_join_and_one_stream(page: Page, demo_url: str) -> None:
    page.goto(demo_url)
    expect(page.get_by_placeholder(BOX)).to_be_visible()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(f"{request.method} {request.url.split('?')[0]}"))
    send(page, "count me")
    # The message and the Stop button show at once, before the answer's first token.
    expect(page.locator(".message[data-role=user]")).to_have_text("count me")
    expect(page.get_by_role("button", name="Stop")).to_be_visible()
    # Its progress shows on the chat alone (show_progress_on), not on the textbox it clears.
    expect(page.locator(".block.chatbot[data-pending]")).to_have_count(1)
    expect(page.locator(".block.textbox[data-pending]")).to_have_count(0)
    expect(assistant(page)).to_have_text("You typed: count me")
    expect(page.get_by_role("button", name="Submit")).to_be_visible()
    api = [request for request in requests if "/gradio_api/" in request]
    assert [request for request in api if "queue/join" in request] == [f"POST {demo_url}gradio_api/queue/join"]
    assert len([request for request in api if "queue/data" in request]) <= 1
    assert not [request for request in api if "/run/" in request], api


def test_the_markdown_renderer_loads_with_the_first_message(page: Page) -> None:
    demo = gr.ChatInterface(lambda message, history: f"**{message}** in bold")
    with serve(demo) as url:
        fetched: list[str] = []
        page.on("request", lambda request: fetched.append(request.url.rsplit("/", 1)[-1]))
        page.goto(url)
        expect(page.get_by_placeholder(BOX)).to_be_visible()
        assert "markdown.js" not in fetched  # an empty chat paints without it
        send(page, "loud")
        expect(assistant(page).locator("strong")).to_have_text("loud")
        assert "markdown.js" in fetched


def test_streaming_into_a_long_chat_touches_only_the_new_messages(page: Page) -> None:
    earlier = [{"role": "user" if index % 2 == 0 else "assistant", "content": f"message **{index}**"}
               for index in range(500)]

    def answer(message: str, history: list[Any]) -> Any:
        for length in range(1, 31):
            yield "word " * length

    demo = gr.ChatInterface(answer, chatbot=gr.Chatbot(value=earlier))
    with serve(demo) as url:
        page.goto(url)
        expect(page.locator(".message")).to_have_count(500)  # the earlier ones are drawn in idle moments
        expect(page.locator('.message[data-index="0"] strong')).to_have_text("0")
        page.evaluate("""() => {
          window.__touched = new Set();
          new MutationObserver((records) => records.forEach((record) => {
            const message = (record.target.nodeType === 1 ? record.target : record.target.parentElement)
              ?.closest(".message");
            if (message) window.__touched.add(Number(message.dataset.index));
          })).observe(document.querySelector(".chatbot .content"),
                      {childList: true, subtree: true, characterData: true});
        }""")
        send(page, "go on")
        expect(assistant(page).last).to_have_text("word " * 30)
        touched = page.evaluate("[...window.__touched].sort((a, b) => a - b)")
        # The answer and the message before it (which hands over its retry and undo buttons) only.
        assert touched and min(touched) >= 499, touched


def test_copying_a_message_reaches_a_copy_listener_with_its_data(page: Page) -> None:
    with gr.Blocks() as demo:
        chatbot = gr.Chatbot([{"role": "user", "content": "hi"}, {"role": "assistant", "content": "copy me"}])
        copied = gr.Textbox(elem_id="copied")

        def on_copy(data: gr.CopyData) -> str:
            return f"{data.value} ({type(data).__name__})"

        chatbot.copy(on_copy, None, copied)
    with serve(demo) as url:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        page.goto(url)
        page.locator(".message[data-role=assistant]").hover()
        page.locator(".message[data-role=assistant]").get_by_role("button", name="Copy").click()
        expect(page.locator("#copied input")).to_have_value("copy me (CopyData)")


def test_the_chat_box_takes_several_lines_and_enter_sends(page: Page) -> None:
    received: list[str] = []

    def echo(message: str, history: list[Any]) -> str:
        received.append(message)
        return f"{len(message.splitlines())} lines"

    with serve(gr.ChatInterface(echo)) as url:
        page.goto(url)
        box = page.get_by_placeholder(BOX)
        expect(box).to_have_js_property("tagName", "TEXTAREA")
        box.type("first line")
        box.press("Shift+Enter")
        box.type("second line")
        expect(box).to_have_value("first line\nsecond line")
        # The Enter that confirms an input method's composition (Chinese, Japanese) does not send.
        box.evaluate("""(el) => el.dispatchEvent(new KeyboardEvent("keydown",
                         {key: "Enter", isComposing: true, bubbles: true, cancelable: true}))""")
        expect(box).to_have_value("first line\nsecond line")
        box.press("Enter")
        expect(assistant(page)).to_have_text(["2 lines"])
        assert received == ["first line\nsecond line"]
        expect(page.locator(".message[data-role=user]")).to_contain_text("second line")


def test_reasoning_tags_show_a_thought_while_it_streams_and_the_answer_after(page: Page) -> None:
    release = threading.Event()

    def think(message: str, history: list[Any]) -> Any:
        text = "<think>Let me see: _two_ plus two"
        yield text
        release.wait(10)
        text += " is four.</think>The answer is **4**."
        yield text

    demo = gr.ChatInterface(think, chatbot=gr.Chatbot(reasoning_tags=[("<think>", "</think>")]))
    with serve(demo) as url:
        page.goto(url)
        send(page, "2+2?")
        thought = page.locator(".message[data-role=assistant]").first
        expect(thought).to_contain_text("Reasoning")
        expect(thought).to_contain_text("Let me see")
        expect(page.locator(".message[data-role=assistant]")).to_have_count(1)  # no answer yet
        release.set()
        expect(page.locator(".message[data-role=assistant]")).to_have_count(2)
        expect(page.locator(".message[data-role=assistant]").last.locator("strong")).to_have_text("4")
        assert "<think>" not in page.locator("div.chatbot").first.inner_text()


def test_a_thought_title_is_markdown(page: Page) -> None:
    with gr.Blocks() as demo:
        gr.Chatbot([{"role": "assistant", "content": "hmm", "metadata": {"title": "_Thinking_ hard"}}])
    with serve(demo) as url:
        page.goto(url)
        expect(page.locator(".title-text em")).to_have_text("Thinking")
        expect(page.locator(".title-text")).to_have_text("Thinking hard")
