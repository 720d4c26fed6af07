"""Textbox: single- or multi-line text input."""

from __future__ import annotations

from typing import Any, Literal

from reblocks.components.base import FormComponent

__all__ = ["Textbox"]


class Textbox(FormComponent):
    """A single- or multi-line text input; Enter submits (Shift+Enter adds a line)."""

    TYPE = "textbox"
    PROPS = ("placeholder", "lines", "max_lines", "type", "autofocus", "autoscroll", "text_align",
             "rtl", "max_length", "submit_btn", "stop_btn")
    EVENTS = ("change", "input", "submit", "focus", "blur", "select", "stop")
    payload = str | None
    python_type = "str"
    api_schema = {"type": "string"}
    example_value = "Hello!!"

    def __init__(
        self,
        value: str | Any | None = None,
        *,
        lines: int = 1,
        max_lines: int | None = None,
        placeholder: str | None = None,
        label: str | None = None,
        info: str | None = None,
        show_label: bool | None = None,
        container: bool = True,
        scale: int | None = None,
        min_width: int = 160,
        interactive: bool | None = None,
        visible: bool = True,
        elem_id: str | None = None,
        autofocus: bool = False,
        autoscroll: bool = True,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | None = None,
        type: Literal["text", "password", "email"] = "text",  # noqa: A002
        text_align: Literal["left", "right"] | None = None,
        rtl: bool = False,
        max_length: int | None = None,
        submit_btn: str | bool | None = False,
        stop_btn: str | bool | None = False,
        **kwargs: Any,
    ) -> None:
        self.lines = lines
        self.max_lines = max_lines
        self.placeholder = placeholder
        self.autofocus = autofocus
        self.autoscroll = autoscroll
        self.type = type
        self.text_align = text_align
        self.rtl = rtl
        self.max_length = max_length
        self.submit_btn = submit_btn
        self.stop_btn = stop_btn
        super().__init__(value, label=label, info=info, show_label=show_label, container=container,
                         scale=scale, min_width=min_width, interactive=interactive, visible=visible,
                         elem_id=elem_id, elem_classes=elem_classes, render=render, key=key, **kwargs)

    def preprocess(self, payload: str | None) -> str | None:
        return None if payload is None else str(payload)

    def postprocess(self, value: Any) -> str | None:
        return None if value is None else str(value)
