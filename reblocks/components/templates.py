"""Presets of components under names of their own, as Gradio's `gradio.templates` offers them."""

from __future__ import annotations

from typing import Any, Literal

from reblocks.components.media import File
from reblocks.components.textbox import Textbox

__all__ = ["Files", "TextArea"]


class Files(File):
    """A File that takes several files."""

    class Props(File.Props):
        file_count: Literal["single", "multiple", "directory"] = "multiple"
        """How many files the user may give: several by default."""

    def __init__(self, value: Any = None, *,
                 file_count: Literal["single", "multiple", "directory"] = "multiple", **kwargs: Any) -> None:
        super().__init__(value, file_count=file_count, **kwargs)


class TextArea(Textbox):
    """A Textbox seven lines high (growing to twenty) by default."""

    class Props(Textbox.Props):
        lines: int = 7
        """The height of the box in lines."""
        max_lines: int | None = 20
        """The most lines the box grows to before it scrolls."""

    def __init__(self, value: str | Any | None = None, *, lines: int = 7, max_lines: int | None = 20,
                 **kwargs: Any) -> None:
        super().__init__(value, **kwargs)
