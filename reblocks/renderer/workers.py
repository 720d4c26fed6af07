"""The threads that run users' sync code, where a call abandoned by a cancelled event stops counting."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any, TypeVar

__all__ = ["WorkerPool"]

log = logging.getLogger("reblocks")
T = TypeVar("T")
_Job = tuple["Future[Any]", Callable[..., Any], tuple[Any, ...], dict[str, Any]]


class WorkerPool(Executor):
    """At most `size` threads run calls at once, started as needed. A thread cannot be interrupted, so
    when an event is cancelled mid-call its thread is *abandoned*: it finishes alone and the budget
    grows by one (up to `spare` such threads), so stuck calls never starve other functions."""

    def __init__(self, size: int, spare: int | None = None, name: str = "reblocks-worker") -> None:
        self._size = size
        self._spare = size if spare is None else spare
        self._name = name
        self._work: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._idle = threading.Semaphore(0)  # one token per thread waiting for work
        self._threads = 0
        self._abandoned: set[Future[Any]] = set()
        self._shutdown = False

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        """Run `fn(*args, **kwargs)` on a worker thread; the future resolves with its result."""
        future: Future[T] = Future()
        with self._lock:
            if self._shutdown:
                raise RuntimeError("cannot submit after shutdown")
            self._work.put((future, fn, args, kwargs))
            if not self._idle.acquire(blocking=False):
                self._grow()
        return future

    def abandon(self, future: Future[Any], name: str) -> None:
        """Stop counting the thread running `future` (a cancelled event's call) against the budget."""
        if future.cancel():
            return  # it had not started: nothing runs, nothing to abandon
        with self._lock:
            if future.done() or future in self._abandoned:
                return
            if len(self._abandoned) >= self._spare:
                log.warning("%s is still running after its event was cancelled, and %d abandoned calls "
                            "already hold threads: it keeps its thread from the shared budget",
                            name, len(self._abandoned))
                return
            self._abandoned.add(future)
            count = len(self._abandoned)
            self._grow()  # a replacement, so the budget of working threads stays whole
        log.warning("%s is still running after its event was cancelled; its thread is left to finish "
                    "(%d abandoned)", name, count)

    def _grow(self) -> None:
        """Start a thread if the budget allows; called with the lock held."""
        if self._threads < self._size + len(self._abandoned):
            self._threads += 1
            threading.Thread(target=self._loop, name=f"{self._name}-{self._threads}", daemon=True).start()

    def _loop(self) -> None:
        while True:
            job = self._work.get()
            if job is None:
                return
            future, fn, args, kwargs = job
            if future.set_running_or_notify_cancel():
                try:
                    result = fn(*args, **kwargs)
                except BaseException as exc:  # noqa: BLE001 - SystemExit in user code must not end the thread
                    future.set_exception(exc)
                else:
                    future.set_result(result)
            with self._lock:
                if future in self._abandoned:
                    self._abandoned.discard(future)
                    if self._threads > self._size + len(self._abandoned):
                        self._threads -= 1
                        return  # the budget shrank back: this thread was the extra one
            self._idle.release()

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop taking work; queued calls are cancelled when asked, running ones finish alone."""
        with self._lock:
            self._shutdown = True
            threads = self._threads
        if cancel_futures:
            while True:
                try:
                    job = self._work.get_nowait()
                except queue.Empty:
                    break
                if job is not None:
                    job[0].cancel()
        for _ in range(threads):
            self._work.put(None)
