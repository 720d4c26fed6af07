"""Gradio 6's media parameters: Audio's recording, playback_position, subtitles, format and trimming,
Video's playback_position and subtitles, Image's format, placeholder and watermark, Gallery's upload
types, sources, file types, rows and format."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import textwrap
import urllib.request
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from gradio_client import Client, handle_file
from PIL import Image as PILImage
from playwright.sync_api import Browser, Page, expect

import reblocks as gr
from tests.conftest import serve

SUBTITLES = [{"text": "first line", "timestamp": [0, 1]}, {"text": "second line", "timestamp": [1, 2.5]}]
SRT = "1\n00:00:00,000 --> 00:00:01,000\nfirst line\n\n2\n00:00:01,000 --> 00:00:02,500\nsecond line\n"


@pytest.fixture(scope="module")
def browser(media_browser: Browser) -> Browser:
    """The fake microphone (recording=True records from it)."""
    return media_browser


def tone(path: Path, seconds: float, rate: int = 8000) -> Path:
    """A 440 Hz sine of `seconds`, as 16-bit mono WAV."""
    samples = (np.sin(np.linspace(0, 2 * np.pi * 440 * seconds, int(rate * seconds))) * 12000).astype(np.int16)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    return path


def png(path: Path, colour: tuple[int, int, int], size: tuple[int, int] = (6, 4)) -> Path:
    PILImage.new("RGB", size, colour).save(path)
    return path


def describe(items: list[tuple[Any, str | None]] | None) -> str:
    """What a Gallery listener got: each item's type and size."""
    parts = []
    for media, _caption in items or []:
        if isinstance(media, np.ndarray):
            parts.append(f"ndarray {media.shape}")
        elif isinstance(media, PILImage.Image):
            parts.append(f"PIL {media.size[0]}x{media.size[1]}")
        else:
            parts.append(f"path {Path(media).suffix}")
    return ", ".join(parts)


def seconds(audio: tuple[int, np.ndarray] | None) -> str:
    return "" if audio is None else f"{len(audio[1]) / audio[0]:.2f}"


# -- keywords ------------------------------------------------------------------------------------------------
def warnings_of(code: str) -> list[str]:
    """The warnings a fresh interpreter gives running `code` (a new process: reblocks warns once per process)."""
    script = "import warnings, reblocks as gr\nwarnings.simplefilter('always')\n" + textwrap.dedent(code)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    return re.findall(r"UserWarning: (.*)", result.stderr)


def test_the_honoured_keywords_no_longer_warn(tmp_path: Path) -> None:
    mark = png(tmp_path / "mark.png", (255, 0, 0))
    assert warnings_of(f"""
        gr.Audio(recording=True, playback_position=1.5, subtitles={SUBTITLES!r}, format="wav", editable=False,
                 waveform_options=gr.WaveformOptions(trim_region_color="#ff0000"))
        gr.Video(playback_position=2, subtitles={SUBTITLES!r})
        gr.Image(format="jpeg", placeholder="# Drop", watermark={str(mark)!r})
        gr.Image(watermark=gr.WatermarkOptions(watermark={str(mark)!r}, position="top-left"))
        gr.Gallery(file_types=[".png"], fit_columns=False, format="jpeg", rows=2, sources=["upload", "clipboard"],
                   type="pil")
    """) == []


def test_the_video_keywords_that_need_ffmpeg_still_warn_by_name() -> None:
    assert warnings_of("gr.Video(format='mp4', watermark='mark.png', streaming=True)") == [
        f"Video({name}=...) is not supported by reblocks and is ignored"
        for name in ("format", "watermark", "streaming")]


