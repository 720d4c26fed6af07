"""AnnotatedImage: an image with labelled regions (boxes or masks) drawn over it, and a legend."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, TypedDict

from reblocks.components.base import Component
from reblocks.components.files import FileDataPayload, file_data, file_path, generated_path
from reblocks.components.media import image_file, require
from reblocks.components.toolbar import CustomButton, Toolbar

if TYPE_CHECKING:
    from reblocks.components.display import Button

__all__ = ["AnnotatedImage"]

BORDER = 3  # pixels of a box's outline, drawn opaque over its half-transparent inside (as Gradio does)


class Annotation(TypedDict):
    """One region: its overlay image (the region coloured, the rest transparent) and its label."""

    image: FileDataPayload
    label: str


class AnnotatedImageData(TypedDict):
    """AnnotatedImage's payload: the base image and the regions over it."""

    image: FileDataPayload
    annotations: list[Annotation]


def _rgb(colour: str) -> tuple[int, int, int]:
    """A "#rrggbb" or "#rgb" colour as its three channels."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    if len(digits) != 6:
        raise ValueError(f"color_map colours must be '#rrggbb' or '#rgb', not {colour!r}")
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


class AnnotatedImage(Component):
    """A base image (path, URL, PIL image or numpy array) and (region, label) pairs, where a region is a
    box (x1, y1, x2, y2) in pixels or a mask of the image's size with values from 0 to 1. Each region
    becomes a coloured overlay; the legend highlights a region and its click is a `select` event."""

    class Props(Component.Props):
        show_legend: bool = True
        """Whether the labels are listed under the image."""
        height: int | str | None = None
        """The image's height (pixels, or a CSS length)."""
        width: int | str | None = None
        """The image's width (pixels, or a CSS length)."""
        color_map: dict[str, str] | None = None
        """A colour per label ("#rrggbb"); labels without one are red, as in Gradio."""
        buttons: list[str | CustomButton] | None = None
        """The top-right buttons: "fullscreen" shows the image filling the window, gr.Buttons fire their
        `click`; None: "fullscreen"."""

    TYPE = "annotatedimage"
    buttons = Toolbar("fullscreen", default=("fullscreen",))
    EVENTS = ("select",)
    has_files = True
    payload = AnnotatedImageData | None
    python_type = "tuple[str, list[tuple[str, str]]]"
    api_schema = {"type": "object", "properties": {
        "image": {"type": "object", "properties": {"path": {"type": "string"}}},
        "annotations": {"type": "array", "items": {"type": "object", "properties": {
            "image": {"type": "object", "properties": {"path": {"type": "string"}}},
            "label": {"type": "string"}}}}},
        "description": "the base image and each region's overlay image with its label"}
    example_value = None

    def __init__(self, value: Any = None, *, show_legend: bool = True, height: int | str | None = None, width: int | str | None = None,
                 color_map: dict[str, str] | None = None, label: str | None = None,
                 buttons: Sequence[Literal["fullscreen"] | Button] | None = None, **kwargs: Any) -> None:
        for colour in (color_map or {}).values():
            _rgb(colour)
        super().__init__(value, **kwargs)

    def preprocess(self, payload: AnnotatedImageData | None) -> tuple[str, list[tuple[str, str]]] | None:
        if payload is None:
            return None
        base = file_path(payload["image"])
        assert base is not None
        return base, [(str(file_path(item["image"])), item["label"]) for item in payload["annotations"]]

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        base, regions = value
        numpy = require("numpy", "gr.AnnotatedImage")
        pil = require("PIL.Image", "gr.AnnotatedImage")
        image = image_file(base)
        height, width = numpy.asarray(pil.open(file_path(image))).shape[:2]
        annotations = []
        for region, label in regions:
            alpha = self._alpha(numpy, region, height, width)
            overlay = numpy.zeros((height, width, 4), dtype=numpy.uint8)
            overlay[..., :3] = _rgb((self.color_map or {}).get(str(label), "#ff0000"))
            overlay[..., :3] *= (alpha > 0)[..., None]
            overlay[..., 3] = numpy.rint(numpy.clip(alpha, 0, 1) * 255).astype(numpy.uint8)
            path = generated_path(".png")
            pil.fromarray(overlay, "RGBA").save(path)
            annotations.append({"image": file_data(path), "label": str(label)})
        return {"image": image, "annotations": annotations}

    @staticmethod
    def _alpha(numpy: Any, region: Any, height: int, width: int) -> Any:
        """A region's opacity per pixel: a mask as given, or a box half-transparent inside and opaque
        along its outline."""
        if hasattr(region, "shape"):
            mask = numpy.asarray(region, dtype=float)
            if mask.shape[:2] != (height, width):
                raise ValueError(f"a mask must have the image's size {(height, width)}, not {mask.shape[:2]}")
            return mask
        x1, y1, x2, y2 = (int(round(number)) for number in region)
        alpha = numpy.zeros((height, width))
        alpha[y1:y2, x1:x2] = 0.5
        alpha[y1:y2, x1:x1 + BORDER] = alpha[y1:y2, max(x2 - BORDER, x1):x2] = 1
        alpha[y1:y1 + BORDER, x1:x2] = alpha[max(y2 - BORDER, y1):y2, x1:x2] = 1
        return alpha
