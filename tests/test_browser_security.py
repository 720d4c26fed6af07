"""The page's defences in headless Chromium: inline JSON escaping, the nonce CSP, framing,
cross-site posts, and reconnecting to a lost event stream with backoff."""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aiohttp import web
from playwright.sync_api import Page, Request, Route, expect

import reblocks as gr
from tests.conftest import fn_index, free_port, serve

HOSTILE = '<!--<script> </script><script>window.__pwned = 1</script>'
# Collected before any of the page's own scripts run, so no violation can slip by unseen.
RECORD_VIOLATIONS = """
    window.__violations = [];
    document.addEventListener("securitypolicyviolation",
        (event) => window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`));
"""


@contextmanager
def other_origin(html: str) -> Iterator[str]:
    """Serve `html` at / on another loopback port (so another origin), from a thread of its own."""
    async def index(request: web.Request) -> web.Response:
        return web.Response(text=html, content_type="text/html")

    app = web.Application()
    app.router.add_get("/", index)
    runner = web.AppRunner(app)
    port = free_port()

    async def start() -> None:
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()

    # its own loop, since Playwright's sync API keeps one running in this thread
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(start(), loop).result(10)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


def echo_demo() -> gr.Blocks:
    with gr.Blocks() as demo:
        name = gr.Textbox(elem_id="name")
        shout = gr.Textbox(elem_id="shout")
        gr.Button("Shout", elem_id="go").click(str.upper, name, shout)
    return demo


# -- inline JSON and the CSP -------------------------------------------------------------------
def test_csp_nonce_matches_the_inline_scripts_and_changes_per_request(page: Page) -> None:
    with serve(echo_demo()) as url:
        nonces = []
        for _ in range(2):
            response = page.goto(url)
            assert response is not None
            headers = response.headers
            policy = headers["content-security-policy"]
            match = re.search(r"script-src 'self' 'nonce-([\w-]+)';", policy)
            assert match, policy
            assert "unsafe-inline" not in match.group(0) and "unsafe-eval" not in policy
            assert "object-src 'none'" in policy and "base-uri 'self'" in policy
            assert "frame-ancestors 'self'" in policy and headers["x-frame-options"] == "SAMEORIGIN"
            assert headers["x-content-type-options"] == "nosniff"
            scripts = re.findall(r"<script\b[^>]*>", response.text())
            assert len(scripts) >= 2
            assert all(f'nonce="{match.group(1)}"' in tag for tag in scripts), scripts
            nonces.append(match.group(1))
        assert nonces[0] != nonces[1]
        page.locator("#name input").fill("csp")
        page.locator("#go").click()
        expect(page.locator("#shout input")).to_have_value("CSP")


def test_markup_in_values_labels_and_title_stays_text(page: Page) -> None:
    page.on("dialog", lambda dialog: dialog.dismiss())
    with gr.Blocks(title=HOSTILE) as demo:
        gr.Markdown(f"Look: `{HOSTILE}`", elem_id="note")
        name = gr.Textbox(HOSTILE, label=HOSTILE, elem_id="name")
        shout = gr.Textbox(elem_id="shout")
        gr.Button("Shout", elem_id="go").click(str.upper, name, shout)
    with serve(demo) as url:
        page.goto(url)
        expect(page.locator("#name input")).to_have_value(HOSTILE)
        expect(page.locator("#name")).to_contain_text(HOSTILE)  # the label
        expect(page.locator("#note code")).to_have_text(HOSTILE)
        assert page.title() == HOSTILE
        page.locator("#go").click()
        expect(page.locator("#shout input")).to_have_value(HOSTILE.upper())
        assert page.evaluate("window.__pwned") is None


