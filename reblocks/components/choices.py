"""Checkbox, Radio and Dropdown: choosing among values."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from reblocks.components.base import FormComponent
from reblocks.components.toolbar import CustomButton, Toolbar

if TYPE_CHECKING:
    from reblocks.components.display import Button

__all__ = ["Checkbox", "Dropdown", "Radio"]

Choice = str | int | float


def _normalise_choices(choices: Sequence[Any] | None) -> list[tuple[str, Any]]:
    """Accept plain values or (label, value) pairs; the browser always gets pairs."""
    pairs = []
    for choice in choices or []:
        if isinstance(choice, (tuple, list)):
            label, value = choice
            pairs.append((str(label), value))
        else:
            pairs.append((str(choice), choice))
    return pairs


class Checkbox(FormComponent):
    """A single true/false box."""

    class Props(FormComponent.Props):
        buttons: list[str | CustomButton] | None = None
        """gr.Buttons drawn in the top-right toolbar, firing their `click`; None: none."""

    TYPE = "checkbox"
    buttons = Toolbar()
    UNSUPPORTED = ("show_label",)  # the browser always draws the label beside the box
    EVENTS = ("change", "input", "select")
    payload = bool | None
    python_type = "bool"
    api_schema = {"type": "boolean"}
    example_value = True

    def __init__(self, value: bool | Any = False, *, label: str | None = None,
                 buttons: Sequence[Button] | None = None, **kwargs: Any) -> None:
        super().__init__(value, **kwargs)

    def postprocess(self, value: Any) -> bool:
        return bool(value)


class _Choices(FormComponent):
    """What Radio and Dropdown share: choices as (label, value) pairs and `type` value or index."""

    class Props(FormComponent.Props):
        choices: list[tuple[str, Choice]] | None = None
        """The options as (label, value) pairs; the constructor also takes plain values."""
        buttons: list[str | CustomButton] | None = None
        """gr.Buttons drawn in the top-right toolbar, firing their `click`; None: none."""

    buttons = Toolbar()
    EVENTS = ("change", "input", "select", "focus", "blur")

    def _set_choices(self, choices: Sequence[Any] | None, type: str) -> None:  # noqa: A002
        self.choices = _normalise_choices(choices)
        self.type = type
        literal = f"Literal[{', '.join(repr(value) for _, value in self.choices)}]"
        self.python_type = f"list[{literal}]" if getattr(self, "multiselect", False) else literal

    def _checked(self, value: Any) -> Any:
        """`value` as the user's function wants it, after checking it is one of the choices."""
        values = [choice_value for _, choice_value in self.choices]
        if value not in values and not getattr(self, "allow_custom_value", False):
            raise ValueError(f"value {value!r} is not one of the choices {values!r}")
        if self.type == "index":
            return values.index(value) if value in values else None
        return value

    def api_info(self) -> dict[str, Any]:
        return {"enum": [value for _, value in self.choices], "title": "Choice", "type": "string"}

    def example_inputs(self) -> Any:
        return self.choices[0][1] if self.choices else None


class Radio(_Choices):
    """One choice among several, shown as radio buttons."""

    class Props(_Choices.Props):
        rtl: bool = False
        """Whether the buttons are laid out right to left."""

    TYPE = "radio"
    payload = Choice | None

    def __init__(self, choices: Sequence[Any] | None = None, *, value: Any = None,
                 type: Literal["value", "index"] = "value", label: str | None = None,  # noqa: A002
                 rtl: bool = False, buttons: Sequence[Button] | None = None, **kwargs: Any) -> None:
        self._set_choices(choices, type)
        super().__init__(value, **kwargs)

    def preprocess(self, payload: Choice | None) -> Any:
        return None if payload is None else self._checked(payload)


class Dropdown(_Choices):
    """A drop-down list: one choice, or several with `multiselect=True`."""

    EVENTS = ("change", "input", "select", "focus", "blur", "key_up")  # type: ignore[assignment]

    class Props(_Choices.Props):
        multiselect: bool | None = None
        """Whether several choices may be selected; the value is then a list."""
        max_choices: int | None = None
        """With `multiselect`, the most choices that may be selected."""
        allow_custom_value: bool = False
        """Whether the user may type a value that is not one of the choices."""
        filterable: bool = True
        """Whether typing in the box filters the choices; False makes a plain picker (not with custom values)."""

    TYPE = "dropdown"
    payload = Choice | list[Choice] | None

    def __init__(self, choices: Sequence[Any] | None = None, *, value: Any = None,
                 type: Literal["value", "index"] = "value", multiselect: bool | None = None,  # noqa: A002
                 allow_custom_value: bool = False, max_choices: int | None = None,
                 label: str | None = None, filterable: bool = True, buttons: Sequence[Button] | None = None,
                 **kwargs: Any) -> None:
        if not filterable and allow_custom_value:
            # As Gradio: a custom value is typed, so the box must take typing.
            warnings.warn("Dropdown(filterable=False) cannot be used with allow_custom_value=True; "
                          "the dropdown stays filterable", UserWarning, stacklevel=3)
            self.filterable = True
        self.multiselect = bool(multiselect)
        self._set_choices(choices, type)
        if value is None and not self.multiselect and self.choices:
            value = self.choices[0][1]
        super().__init__(value, **kwargs)

    def preprocess(self, payload: Choice | list[Choice] | None) -> Any:
        if payload is None:
            return [] if self.multiselect else None
        if self.multiselect:
            items = payload if isinstance(payload, list) else [payload]
            if self.max_choices is not None and len(items) > self.max_choices:
                raise ValueError(f"at most {self.max_choices} choices may be selected")
            return [self._checked(item) for item in items]
        if isinstance(payload, list):
            raise ValueError("this dropdown takes one value, not a list")
        return self._checked(payload)

    def api_info(self) -> dict[str, Any]:
        schema = super().api_info()
        return {"type": "array", "items": schema} if self.multiselect else schema
