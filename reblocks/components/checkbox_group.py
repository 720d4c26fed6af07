"""CheckboxGroup: several choices ticked at once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from reblocks.components.choices import Choice, _Choices

if TYPE_CHECKING:
    from reblocks.components.display import Button

__all__ = ["CheckboxGroup"]


class CheckboxGroup(_Choices):
    """A group of checkboxes; the value is the list of those ticked (or their indices)."""

    class Props(_Choices.Props):
        show_select_all: bool = False
        """Whether a "Select all" box beside the label ticks or clears every choice at once."""

    TYPE = "checkboxgroup"
    # mypy infers _Choices.EVENTS as a tuple of exactly five names; Gradio's CheckboxGroup has three.
    EVENTS = ("change", "input", "select")  # type: ignore[assignment]
    payload = list[Choice] | None

    def __init__(self, choices: Sequence[Any] | None = None, *, value: Any = None,
                 type: Literal["value", "index"] = "value", label: str | None = None,  # noqa: A002
                 show_select_all: bool = False, buttons: Sequence[Button] | None = None,
                 **kwargs: Any) -> None:
        if type not in ("value", "index"):
            raise ValueError(f"type must be 'value' or 'index', not {type!r}")
        self._set_choices(choices, type)
        self.python_type = f"list[{self.python_type}]"
        super().__init__(value, **kwargs)

    def preprocess(self, payload: list[Choice] | None) -> list[Any]:
        return [self._checked(item) for item in payload or []]

    def postprocess(self, value: Any) -> list[Any]:
        if value is None:
            return []
        return value if isinstance(value, list) else [value]

    def api_info(self) -> dict[str, Any]:
        items = {"enum": [value for _, value in self.choices], "type": "string"}
        return {"items": items, "title": "Checkbox Group", "type": "array"}

    def example_inputs(self) -> Any:
        return [self.choices[0][1]] if self.choices else None