def test_head_app_js_and_listener_js_run_without_violations(page: Page) -> None:
    import plotly.graph_objects as go

    page.add_init_script(RECORD_VIOLATIONS)
    head = '<script>window.__head_ran = true</script><meta name="reblocks-test" content="head">'
    with gr.Blocks(head=head, js="() => { document.body.dataset.loaded = 'yes' }") as demo:
        gr.Markdown("```python\nprint('hi')\n```\n\n$$E = mc^2$$", elem_id="prose")
        gr.Plot(go.Figure(go.Bar(x=["a", "b"], y=[3, 5])))
        name = gr.Textbox(elem_id="name")
        shout = gr.Textbox(elem_id="shout")
        gr.Button("Shout", elem_id="go").click(None, name, shout, js="(x) => x.toUpperCase() + '!'")
    with serve(demo) as url:
        page.goto(url)
        expect(page.locator("body")).to_have_attribute("data-loaded", "yes")
        assert page.evaluate("window.__head_ran") is True
        expect(page.locator('meta[name="reblocks-test"]')).to_have_attribute("content", "head")
        expect(page.locator("#prose .katex").first).to_be_visible()
        expect(page.locator("#prose .hljs-built_in").first).to_be_visible()
        expect(page.locator(".plotly-chart[data-drawn=true] svg.main-svg").first).to_be_visible()
        page.locator("#name input").fill("quiet")
        page.locator("#go").click()
        expect(page.locator("#shout input")).to_have_value("QUIET!")
        assert page.evaluate("window.__violations") == []


