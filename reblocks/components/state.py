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

    def __init__(self, value: Any = None, render: bool = True, *, time_to_live: float | None = None,
                 delete_callback: Callable[[Any], None] | None = None, key: int | str | None = None) -> None:
        # `key`: inside `@gr.render`, the same key keeps the session's value across runs; in the dev mode,
        # it matches this State to the one of the app before an edit.
        if time_to_live is not None and not time_to_live > 0:
            raise ValueError(f"time_to_live is a number of seconds above 0, not {time_to_live!r}")
        self.time_to_live = time_to_live
        """Seconds after a listener last set a session's value that it is deleted (`delete_callback`
        gets it) and the session starts again from the initial value; None: kept with the session."""
        self.delete_callback = delete_callback
        super().__init__(value, render=render)

    def load_fn(self) -> Callable[[], Any] | None:
        return None  # a function value is called per session instead, in initial_value

    def initial_value(self) -> Any:
        """A fresh deep copy for a new session, so sessions never share a mutable default."""
        value = self.value
        return value() if callable(value) else copy.deepcopy(value)
