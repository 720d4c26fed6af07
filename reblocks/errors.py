"""Exceptions and notices that user functions raise or call; the queue turns them into messages."""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import Literal

__all__ = ["Error", "Info", "Success", "Warning"]

Level = Literal["info", "warning", "success", "error"]

# The queue worker sets this to a callback that sends a `log` message to the running event's client.
notice_sink: contextvars.ContextVar[Callable[[str, Level, str, float | None], None] | None] = (
    contextvars.ContextVar("reblocks_notice_sink", default=None)
)


class Error(Exception):
    """Raised by a user's function to show `message` to the user as an error, as written."""

    def __init__(
        self,
        message: str = "Error raised.",
        duration: float | None = 10,
        visible: bool = True,
        title: str = "Error",
        print_exception: bool = True,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.duration = duration
        self.visible = visible
        self.title = title
        self.print_exception = print_exception


def _notify(message: str, level: Level, title: str, duration: float | None) -> None:
    sink = notice_sink.get()
    if sink is not None:
        sink(message, level, title, duration)


def Info(message: str = "Info issued.", duration: float | None = 10, title: str = "Info") -> None:  # noqa: N802
    """Show an information toast to the user whose event is running; a no-op outside an event."""
    _notify(message, "info", title, duration)


def Warning(  # noqa: A001, N802
    message: str = "Warning issued.", duration: float | None = 10, title: str = "Warning"
) -> None:
    """Show a warning toast to the user whose event is running; a no-op outside an event."""
    _notify(message, "warning", title, duration)


def Success(message: str = "Success.", duration: float | None = 10, title: str = "Success") -> None:  # noqa: N802
    """Show a success toast to the user whose event is running; a no-op outside an event."""
    _notify(message, "success", title, duration)
