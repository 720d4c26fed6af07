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
    EVENTS = ("change",)
    skip_api = True

    def __init__(self, value: Any = None, render: bool = True, *,
                 delete_callback: Callable[[Any], None] | None = None, key: int | str | None = None) -> None:
        # `key`: inside `@gr.render`, the same key keeps the session's value across runs; in the dev mode,
        # it matches this State to the one of the app before an edit.
        self.delete_callback = delete_callback
        super().__init__(value, render=render)

    def load_fn(self) -> Callable[[], Any] | None:
        return None  # a function value is called per session instead, in initial_value

    def initial_value(self) -> Any:
        """A fresh deep copy for a new session, so sessions never share a mutable default."""
        value = self.value
        return value() if callable(value) else copy.deepcopy(value)