def test_bad_values_are_refused_clearly(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="writes audio as 'wav' only"):
        gr.Audio(format="mp3")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="item 0 must be a dict with 'text' and 'timestamp'"):
        gr.Audio(subtitles=[{"text": "no time"}])
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(ValueError, match="bad.json is not valid JSON"):
        gr.Video(subtitles=tmp_path / "bad.json")
    with pytest.raises(ValueError, match=r"\.srt, \.vtt or \.json"):
        gr.Video(subtitles=tmp_path / "notes.txt")
    with pytest.raises(ValueError, match="'numpy', 'pil' or 'filepath'"):
        gr.Gallery(type="bytes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="must list some of"):
        gr.Gallery(sources=["microphone"])
    with pytest.raises(ValueError, match="position"):
        gr.WatermarkOptions(watermark="mark.png", position="centre")  # type: ignore[arg-type]


# -- format and subtitles, on the server ------------------------------------------------------------------------
def test_format_is_the_format_returned_images_and_audio_are_saved_in() -> None:
    pixels = np.zeros((8, 8, 3), dtype=np.uint8)
    for component in (gr.Image(format="jpeg", render=False), gr.Gallery(format="jpeg", render=False)):
        data = component.postprocess(pixels if isinstance(component, gr.Image) else [pixels])
        path = data["path"] if isinstance(component, gr.Image) else data[0]["image"]["path"]
        assert path.endswith(".jpeg") and PILImage.open(path).format == "JPEG"
    assert gr.Image(render=False).postprocess(pixels)["path"].endswith(".png")  # lossless by default
    assert gr.Gallery(format="webp", render=False).postprocess([pixels])[0]["image"]["path"].endswith(".webp")
    audio = gr.Audio(format="wav", render=False).postprocess((8000, np.zeros(800, dtype=np.int16)))
    assert audio["path"].endswith(".wav")
    with wave.open(audio["path"]) as saved:
        assert (saved.getframerate(), saved.getnframes()) == (8000, 800)


def test_subtitle_files_become_cues_and_video_gets_webvtt(tmp_path: Path) -> None:
    (tmp_path / "lines.srt").write_text(SRT)
    cues = gr.Audio(subtitles=tmp_path / "lines.srt", render=False).subtitles
    assert [(cue.start, cue.end, cue.text) for cue in cues] == [(0, 1, "first line"), (1, 2.5, "second line")]
    track = gr.Video(subtitles=str(tmp_path / "lines.srt"), render=False).subtitles
    text = Path(track["path"]).read_text()
    assert text.startswith("WEBVTT") and "00:00:01.000 --> 00:00:02.500\nsecond line" in text
    assert track["mime_type"] == "text/vtt"


# -- in the browser -------------------------------------------------------------------------------------------
def test_recording_true_records_from_the_microphone_by_itself(page: Page) -> None:
    with gr.Blocks() as demo:
        audio = gr.Audio(sources=["microphone"], recording=True, type="numpy")
        length = gr.Textbox(label="Length")
        audio.stop_recording(seconds, audio, length)
    with serve(demo) as url:
        page.goto(url)
        stop = page.get_by_role("button", name=re.compile("Stop recording"))
        expect(stop).to_be_visible()  # recording without a click
        expect(stop).to_contain_text(re.compile(r"0:0[1-9]"))  # ...and the clock runs
        stop.click()
        expect(page.get_by_label("Length")).to_have_value(re.compile(r"^[1-9]\d*\.\d\d$"))


def test_the_player_starts_at_playback_position_and_a_listener_moves_it(page: Page, tmp_path: Path) -> None:
    with gr.Blocks() as demo:
        audio = gr.Audio(str(tone(tmp_path / "tone.wav", 3)), playback_position=1.5)
        gr.Button("Later").click(lambda: gr.Audio(playback_position=2.5), None, audio)
    with serve(demo) as url:
        page.goto(url)
        page.wait_for_function("() => Math.abs(document.querySelector('audio')?.currentTime - 1.5) < 0.01")
        page.get_by_role("button", name="Later").click()
        page.wait_for_function("() => Math.abs(document.querySelector('audio').currentTime - 2.5) < 0.01")


def test_audio_subtitles_show_the_line_of_the_moment(page: Page, tmp_path: Path) -> None:
    with gr.Blocks() as demo:
        gr.Audio(str(tone(tmp_path / "tone.wav", 3)), subtitles=SUBTITLES)
    with serve(demo) as url:
        page.goto(url)
        line = page.locator(".audio-subtitle")
        page.wait_for_function("() => document.querySelector('audio')?.readyState >= 1")
        page.locator("audio").evaluate("(player) => { player.currentTime = 0.5; }")
        expect(line).to_have_text("first line")
        page.locator("audio").evaluate("(player) => { player.currentTime = 1.5; }")
        expect(line).to_have_text("second line")
        page.locator("audio").evaluate("(player) => { player.currentTime = 2.8; }")
        expect(line).to_have_text("")


def test_video_subtitles_are_a_webvtt_track_converted_from_srt(page: Page, tmp_path: Path) -> None:
    (tmp_path / "lines.srt").write_text(SRT)
    with gr.Blocks() as demo:  # a WAV plays in a <video> too: no video encoder needed for the test
        gr.Video(str(tone(tmp_path / "tone.wav", 3)), subtitles=tmp_path / "lines.srt", playback_position=1.5)
    with serve(demo) as url:
        page.goto(url)
        expect(page.locator("video track")).to_have_attribute("kind", "captions")
        active = """() => { const video = document.querySelector('video'); const cues = video.textTracks[0]?.activeCues;
                            return Math.abs(video.currentTime - 1.5) < 0.01 && cues?.length === 1 && cues[0].text; }"""
        assert page.wait_for_function(active).json_value() == "second line"


def test_trimming_sends_the_shorter_wav_to_the_listener(page: Page, tmp_path: Path) -> None:
    with gr.Blocks() as demo:
        audio = gr.Audio(str(tone(tmp_path / "tone.wav", 2)), interactive=True, type="numpy",
                         waveform_options=gr.WaveformOptions(trim_region_color="rgb(255, 0, 0)"))
        length = gr.Textbox(label="Length")
        audio.input(seconds, audio, length)
    with serve(demo) as url:
        page.goto(url)
        page.get_by_role("button", name="Trim", exact=True).click()
        for handle, at in (("Trim start", "0.5"), ("Trim end", "1")):
            page.get_by_label(handle).evaluate(
                "(range, at) => { range.value = at; range.dispatchEvent(new Event('input', {bubbles: true})); }", at)
        region = page.locator(".trim-region")
        expect(region).to_have_css("background-color", "rgb(255, 0, 0)")
        page.get_by_role("button", name="Apply trim").click()
        expect(page.get_by_label("Length")).to_have_value("0.50")
        expect(region).to_have_count(0)


def test_gallery_upload_reaches_the_listener_as_its_type(page: Page, tmp_path: Path) -> None:
    with gr.Blocks() as demo:
        arrays = gr.Gallery(type="numpy", interactive=True, label="Arrays", file_types=["image"])
        images = gr.Gallery(type="pil", interactive=True, label="Images", sources=["upload", "clipboard"])
        got = gr.Textbox(label="Got")
        arrays.upload(describe, arrays, got)
        images.upload(describe, images, got)
    files = [png(tmp_path / "one.png", (255, 0, 0)), png(tmp_path / "two.png", (0, 0, 255), (3, 5))]
    with serve(demo) as url:
        page.goto(url)
        page.locator("#gallery-input-" + str(arrays.id)).set_input_files(files)
        expect(page.get_by_label("Got")).to_have_value("ndarray (4, 6, 3), ndarray (5, 3, 3)")
        page.locator("#gallery-input-" + str(images.id)).set_input_files(files[1:])
        expect(page.get_by_label("Got")).to_have_value("PIL 3x5")


def test_gallery_webcam_photos_join_the_gallery(page: Page) -> None:
    with gr.Blocks() as demo:
        gallery = gr.Gallery(sources=["webcam", "upload"], type="numpy", interactive=True)
        got = gr.Textbox(label="Got")
        gallery.upload(lambda items: str(len(items or [])), gallery, got)
    with serve(demo) as url:
        page.goto(url)
        page.get_by_role("button", name="Open the camera").click()
        take = page.get_by_role("button", name="Take a photo")
        take.click()
        expect(page.get_by_label("Got")).to_have_value("1")
        take.click()
        expect(page.get_by_label("Got")).to_have_value("2")
        expect(page.locator(".gallery-grid img")).to_have_count(2)
        page.get_by_role("button", name="Upload a file").click()
        expect(page.locator(f"#gallery-input-{gallery.id}")).to_be_attached()


def test_gallery_file_types_refuse_other_files_in_the_browser_and_on_the_server(page: Page, tmp_path: Path) -> None:
    with gr.Blocks() as demo:
        gallery = gr.Gallery(interactive=True, file_types=[".png"])
        got = gr.Textbox(label="Got")
        gallery.upload(describe, gallery, got)
    PILImage.new("RGB", (4, 4)).save(tmp_path / "photo.jpg")
    with serve(demo) as url:
        page.goto(url)
        page.locator(f"#gallery-input-{gallery.id}").set_input_files(tmp_path / "photo.jpg")
        expect(page.get_by_text(re.compile("photo.jpg"))).to_be_visible()  # the refusal names the file
        expect(page.locator(".gallery-grid img")).to_have_count(0)
    with pytest.raises(gr.Error, match="not an accepted file type"):
        gallery.preprocess([{"image": {"path": str(tmp_path / "photo.jpg")}}])


def test_gallery_fit_columns_widens_few_items_and_rows_bounds_the_height(page: Page, tmp_path: Path) -> None:
    pictures = [str(png(tmp_path / f"{index}.png", (index * 40, 0, 0))) for index in range(6)]
    with gr.Blocks() as demo:
        gr.Gallery(pictures[:1], columns=3, label="Fit")
        gr.Gallery(pictures[:1], columns=3, fit_columns=False, label="Fixed")
        gr.Gallery(pictures, columns=2, rows=1, label="Rows")
    with serve(demo) as url:
        page.goto(url)
        widths = page.locator(".gallery-grid").evaluate_all(
            "(grids) => grids.map((grid) => grid.querySelector('.thumbnail').getBoundingClientRect().width)")
        assert widths[0] > widths[1] * 1.5  # one item fills the row, or keeps a third of it
        rows = page.locator(".gallery-grid").nth(2).evaluate(
            "(grid) => [grid.clientHeight, grid.scrollHeight, grid.querySelector('.thumbnail').offsetHeight]")
        assert rows[0] == pytest.approx(rows[2], abs=2) and rows[1] > rows[0] * 2


def test_image_placeholder_renders_markdown_in_the_empty_upload_area(page: Page) -> None:
    with gr.Blocks() as demo:
        gr.Image(placeholder="# Drop a cat\nAny **photo** will do", sources=["upload"])
    with serve(demo) as url:
        page.goto(url)
        zone = page.locator(".drop-zone")
        expect(zone.get_by_role("heading", name="Drop a cat")).to_be_visible()
        expect(zone.locator("strong")).to_have_text("photo")


def test_a_returned_image_carries_the_watermark_in_its_corner(page: Page, tmp_path: Path) -> None:
    mark = png(tmp_path / "mark.png", (255, 0, 0), (5, 5))
    with gr.Blocks() as demo:
        image = gr.Image(watermark=mark, label="Result")
        gr.Button("Make").click(lambda: np.full((40, 60, 3), 255, dtype=np.uint8), None, image)
    with serve(demo) as url:
        page.goto(url)
        page.get_by_role("button", name="Make").click()
        source = page.get_by_role("img", name="Result").get_attribute("src")
        assert source
        with urllib.request.urlopen(source if source.startswith("http") else url.rstrip("/") + source) as response:
            returned = PILImage.open(io.BytesIO(response.read())).convert("RGB")
    assert returned.size == (60, 40)
    assert returned.getpixel((60 - 10 - 3, 40 - 10 - 3)) == (255, 0, 0)  # inside the mark: 10 px in from the corner
    assert returned.getpixel((60 - 5, 40 - 5)) == (255, 255, 255)  # the margin
    assert returned.getpixel((0, 0)) == (255, 255, 255)


# -- gradio_client --------------------------------------------------------------------------------------------
@pytest.fixture
def gallery_url() -> Iterator[str]:
    with gr.Blocks() as demo:
        gallery = gr.Gallery(type="numpy")
        out = gr.Textbox()
        gr.Button().click(describe, gallery, out, api_name="describe")
    with serve(demo) as url:
        yield url


def test_gradio_client_sends_a_gallery_that_arrives_as_numpy(gallery_url: str, tmp_path: Path) -> None:
    picture = png(tmp_path / "cat.png", (10, 20, 30), (7, 3))
    client = Client(gallery_url, verbose=False)
    result = client.predict([{"image": handle_file(str(picture)), "caption": "cat"}], api_name="/describe")
    assert result == "ndarray (3, 7, 3)"
