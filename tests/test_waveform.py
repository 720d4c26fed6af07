"""gr.WaveformOptions in Chromium: the waveform of an Audio's sound in its colours, the part played in the
progress colour, seeking by click, keys and skip buttons by skip_length, a recording at sample_rate; and
the options as Python takes them."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

import reblocks as gr
from tests.conftest import serve
from tests.test_accessibility import check

TONE = Path(__file__).parent.parent / "demos" / "assets" / "tone.wav"  # a second of a tone, 8 kHz mono
# The colours drawn on the waveform's canvas: [red pixels, blue pixels, red ones in its right half].
COUNT_COLOURS = """(canvas) => {
  const { width, height } = canvas;
  if (!width || !height) return [0, 0, 0];
  const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  const counts = [0, 0, 0];
  for (let index = 0; index < data.length; index += 4) {
    const [r, g, b] = [data[index], data[index + 1], data[index + 2]];
    const right = (index / 4) % width >= width / 2;
    if (r > 240 && g < 20 && b < 20) { counts[0]++; if (right) counts[2]++; }
    if (b > 240 && r < 20 && g < 20) counts[1]++;
  }
  return counts;
}"""


@pytest.fixture(scope="module")
def browser(media_browser: Browser) -> Browser:
    """Chromium with a fake camera and microphone (conftest's FAKE_MEDIA)."""
    return media_browser


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with gr.Blocks() as demo:
        gr.Audio(str(TONE), label="Tone", waveform_options=gr.WaveformOptions(
            waveform_color="#ff0000", waveform_progress_color="#0000ff", skip_length=50))
        gr.Audio(str(TONE), label="Plain", waveform_options={"show_recording_waveform": False})
    with serve(demo) as url:
        yield url


def wait_for_colours(page: Page, canvas: Locator, test: str) -> None:
    """Wait until the canvas's [red, blue, red on the right] counts pass `test` (a JS expression of `c`)."""
    page.wait_for_function(f"(canvas) => {{ const c = ({COUNT_COLOURS})(canvas); return {test}; }}",
                           arg=canvas.element_handle())


def block(page: Page, label: str) -> Locator:
    return page.locator(".block").filter(has=page.locator(f"xpath=./label[normalize-space()='{label}']"))


def test_the_waveform_is_drawn_in_its_colour_and_the_played_part_in_the_progress_colour(page: Page,
                                                                                      url: str) -> None:
    page.goto(url)
    tone = block(page, "Tone")
    canvas = tone.locator("canvas")
    wait_for_colours(page, canvas, "c[0] > 200 && c[1] === 0")  # nothing played yet: all red
    position = tone.get_by_role("slider", name="Playback position")
    position.focus()
    page.keyboard.press("ArrowRight")  # skip_length=50: half of the one-second tone
    expect(position).to_have_attribute("aria-valuenow", "0.5")
    wait_for_colours(page, canvas, "c[0] > 100 && c[1] > 100 && c[2] === c[0]")  # blue left, red right
    assert tone.locator("audio").evaluate("(audio) => audio.currentTime") == 0.5
    page.keyboard.press("Home")
    wait_for_colours(page, canvas, "c[1] === 0")


def test_skip_buttons_and_clicks_seek_the_player(page: Page, url: str) -> None:
    page.goto(url)
    tone = block(page, "Tone")
    audio = tone.locator("audio")
    position = tone.get_by_role("slider", name="Playback position")
    expect(position).to_have_attribute("aria-valuemax", "1")
    tone.get_by_role("button", name="Skip forward 0.5 s").click()
    expect(position).to_have_attribute("aria-valuenow", "0.5")
    tone.get_by_role("button", name="Skip forward 0.5 s").click()
    expect(position).to_have_attribute("aria-valuenow", "1")
    tone.get_by_role("button", name="Skip back 0.5 s").click()
    expect(position).to_have_attribute("aria-valuenow", "0.5")
    box = position.bounding_box()
    assert box is not None
    position.click(position={"x": box["width"] * 0.25, "y": box["height"] / 2})
    expect(position).to_have_attribute("aria-valuenow", re.compile(r"^0\.[23]$"))
    assert abs(audio.evaluate("(audio) => audio.currentTime") - 0.25) < 0.02


def test_playing_fills_the_waveform_with_the_progress_colour(page: Page, url: str) -> None:
    page.goto(url)
    tone = block(page, "Tone")
    canvas = tone.locator("canvas")
    wait_for_colours(page, canvas, "c[0] > 200")
    tone.locator("audio").evaluate("(audio) => { audio.muted = true; return audio.play(); }")
    wait_for_colours(page, canvas, "c[1] > 200 && c[0] === 0")  # played to the end: all blue


def test_show_recording_waveform_false_leaves_the_browsers_player_alone(page: Page, url: str) -> None:
    page.goto(url)
    plain = block(page, "Plain")
    expect(plain.locator("audio")).to_be_attached()
    expect(block(page, "Tone").get_by_role("slider")).to_have_count(1)
    expect(plain.get_by_role("slider")).to_have_count(0)
    expect(plain.locator("canvas")).to_have_count(0)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_waveform_has_no_serious_accessibility_violations(browser: Browser, url: str, theme: str) -> None:
    context = browser.new_context(bypass_csp=True)  # axe-core's script is not the app's own
    page = context.new_page()
    page.goto(url if theme == "light" else f"{url}?__theme=dark")
    wait_for_colours(page, block(page, "Tone").locator("canvas"), "c[0] > 200")
    check(page, f"waveform ({theme})")
    context.close()


def test_the_default_waveform_colour_is_gradios_grey(page: Page) -> None:
    with gr.Blocks() as demo:
        gr.Audio(str(TONE), label="Default")
    with serve(demo) as app_url:
        page.goto(app_url)
        page.wait_for_function("""(canvas) => {
          if (!canvas.width) return false;
          const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          for (let i = 0; i < data.length; i += 4)
            if (data[i] === 0x9c && data[i + 1] === 0xa3 && data[i + 2] === 0xaf && data[i + 3] === 255) return true;
          return false;
        }""", arg=page.locator("canvas").element_handle())


@pytest.mark.parametrize("rate", [16000, 44100])
def test_a_recording_is_sent_at_the_sample_rate(page: Page, rate: int) -> None:
    def describe(value: Any) -> str:
        got_rate, samples = value
        return f"{got_rate} Hz, {samples.dtype}"

    options = gr.WaveformOptions(sample_rate=rate) if rate != 44100 else None
    with gr.Blocks() as demo:
        audio = gr.Audio(sources="microphone", label="Voice", waveform_options=options)
        out = gr.Textbox(elem_id="out")
        audio.stop_recording(describe, audio, out)
    with serve(demo) as app_url:
        page.goto(app_url)
        page.get_by_role("button", name="Record", exact=True).click()
        stop = page.get_by_role("button", name=re.compile("^Stop recording"))
        expect(stop).to_contain_text("0:01")
        stop.click()
        expect(page.locator("#out input")).to_have_value(f"{rate} Hz, int16")


def test_options_as_python_takes_them() -> None:
    audio = gr.Audio(waveform_options={"waveform_color": "red", "skip_length": 10}, render=False)
    assert audio.waveform_options == gr.WaveformOptions(waveform_color="red", skip_length=10)
    assert gr.Audio(render=False).waveform_options is None
    with gr.Blocks() as demo:
        given = gr.Audio(waveform_options=gr.WaveformOptions(sample_rate=16000))
    props = {entry.id: entry.props for entry in demo.config().components}[given.id]
    assert props["waveform_options"].sample_rate == 16000 and props["waveform_options"].skip_length == 5
    for bad in ({"skip_length": 120}, {"sample_rate": 100}):
        with pytest.raises(ValueError, match="WaveformOptions"):
            gr.WaveformOptions(**bad)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert gr.WaveformOptions(trim_region_color="#00ff00").trim_region_color == "#00ff00"
    assert caught == []
    with pytest.raises(TypeError):
        gr.WaveformOptions(colour="red")  # type: ignore[call-arg]
