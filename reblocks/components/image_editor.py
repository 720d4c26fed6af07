"""ImageEditor and its presets (Sketchpad, Paint, ImageMask): a background image, layers drawn over it
with a brush and an eraser, crop and resize; the function gets the background, each layer and the
composite of them all."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal, TypedDict

import msgspec

from reblocks.components.files import FileDataPayload, file_path
from reblocks.components.media import (
    WebcamOptions, _FileComponent, _sources, _webcam_options, image_file, image_value, no_stream,
)

__all__ = ["Brush", "Eraser", "ImageEditor", "ImageMask", "LayerOptions", "Paint", "Sketchpad"]

Source = Literal["upload", "webcam", "clipboard"]
Transform = Literal["crop", "resize"]
_SOURCES: tuple[Source, ...] = ("upload", "webcam", "clipboard")
_TRANSFORMS: tuple[Transform, ...] = ("crop", "resize")
_DEFAULT_COLORS = ["rgb(204, 50, 50)", "rgb(173, 204, 50)", "rgb(50, 204, 112)", "rgb(50, 112, 204)",
                   "rgb(173, 50, 204)"]
_SAMPLE = "https://raw.githubusercontent.com/gradio-app/gradio/main/test/test_files/bus.png"


class Eraser(msgspec.Struct):
    """The eraser of an ImageEditor (Gradio's `gr.Eraser`)."""

    default_size: int | Literal["auto"] = "auto"
    """The eraser's radius in pixels at first; "auto": a fiftieth of the canvas's shorter side."""


class Brush(Eraser):
    """The brush of an ImageEditor (Gradio's `gr.Brush`): its size, its palette and whether other
    colours may be picked."""

    colors: list[str | tuple[str, float]] | str | None = None
    """The palette: CSS colours, or (colour, opacity) pairs; None: five of Gradio's defaults."""
    default_color: str | tuple[str, float] | None = None
    """The colour the brush starts with; None: the palette's first."""
    color_mode: Literal["fixed", "defaults"] = "defaults"
    """"fixed": only the palette's colours; "defaults": the palette, and a picker for any other."""

    def __post_init__(self) -> None:
        colors: Any = self.colors
        if colors is None:
            colors = list(_DEFAULT_COLORS)
        elif isinstance(colors, (str, tuple)):  # one colour, as Gradio takes it
            colors = [colors]
        self.colors = colors
        if self.default_color is None and self.colors:
            self.default_color = self.colors[0]
        if self.color_mode not in ("fixed", "defaults"):
            raise ValueError(f'Brush(color_mode=...) is "fixed" or "defaults", not {self.color_mode!r}')


class LayerOptions(msgspec.Struct):
    """The layers of an ImageEditor (Gradio's `gr.LayerOptions`)."""

    allow_additional_layers: bool = True
    """Whether the user may add layers of their own."""
    layers: list[str] | None = None
    """The names of the layers the editor starts with; None or empty: one, "Layer 1"."""
    disabled: bool = False
    """Whether the layer controls are hidden (the editor then draws on its one layer)."""

    def __post_init__(self) -> None:
        if not self.layers:
            self.layers = ["Layer 1"]


class EditorDataPayload(TypedDict, total=False):
    """An ImageEditor's value on the wire (Gradio's `EditorData`): each image a FileData."""

    background: FileDataPayload | None
    layers: list[FileDataPayload]
    composite: FileDataPayload | None
    id: str | None


class ImageEditor(_FileComponent):
    """Edits an image in the browser: a background (uploaded, pasted, taken with the webcam, or given),
    layers painted with a brush and an eraser, crop and resize. The function gets a dict of the
    `background`, the `layers` and their `composite`, each image as `type` says."""

    class Props(_FileComponent.Props):
        height: int | str | None = None
        """The editor's height (pixels, or a CSS length); the canvas is scaled to fit."""
        width: int | str | None = None
        """The editor's width (pixels, or a CSS length)."""
        image_mode: str | None = "RGBA"
        """The PIL mode the images are converted to before the function gets them; None: as they are."""
        sources: Sequence[str] = _SOURCES
        """Where a background may come from: "upload" (and drop), "webcam", "clipboard"."""
        buttons: list[str] | None = None
        """The corner buttons to show ("download" is the one drawn); None: all of them."""
        placeholder: str | None = None
        """The text shown over the empty canvas instead of the upload prompt ("# " starts a heading)."""
        transforms: Sequence[str] = _TRANSFORMS
        """The transforms offered: "crop" (drag a rectangle, then apply) and "resize"."""
        eraser: Eraser | bool | None = None
        """The eraser's options; False: no eraser; None (or True): `gr.Eraser()`."""
        brush: Brush | bool | None = None
        """The brush's options; False: no brush (and no eraser); None (or True): `gr.Brush()`, or
        for Sketchpad and ImageMask a black brush and only black."""
        format: str = "webp"
        """The file format images the function returns as arrays or PIL images are saved in."""
        layers: LayerOptions | bool = True
        """The layers the editor starts with, whether more may be added, whether the controls show;
        True: `gr.LayerOptions()`, False: one layer and no controls."""
        canvas_size: tuple[int, int] = (800, 800)
        """The blank canvas's width and height in pixels; an image taken later sets its own size."""
        fixed_canvas: bool = False
        """Whether the canvas keeps `canvas_size`, a background being scaled to fit it, centred."""
        webcam_options: WebcamOptions | None = None
        """How the webcam is shown and opened (mirrored, media constraints); None: as `WebcamOptions()`."""

    TYPE = "imageeditor"
    EVENTS = ("clear", "change", "input", "select", "upload", "apply")
    payload = EditorDataPayload | None
    python_type = "Dict(background: filepath | None, layers: List[filepath], composite: filepath | None)"
    stream = no_stream

    def __init__(self, value: Any = None, *, height: int | str | None = None, width: int | str | None = None,
                 image_mode: str | None = "RGBA", sources: Iterable[Source] | Source | None = _SOURCES,
                 type: Literal["numpy", "pil", "filepath"] = "numpy",  # noqa: A002
                 label: str | None = None, buttons: list[str] | None = None, placeholder: str | None = None,
                 transforms: Iterable[Transform] | None = _TRANSFORMS, eraser: Eraser | bool | None = None,
                 brush: Brush | bool | None = None, format: str = "webp",  # noqa: A002
                 layers: bool | LayerOptions = True, canvas_size: tuple[int, int] = (800, 800),
                 fixed_canvas: bool = False, webcam_options: WebcamOptions | dict[str, Any] | None = None,
                 **kwargs: Any) -> None:
        if type not in ("numpy", "pil", "filepath"):
            raise ValueError(f"Invalid value for parameter `type`: {type}. "
                             "Please choose from one of: ['numpy', 'pil', 'filepath']")
        self.type = type
        self.sources = _sources(_owner(self), sources, _SOURCES, ())
        self.transforms = list(transforms or ())
        for transform in self.transforms:
            if transform not in _TRANSFORMS:
                raise ValueError(f"{_owner(self)}(transforms=...) lists some of 'crop', 'resize', "
                                 f"not {transform!r}")
        if (not isinstance(canvas_size, (tuple, list)) or len(canvas_size) != 2
                or not all(isinstance(side, int) and side > 0 for side in canvas_size)):
            raise ValueError(f"{_owner(self)}(canvas_size=...) is (width, height) in pixels, "
                             f"not {canvas_size!r}")
        self.canvas_size = tuple(canvas_size)
        self.brush = Brush() if brush is None or brush is True else brush
        self.eraser = Eraser() if eraser is None or eraser is True else eraser
        self.layers = (LayerOptions() if layers is True else LayerOptions(disabled=True) if layers is False
                       else layers)
        self.webcam_options = _webcam_options(_owner(self), webcam_options, None, None)
        super().__init__(value, **kwargs)

    def api_info(self) -> dict[str, Any]:
        file = super().api_info()
        return {"properties": {"background": {"anyOf": [file, {"type": "null"}], "default": None},
                               "layers": {"type": "array", "items": file, "default": []},
                               "composite": {"anyOf": [file, {"type": "null"}], "default": None},
                               "id": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None}},
                "title": "EditorData", "type": "object",
                "description": "{'background': image, 'layers': list of images, 'composite': image}"}

    def example_inputs(self) -> Any:
        return {"background": {"path": _SAMPLE, "meta": {"_type": "gradio.FileData"}}, "layers": [],
                "composite": None}

    def preprocess(self, payload: Any) -> dict[str, Any] | None:
        """The editor's images as the function takes them: {"background", "layers", "composite"}."""
        if payload is None:
            return None

        def image(file: Any) -> Any:
            return image_value(file_path(file), self.type, self.image_mode)

        return {"background": image(payload.get("background")),
                "layers": [image(layer) for layer in payload.get("layers") or [] if layer is not None],
                "composite": image(payload.get("composite"))}

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        """An EditorValue dict, or one image (the background, and the composite), as EditorData."""
        if value is None:
            return None
        if not isinstance(value, dict):  # one image: the background, and so the composite too
            image = image_file(value, self.format)
            return {"background": image, "layers": [], "composite": dict(image), "id": None}
        unknown = set(value) - {"background", "layers", "composite", "id"}
        if unknown:
            raise ValueError(f"An ImageEditor's value is a dict of 'background', 'layers' and 'composite', "
                             f"not {sorted(unknown)}")
        layers = value.get("layers") or []
        if not isinstance(layers, (list, tuple)):
            raise ValueError("An ImageEditor's 'layers' is a list of images")

        def saved(image: Any) -> dict[str, Any] | None:
            return None if image is None else image_file(image, self.format)

        return {"background": saved(value.get("background")), "layers": [saved(layer) for layer in layers],
                "composite": saved(value.get("composite")), "id": None}


