"""Wrappers of the same kind as the user's chat function: sync or async, generator or not.

The queue streams a generator and awaits a coroutine, so each wrapper must keep `fn`'s kind;
`same_kind` writes the four variants once and lets a `Plan` say what differs per call.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Plan", "same_kind"]


def _nothing(last: Any) -> None:
    return None


@dataclass
class Plan:
    """One call: `fn`'s arguments, or a ready `answer` instead of calling it; outputs to show before
    the call (`first`, for a stream); how each streamed item and a single result become outputs;
    what to do once a stream ends (even when stopped), and with the last item or the result once the
    call ran to its end (`finished`)."""

    args: list[Any] = field(default_factory=list)
    answer: Any = None
    first: Any = None
    each: Callable[[Any], Any] = lambda item: item
    single: Callable[[Any], Any] | None = None
    done: Callable[[Any], None] = _nothing
    finished: Callable[[Any], None] = _nothing

    def one(self, result: Any) -> Any:
        return (self.single or self.each)(result)


def same_kind(fn: Callable[..., Any], plan: Callable[..., Plan], stream: bool = False) -> Callable[..., Any]:
    """A function of `fn`'s kind that, per call, asks `plan` what to do, then calls `fn`. With `stream`,
    a generator (async for an async `fn`) even for a plain function, whose result is its one item."""
    if inspect.isasyncgenfunction(fn) or (stream and inspect.iscoroutinefunction(fn)):
        async def async_stream(*args: Any) -> Any:
            call = plan(*args)
            if call.first is not None:
                yield call.first
            if call.answer is not None:
                yield call.answer
                return
            last = None
            try:
                if inspect.iscoroutinefunction(fn):  # its one result is the stream's one item
                    last = await fn(*call.args)
                    yield call.each(last)
                else:
                    agen = fn(*call.args)
                    try:
                        async for last in agen:
                            yield call.each(last)
                    finally:
                        await agen.aclose()  # now, not when collected: the user's `finally:` runs at once
                call.finished(last)
            finally:
                call.done(last)
        return async_stream
    if inspect.isgeneratorfunction(fn) or stream:
        def sync_stream(*args: Any) -> Any:
            call = plan(*args)
            if call.first is not None:
                yield call.first
            if call.answer is not None:
                yield call.answer
                return
            last = None
            try:
                for last in _sync_items(fn, call.args):
                    yield call.each(last)
                call.finished(last)
            finally:
                call.done(last)
        return sync_stream
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


def _sync_items(fn: Callable[..., Any], args: list[Any]) -> Iterator[Any]:
    """What a sync `fn` yields, or its one result (closing this closes `fn`'s generator)."""
    if inspect.isgeneratorfunction(fn):
        yield from fn(*args)
    else:
        yield fn(*args)
