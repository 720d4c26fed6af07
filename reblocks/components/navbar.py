"""Navbar: the look of the bar of links a multipage app (`demo.route`) draws at the top of its pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Literal

from reblocks.components.base import Component

__all__ = ["Navbar"]


class Navbar(Component):
    """Sets the page bar on the page it is placed in: hide it, rename the main page, or add links
    (other pages, or absolute URLs opened in a new tab). Not drawn where it stands."""

    class Props(Component.Props):
        main_page_name: str | Literal[False] = "Home"
        """The main page's name in the bar; False leaves the main page out."""

    TYPE = "navbar"
    EVENTS = ("change",)
    payload = list[tuple[str, str]] | None
    python_type = "list[tuple[str, str]] | None"
    api_schema: ClassVar[dict[str, Any]] = {
        "type": "array", "items": {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 2},
        "description": "extra links as (name, path or URL) pairs"}
    example_value: ClassVar[Any] = [["About", "about"]]

    def __init__(self, value: Sequence[tuple[str, str]] | None = None, *, visible: bool = True,
                 main_page_name: str | Literal[False] = "Home", elem_id: str | None = None,
                 elem_classes: list[str] | str | None = None, render: bool = True,
                 key: int | str | None = None) -> None:
        super().__init__(self.postprocess(value), visible=visible, elem_id=elem_id, elem_classes=elem_classes,
                         render=render, key=key)

    def preprocess(self, payload: Any) -> list[tuple[str, str]] | None:
        return None if payload is None else [(name, path) for name, path in payload]

    def postprocess(self, value: Any) -> list[list[str]] | None:
        if value is None:
            return None
        links = [list(link) for link in value]
        if not all(len(link) == 2 and all(isinstance(part, str) for part in link) for link in links):
            raise ValueError("A Navbar's value is a list of (page name, path or URL) pairs of strings")
        return links
