"""Number and Slider: numeric inputs."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from reblocks.components.base import FormComponent
from reblocks.components.toolbar import CustomButton, Toolbar

if TYPE_CHECKING:
    from reblocks.components.display import Button

__all__ = ["Number", "Slider"]


def _round(value: float | None, precision: int | None) -> float | int | None:
    """Round to `precision` decimals; precision 0 gives an int, as Gradio's Number does."""
    if value is None or precision is None:
        return value
    return int(round(value)) if precision == 0 else round(value, precision)


class Number(FormComponent):
    """A numeric field, optionally bounded and rounded to `precision` decimals."""

    class Props(FormComponent.Props):
        placeholder: str | None = None
        """Hint text shown while the field is empty."""
        minimum: float | None = None
        """The smallest value accepted; a smaller one is refused with an error."""
        maximum: float | None = None
        """The largest value accepted; a larger one is refused with an error."""
        step: float = 1
        """How much the arrows and arrow keys change the value."""
        precision: int | None = None
        """Decimals the value is rounded to; 0 makes it an int, None leaves it as given."""
        buttons: list[str | CustomButton] | None = None
        """gr.Buttons drawn in the top-right toolbar, firing their `click`; None: none."""

    TYPE = "number"
    buttons = Toolbar()
    EVENTS = ("change", "input", "submit", "focus", "blur")
    payload = float | None
    python_type = "float"
    api_schema = {"type": "number"}
    example_value = 3

    def __init__(self, value: float | Any | None = None, *, label: str | None = None,
                 placeholder: str | None = None, minimum: float | None = None,
                 maximum: float | None = None, step: float = 1, precision: int | None = None,
                 buttons: Sequence[Button] | None = None, **kwargs: Any) -> None:
        super().__init__(value, **kwargs)

    def preprocess(self, payload: float | None) -> float | int | None:
        if payload is None:
            return None
        if self.minimum is not None and payload < self.minimum:
            raise ValueError(f"value {payload} is less than the minimum {self.minimum}")
        if self.maximum is not None and payload > self.maximum:
            raise ValueError(f"value {payload} is more than the maximum {self.maximum}")
        return _round(payload, self.precision)

    def postprocess(self, value: Any) -> float | int | None:
        return None if value is None else _round(float(value), self.precision)


class Slider(FormComponent):
    """A range slider between `minimum` and `maximum` in steps of `step`."""

    class Props(FormComponent.Props):
        minimum: float = 0
        """The left end of the slider; a smaller value is refused with an error."""
        maximum: float = 100
        """The right end of the slider; a larger value is refused with an error."""
        step: float | None = None
        """The distance between the slider's stops; None: 1 when the range is whole, else 0.1."""
        show_reset_button: bool = True
        """Whether a button puts back the value the page started with (Gradio 6 shows it unless
        `buttons` leaves "reset" out)."""
        buttons: list[str | CustomButton] | None = None
        """The buttons shown: "reset" puts back the value the page started with; None: "reset"."""
        precision: int | None = None
        """Decimals the value is rounded to, in the box and for the function; 0 makes it an int."""

    TYPE = "slider"
    buttons = Toolbar("reset", default=None, custom=False)
    EVENTS = ("change", "input", "release")
    payload = float
    python_type = "float"
    example_value = 0

    def __init__(self, minimum: float = 0, maximum: float = 100, value: float | Any | None = None,
                 *, step: float | None = None, label: str | None = None, randomize: bool = False,
                 show_reset_button: bool = True, precision: int | None = None,
                 buttons: Sequence[Literal["reset"]] | None = None, **kwargs: Any) -> None:
        self.step = step if step is not None else (1 if float(maximum - minimum).is_integer() else 0.1)
        if randomize:
            value = self.get_random_value  # called on every page load, as Gradio does
        super().__init__(minimum if value is None else value, **kwargs)

    def get_random_value(self) -> float:
        """A value on the slider's steps, uniformly at random between minimum and maximum."""
        steps = int((self.maximum - self.minimum) / self.step)
        value: float = min(self.minimum + random.randint(0, steps) * self.step, self.maximum)
        return value

    def api_info(self) -> dict[str, Any]:
        return {"type": "integer" if self.precision == 0 else "number",
                "minimum": self.minimum, "maximum": self.maximum,
                "description": f"numeric value between {self.minimum} and {self.maximum}"}

    def preprocess(self, payload: float) -> float | int:
        if not self.minimum <= payload <= self.maximum:
            raise ValueError(f"value {payload} is outside [{self.minimum}, {self.maximum}]")
        if self.precision is not None:
            return _round(payload, self.precision)  # type: ignore[return-value]
        return int(payload) if isinstance(self.step, int) and float(payload).is_integer() else payload

    def postprocess(self, value: Any) -> float:
        result: float = _round(self.minimum if value is None else value, self.precision)  # type: ignore[assignment]
        return result
