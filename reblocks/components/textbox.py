"""Textbox: single- or multi-line text input."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

import msgspec

from reblocks.components.base import FormComponent
from reblocks.components.toolbar import CustomButton, Toolbar

if TYPE_CHECKING:
    from reblocks.components.display import Button

__all__ = ["InputHTMLAttributes", "Textbox"]


class InputHTMLAttributes(msgspec.Struct, forbid_unknown_fields=True):
    """HTML attributes of a text box's input element (Gradio's `gr.InputHTMLAttributes`); None leaves
    the browser's default."""

    autocapitalize: Literal["off", "none", "on", "sentences", "words", "characters"] | None = None
    """How a virtual keyboard capitalises what is typed."""
    autocorrect: Literal["on", "off"] | None = None
    """Whether the browser corrects words as they are typed (Safari)."""
    spellcheck: bool | None = None
    """Whether misspelt words are marked."""
    autocomplete: str | None = None
    """What the browser may fill in: "on", "off", or a kind such as "email" or "username"."""
    tabindex: int | None = None
    """The input's place in the tab order."""
    enterkeyhint: Literal["enter", "done", "go", "next", "previous", "search", "send"] | None = None
    """The label of a virtual keyboard's Enter key."""
    lang: str | None = None
    """The language of the text, such as "en" or "fr" (spell checking and hyphenation follow it)."""
    inputmode: Literal["none", "text", "decimal", "numeric", "tel", "search", "email", "url"] | None = None
    """The kind of virtual keyboard shown."""


def html_attributes_of(value: InputHTMLAttributes | dict[str, Any] | None) -> InputHTMLAttributes | None:
    """`html_attributes=` as given, or a dict of the same fields (an unknown key is a ValueError)."""
    if isinstance(value, dict):
        return msgspec.convert(value, InputHTMLAttributes)
    if value is not None and not isinstance(value, InputHTMLAttributes):
        raise TypeError(f"html_attributes must be a gr.InputHTMLAttributes, not {type(value).__name__}")
    return value


class Textbox(FormComponent):
    """A single- or multi-line text input; Enter submits (Shift+Enter adds a line)."""

    class Props(FormComponent.Props):
        placeholder: str | None = None
        """Hint text shown while the box is empty."""
        lines: int = 1
        """The height of the box in lines; more than 1 makes it a multi-line text area."""
        max_lines: int | None = None
        """The most lines the box grows to before it scrolls; None: 20, or `lines` if more."""
        type: Literal["text", "password", "email"] = "text"
        """The kind of single-line input: "password" hides what is typed."""
        autofocus: bool = False
        """Whether the box takes the focus when the page loads."""
        autoscroll: bool = True
        """Whether a multi-line box follows text streamed into it down to the end."""
        text_align: Literal["left", "right"] | None = None
        """How the text is aligned; None: as the writing direction says."""
        rtl: bool = False
        """Whether the text runs right to left."""
        max_length: int | None = None
        """The most characters the user may type."""
        submit_btn: str | bool | None = False
        """A button beside the box that fires `submit`: True labels it "Submit", a string is its label."""
        stop_btn: str | bool | None = False
        """A button beside the box that fires `stop`: True labels it "Stop", a string is its label."""
        buttons: list[str | CustomButton] | None = None
        """The toolbar's buttons (shown with the label): "copy" copies the text; gr.Buttons fire their
        `click`. None: none."""
        html_attributes: InputHTMLAttributes | None = None
        """HTML attributes of the input element (spellcheck, autocorrect, autocomplete, lang...)."""

    TYPE = "textbox"
    buttons = Toolbar("copy")
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
        visible: bool | Literal["hidden"] = True,
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
        buttons: Sequence[Literal["copy"] | Button] | None = None,
        html_attributes: InputHTMLAttributes | None = None,
        **kwargs: Any,
    ) -> None:
        self.html_attributes = html_attributes_of(html_attributes)
        super().__init__(value, elem_classes=elem_classes, render=render, **kwargs)

    def preprocess(self, payload: str | None) -> str | None:
        return None if payload is None else str(payload)

    def postprocess(self, value: Any) -> str | None:
        return None if value is None else str(value)
