"""Wrappers of the same kind as the user's chat function: sync or async, generator or not.

The queue streams a generator and awaits a coroutine, so each wrapper must keep `fn`'s kind;
`same_kind` writes the four variants once and lets a `Plan` say what differs per call.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Plan", "same_kind"]


def _nothing(last: Any) -> None:
    return None


@dataclass
class Plan:
    """One call: `fn`'s arguments, or a ready `answer` instead of calling it; how each streamed item
    and a single result become outputs; what to do once a stream ends (even when stopped), and with
    the last item or the result once the call ran to its end (`finished`)."""

    args: list[Any] = field(default_factory=list)
    answer: Any = None
    each: Callable[[Any], Any] = lambda item: item
    single: Callable[[Any], Any] | None = None
    done: Callable[[Any], None] = _nothing
    finished: Callable[[Any], None] = _nothing

    def one(self, result: Any) -> Any:
        return (self.single or self.each)(result)


def same_kind(fn: Callable[..., Any], plan: Callable[..., Plan]) -> Callable[..., Any]:
    """A function of `fn`'s kind that, per call, asks `plan` what to do, then calls `fn`."""
    if inspect.isasyncgenfunction(fn):
        async def async_stream(*args: Any) -> Any:
            call = plan(*args)
            if call.answer is not None:
                yield call.answer
                return
            last = None
            try:
                async for last in fn(*call.args):
                    yield call.each(last)
                call.finished(last)
            finally:
                call.done(last)
        return async_stream
    if inspect.isgeneratorfunction(fn):
        def stream(*args: Any) -> Any:
            call = plan(*args)
            if call.answer is not None:
                yield call.answer
                return
            last = None
            try:
                for last in fn(*call.args):
                    yield call.each(last)
                call.finished(last)
            finally:
                call.done(last)
        return stream
    if inspect.iscoroutinefunction(fn):
        async def coroutine(*args: Any) -> Any:
            call = plan(*args)
            if call.answer is not None:
                return call.answer
            result = await fn(*call.args)
            call.finished(result)
            return call.one(result)
        return coroutine

    def function(*args: Any) -> Any:
        call = plan(*args)
        if call.answer is not None:
            return call.answer
        result = fn(*call.args)
        call.finished(result)
        return call.one(result)
    return function
