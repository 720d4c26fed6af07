"""gr.Model3D: models parsed and drawn with WebGL in Chromium (OBJ, STL, glTF binary, PLY), turned and put
back, uploaded to a listener as a path, cleared; the payload through gradio_client and the HTTP API."""

from __future__ import annotations

import io
import json
import struct
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from gradio_client import Client, handle_file
from PIL import Image, ImageChops
from playwright.sync_api import Browser, Locator, Page, Playwright, expect

import reblocks as gr
from tests.browser import ARGS, CHROMIUM
from tests.conftest import API, load_demo, serve

Triangle = tuple[tuple[float, float, float], ...]


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Chromium draws WebGL with SwiftShader, its software renderer; recent versions only fall back to it
    when told that this is wanted."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, "--enable-unsafe-swiftshader"])
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def demo() -> ModuleType:
    return load_demo("blocks_model3d")


@pytest.fixture(scope="module")
def url(demo: ModuleType) -> Iterator[str]:
    with serve(demo.demo) as url:
        yield url


def triangles(demo: ModuleType, name: str) -> list[Triangle]:
    """The demo's shape as triangles (each face a fan), corners counter-clockwise seen from outside."""
    corners, faces = demo.SHAPES[name]
    return [(corners[face[0] - 1], corners[face[i] - 1], corners[face[i + 1] - 1])
            for face in faces for i in range(1, len(face) - 1)]


def stl(path: Path, faces: list[Triangle]) -> Path:
    """An ASCII STL file of `faces`."""
    lines = ["solid shape"]
    for face in faces:
        lines += ["facet normal 0 0 0", "outer loop", *(f"vertex {x} {y} {z}" for x, y, z in face), "endloop",
                  "endfacet"]
    path.write_text("\n".join([*lines, "endsolid shape"]) + "\n")
    return path


def glb(path: Path, faces: list[Triangle]) -> Path:
    """A binary glTF file: one mesh of `faces`, its corners listed once and indexed."""
    corners = sorted({corner for face in faces for corner in face})
    indices = [corners.index(corner) for face in faces for corner in face]
    positions = b"".join(struct.pack("<3f", *corner) for corner in corners)
    index_bytes = struct.pack(f"<{len(indices)}H", *indices)
    index_bytes += b"\0" * (-len(index_bytes) % 4)
    binary = positions + index_bytes
    document = {
        "asset": {"version": "2.0"}, "scene": 0, "scenes": [{"nodes": [0]}], "nodes": [{"mesh": 0}],
        "meshes": [{"primitives": [{"attributes": {"POSITION": 0}, "indices": 1}]}],
        "accessors": [
            {"bufferView": 0, "componentType": 5126, "count": len(corners), "type": "VEC3",
             "min": [min(c[axis] for c in corners) for axis in range(3)],
             "max": [max(c[axis] for c in corners) for axis in range(3)]},
            {"bufferView": 1, "componentType": 5123, "count": len(indices), "type": "SCALAR"},
        ],
        "bufferViews": [{"buffer": 0, "byteOffset": 0, "byteLength": len(positions)},
                        {"buffer": 0, "byteOffset": len(positions), "byteLength": len(indices) * 2}],
        "buffers": [{"byteLength": len(binary)}],
    }
    text = json.dumps(document).encode()
    text += b" " * (-len(text) % 4)
    chunks = struct.pack("<I4s", len(text), b"JSON") + text + struct.pack("<I4s", len(binary), b"BIN\0") + binary
    path.write_bytes(struct.pack("<4sII", b"glTF", 2, 12 + len(chunks)) + chunks)
    return path


def ply_points(path: Path, count: int) -> Path:
    """An ASCII PLY point cloud (no faces) of `count` points on a line."""
    header = ["ply", "format ascii 1.0", f"element vertex {count}", "property float x", "property float y",
              "property float z", "end_header"]
    path.write_text("\n".join([*header, *(f"{i} {i % 3} 0" for i in range(count))]) + "\n")
    return path


def splat(path: Path, count: int) -> Path:
    """A .splat file of `count` orange splats on a line: 32-byte rows of centre, scale, RGBA and rotation."""
    rows = (struct.pack("<3f3f4B4B", i, i % 2, 0, 0.1, 0.1, 0.1, 255, 128, 0, 255, 128, 128, 128, 128)
            for i in range(count))
    path.write_bytes(b"".join(rows))
    return path


def gaussian_ply(path: Path, count: int) -> Path:
    """A PLY file of `count` Gaussian splats (their centres and base colours; the rest a viewer of points
    does not read)."""
    header = ["ply", "format ascii 1.0", f"element vertex {count}",
              *(f"property float {name}" for name in ("x", "y", "z", "f_dc_0", "f_dc_1", "f_dc_2", "opacity")),
              "end_header"]
    path.write_text("\n".join([*header, *(f"{i} {i % 2} 0 1.5 0 -1.5 1" for i in range(count))]) + "\n")
    return path


