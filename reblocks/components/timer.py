"""Timer: ticks on the page's clock, so listeners can run every so many seconds."""

from __future__ import annotations

from typing import Any, ClassVar

from reblocks.components.base import Component

__all__ = ["Timer"]


class Timer(Component):
    """Fires `.tick` every `value` seconds while `active`, in each open page. Not drawn. A listener can
    stop or restart it, or change its interval, by returning `gr.Timer(active=...)` or a new value."""

    class Props(Component.Props):
        active: bool = True
        """Whether it ticks; False pauses it."""

    TYPE = "timer"
    EVENTS = ("tick",)
    api_schema: ClassVar[dict[str, Any]] = {"type": "number"}
    python_type = "float"
    example_value = 1.0

    def __init__(self, value: float = 1.0, *, active: bool = True, render: bool = True) -> None:
        super().__init__(value, render=render)

    def preprocess(self, payload: Any) -> float | None:
        return None if payload is None else float(payload)

    def postprocess(self, value: Any) -> float | None:
        return None if value is None else float(value)
