"""Files in headless Chromium: multimodal chat uploads (chooser and paste), returned media, refusals."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Playwright, expect

import reblocks as gr
from tests.browser import ARGS, CHROMIUM
from tests.conftest import FAKE_MEDIA, load_demo, serve
from tests.test_files import PNG

TONE = Path(__file__).parent.parent / "demos" / "assets" / "tone.wav"


def paste_image(page: Page, name: str) -> None:
    page.evaluate(
        """([b64, name]) => {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const data = new DataTransfer();
            data.items.add(new File([bytes], name, { type: "image/png" }));
            const box = document.querySelector(".block.multimodaltextbox textarea");
            box.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
        }""",
        [base64.b64encode(PNG).decode(), name],
    )


@pytest.mark.parametrize("demo_url", ["chat_count_images"], indirect=True)
def test_two_chosen_and_one_pasted_image_are_counted(page: Page, demo_url: str, tmp_path: Path) -> None:
    for name in ("one.png", "two.png"):
        (tmp_path / name).write_bytes(PNG)
    page.goto(demo_url)
    box = page.locator(".block.multimodaltextbox")
    box.get_by_label("Attach files").click()  # opens the chooser; set_input_files fills it
    box.locator("input[type=file]").set_input_files([tmp_path / "one.png", tmp_path / "two.png"])
    paste_image(page, "three.png")
    expect(box.locator(".attachment")).to_have_count(3)
    box.locator("textarea").fill("How many?")
    box.locator("textarea").press("Enter")
    user = page.locator(".message[data-role=user]")
    expect(user.locator("img.media.image")).to_have_count(3)
    expect(user).to_contain_text("How many?")
    answer = page.locator(".message[data-role=assistant]")
    expect(answer).to_have_text("You just uploaded 3 images, total uploaded: 3")
    expect(box.locator(".attachment")).to_have_count(0)  # the box was cleared
    box.locator("input[type=file]").set_input_files([tmp_path / "one.png"])
    expect(box.locator(".attachment")).to_have_count(1)
    box.locator("textarea").press("Enter")
    expect(answer.last).to_have_text("You just uploaded 1 images, total uploaded: 4")


@pytest.mark.parametrize("demo_url", ["chat_count_images"], indirect=True)
def test_image_only_box_refuses_a_text_file(page: Page, demo_url: str, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not an image")
    page.goto(demo_url)
    box = page.locator(".block.multimodaltextbox")
    box.locator("input[type=file]").set_input_files([notes])
    expect(box.locator(".file-error")).to_contain_text('"notes.txt" is not an accepted file type')
    expect(box.locator(".attachment")).to_have_count(0)


@pytest.mark.parametrize("demo_url", ["chat_music"], indirect=True)
def test_returned_audio_plays(page: Page, demo_url: str) -> None:
    page.goto(demo_url)
    box = page.get_by_placeholder("Which artist's music do you want to listen to?")
    box.fill("Queen")
    box.press("Enter")
    audio = page.locator(".message[data-role=assistant] audio")
    expect(audio).to_have_count(1)
    page.wait_for_function(
        "() => { const a = document.querySelector('.message[data-role=assistant] audio');"
        " return a && a.readyState >= 1 && a.duration > 0.9; }")
    src = audio.get_attribute("src")
    assert src and "/gradio_api/file=" in src


def test_returned_image_and_file_show_in_the_chat(page: Page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "chart.png").write_bytes(PNG)
    (tmp_path / "report.csv").write_text("a,b\n1,2\n")

    def reply(message: str, history: list[object]) -> list[object]:
        return ["Here you go:", gr.Image(str(tmp_path / "chart.png")), gr.File(str(tmp_path / "report.csv"))]

    with serve(gr.ChatInterface(reply)) as url:
        page.goto(url)
        box = page.get_by_placeholder("Type a message...")
        box.fill("files please")
        box.press("Enter")
        answers = page.locator(".message[data-role=assistant]")
        expect(answers).to_have_count(3)
        image = answers.nth(1).locator("img")
        expect(image).to_be_visible()
        page.wait_for_function(
            "() => [...document.querySelectorAll('.message[data-role=assistant] img')].some(i => i.naturalWidth > 0)")
        link = answers.nth(2).locator("a[download]").filter(has_text="report.csv")  # not the Download action
        expect(link).to_be_visible()
        body = page.evaluate("(href) => fetch(href).then((r) => r.text())", link.get_attribute("href"))
        assert body == "a,b\n1,2\n"


def test_example_files_each_show_as_their_own_message(page: Page, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("cat1.png", "cat2.png"):
        (tmp_path / name).write_bytes(PNG)
    count = load_demo("chat_count_images").count_images
    demo = gr.ChatInterface(count, multimodal=True,
                            examples=[{"text": "Two cats", "files": ["cat1.png", "cat2.png"]}])
    with serve(demo) as url:
        page.goto(url)
        page.locator(".example", has_text="Two cats").click()
        users = page.locator(".message[data-role=user]")
        expect(users).to_have_count(3)
        expect(users.nth(0).locator("img")).to_have_count(1)
        expect(users.nth(1).locator("img")).to_have_count(1)
        expect(users.nth(2)).to_have_text("Two cats")
        expect(page.locator(".message[data-role=assistant]")).to_have_text(
            "You just uploaded 2 images, total uploaded: 2")


def test_microphone_recording_is_attached_and_sent(playwright: Playwright) -> None:
    def names(message: dict[str, object], history: list[object]) -> str:
        files = [Path(str(path)).name for path in message["files"]]  # type: ignore[union-attr]
        return "got " + ", ".join(files)

    textbox = gr.MultimodalTextbox(sources=["upload", "microphone"], placeholder="Type a message...")
    with serve(gr.ChatInterface(names, multimodal=True, textbox=textbox)) as url:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, *FAKE_MEDIA])
        page = browser.new_page()
        page.goto(url)
        box = page.locator(".block.multimodaltextbox")
        box.get_by_role("button", name="Record audio").click()
        stop = box.get_by_role("button", name="Stop recording")
        expect(stop).to_be_visible()
        page.wait_for_timeout(500)  # half a second of the fake microphone's tone to record
        stop.click()
        expect(box.locator(".attachment")).to_have_count(1)
        box.locator("textarea").press("Enter")
        expect(page.locator(".message[data-role=assistant]")).to_have_text(re.compile(r"^got recording\.\w+\s*$"))
        # A .webm recording is a media file: shown with a player (Python calls .webm video/webm).
        expect(page.locator(".message[data-role=user]").locator("audio, video")).to_have_count(1)
        browser.close()


def test_image_and_audio_upload_then_show_and_clear(page: Page, tmp_path: Path) -> None:
    (tmp_path / "dot.png").write_bytes(PNG)

    def describe(image: str | None, audio: str | None) -> tuple[str | None, str]:
        names = [Path(path).name for path in (image, audio) if path]
        return image, " + ".join(names) or "nothing"

    with gr.Blocks() as demo:
        image = gr.Image(type="filepath", label="Picture")
        audio = gr.Audio(type="filepath", label="Sound", sources=["upload"])
        shown, names = gr.Image(label="Shown"), gr.Textbox(elem_id="names")
        gr.Button("Describe", elem_id="describe").click(describe, [image, audio], [shown, names])
        image.clear(lambda: "cleared", None, names)
    with serve(demo) as url:
        page.goto(url)
        page.get_by_label("Picture").set_input_files(tmp_path / "dot.png")
        page.get_by_label("Sound").set_input_files(TONE)
        expect(page.locator(".block.audio audio")).to_have_count(1)
        page.locator("#describe").click()
        expect(page.locator("#names input")).to_have_value("dot.png + tone.wav")
        shown = page.locator(".block.image").nth(1).locator("img")
        expect(shown).to_be_visible()
        page.wait_for_function("(img) => img.naturalWidth === 1", arg=shown.element_handle())
        page.locator(".block.image").first.get_by_role("button", name="Clear").click()
        expect(page.locator("#names input")).to_have_value("cleared")


def test_matplotlib_and_plotly_figures_are_drawn(page: Page) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import plotly.graph_objects as go

    def draw(kind: str) -> object:
        if kind == "matplotlib":
            figure, axes = plt.subplots()
            axes.plot([1, 2, 3], [1, 4, 9])
            return figure
        return go.Figure(go.Bar(x=["a", "b"], y=[3, 5]), layout={"title": {"text": "Bars"}})

    with gr.Blocks() as demo:
        kind = gr.Radio(["matplotlib", "plotly"], label="Kind")
        kind.change(draw, kind, gr.Plot(label="Figure"))
    with serve(demo) as url:
        page.goto(url)
        page.get_by_label("matplotlib").check()
        image = page.locator(".block.plot img.plot-image")
        expect(image).to_be_visible()
        page.wait_for_function("(img) => img.naturalWidth > 100", arg=image.element_handle())
        page.get_by_label("plotly").check()
        chart = page.locator(".block.plot .plotly-chart[data-drawn=true]")
        expect(chart.locator("svg.main-svg").first).to_be_visible()
        expect(chart).to_contain_text("Bars")
