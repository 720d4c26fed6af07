"""Calling a user's function, whatever its kind: sync or async, a generator or not.

The queue streams through `call` and `iterate`, handing them `prepare` (the arguments, from the
payloads) and `finish` (an output from a result): for sync functions both run on the worker thread
with the function itself, so preprocessing and postprocessing (images, audio, plots) stay off the
event loop at no extra hop. Example caching runs a function to its end with `run_to_end`.
"""

from __future__ import annotations

import asyncio
import contextvars
import inspect
import logging
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import Future
from typing import Any, Protocol, TypeVar

__all__ = ["Workers", "call", "function_name", "iterate", "run_to_end"]

log = logging.getLogger("reblocks")
_DONE = object()
T = TypeVar("T")


class Workers(Protocol):
    """Threads for sync user code; a call whose event was cancelled is `abandon`ed, not awaited."""

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]: ...

    def abandon(self, future: Future[Any], name: str) -> None: ...


def function_name(fn: Callable[..., Any]) -> str:
    return getattr(fn, "__qualname__", None) or repr(fn)


async def call(fn: Callable[..., Any], prepare: Callable[[], list[Any]], finish: Callable[[Any], T],
               workers: Workers) -> T:
    """`finish(fn(*prepare()))`: awaited when async, else on a worker thread with the caller's context
    variables."""
    if inspect.iscoroutinefunction(fn):
        return finish(await fn(*prepare()))
    context = contextvars.copy_context()
    future = workers.submit(context.run, lambda: finish(fn(*prepare())))
    try:
        return await asyncio.wrap_future(future)
    except asyncio.CancelledError:
        workers.abandon(future, function_name(fn))  # the event's slot is freed now; the call ends alone
        raise


async def iterate(fn: Callable[..., Any], prepare: Callable[[], list[Any]], finish: Callable[[Any], T],
                  workers: Workers) -> AsyncIterator[T]:
    """`finish(item)` for each item the generator `fn(*prepare())` yields; the generator is closed when
    the caller stops, so the user's `finally:` runs."""
    if inspect.isasyncgenfunction(fn):
        agen = fn(*prepare())
        try:
            async for item in agen:
                yield finish(item)
        finally:
            await agen.aclose()
        return
    context = contextvars.copy_context()
    stream = _Stream(fn, prepare, finish)
    running: Future[Any] | None = None
    try:
        while True:
            running = workers.submit(context.run, stream.step)
            item = await asyncio.wrap_future(running)
            if item is _DONE:
                return
            yield item
    finally:
        if running is not None and not running.done() and running.running():
            # Cancelled inside a step: free the slot at once; the step's thread closes the
            # generator when the step returns, so `finally:` still runs there.
            running.add_done_callback(lambda _: _close(context, stream))
            workers.abandon(running, function_name(fn))
        else:
            await asyncio.wrap_future(workers.submit(context.run, stream.close))


def run_to_end(fn: Callable[..., Any], args: list[Any]) -> Any:
    """`fn(*args)`'s result, or a generator's last item. An async `fn` runs on an event loop of its own,
    in another thread when this one already runs a loop (a notebook, or an app built inside one)."""
    if inspect.isasyncgenfunction(fn) or inspect.iscoroutinefunction(fn):
        async def last() -> Any:
            if inspect.iscoroutinefunction(fn):
                return await fn(*args)
            result = None
            async for result in fn(*args):
                pass
            return result
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return asyncio.run(last())
        outcome: list[Any] = []
        thread = threading.Thread(target=lambda: outcome.append(_capture(lambda: asyncio.run(last()))))
        thread.start()
        thread.join()
        ok, value = outcome[0]
        if not ok:
            raise value
        return value
    result = fn(*args)
    if inspect.isgenerator(result):
        last_item = None
        for last_item in result:
            pass
        return last_item
    return result


def _capture(work: Callable[[], Any]) -> tuple[bool, Any]:
    try:
        return True, work()
    except Exception as exc:  # noqa: BLE001 - handed back to the waiting thread, which raises it
        return False, exc


class _Stream:
    """A sync generator stepped on worker threads, one step at a time: the first step prepares the
    arguments and starts it, each step finishes the item it yields."""

    def __init__(self, fn: Callable[..., Any], prepare: Callable[[], list[Any]],
                 finish: Callable[[Any], Any]) -> None:
        self.fn, self.prepare, self.finish = fn, prepare, finish
        self.generator: Iterator[Any] | None = None

    def step(self) -> Any:
        """The next item, finished; _DONE when the generator is exhausted."""
        if self.generator is None:
            self.generator = self.fn(*self.prepare())
        try:
            item = next(self.generator)
        except StopIteration:
            return _DONE
        return self.finish(item)

    def close(self) -> None:
        if self.generator is not None:
            self.generator.close()  # type: ignore[attr-defined]


def _close(context: contextvars.Context, stream: _Stream) -> None:
    """Close an abandoned generator in the thread its last step ran on."""
    try:
        context.run(stream.close)
    except Exception:  # noqa: BLE001 - the event is over; nobody else can hear about it
        log.exception("error closing %s after its event was cancelled", function_name(stream.fn))
