"""Button, Markdown, HTML, Code and JSON: components that mostly show a value."""

from __future__ import annotations

import inspect
from typing import Any, Literal

import msgspec

from reblocks.components.base import Component

__all__ = ["HTML", "JSON", "Button", "Code", "Markdown"]


class Button(Component):
    """A button whose value is its label; `click` is its event."""

    TYPE = "button"
    PROPS = ("variant", "size", "icon", "link")
    EVENTS = ("click",)
    payload = str | None
    python_type = "str"
    api_schema = {"type": "string"}
    example_value = "Run"

    def __init__(self, value: str | Any = "Run", *, variant: Literal["primary", "secondary", "stop",
                 "huggingface"] = "secondary", size: Literal["sm", "md", "lg"] = "lg",
                 icon: str | None = None, link: str | None = None, min_width: int | None = None,
                 interactive: bool = True, **kwargs: Any) -> None:
        self.variant = variant
        self.size = size
        self.icon = icon
        self.link = link
        super().__init__(value, min_width=min_width, interactive=interactive,  # type: ignore[arg-type]
                         **kwargs)


class Markdown(Component):
    """Markdown text, rendered and sanitised in the browser, with code highlighting and LaTeX."""

    TYPE = "markdown"
    PROPS = ("rtl", "latex_delimiters", "sanitize_html", "line_breaks", "height", "max_height", "min_height")
    EVENTS = ("change", "copy")
    payload = str | None
    python_type = "str"
    api_schema = {"type": "string"}
    example_value = "# Hello!"

    def __init__(self, value: str | Any = "", *, label: str | None = None, rtl: bool = False,
                 latex_delimiters: list[dict[str, Any]] | None = None, sanitize_html: bool = True,
                 line_breaks: bool = False, height: int | str | None = None,
                 max_height: int | str | None = None, min_height: int | str | None = None,
                 **kwargs: Any) -> None:
        self.rtl = rtl
        self.latex_delimiters = latex_delimiters or [{"left": "$$", "right": "$$", "display": True}]
        self.sanitize_html = sanitize_html
        self.line_breaks = line_breaks
        self.height = height
        self.max_height = max_height
        self.min_height = min_height
        super().__init__(value, label=label, **kwargs)

    def postprocess(self, value: Any) -> str | None:
        return None if value is None else inspect.cleandoc(str(value))


class HTML(Component):
    """Raw HTML, sanitised in the browser before it is shown."""

    TYPE = "html"
    PROPS = ("min_height", "max_height")
    EVENTS = ("change", "click")
    payload = str | None
    python_type = "str"
    api_schema = {"type": "string"}
    example_value = "<p>Hello</p>"

    def __init__(self, value: str | Any = "", *, label: str | None = None,
                 min_height: int | None = None, max_height: int | None = None, **kwargs: Any) -> None:
        self.min_height = min_height
        self.max_height = max_height
        super().__init__(value, label=label, **kwargs)


class Code(Component):
    """Source code with syntax highlighting in `language`; editable when interactive."""

    TYPE = "code"
    PROPS = ("language", "lines", "max_lines", "wrap_lines")
    EVENTS = ("change", "input", "focus", "blur")
    payload = str | None
    python_type = "str"
    api_schema = {"type": "string"}
    example_value = "print('Hello')"

    def __init__(self, value: str | Any | None = None, language: str | None = None, *,
                 lines: int = 5, max_lines: int | None = None, label: str | None = None,
                 wrap_lines: bool = False, **kwargs: Any) -> None:
        self.language = language
        self.lines = lines
        self.max_lines = max_lines
        self.wrap_lines = wrap_lines
        super().__init__(value, label=label, **kwargs)

    def postprocess(self, value: Any) -> str | None:
        return None if value is None else str(value)


class JSON(Component):
    """Any JSON value, pretty-printed; a string is parsed as JSON first."""

    TYPE = "json"
    PROPS = ("height", "max_height", "open")
    EVENTS = ("change",)
    python_type = "Dict[Any, Any] | List[Any] | str | float | bool | None"
    api_schema = {"type": {}, "description": "any valid json"}
    example_value = {"key": "value"}

    def __init__(self, value: Any = None, *, label: str | None = None,
                 height: int | str | None = None, max_height: int | str | None = 500,
                 open: bool = False, **kwargs: Any) -> None:  # noqa: A002
        self.height = height
        self.max_height = max_height
        self.open = open
        super().__init__(value, label=label, **kwargs)

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
