"""gr.ImageEditor, gr.Sketchpad, gr.Paint and gr.ImageMask: strokes, the eraser, crop and layers drawn
with the mouse in Chromium reach the listener as numpy images; an uploaded background is painted over;
a gradio_client round trip; values in and out; and the keyword rules."""

from __future__ import annotations

import queue
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
from gradio_client import Client, handle_file
from PIL import Image
from playwright.sync_api import Locator, Page, expect

import reblocks as gr
from tests.conftest import API, fn_index, load_demo, serve

BLACK = (0, 0, 0, 255)
WHITE = (255, 255, 255, 255)
RED = (204, 50, 50, 255)  # gr.Brush's first default colour, rgb(204, 50, 50)
BLUE = (0, 0, 255, 255)

Received = dict[str, "queue.Queue[Any]"]


@pytest.fixture(scope="module")
def received() -> Received:
    return {name: queue.Queue() for name in ("sketch", "editor", "applied")}


@pytest.fixture(scope="module")
def url(received: Received) -> Iterator[str]:
    with gr.Blocks() as demo:
        sketch = gr.Sketchpad(canvas_size=(200, 120), eraser=gr.Eraser(default_size=20), elem_id="sketch")
        editor = gr.ImageEditor(canvas_size=(200, 120), brush=gr.Brush(default_size=4), elem_id="editor")
        sketch.change(received["sketch"].put, sketch, None)
        editor.change(received["editor"].put, editor, None)
        editor.apply(received["applied"].put, editor, None)
    with serve(demo) as address:
        yield address


@pytest.fixture
def fresh(received: Received) -> Received:
    """The queues, emptied of what earlier tests left."""
    for values in received.values():
        while not values.empty():
            values.get_nowait()
    return received


def first(values: queue.Queue[Any], test: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    """The first value the listener receives that passes `test` (others come before it: each edit sends one)."""
    while True:
        value = values.get(timeout=15)
        if value is not None and test(value):
            return value


def drag(page: Page, canvas: Locator, start: tuple[float, float], end: tuple[float, float]) -> None:
    """Press, move and release the mouse between two points given as fractions of the canvas."""
    box = canvas.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] * start[0], box["y"] + box["height"] * start[1])
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * end[0], box["y"] + box["height"] * end[1], steps=8)
    page.mouse.up()


def pixel(image: np.ndarray, x: int, y: int) -> tuple[int, ...]:
    return tuple(int(channel) for channel in image[y, x])


def png(path: Path, size: tuple[int, int], colour: tuple[int, ...]) -> Path:
    Image.new("RGBA", size, colour).save(path)
    return path


# -- Chromium ------------------------------------------------------------------------------------
def test_a_stroke_on_the_sketchpad_reaches_the_listener_and_the_eraser_removes_it(
        page: Page, url: str, fresh: Received) -> None:
    page.goto(url)
    block = page.locator("#sketch")
    canvas = block.locator("canvas")
    # no source to take a background from: the Sketchpad starts with the brush
    expect(block.get_by_role("button", name="Brush")).to_have_attribute("aria-pressed", "true")
    drag(page, canvas, (0.2, 0.5), (0.8, 0.5))
    value = first(fresh["sketch"], lambda value: value["composite"] is not None)
    composite = value["composite"]
    assert composite.shape == (120, 200, 4)
    assert all(pixel(composite, x, 60) == BLACK for x in range(45, 156, 10))
    assert pixel(composite, 100, 20) == WHITE and pixel(composite, 5, 115) == WHITE
    assert len(value["layers"]) == 1 and pixel(value["layers"][0], 100, 60) == BLACK
    assert pixel(value["background"], 100, 60) == WHITE

    block.get_by_role("button", name="Eraser").click()
    drag(page, canvas, (0.1, 0.5), (0.9, 0.5))
    erased = first(fresh["sketch"], lambda value: bool((value["composite"][..., :3] == 255).all()))
    assert erased["composite"].shape == (120, 200, 4)
    assert erased["layers"][0][..., 3].max() == 0  # the layer is empty again


