"""Media events in headless Chromium with its fake microphone and camera: recording, playing, capturing,
uploading and clearing, as the listeners see them; and media payloads through gradio_client."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gradio_client import Client, handle_file
from playwright.sync_api import Browser, Locator, Page, expect

import reblocks as gr
from tests.conftest import load_demo, serve

TONE = Path(__file__).parent.parent / "demos" / "assets" / "tone.wav"


def small_png(folder: Path) -> Path:
    """A 3x2 red PNG."""
    from PIL import Image

    path = folder / "small.png"
    Image.new("RGB", (3, 2), "red").save(path)
    return path


@pytest.fixture(scope="module")
def browser(media_browser: Browser) -> Browser:
    """Chromium with a fake camera and microphone (conftest's FAKE_MEDIA)."""
    return media_browser


@pytest.fixture
def demo_page(page: Page) -> Iterator[Page]:
    with serve(load_demo("blocks_media_events").demo) as url:
        page.goto(url)
        yield page


def block(page: Page, label: str) -> Locator:
    """The component labelled `label` (not the row around it)."""
    return page.locator(".block").filter(has=page.locator(f"xpath=./label[normalize-space()='{label}']"))


def logged(page: Page, *events: str) -> None:
    """Wait until the log holds each of `events`, in this order (others may come between)."""
    pattern = ".*".join(re.escape(event) + r"(?:\n|$)" for event in events)
    expect(page.locator("#log textarea")).to_have_value(re.compile(pattern, re.DOTALL))


def record_a_second(area: Locator) -> None:
    """Wait for the recording clock to pass a second, then stop."""
    stop = area.get_by_role("button", name=re.compile("^Stop recording"))
    expect(stop).to_contain_text("0:01")
    stop.click()


def play_through(player: Locator) -> None:
    player.evaluate("(media) => { media.currentTime = 0; return media.play(); }")


def test_recording_from_the_microphone_then_playing_pausing_and_clearing_it(demo_page: Page) -> None:
    page = demo_page
    microphone = block(page, "Microphone")
    microphone.get_by_role("button", name="Record", exact=True).click()
    logged(page, "audio.start_recording")
    pause = microphone.get_by_role("button", name="Pause recording")
    pause.click()
    logged(page, "audio.start_recording", "audio.pause_recording")
    microphone.get_by_role("button", name="Resume recording").click()
    record_a_second(microphone)
    # A recording reaches the listener as Gradio's numpy audio: 16-bit samples at 44.1 kHz.
    expect(page.locator("#audio-info input")).to_have_value(
        re.compile(r"^tuple: 44100 Hz, int16 \(\d{4,},( \d)?\)$"))
    logged(page, "audio.start_recording", "audio.pause_recording", "audio.stop_recording")
    logged(page, "audio.change")
    logged(page, "audio.input")

    player = microphone.locator("audio")
    play_through(player)
    logged(page, "audio.play")
    logged(page, "audio.stop")  # it played to the end
    play_through(player)
    player.evaluate("(media) => media.pause()")
    logged(page, "audio.stop", "audio.play", "audio.pause")
    microphone.get_by_role("button", name="Clear").click()
    logged(page, "audio.pause", "audio.clear")
    expect(microphone.get_by_role("button", name="Record", exact=True)).to_be_visible()


@pytest.mark.parametrize("kind", ["filepath", "numpy"])
def test_a_recording_reaches_the_listener_as_its_type_says(page: Page, kind: str) -> None:
    def describe(value: Any) -> str:
        if kind == "filepath":
            return f"{Path(value).suffix} file of {Path(value).stat().st_size} bytes"
        rate, samples = value
        return f"{rate} {samples.dtype} {samples.ndim}d"

    with gr.Blocks() as demo:
        audio = gr.Audio(sources="microphone", type=kind, label="Voice")  # type: ignore[arg-type]
        out = gr.Textbox(elem_id="out")
        audio.stop_recording(describe, audio, out)
    with serve(demo) as url:
        page.goto(url)
        page.get_by_role("button", name="Record", exact=True).click()
        record_a_second(page.locator(".block.audio"))
        expected = r"^\.wav file of \d{5,} bytes$" if kind == "filepath" else r"^44100 int16 [12]d$"
        expect(page.locator("#out input")).to_have_value(re.compile(expected))


@pytest.mark.parametrize(("kind", "described"), [
    ("numpy", "ndarray uint8 ({height}, {width}, 3)"),
    ("pil", "Image RGB ({width}, {height})"),
    ("filepath", "str .png ({width}, {height})"),
])
def test_a_webcam_photo_reaches_the_listener_as_its_type_says(page: Page, kind: str, described: str) -> None:
    def describe(value: Any) -> str:
        if kind == "numpy":
            return f"ndarray {value.dtype} {value.shape}"
        if kind == "pil":
            return f"Image {value.mode} {value.size}"
        from PIL import Image

        return f"{type(value).__name__} {Path(value).suffix} {Image.open(value).size}"

    with gr.Blocks() as demo:
        image = gr.Image(sources=["webcam"], type=kind, label="Selfie")  # type: ignore[arg-type]
        out = gr.Textbox(elem_id="out")
        image.upload(describe, image, out)
    with serve(demo) as url:
        page.goto(url)
        page.get_by_role("button", name="Open the camera").click()
        take = page.get_by_role("button", name="Take a photo")
        expect(take).to_be_enabled()
        width, height = page.locator("video").evaluate("(view) => [view.videoWidth, view.videoHeight]")
        assert width > 0 and height > 0
        take.click()
        expect(page.locator("#out input")).to_have_value(described.format(width=width, height=height))
        expect(page.locator(".block.image img")).to_be_visible()
        expect(page.locator("video")).to_have_count(0)  # the camera is released once the photo is shown


def test_webcam_image_capture_upload_select_and_clear(demo_page: Page, tmp_path: Path) -> None:
    page = demo_page
    webcam = block(page, "Webcam")
    webcam.get_by_role("button", name="Open the camera").click()
    expect(webcam.locator("video")).to_have_class(re.compile(r"\bmirrored\b"))  # WebcamOptions(mirror=True)
    webcam.get_by_role("button", name="Take a photo").click()
    expect(page.locator("#image-info input")).to_have_value(re.compile(r"^ndarray: uint8 \(\d+, \d+, 3\)$"))
    logged(page, "image.upload")
    logged(page, "image.input")
    logged(page, "image.change")

    webcam.locator("img").click()
    logged(page, "image.select")
    webcam.get_by_role("button", name="Clear").click()
    logged(page, "image.select", "image.clear")
    # Having used the camera, the view opens again at once.
    expect(webcam.get_by_role("button", name="Take a photo")).to_be_enabled()

    webcam.get_by_role("button", name="Upload a file").click()
    expect(webcam.locator("video")).to_have_count(0)
    webcam.locator("input[type=file]").set_input_files(small_png(tmp_path))
    expect(page.locator("#image-info input")).to_have_value("ndarray: uint8 (2, 3, 3)")
    logged(page, "image.clear", "image.upload")


def test_webcam_video_recording_then_playing_to_the_end_and_clearing(demo_page: Page) -> None:
    page = demo_page
    camcorder = block(page, "Camcorder")
    camcorder.get_by_role("button", name="Open the camera").click()
    camcorder.get_by_role("button", name="Record video").click()
    logged(page, "video.start_recording")
    record_a_second(camcorder)
    expect(page.locator("#video-info input")).to_have_value(re.compile(r"^str: \.webm file of \d+ bytes$"))
    logged(page, "video.start_recording", "video.stop_recording")
    logged(page, "video.change")

    player = camcorder.locator("video")
    play_through(player)
    logged(page, "video.play")
    logged(page, "video.play", "video.stop")
    logged(page, "video.play", "video.end")
    play_through(player)
    player.evaluate("(media) => media.pause()")
    logged(page, "video.end", "video.play", "video.pause")
    camcorder.get_by_role("button", name="Clear").click()
    logged(page, "video.pause", "video.clear")
    expect(camcorder.get_by_role("button", name="Record video")).to_be_visible()


def test_image_and_audio_payloads_through_gradio_client(tmp_path: Path) -> None:
    from PIL import Image

    def image_shape(image: Any) -> tuple[str, Any]:
        return f"{type(image).__name__} {image.dtype} {image.shape}", image

    def audio_shape(audio: tuple[int, Any]) -> tuple[str, tuple[int, Any]]:
        rate, samples = audio
        return f"{rate} {samples.dtype} {samples.shape}", audio

    with gr.Blocks() as demo:
        image, audio = gr.Image(), gr.Audio()
        gr.Button().click(image_shape, image, [gr.Textbox(), gr.Image()], api_name="image_shape")
        gr.Button().click(audio_shape, audio, [gr.Textbox(), gr.Audio()], api_name="audio_shape")
    with serve(demo) as url:
        client = Client(url, verbose=False)
        image_text, image_path = client.predict(handle_file(str(small_png(tmp_path))), api_name="/image_shape")
        audio_text, audio_path = client.predict(handle_file(str(TONE)), api_name="/audio_shape")
    assert image_text == "ndarray uint8 (2, 3, 3)"
    assert Image.open(image_path).size == (3, 2)
    assert audio_text == "8000 int16 (8000,)"  # tone.wav: a second of 16-bit mono at 8 kHz
    assert Path(audio_path).read_bytes()[44:] == TONE.read_bytes()[44:]


def test_components_gradio_does_not_stream_say_so() -> None:
    with gr.Blocks():
        slider, editor = gr.ImageSlider(), gr.ImageEditor()
        with pytest.raises(NotImplementedError, match=r"ImageSlider\.stream\(\.\.\.\) is not supported"):
            slider.stream(lambda frame: frame, slider, slider)
        with pytest.raises(NotImplementedError, match=r"ImageEditor\.stream\(\.\.\.\) is not supported"):
            editor.stream(lambda frame: frame, editor, editor)


def test_sources_and_webcam_options_follow_gradio() -> None:
    with gr.Blocks() as demo:
        image = gr.Image()
        video = gr.Video(sources="webcam", webcam_options=gr.WebcamOptions(mirror=False))
        audio = gr.Audio()
        with pytest.warns(DeprecationWarning, match=r"mirror_webcam"):
            old = gr.Image(mirror_webcam=False)
    props = {entry.id: entry.props for entry in demo.config().components}
    assert props[image.id]["sources"] == ["upload", "webcam", "clipboard"]
    assert props[image.id]["webcam_options"] is None  # the browser mirrors, as WebcamOptions() says
    assert props[video.id]["sources"] == ["webcam"] and props[video.id]["include_audio"] is False
    assert props[video.id]["webcam_options"].mirror is False
    assert props[old.id]["webcam_options"].mirror is False
    assert props[audio.id]["sources"] == ["upload", "microphone"]
    with pytest.raises(ValueError, match="'webcam'"):
        gr.Audio(sources=["webcam"], render=False)
    assert "pause_recording" in gr.Audio.EVENTS and "start_recording" in gr.Video.EVENTS