def _owner(block: ImageEditor) -> str:
    """The class name errors speak of (the constructor's `type` parameter hides the builtin there)."""
    return type(block).__name__


def _black_brush() -> Brush:
    """Sketchpad's and ImageMask's brush: black, and only black."""
    return Brush(colors=["#000000"], color_mode="fixed")


class _BlankCanvas(ImageEditor.Props):
    """The presets' defaults: no background to take, crop alone."""

    sources: Sequence[str] = ()
    """Where a background may come from: none by default."""
    transforms: Sequence[str] = ("crop",)
    """The transforms offered: crop alone by default."""


class Sketchpad(ImageEditor):
    """An ImageEditor to draw on a blank white canvas: no background to take, a black brush."""

    Props = _BlankCanvas

    def __init__(self, value: Any = None, *, sources: Sequence[Source] = (),
                 transforms: Sequence[Transform] = ("crop",), brush: Brush | None = None,
                 **kwargs: Any) -> None:
        super().__init__(value, sources=sources, transforms=transforms,
                         brush=brush or _black_brush(), **kwargs)


class Paint(ImageEditor):
    """An ImageEditor to paint in colours on a blank white canvas: no background to take."""

    Props = _BlankCanvas

    def __init__(self, value: Any = None, *, sources: Sequence[Source] = (),
                 transforms: Sequence[Transform] = ("crop",), **kwargs: Any) -> None:
        super().__init__(value, sources=sources, transforms=transforms, **kwargs)


class ImageMask(ImageEditor):
    """An ImageEditor to paint a mask over an image: a black brush on one layer, no layer controls."""

    class Props(ImageEditor.Props):
        transforms: Sequence[str] = ("crop",)
        """The transforms offered: crop alone by default."""
        layers: LayerOptions | bool = False
        """The layers: one, with no controls, by default."""

    def __init__(self, value: Any = None, *, transforms: Sequence[Transform] = ("crop",),
                 brush: Brush | None = None, layers: LayerOptions | bool = False, **kwargs: Any) -> None:
        super().__init__(value, transforms=transforms, layers=layers,
                         brush=brush or _black_brush(), **kwargs)
