"""Exceptions, notices and progress that user functions raise or report; the queue turns them into
messages for the event's client."""

from __future__ import annotations

import contextvars
import time
from collections.abc import Callable, Iterable, Iterator, Sized
from typing import Literal, TypeVar

from reblocks.blocks.arguments import warn_unsupported
from reblocks.wire import ProgressUnit

__all__ = ["Error", "Info", "Progress", "Success", "Warning"]

T = TypeVar("T")
PROGRESS_INTERVAL = 0.05  # seconds between progress messages; the last step of a count always goes

Level = Literal["info", "warning", "success", "error"]

# The queue worker sets this to a callback that sends a `log` message to the running event's client.
notice_sink: contextvars.ContextVar[Callable[[str, Level, str, float | None], None] | None] = (
    contextvars.ContextVar("reblocks_notice_sink", default=None)
)


# The queue worker sets this to a callback that sends a `progress` message to the running event's client.
progress_sink: contextvars.ContextVar[Callable[[list[ProgressUnit]], None] | None] = (
    contextvars.ContextVar("reblocks_progress_sink", default=None)
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


class Progress:
    """A function's progress, shown on its outputs: give a parameter `progress=gr.Progress()` and call
    `progress(0.3, desc="Loading")`, or wrap an iterable with `progress.tqdm(items)`. Outside an
    event (a direct call), it does nothing. Updates go out at most every PROGRESS_INTERVAL seconds."""

    def __init__(self, track_tqdm: bool = False) -> None:
        if track_tqdm:
            warn_unsupported("Progress", "track_tqdm", stacklevel=2)
        self._sent = 0.0

    def __call__(self, progress: float | tuple[int, int | None] | None, desc: str | None = None,
                 total: int | None = None, unit: str = "steps") -> float | tuple[int, int | None] | None:
        """Report `progress`: a fraction from 0 to 1, or (steps done, total steps), or None (busy,
        no measure); `desc` says what is under way."""
        if isinstance(progress, tuple):
            index, length = progress
            self._report(ProgressUnit(index=index, length=length, unit=unit, progress=None, desc=desc),
                         last=length is not None and index >= length)
        elif total is not None and progress is not None:
            self._report(ProgressUnit(index=int(progress), length=total, unit=unit, progress=None, desc=desc),
                         last=progress >= total)
        else:
            self._report(ProgressUnit(index=None, length=None, unit=unit, progress=progress, desc=desc),
                         last=progress is not None and progress >= 1)
        return progress

    def tqdm(self, iterable: Iterable[T], desc: str | None = None, total: int | None = None,
             unit: str = "steps") -> Iterator[T]:
        """`iterable`'s items, reporting how many have been taken (of `total`, or of its length)."""
        length = total if total is not None else len(iterable) if isinstance(iterable, Sized) else None
        index = 0
        self._report(ProgressUnit(index=0, length=length, unit=unit, progress=None, desc=desc), last=True)
        for index, item in enumerate(iterable, 1):
            yield item
            self._report(ProgressUnit(index=index, length=length, unit=unit, progress=None, desc=desc),
                         last=index == length)

    def _report(self, unit: ProgressUnit, last: bool) -> None:
        sink = progress_sink.get()
        now = time.monotonic()
        if sink is None or (not last and now - self._sent < PROGRESS_INTERVAL):
            return
        self._sent = now
        sink([unit])
