"""Button, Markdown, Code and JSON: components that mostly show a value."""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from typing import Any, Literal, TypedDict

import msgspec

from reblocks.components.base import Component
from reblocks.components.toolbar import CustomButton, Toolbar

__all__ = ["JSON", "Button", "Code", "LatexDelimiter", "Markdown"]


class LatexDelimiter(TypedDict):
    """Where LaTeX starts and ends in Markdown text, and whether it is shown as a block."""

    left: str
    right: str
    display: bool


class Button(Component):
    """A button whose value is its label; `click` is its event."""

    class Props(Component.Props):
        interactive: bool = True
        """Whether the button can be clicked."""
        min_width: int | None = None
        """The narrowest the button gets in a Row, in pixels; None: as wide as its text."""
        variant: Literal["primary", "secondary", "stop", "huggingface"] = "secondary"
        """The button's colours: "primary" stands out, "stop" warns."""
        size: Literal["sm", "md", "lg"] = "lg"
        """The button's size."""
        icon: str | None = None
        """An image drawn before the text: a URL, or a path the server serves."""
        link: str | None = None
        """A URL the button opens when clicked, where `link_target` says (it still fires `click`)."""
        link_target: Literal["_self", "_blank", "_parent", "_top"] = "_self"
        """Where `link` opens: this tab ("_self"), a new one ("_blank"), the parent or the top frame."""

    TYPE = "button"
    EVENTS = ("click",)
    payload = str | None
    python_type = "str"
    api_schema = {"type": "string"}
    example_value = "Run"

    def __init__(self, value: str | Any = "Run", *, variant: Literal["primary", "secondary", "stop",
                 "huggingface"] = "secondary", size: Literal["sm", "md", "lg"] = "lg",
                 icon: str | None = None, link: str | None = None,
                 link_target: Literal["_self", "_blank", "_parent", "_top"] = "_self",
                 min_width: int | None = None, interactive: bool = True, **kwargs: Any) -> None:
        super().__init__(value, **kwargs)


class Markdown(Component):
    """Markdown text, rendered and sanitised in the browser, with code highlighting and LaTeX."""

    class Props(Component.Props):
        rtl: bool = False
        """Whether the text runs right to left."""
        latex_delimiters: list[LatexDelimiter] | None = None
        """Where LaTeX starts and ends; None: `$$` only (the browser gets that list)."""
        sanitize_html: bool = True
        """Whether HTML in the text is sanitised (scripts and event handlers removed)."""
        line_breaks: bool = False
        """Whether a single newline breaks the line, as in chat messages."""
        height: int | str | None = None
        """The height of the box (pixels, or a CSS length); the text scrolls inside it."""
        max_height: int | str | None = None
        """The most the box grows to (pixels, or a CSS length) before the text scrolls."""
        min_height: int | str | None = None
        """The least height of the box (pixels, or a CSS length)."""
        header_links: bool = False
        """Whether headings get an id and a link to themselves, so a page can link to a section."""
        padding: bool = False
        """Whether the text is padded from the box's edges."""
        buttons: list[str | CustomButton] | None = None
        """The top-right buttons: "copy" copies the Markdown text; None: none."""

    TYPE = "markdown"
    buttons = Toolbar("copy", default=None, custom=False)
    EVENTS = ("change", "copy")
    payload = str | None
    python_type = "str"
    api_schema = {"type": "string"}
    example_value = "# Hello!"

    def __init__(self, value: str | Any = "", *, label: str | None = None, rtl: bool = False,
                 latex_delimiters: list[LatexDelimiter] | None = None, sanitize_html: bool = True,
                 line_breaks: bool = False, height: int | str | None = None,
                 max_height: int | str | None = None, min_height: int | str | None = None,
                 header_links: bool = False, padding: bool = False,
                 buttons: Sequence[Literal["copy"]] | None = None, **kwargs: Any) -> None:
        self.latex_delimiters = latex_delimiters or [{"left": "$$", "right": "$$", "display": True}]
        super().__init__(value, **kwargs)

    def postprocess(self, value: Any) -> str | None:
        return None if value is None else inspect.cleandoc(str(value))