def test_app_js_may_be_a_script_body_as_in_gradio_6(page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    js = "function mark() { document.body.dataset.loaded = 'body'; }\nmark();"
    with serve(echo_demo(), js=js) as url:
        page.goto(url)
        expect(page.locator("body")).to_have_attribute("data-loaded", "body")
        assert errors == []


def test_a_listener_js_that_is_no_function_says_so(page: Page) -> None:
    with gr.Blocks() as demo:
        out = gr.Textbox()
        gr.Button("Number", elem_id="number").click(None, None, out, js="42")
        gr.Button("Broken", elem_id="broken").click(None, None, out, js="(x) => {")
    with serve(demo) as url:
        page.goto(url)
        page.locator("#number").click()
        expect(page.get_by_role("alert")).to_contain_text("js= must be a function expression, not number")
        page.get_by_role("alert").get_by_role("button", name="Close").click()
        page.locator("#broken").click()
        expect(page.get_by_role("alert")).to_contain_text("js= is not a valid JavaScript expression")


# -- framing -------------------------------------------------------------------------------------
def frame_app(page: Page, url: str) -> None:
    """Open a page of another origin that frames `url`, and wait for the frame's load event."""
    host = f'<iframe src="{url}" onload="document.body.dataset.framed = 1"></iframe>'
    with other_origin(host) as origin:
        page.goto(origin)
        expect(page.locator("body")).to_have_attribute("data-framed", "1")


def test_another_origin_cannot_frame_the_app_by_default(page: Page) -> None:
    with serve(echo_demo()) as url:
        frame_app(page, url)
        framed = page.frames[1]
        assert not framed.url.startswith(url), framed.url  # Chromium shows its error page instead
        assert framed.locator(".reblocks-app").count() == 0


def test_allow_embedding_lets_any_page_frame_it(page: Page) -> None:
    with serve(echo_demo(), allow_embedding=True) as url:
        frame_app(page, url)
        frame = page.frame_locator("iframe")
        frame.locator("#name input").fill("framed")
        frame.locator("#go").click()
        expect(frame.locator("#shout input")).to_have_value("FRAMED")


# -- cross-site requests ---------------------------------------------------------------------------
POST_ALL = """async ({url, body, json}) => {
    const init = json ? {method: "POST", headers: {"Content-Type": "application/json"}, body}
                      : {mode: "no-cors", method: "POST", headers: {"Content-Type": "text/plain"}, body};
    const results = await Promise.allSettled(
        ["gradio_api/queue/join", "gradio_api/run/predict"].map((path) => fetch(url + path, init)));
    return results.map((result) => result.status === "fulfilled" ? result.value.status : "failed");
}"""
READ_EVENT = """async ({url, session}) => {
    const response = await fetch(`${url}gradio_api/queue/data?session_hash=${session}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!text.includes("process_completed")) text += (await reader.read()).value;
    reader.cancel();
    return text;
}"""


def test_cross_site_posts_do_not_run_the_function(page: Page) -> None:
    calls: list[str] = []

    def record(text: str) -> str:
        calls.append(text)
        return text

    with gr.Blocks() as demo:
        text = gr.Textbox()
        text.submit(record, text, gr.Textbox(), api_name="record")

    def body(text: str, session: str) -> str:
        return json.dumps({"data": [text], "event_data": None, "fn_index": fn_index(demo, "record"),
                           "trigger_id": None, "session_hash": session})

    with serve(demo) as url, other_origin("<p>elsewhere</p>") as origin:
        page.goto(origin)
        # opaque responses: the status cannot be read across origins, only that the fetches ended
        assert page.evaluate(POST_ALL, {"url": url, "body": body("cross", "cross1"), "json": False}) == [0, 0]
        page.goto(url)
        statuses = page.evaluate(POST_ALL, {"url": url, "body": body("same", "same1"), "json": True})
        assert statuses == [200, 200]
        # The join was queued after the cross-site one would have been: once it has completed,
        # the other would have run too.
        assert "process_completed" in page.evaluate(READ_EVENT, {"url": url, "session": "same1"})
        assert calls == ["same", "same"]


# -- reconnecting to the event stream --------------------------------------------------------------
def queue_data(request: Request) -> bool:
    return "/gradio_api/queue/data" in request.url


def test_a_lost_stream_is_retried_with_growing_gaps_then_recovers(page: Page) -> None:
    times: list[float] = []
    through = threading.Event()

    def handle(route: Route) -> None:
        times.append(time.monotonic())
        if through.is_set():
            route.continue_()
        else:
            route.fulfill(status=503, body="down for maintenance")

    with serve(echo_demo()) as url:
        page.goto(url)
        page.route("**/gradio_api/queue/data*", handle)
        page.locator("#name input").fill("back")
        page.locator("#go").click()
        status = page.get_by_role("status").filter(has_text="Connection lost, retrying…")
        expect(status).to_be_visible()
        while len(times) < 5:
            page.wait_for_event("requestfinished", queue_data)
        gaps = [later - earlier for earlier, later in zip(times, times[1:5])]
        slack = 0.05  # the handler sees each request a little after the browser sends it
        minimums = [0.125 * 2 ** attempt for attempt in range(4)]  # half of 250 ms, doubling
        assert all(gap >= least - slack for gap, least in zip(gaps, minimums)), gaps
        assert times[4] - times[0] >= sum(minimums) - slack
        # half of each delay is random, so a gap is never shorter than the one before it
        assert all(later >= earlier - slack for earlier, later in zip(gaps, gaps[1:])), gaps
        expect(page.locator("#shout input")).to_have_value("")
        through.set()
        expect(page.locator("#shout input")).to_have_value("BACK", timeout=15_000)
        expect(status).to_have_count(0)


def test_an_unknown_session_fails_at_once_with_a_clear_message(page: Page) -> None:
    times: list[float] = []
    frame = {"msg": "unexpected_error", "event_id": None, "message": "Session not found.",
             "session_not_found": True, "success": False}

    def handle(route: Route) -> None:
        times.append(time.monotonic())
        route.fulfill(status=200, content_type="text/event-stream", body=f"data: {json.dumps(frame)}\n\n")

    with serve(echo_demo()) as url:
        page.goto(url)
        page.route("**/gradio_api/queue/data*", handle)
        page.locator("#name input").fill("gone")
        page.locator("#go").click()
        expect(page.get_by_role("alert")).to_contain_text(
            "The server no longer knows this session; reload the page.")
        expect(page.get_by_text("Connection lost")).to_have_count(0)
        assert len(times) == 1
