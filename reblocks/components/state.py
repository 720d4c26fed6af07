"""State: a value kept on the server for each session, never sent to the browser."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from reblocks.components.base import Component

__all__ = ["State"]


class State(Component):
    """A per-session value: each session starts from a deep copy of `value` and keeps its own."""

    TYPE = "state"
    PROPS = ("time_to_live",)
    EVENTS = ("change",)
    skip_api = True

    def __init__(self, value: Any = None, render: bool = True, *, time_to_live: float | None = None,
                 delete_callback: Callable[[Any], None] | None = None) -> None:
        self.time_to_live = time_to_live
        self.delete_callback = delete_callback
        super().__init__(value, render=render)

    def initial_value(self) -> Any:
        """A fresh deep copy for a new session, so sessions never share a mutable default."""
        value = self.value
        return value() if callable(value) else copy.deepcopy(value)
