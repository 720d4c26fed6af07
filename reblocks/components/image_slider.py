"""ImageSlider: two images one over the other, a slider revealing one or the other (before and after)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from reblocks.components.files import FileDataPayload, file_path
from reblocks.components.media import _FileComponent, image_file, image_value, no_stream
from reblocks.components.toolbar import CustomButton, Toolbar

if TYPE_CHECKING:
    from reblocks.components.display import Button

__all__ = ["ImageSlider"]


class ImageSlider(_FileComponent):
    """A pair of images (paths, URLs, PIL images or numpy arrays) compared with a slider: the first
    shows left of it, the second right of it. The function gets the pair as `type` says."""

    class Props(_FileComponent.Props):
        height: int | str | None = None
        """The images' height (pixels, or a CSS length)."""
        width: int | str | None = None
        """The images' width (pixels, or a CSS length)."""
        image_mode: str | None = "RGB"
        """The PIL mode uploaded images are converted to before the function gets them; None: as is."""
        slider_position: float = 50
        """Where the slider starts, in percent of the width from the left."""
        max_height: int = 500
        """The tallest the images get, in pixels."""
        buttons: list[str | CustomButton] | None = None
        """The top-right buttons: "download" saves the second image, "fullscreen" fills the window with the
        pair, gr.Buttons fire their `click`; None: "download" and "fullscreen"."""

    TYPE = "imageslider"
    buttons = Toolbar("download", "fullscreen", default=("download", "fullscreen"))
    EVENTS = ("clear", "change", "select", "upload", "input")
    payload = tuple[FileDataPayload | None, FileDataPayload | None] | None
    python_type = "tuple[str | None, str | None]"
    stream = no_stream

    def __init__(self, value: Any = None, *, height: int | str | None = None, width: int | str | None = None,
                 image_mode: str | None = "RGB", type: Literal["numpy", "pil", "filepath"] = "numpy",  # noqa: A002
                 label: str | None = None, slider_position: float = 50, max_height: int = 500,
                 buttons: Sequence[Literal["download", "fullscreen"] | Button] | None = None,
                 **kwargs: Any) -> None:
        if type not in ("numpy", "pil", "filepath"):
            raise ValueError(f"Invalid value for parameter `type`: {type}. "
                             "Please choose from one of: ['numpy', 'pil', 'filepath']")
        if not 0 <= slider_position <= 100:
            raise ValueError(f"slider_position is a percentage from 0 to 100, not {slider_position}")
        self.type = type
        super().__init__(value, **kwargs)

    def api_info(self) -> dict[str, Any]:
        one = super().api_info()
        return {"type": "array", "prefixItems": [one, one], "minItems": 2, "maxItems": 2,
                "title": "ImageSlider", "description": "two images, before and after"}

    def example_inputs(self) -> Any:
        return [self.example_value, self.example_value]

    def preprocess(self, payload: Any) -> tuple[Any, Any] | None:
        if payload is None:
            return None
        first, second = payload
        return (image_value(file_path(first), self.type, self.image_mode),
                image_value(file_path(second), self.type, self.image_mode))

    def postprocess(self, value: Any) -> list[dict[str, Any] | None] | None:  # type: ignore[override]
        if value is None:
            return None
        if not isinstance(value, (tuple, list)) or len(value) != 2:
            raise ValueError("An ImageSlider's value is a pair of images (before, after)")
        return [None if image is None else image_file(image) for image in value]
