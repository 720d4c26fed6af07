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
from collections import deque
from collections.abc import AsyncGenerator, Callable, Iterator
from concurrent.futures import Future
from typing import Any, Protocol, TypeVar

__all__ = ["Workers", "call", "function_name", "is_sync_generator", "iterate", "run_to_end"]

log = logging.getLogger("reblocks")
_DONE = object()
T = TypeVar("T")
PIPE_LIMIT = 64  # items a sync generator may run ahead of the consumer before its thread waits
ABANDON_AFTER = 0.1  # seconds a cancelled generator's thread may take to stop before it is abandoned


class Workers(Protocol):
    """Threads for sync user code; a call whose event was cancelled is `abandon`ed, not awaited."""

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]: ...

    def abandon(self, future: Future[Any], name: str) -> None: ...


def is_sync_generator(fn: Callable[..., Any]) -> bool:
    """Whether `fn` is a plain generator function, which `iterate` drives on a worker thread."""
    return inspect.isgeneratorfunction(fn)


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
                  workers: Workers) -> AsyncGenerator[T, None]:
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
    # One worker thread drives the generator and hands each finished item to the loop as it comes,
    # without waiting for it to be taken: no thread-pool round trip per item.
    loop = asyncio.get_running_loop()
    pipe = _Pipe(loop)
    context = contextvars.copy_context()
    driver = workers.submit(context.run, _drive, fn, prepare, finish, pipe)
    try:
        while True:
            item = await pipe.get()
            if item is _DONE:
                return
            yield item
    finally:
        pipe.close()  # the driver stops at its next item and closes the generator: `finally:` runs
        if not driver.done():
            # Still inside a step a moment later: free its thread's budget, the step ends alone.
            loop.call_later(ABANDON_AFTER, _abandon_if_running, workers, driver, function_name(fn))


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


class _Failed:
    """An exception the driver thread hands to the loop, raised there in the consumer."""

    def __init__(self, error: BaseException) -> None:
        self.error = error


class _Closed(Exception):
    """The consumer stopped reading: the driver closes the generator."""


class _Pipe:
    """Items from a driver thread to the event loop, in order. The thread waits only when PIPE_LIMIT
    items are unread (a slow consumer holds the thread, not memory); the loop is woken once per
    batch, when it waits on an empty pipe."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._items: deque[Any] = deque()
        self._room = threading.Condition()
        self._waiter: asyncio.Future[None] | None = None
        self._closed = False

    def put(self, item: Any) -> None:
        """Thread side: add an item (waiting for room); _Closed once the consumer stopped."""
        with self._room:
            while len(self._items) >= PIPE_LIMIT and not self._closed:
                self._room.wait()
            if self._closed:
                raise _Closed
            self._items.append(item)
            waiter, self._waiter = self._waiter, None
        if waiter is not None:
            self._loop.call_soon_threadsafe(_wake, waiter)

    async def get(self) -> Any:
        """Loop side: the next item, raising what the generator raised."""
        while True:
            with self._room:
                if self._items:
                    item = self._items.popleft()
                    self._room.notify()
                    break
                waiter = self._waiter = self._loop.create_future()
            await waiter
        if isinstance(item, _Failed):
            raise item.error
        return item

    def close(self) -> None:
        """Loop side: stop reading; the driver's next `put` raises _Closed."""
        with self._room:
            self._closed = True
            self._items.clear()
            self._room.notify_all()


def _wake(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)


def _drive(fn: Callable[..., Any], prepare: Callable[[], list[Any]], finish: Callable[[Any], Any],
           pipe: _Pipe) -> None:
    """Run a sync generator to its end on this worker thread, putting each finished item in `pipe`;
    closed (so its `finally:` runs here) as soon as the consumer stops."""
    generator: Iterator[Any] | None = None
    try:
        generator = fn(*prepare())
        for item in generator:
            pipe.put(finish(item))
        pipe.put(_DONE)
    except _Closed:
        pass
    except BaseException as error:  # noqa: BLE001 - handed to the loop, which raises it in the consumer
        try:
            pipe.put(_Failed(error))
        except _Closed:
            pass
    finally:
        if generator is not None:
            try:
                generator.close()  # type: ignore[attr-defined]
            except Exception:  # noqa: BLE001 - the event is over; nobody else can hear about it
                log.exception("error closing %s", function_name(fn))


def _abandon_if_running(workers: Workers, driver: Future[Any], name: str) -> None:
    if not driver.done():
        workers.abandon(driver, name)
