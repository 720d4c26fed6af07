"""gr.AnnotatedImage: its overlays are made from boxes and masks (colours, opacity, size), shown over the
image in Chromium with a legend whose click is a `select`, and sent through gradio_client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from gradio_client import Client
from PIL import Image
from playwright.sync_api import Page, expect

import reblocks as gr
from tests.conftest import load_demo, serve


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with serve(load_demo("blocks_annotated_image").demo) as url:
        yield url


def test_boxes_and_masks_become_coloured_overlays() -> None:
    base = np.zeros((40, 60, 3), dtype=np.uint8)
    mask = np.zeros((40, 60))
    mask[5:10, 5:10] = 0.8
    shown = gr.AnnotatedImage(color_map={"box": "#00ff00"}, render=False)
    value = shown.postprocess((base, [((20, 10, 50, 30), "box"), (mask, "spot")]))
    assert value is not None and [item["label"] for item in value["annotations"]] == ["box", "spot"]
    box = np.asarray(Image.open(value["annotations"][0]["image"]["path"]))
    assert box.shape == (40, 60, 4)
    assert tuple(box[20, 35]) == (0, 255, 0, 128)  # inside: half transparent
    assert tuple(box[10, 35]) == (0, 255, 0, 255)  # the outline: opaque
    assert box[5, 5, 3] == 0  # outside the box: transparent
    spot = np.asarray(Image.open(value["annotations"][1]["image"]["path"]))
    assert tuple(spot[7, 7]) == (255, 0, 0, 204) and spot[20, 20, 3] == 0  # red by default, as in Gradio
    assert shown.preprocess(value) == (value["image"]["path"],
                                       [(item["image"]["path"], item["label"]) for item in value["annotations"]])
    with pytest.raises(ValueError, match="mask must have the image's size"):
        shown.postprocess((base, [(np.zeros((5, 5)), "wrong")]))
    with pytest.raises(ValueError, match="color_map colours"):
        gr.AnnotatedImage(color_map={"x": "green"})


def test_the_page_shows_the_regions_and_a_legend_click_selects(page: Page, url: str) -> None:
    page.goto(url)
    figure = page.locator("figure.annotated-image")
    expect(figure.locator("img.annotated-image-region")).to_have_count(2)
    page.wait_for_function("() => [...document.querySelectorAll('figure.annotated-image img')]"
                           ".every((img) => img.naturalWidth === 200)")
    sun = figure.get_by_role("button", name="sun")
    sun.hover()
    expect(figure.get_by_role("img", name="sun")).to_have_css("opacity", "0.9")  # brought forward
    expect(figure.get_by_role("img", name="pond")).to_have_css("opacity", "0.1")  # the others fade
    figure.get_by_role("button", name="pond").click()
    expect(page.get_by_label("Chosen region")).to_have_value("pond (region 1)")


def test_gradio_client_gets_the_image_and_its_regions(url: str, tmp_path: Path) -> None:
    with gr.Blocks() as demo:
        size = gr.Number(30)
        shown = gr.AnnotatedImage()
        gr.Button().click(lambda n: (np.zeros((int(n), int(n), 3), dtype=np.uint8), [((0, 0, 5, 5), "corner")]),
                          size, shown, api_name="annotate")
    with serve(demo) as local:
        result = Client(local, verbose=False).predict(40, api_name="/annotate")
    assert Image.open(result["image"]).size == (40, 40)
    assert [item["label"] for item in result["annotations"]] == ["corner"]
    assert Image.open(result["annotations"][0]["image"]).mode == "RGBA"