def block(page: Page, label: str) -> Locator:
    return page.locator(".block").filter(has=page.locator(f"xpath=./label[normalize-space()='{label}']"))


def loaded(view: Locator, triangles: int) -> None:
    """Wait until the viewer's canvas says its model is parsed, with that many triangles."""
    canvas = view.get_by_role("img")
    expect(canvas).to_have_attribute("data-loaded", "true")
    expect(canvas).to_have_attribute("data-triangles", str(triangles))


def pixels(view: Locator) -> Image.Image:
    return Image.open(io.BytesIO(view.get_by_role("img").screenshot())).convert("RGB")


def difference(one: Image.Image, other: Image.Image) -> float:
    """The mean difference of two pictures' channels, from 0 to 255."""
    histogram = ImageChops.difference(one, other).convert("L").histogram()
    return sum(level * count for level, count in enumerate(histogram)) / (one.width * one.height)


def test_a_cube_obj_is_parsed_and_drawn_over_the_clear_colour(page: Page, url: str) -> None:
    page.goto(url)
    built = block(page, "Built shape")
    canvas = built.get_by_role("img", name="Built shape")
    loaded(built, 12)  # six square faces, two triangles each
    expect(canvas).to_have_attribute("data-vertices", "36")
    image = pixels(built)
    width, height = image.size
    background = (38, 48, 71)  # clear_color=(0.15, 0.19, 0.28, 1)
    assert all(abs(a - b) <= 2 for a, b in zip(image.getpixel((2, 2)), background, strict=True))
    centre = image.getpixel((width // 2, height // 2))
    assert max(abs(a - b) for a, b in zip(centre, background, strict=True)) > 40, centre
    # The shape's faces are lit differently, so more than one colour is drawn over the background.
    middle = image.crop((width // 3, height // 3, 2 * width // 3, 2 * height // 3))
    assert len({colour for _, colour in middle.getcolors(1 << 16) or []}) > 2

    page.get_by_role("radio", name="Pyramid").check()
    loaded(built, 6)  # a square base and four sides


def test_dragging_turns_the_model_and_reset_puts_the_camera_back(page: Page, url: str) -> None:
    page.goto(url)
    built = block(page, "Built shape")
    loaded(built, 12)
    before = pixels(built)
    box = built.get_by_role("img").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 120, box["y"] + box["height"] / 2 + 30, steps=6)
    page.mouse.up()
    assert difference(pixels(built), before) > 5
    built.get_by_role("button", name="Reset the camera").click()
    assert difference(pixels(built), before) < 0.5  # the same view, but for rounding at a few edge pixels


def test_an_upload_reaches_the_listener_as_a_path_and_clear_empties_it(page: Page, url: str, demo: ModuleType,
                                                                     tmp_path: Path) -> None:
    page.goto(url)
    given = block(page, "Your model")
    model = stl(tmp_path / "cube.stl", triangles(demo, "Cube"))
    given.locator("input[type=file]").set_input_files(model)
    expect(page.get_by_label("Received")).to_have_value(f".stl file, {model.stat().st_size} bytes")
    loaded(given, 12)
    loaded(block(page, "Shown"), 12)  # the change listener shows it in the wireframe viewer too
    given.get_by_role("button", name="Clear").click()
    expect(page.get_by_label("Received")).to_have_value("No model")
    expect(given.get_by_role("img")).to_have_count(0)
    expect(block(page, "Shown").get_by_role("img")).to_have_count(0)
    expect(given.get_by_role("button", name="Upload a 3D model")).to_be_visible()


def test_a_file_that_is_no_model_is_refused_before_upload(page: Page, url: str, tmp_path: Path) -> None:
    page.goto(url)
    given = block(page, "Your model")
    (tmp_path / "notes.txt").write_text("not a model")
    given.locator("input[type=file]").set_input_files(tmp_path / "notes.txt")
    expect(given.get_by_role("alert")).to_contain_text("not an accepted file type")
    expect(page.get_by_label("Received")).to_have_value("No model")


@pytest.mark.parametrize(("name", "triangle_count", "vertex_count"), [
    ("cube.glb", 12, 8), ("points.ply", 0, 7), ("pyramid.obj", 6, 18), ("scene.splat", 0, 3),
    ("splats.ply", 0, 4)])
def test_each_format_is_parsed(page: Page, demo: ModuleType, tmp_path: Path, name: str, triangle_count: int,
                               vertex_count: int) -> None:
    if name.endswith(".glb"):
        path = glb(tmp_path / name, triangles(demo, "Cube"))
    elif name == "points.ply":
        path = ply_points(tmp_path / name, 7)
    elif name == "splats.ply":
        path = gaussian_ply(tmp_path / name, 4)
    elif name.endswith(".splat"):
        path = splat(tmp_path / name, 3)
    else:
        path = Path(demo.shape("Pyramid"))
    with gr.Blocks() as app:
        gr.Model3D(str(path), label="Model", display_mode="point_cloud", clear_color=(0, 0, 0, 1))
    with serve(app) as app_url:
        page.goto(app_url)
        view = page.locator(".block").filter(has=page.get_by_role("img", name="Model"))
        loaded(view, triangle_count)
        expect(view.get_by_role("img")).to_have_attribute("data-vertices", str(vertex_count))
        # Drawn as points: some pixels in the middle are not the black background.
        image = pixels(view)
        width, height = image.size
        middle = image.crop((width // 4, height // 4, 3 * width // 4, 3 * height // 4))
        assert middle.getextrema() != ((0, 0), (0, 0), (0, 0))


def test_a_model_that_cannot_be_read_says_so(page: Page, tmp_path: Path) -> None:
    (tmp_path / "broken.glb").write_bytes(b"glTF\x02\0\0\0 not really")
    with gr.Blocks() as app:
        gr.Model3D(str(tmp_path / "broken.glb"), label="Broken")
    with serve(app) as app_url:
        page.goto(app_url)
        expect(page.get_by_role("alert")).to_contain_text("This model cannot be shown")
        expect(page.get_by_role("img", name="Broken")).to_have_attribute("data-loaded", "false")


def test_gradio_client_round_trip(url: str, demo: ModuleType, tmp_path: Path) -> None:
    client = Client(url, verbose=False)
    model = glb(tmp_path / "cube.glb", triangles(demo, "Cube"))
    assert client.predict(handle_file(str(model)), api_name="/describe") == f".glb file, {model.stat().st_size} bytes"
    shown = client.predict(handle_file(str(model)), api_name="/show")
    assert Path(shown).read_bytes() == model.read_bytes()
    built = client.predict("Pyramid", api_name="/shape")
    assert Path(built).read_text().count("\nf ") == 5  # a base and four sides


def test_a_server_file_as_the_model_is_refused(url: str) -> None:
    config = httpx.get(f"{url}config").json()
    show = next(d for d in config["dependencies"] if d.get("api_name") == "show")
    response = httpx.post(f"{url}{API[1:]}/queue/join", json={
        "data": [{"path": "/etc/passwd", "meta": {"_type": "gradio.FileData"}}], "fn_index": show["id"],
        "session_hash": "probe"})
    assert response.status_code == 403 and "File not allowed" in response.json()["detail"]


def test_props_payloads_and_arguments_follow_gradio(tmp_path: Path) -> None:
    model = gr.Model3D(camera_position=(45, None, 3), clear_color=[1, 1, 1, 1], zoom_speed=2, render=False)
    props = model.get_props()
    assert props["camera_position"] == (45, None, 3) and props["clear_color"] == (1, 1, 1, 1)
    assert props["zoom_speed"] == 2 and props["pan_speed"] == 1 and props["display_mode"] is None
    assert gr.Model3D(render=False).clear_color == (0, 0, 0, 0)
    path = tmp_path / "shape.obj"
    path.write_text("v 0 0 0\n")
    payload = model.postprocess(str(path))
    assert payload is not None and payload["orig_name"] == "shape.obj" and payload["size"] == 8
    assert model.preprocess(payload) == str(path)
    assert model.preprocess(None) is None and model.postprocess(None) is None
    assert model.api_info()["title"] == "FileData"
    for bad in ({"display_mode": "shaded"}, {"clear_color": (2, 0, 0, 1)}, {"clear_color": (0, 0, 0)},
                {"camera_position": (0, 0)}, {"camera_position": (0, 0, -1)}, {"zoom_speed": 0}):
        with pytest.raises(ValueError, match="Model3D"):
            gr.Model3D(render=False, **bad)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert gr.Model3D(buttons=[], render=False).buttons == []
    assert caught == []
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        gr.Model3D(colour="red", render=False)  # type: ignore[call-arg]


def test_the_api_page_describes_the_model_payload(url: str) -> None:
    info: dict[str, Any] = httpx.get(f"{url}{API[1:]}/info").json()
    parameter = info["named_endpoints"]["/show"]["parameters"][0]
    assert parameter["component"] == "Model3d" and parameter["python_type"]["type"] == "filepath"
    assert parameter["type"]["title"] == "FileData"