class Code(Component):
    """Source code with syntax highlighting in `language`; editable when interactive."""

    class Props(Component.Props):
        language: str | None = None
        """The language the code is highlighted as; None: plain text."""
        lines: int = 5
        """The least height of the editor, in lines."""
        max_lines: int | None = None
        """The most lines the editor grows to before it scrolls."""
        wrap_lines: bool = False
        """Whether long lines wrap rather than scroll sideways."""
        show_line_numbers: bool = True
        """Whether a gutter of line numbers is drawn beside the code."""
        autocomplete: bool = False
        """Whether the editor offers completions (the language's keywords and the words in the code)."""
        buttons: list[str | CustomButton] | None = None
        """The top-right buttons: "copy" copies the code, "download" saves it as a file, gr.Buttons fire
        their `click`; None: "copy" and "download"."""

    TYPE = "code"
    buttons = Toolbar("copy", "download", default=("copy", "download"))
    EVENTS = ("change", "input", "focus", "blur")
    payload = str | None
    python_type = "str"
    api_schema = {"type": "string"}
    example_value = "print('Hello')"

    def __init__(self, value: str | Any | None = None, language: str | None = None, *,
                 lines: int = 5, max_lines: int | None = None, label: str | None = None,
                 wrap_lines: bool = False, show_line_numbers: bool = True, autocomplete: bool = False,
                 buttons: Sequence[Literal["copy", "download"] | Button] | None = None, **kwargs: Any) -> None:
        super().__init__(value, **kwargs)

    def postprocess(self, value: Any) -> str | None:
        return None if value is None else str(value)


class JSON(Component):
    """Any JSON value, pretty-printed; a string is parsed as JSON first."""

    class Props(Component.Props):
        height: int | str | None = None
        """The height of the box (pixels, or a CSS length); the tree scrolls inside it."""
        max_height: int | str | None = 500
        """The most the box grows to (pixels, or a CSS length) before the tree scrolls."""
        open: bool = False
        """Whether every level starts expanded; otherwise the first two do."""
        show_indices: bool = False
        """Whether the items of lists are shown with their index, as keys are."""
        min_height: int | str | None = None
        """The least height of the box (pixels, or a CSS length)."""
        buttons: list[str | CustomButton] | None = None
        """The top-right buttons: "copy" copies the JSON, gr.Buttons fire their `click`; None: "copy"."""

    TYPE = "json"
    buttons = Toolbar("copy", default=("copy",))
    EVENTS = ("change",)
    python_type = "Dict[Any, Any] | List[Any] | str | float | bool | None"
    api_schema = {"type": {}, "description": "any valid json"}
    example_value = {"key": "value"}

    def __init__(self, value: Any = None, *, label: str | None = None,
                 height: int | str | None = None, max_height: int | str | None = 500,
                 open: bool = False, show_indices: bool = False,  # noqa: A002
                 min_height: int | str | None = None,
                 buttons: Sequence[Literal["copy"] | Button] | None = None, **kwargs: Any) -> None:
        super().__init__(value, **kwargs)

    def postprocess(self, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return msgspec.json.decode(value)
            except msgspec.DecodeError:
                return value
        if value is None or isinstance(value, (bool, int, float)):
            return value
        # Round-trip through JSON so numpy arrays and scalars, dates and the like arrive as JSON values.
        return msgspec.json.decode(msgspec.json.encode(value, enc_hook=_jsonable))


def _jsonable(value: Any) -> Any:
    """A JSON stand-in for what msgspec cannot encode: numpy arrays and scalars as lists and numbers
    (as Gradio's JSON does), anything else as its text."""
    if hasattr(value, "tolist"):
        return value.tolist()
    return str(value)
