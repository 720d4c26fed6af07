"""Model3D: a 3D model file (.obj, .glb, .gltf, .stl, .ply, or a .splat Gaussian splat) shown in an orbiting
viewer, or uploaded."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from reblocks.components.files import file_path
from reblocks.components.media import _FileComponent
from reblocks.components.toolbar import CustomButton, Toolbar

if TYPE_CHECKING:
    from reblocks.components.display import Button

__all__ = ["Model3D"]

DisplayMode = Literal["solid", "point_cloud", "wireframe"]
CameraPosition = tuple[float | None, float | None, float | None]
_EXAMPLE = "https://raw.githubusercontent.com/gradio-app/gradio/main/gradio/media_assets/models3d/Fox.gltf"


class Model3D(_FileComponent):
    """A 3D model the user turns with the mouse (drag to orbit, wheel to zoom, right-drag to pan), or
    uploads; the function gets the model's path and returns a path or URL. Gaussian splats (.splat, and
    .ply files holding splats) are shown as coloured points, one at each splat's centre."""

    class Props(_FileComponent.Props):
        display_mode: DisplayMode | None = None
        """How surfaces are drawn: "solid", "point_cloud" (their vertices) or "wireframe"; None: solid."""
        clear_color: tuple[float, float, float, float] | None = None
        """The background as RGBA, each from 0 to 1; None: transparent."""
        camera_position: CameraPosition = (None, None, None)
        """Where the camera starts, as (alpha, beta, radius): degrees around the vertical axis (90: in
        front), degrees down from straight above, and distance from the model's centre; None: framed."""
        zoom_speed: float = 1
        """How fast the mouse wheel or a pinch zooms."""
        pan_speed: float = 1
        """How fast a right-drag (or two-finger drag) moves the view."""
        height: int | str | None = None
        """The viewer's height (pixels, or a CSS length)."""
        buttons: list[str | CustomButton] | None = None
        """gr.Buttons drawn in the top-right toolbar, firing their `click`; None: none."""

    TYPE = "model3d"
    buttons = Toolbar()
    EVENTS = ("change", "upload", "edit", "clear")
    python_type = "filepath"
    example_value = {"path": _EXAMPLE, "meta": {"_type": "gradio.FileData"}}

    def __init__(self, value: Any = None, *, display_mode: DisplayMode | None = None,
                 clear_color: Sequence[float] | None = None,
                 camera_position: Sequence[float | None] = (None, None, None), zoom_speed: float = 1,
                 pan_speed: float = 1, height: int | str | None = None, label: str | None = None,
                 buttons: Sequence[Button] | None = None, **kwargs: Any) -> None:
        if display_mode not in (None, "solid", "point_cloud", "wireframe"):
            raise ValueError(f"Model3D(display_mode=...) is 'solid', 'point_cloud' or 'wireframe', "
                             f"not {display_mode!r}")
        self.clear_color = _clear_color(clear_color)
        self.camera_position = _camera_position(camera_position)
        for name, speed in (("zoom_speed", zoom_speed), ("pan_speed", pan_speed)):
            if not isinstance(speed, (int, float)) or speed <= 0:
                raise ValueError(f"Model3D({name}=...) is a positive number, not {speed!r}")
        super().__init__(value, **kwargs)

    def api_info(self) -> dict[str, Any]:
        return {**super().api_info(),
                "description": "a FileData dict of a .obj, .glb, .gltf, .stl, .ply or .splat file"}

    def preprocess(self, payload: dict[str, Any] | None) -> str | None:
        return file_path(payload)


def _clear_color(given: Sequence[float] | None) -> tuple[float, float, float, float]:
    """`clear_color` checked: four numbers from 0 to 1 (None: transparent, as Gradio's default)."""
    if given is None:
        return (0, 0, 0, 0)
    channels = tuple(given)
    if len(channels) != 4 or not all(isinstance(part, (int, float)) and 0 <= part <= 1 for part in channels):
        raise ValueError(f"Model3D(clear_color=...) is (red, green, blue, alpha), each from 0 to 1, not {given!r}")
    return channels


def _camera_position(given: Sequence[float | None]) -> CameraPosition:
    """`camera_position` checked: (alpha, beta, radius), each a number or None, the radius positive."""
    position = tuple(given)
    if len(position) != 3 or not all(part is None or isinstance(part, (int, float)) for part in position):
        raise ValueError(f"Model3D(camera_position=...) is (alpha, beta, radius), numbers or None, not {given!r}")
    if position[2] is not None and position[2] <= 0:
        raise ValueError(f"Model3D(camera_position=...)'s radius is positive, not {position[2]!r}")
    return position
