"""gr.ImageSlider: two images compared with a slider in Chromium, each side uploaded by the user, the
pair reaching a listener as numpy arrays, and a gradio_client round trip."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from gradio_client import Client, handle_file
from PIL import Image
from playwright.sync_api import Page, expect

import reblocks as gr
from tests.conftest import load_demo, serve


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with serve(load_demo("blocks_image_slider").demo) as url:
        yield url


def png(path: Path, colour: tuple[int, int, int]) -> Path:
    Image.new("RGB", (40, 20), colour).save(path)
    return path


def test_the_slider_moves_the_cut_between_the_two_images(page: Page, url: str) -> None:
    page.goto(url)
    after = page.locator(".image-slider-after")
    expect(after).to_have_css("clip-path", "inset(0px 0px 0px 30%)")
    page.get_by_role("slider", name="Compared").fill("75")
    expect(after).to_have_css("clip-path", "inset(0px 0px 0px 75%)")


def test_uploading_both_sides_sends_the_pair_to_the_listener(page: Page, url: str, tmp_path: Path) -> None:
    page.goto(url)
    drops = page.locator(".image-slider-drops input[type=file]")
    drops.nth(0).set_input_files(png(tmp_path / "red.png", (250, 0, 0)))
    expect(page.get_by_role("img", name="Before")).to_have_count(2)  # the given one, and the gradient's
    drops = page.locator(".image-slider-drops input[type=file]")
    drops.nth(1).set_input_files(png(tmp_path / "green.png", (0, 250, 0)))
    # The listener shows the first image beside its negative: red (250, 0, 0) against (5, 255, 255).
    page.wait_for_function("""() => {
      const after = document.querySelectorAll('.image-slider')[1].querySelector('.image-slider-after');
      if (!after || !after.complete || !after.naturalWidth) return false;
      const canvas = document.createElement('canvas');
      canvas.width = after.naturalWidth; canvas.height = after.naturalHeight;
      canvas.getContext('2d').drawImage(after, 0, 0);
      const [r, g, b] = canvas.getContext('2d').getImageData(1, 1, 1, 1).data;
      return after.naturalWidth === 40 && r === 5 && g === 255 && b === 255;
    }""")


def test_pre_and_postprocessing() -> None:
    slider = gr.ImageSlider(type="pil", render=False)
    value = slider.postprocess((np.zeros((4, 6, 3), dtype=np.uint8), None))
    assert value is not None and value[1] is None and Path(value[0]["path"]).exists()
    first, second = slider.preprocess([value[0], value[0]])  # type: ignore[misc]
    assert first.size == (6, 4) and second.mode == "RGB"
    with pytest.raises(ValueError, match="pair of images"):
        slider.postprocess(np.zeros((4, 4, 3)))
    with pytest.raises(ValueError, match="slider_position"):
        gr.ImageSlider(slider_position=120)
    with pytest.raises(NotImplementedError, match=r"ImageSlider.stream"):
        slider.stream(lambda pair: pair, slider, slider)


def test_gradio_client_round_trip(url: str, tmp_path: Path) -> None:
    client = Client(url, verbose=False)
    red = png(tmp_path / "red.png", (250, 0, 0))
    first, second = client.predict([handle_file(str(red)), handle_file(str(red))], api_name="/invert")
    assert Image.open(first).getpixel((0, 0)) == (250, 0, 0)
    assert Image.open(second).getpixel((0, 0)) == (5, 255, 255)