def test_crop_and_apply_change_the_size_of_the_composite(page: Page, url: str, fresh: Received) -> None:
    page.goto(url)
    block = page.locator("#sketch")
    canvas = block.locator("canvas")
    drag(page, canvas, (0.1, 0.5), (0.9, 0.5))
    first(fresh["sketch"], lambda value: value["composite"].shape == (120, 200, 4))
    block.get_by_role("button", name="Image", exact=True).click()
    block.get_by_role("button", name="Crop").click()
    apply = block.get_by_role("button", name="Apply crop")
    expect(apply).to_be_disabled()
    drag(page, canvas, (0.25, 0.25), (0.75, 0.75))
    apply.click()
    cropped = first(fresh["sketch"], lambda value: value["composite"].shape[:2] != (120, 200))
    height, width = cropped["composite"].shape[:2]
    assert abs(width - 100) <= 2 and abs(height - 60) <= 2
    assert pixel(cropped["composite"], width // 2, 60 - 30) == BLACK  # the stroke at y=60 is now at y=30
    assert cropped["background"].shape[:2] == cropped["layers"][0].shape[:2] == (height, width)
    expect(block.locator("canvas")).to_have_attribute("width", str(width))


def test_a_second_layer_is_drawn_on_and_sent_apart(page: Page, url: str, fresh: Received) -> None:
    page.goto(url)
    block = page.locator("#editor")
    block.get_by_role("button", name="Add a layer").click()
    expect(block.get_by_role("button", name="Layer 2", exact=True)).to_have_attribute("aria-pressed", "true")
    expect(block.get_by_role("button", name="Brush")).to_have_attribute("aria-pressed", "true")
    drag(page, block.locator("canvas"), (0.2, 0.5), (0.8, 0.5))
    value = first(fresh["editor"], lambda value: len(value["layers"]) == 2 and value["layers"][1][..., 3].any())
    lower, upper = value["layers"]
    assert lower[..., 3].max() == 0
    assert pixel(upper, 100, 60) == RED and pixel(upper, 100, 10)[3] == 0
    assert pixel(value["composite"], 100, 60) == RED

    # hiding the upper layer takes its stroke out of the composite, not out of the layers
    block.get_by_role("button", name="Hide Layer 2").click()
    hidden = first(fresh["editor"], lambda value: pixel(value["composite"], 100, 60) == WHITE)
    assert pixel(hidden["layers"][1], 100, 60) == RED

    # the Save button shows because the app listens to `apply`; it sends the value as it is
    block.get_by_role("button", name="Save changes").click()
    applied = fresh["applied"].get(timeout=15)
    assert len(applied["layers"]) == 2 and pixel(applied["composite"], 100, 60) == WHITE


def test_an_uploaded_background_is_painted_over(page: Page, url: str, fresh: Received, tmp_path: Path) -> None:
    page.goto(url)
    block = page.locator("#editor")
    expect(block.get_by_role("button", name="Drop an image here or click to upload")).to_be_visible()
    block.locator("input[type=file]").set_input_files(png(tmp_path / "blue.png", (80, 50), BLUE))
    expect(block.locator("canvas")).to_have_attribute("width", "80")  # the canvas takes the image's size
    uploaded = first(fresh["editor"], lambda value: value["composite"].shape == (50, 80, 4))
    assert pixel(uploaded["background"], 40, 25) == BLUE
    expect(block.get_by_role("button", name="Brush")).to_have_attribute("aria-pressed", "true")
    drag(page, block.locator("canvas"), (0.1, 0.5), (0.9, 0.5))
    value = first(fresh["editor"], lambda value: pixel(value["composite"], 40, 25) != BLUE)
    composite = value["composite"]
    assert composite.shape == (50, 80, 4)
    assert all(pixel(composite, x, 25) == RED for x in range(15, 66, 10))
    assert pixel(composite, 40, 5) == BLUE and pixel(composite, 2, 48) == BLUE
    assert pixel(value["background"], 40, 25) == BLUE  # the stroke is on the layer, not the background

    block.get_by_role("button", name="Undo").click()  # back to the picture before the stroke
    first(fresh["editor"], lambda value: pixel(value["composite"], 40, 25) == BLUE)
    block.get_by_role("button", name="Clear canvas").click()
    expect(block.locator("canvas")).to_have_attribute("width", "200")


def test_resize_scales_the_picture(page: Page, url: str, fresh: Received) -> None:
    page.goto(url)
    block = page.locator("#editor")
    block.get_by_role("button", name="Resize").click()
    expect(block.get_by_role("spinbutton", name="Width")).to_have_value("200")
    block.get_by_role("spinbutton", name="Width").fill("100")
    block.get_by_role("spinbutton", name="Height").fill("30")
    block.get_by_role("button", name="Apply size").click()
    value = first(fresh["editor"], lambda value: value["composite"].shape[:2] == (30, 100))
    assert value["layers"][0].shape[:2] == (30, 100)
    expect(block.locator("canvas")).to_have_attribute("height", "30")


# -- gradio_client and HTTP ----------------------------------------------------------------------
def test_gradio_client_round_trip(tmp_path: Path) -> None:
    with serve(load_demo("blocks_image_editor").demo) as address:
        client = Client(address, verbose=False)
        background = png(tmp_path / "background.png", (40, 30), BLUE)
        layer = png(tmp_path / "layer.png", (40, 30), (0, 0, 0, 0))
        composite = np.zeros((30, 40, 4), dtype=np.uint8)
        composite[..., 1], composite[..., 3] = 200, 255
        composite[10:20, 10:30] = (250, 0, 0, 255)
        Image.fromarray(composite).save(tmp_path / "composite.png")
        value = {"background": handle_file(str(background)), "layers": [handle_file(str(layer))],
                 "composite": handle_file(str(tmp_path / "composite.png"))}
        result = client.predict(value, api_name="/composite")
    returned = np.array(Image.open(result).convert("RGBA"))
    assert returned.shape == (30, 40, 4)
    assert pixel(returned, 15, 15) == (250, 0, 0, 255) and pixel(returned, 2, 2) == (0, 200, 0, 255)


def test_a_payload_naming_a_server_file_is_refused() -> None:
    with gr.Blocks() as demo:
        editor = gr.ImageEditor()
        editor.change(lambda value: value, editor, editor, api_name="echo")
    hostile = {"background": {"path": "/etc/passwd", "meta": {"_type": "gradio.FileData"}}, "layers": [],
               "composite": None}
    body: dict[str, Any] = {"data": [hostile], "fn_index": fn_index(demo, "echo"), "session_hash": "s1"}
    with serve(demo) as address:
        response = httpx.post(f"{address.rstrip('/')}{API}/queue/join", json=body)
        assert response.status_code == 403
        body["data"] = [{"background": None, "layers": "not a list", "composite": None}]
        response = httpx.post(f"{address.rstrip('/')}{API}/queue/join", json=body)
        assert response.status_code == 422 and "ImageEditor" in response.text


# -- values in and out ---------------------------------------------------------------------------
def test_pre_and_postprocessing(tmp_path: Path) -> None:
    editor = gr.ImageEditor(type="pil", format="png", render=False)
    red = np.zeros((4, 6, 3), dtype=np.uint8)
    red[..., 0] = 255
    single = editor.postprocess(red)
    assert single is not None and single["layers"] == [] and single["background"]["path"].endswith(".png")
    assert single["composite"]["path"] == single["background"]["path"]
    full = editor.postprocess({"background": red, "layers": [Image.new("RGBA", (6, 4))], "composite": None})
    assert full is not None and len(full["layers"]) == 1 and full["composite"] is None
    value = editor.preprocess(full)
    assert value is not None and value["background"].size == (6, 4) and value["background"].mode == "RGBA"
    assert value["layers"][0].mode == "RGBA" and value["composite"] is None
    assert editor.preprocess(None) is None and editor.postprocess(None) is None
    paths = gr.ImageEditor(type="filepath", render=False).preprocess(full)
    assert paths is not None and paths["background"] == full["background"]["path"]
    webp = gr.ImageEditor(render=False).postprocess(red)  # Gradio's default format
    assert webp is not None and webp["background"]["path"].endswith(".webp")
    with pytest.raises(ValueError, match="'background', 'layers' and 'composite'"):
        editor.postprocess({"backgrond": red})
    with pytest.raises(ValueError, match="cannot show int as an image"):
        editor.postprocess(42)
    with pytest.raises(ValueError, match="expected a file"):
        editor.preprocess({"background": "/etc/passwd", "layers": [], "composite": None})


def test_presets_differ_from_the_editor_as_gradios_do() -> None:
    with gr.Blocks() as demo:
        blocks = [gr.ImageEditor(), gr.Sketchpad(), gr.Paint(), gr.ImageMask()]
    props = {entry.component_class_id: entry.props for entry in demo.config().components
             if entry.id in {block.id for block in blocks}}
    assert {entry.type for entry in demo.config().components} == {"imageeditor"}
    editor, sketchpad, paint, mask = (props[name] for name in ("ImageEditor", "Sketchpad", "Paint", "ImageMask"))
    assert editor["sources"] == ["upload", "webcam", "clipboard"] and editor["transforms"] == ["crop", "resize"]
    assert editor["brush"].colors[0] == "rgb(204, 50, 50)" and editor["brush"].color_mode == "defaults"
    assert sketchpad["sources"] == [] and sketchpad["transforms"] == ["crop"]
    assert sketchpad["brush"] == gr.Brush(colors=["#000000"], default_color="#000000", color_mode="fixed")
    assert paint["sources"] == [] and paint["brush"] == gr.Brush()
    assert mask["sources"] == editor["sources"] and mask["layers"].disabled and mask["brush"] == sketchpad["brush"]
    assert gr.ImageEditor(layers=False, render=False).layers == gr.LayerOptions(layers=["Layer 1"], disabled=True)
    assert gr.LayerOptions(layers=["Sky", "Ground"]).layers == ["Sky", "Ground"]
    assert gr.Brush(colors="#123456").default_color == "#123456"
    assert gr.ImageEditor(brush=False, eraser=False, render=False).brush is False


def test_the_keyword_rules() -> None:
    with pytest.raises(TypeError, match=r"^ImageEditor\(\) got an unexpected keyword argument 'canvas_sise'$"):
        gr.ImageEditor(canvas_sise=(10, 10))
    with pytest.raises(TypeError, match=r"^Sketchpad\(\) got an unexpected keyword argument 'brush_color'$"):
        gr.Sketchpad(brush_color="red")
    with pytest.raises(TypeError, match=r"^ImageEditor\(\) got an unexpected keyword argument 'info'$"):
        gr.ImageEditor(info="Gradio's ImageEditor has no info line")
    with pytest.raises(ValueError, match="canvas_size"):
        gr.ImageEditor(canvas_size=(0, 10))
    with pytest.raises(ValueError, match="transforms"):
        gr.Paint(transforms=("rotate",))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="sources"):
        gr.ImageMask(sources=["microphone"])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="type"):
        gr.ImageEditor(type="bytes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="color_mode"):
        gr.Brush(color_mode="any")  # type: ignore[arg-type]
    with pytest.raises(NotImplementedError, match=r"ImageEditor.stream"):
        gr.ImageEditor(render=False).stream(lambda value: value)
