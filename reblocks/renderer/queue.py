"""The event queue: one task per event, concurrency groups, user function calls, diffs on the wire."""

from __future__ import annotations

import asyncio
import inspect
import logging
import time
import uuid
from collections.abc import AsyncGenerator, AsyncIterator, Callable
from contextlib import aclosing, asynccontextmanager
from functools import partial
from typing import TYPE_CHECKING, Any

import msgspec

from reblocks.blocks import runner
from reblocks.blocks.block import Block
from reblocks.blocks.blocks import Blocks, event_data_parameter
from reblocks.blocks.events import Dependency
from reblocks.blocks.render import Rendered
from reblocks.blocks.request import Request, annotated_parameter
from reblocks.components.base import Component, Continued
from reblocks.components.state import State
from reblocks.caching import CacheMiss, cached_store, current_session, probing
from reblocks.errors import Error, Level, notice_sink, progress_sink
from reblocks.renderer.diff import diff
from reblocks.renderer.files import FileCache
from reblocks.renderer.protocol import sse_frame
from reblocks.renderer.sessions import Session, SessionStore
from reblocks.renderer.streams import STREAM_IDLE, Delivery, Inbox
from reblocks.renderer.workers import WorkerPool
from reblocks.wire import (
    Completed, DiffOp, Estimation, Generating, JoinRequest, Log, Output, ProcessStarts, ProgressMessage,
    ProgressUnit, RenderConfig, Streaming,
)

if TYPE_CHECKING:
    from reblocks.renderer.cluster import Cluster

__all__ = ["Event", "Queue", "QueueFull", "SessionBusy"]

log = logging.getLogger("reblocks")
_NO_CHANGE = {"__type__": "update"}
_copy_encode = msgspec.json.Encoder().encode
_copy_decode = msgspec.json.decode


ESTIMATE_INTERVAL = 0.5  # seconds between queue-position snapshots for a group's waiting events
MAX_UNREAD_BYTES = 8 * 1024 * 1024  # a session with this much unread output may not join again


class QueueFull(Exception):
    """The queue holds `max_size` waiting events already."""


class SessionBusy(Exception):
    """The session has as many unfinished events, or as much unread output, as it may."""


class Event:
    """One run of a dependency for one session, from join to completion."""

    def __init__(self, session: Session, dependency: Dependency, request: JoinRequest, root: str,
                 caller: Request) -> None:
        self.id = uuid.uuid4().hex
        self.session = session
        self.dependency = dependency
        self.request = request
        self.root = root
        self.caller = caller
        self.task: asyncio.Task[None] | None = None
        self.cancelled = False
        self.inbox: Inbox | None = None
        """A queued `.stream` event's chunks after the first; None for any other event (and for a
        `.stream` listener called once through /run)."""

    def cancel(self) -> None:
        """Stop the event: its task is cancelled and a running generator is closed."""
        self.cancelled = True  # a call left running on its thread must not write State afterwards
        if self.task is not None and not self.task.done():
            self.task.cancel()


class _Group:
    """Events sharing a concurrency_id: a semaphore (None = unlimited) and the waiting line, in order."""

    def __init__(self, limit: int | None) -> None:
        self.semaphore = asyncio.Semaphore(limit) if limit is not None else None
        self.waiting: dict[str, Event] = {}
        self.snapshot: asyncio.TimerHandle | None = None
        self.last_snapshot = 0.0


class Queue:
    """Runs events for the app: preprocess, call the user's function, postprocess, report."""

    def __init__(self, blocks: Blocks, sessions: SessionStore, executor: WorkerPool, files: FileCache,
                 show_error: bool = False, max_size: int | None = None, max_session_events: int = 256,
                 cluster: Cluster | None = None) -> None:
        self.blocks = blocks
        self.cluster = cluster
        self.sessions = sessions
        self.executor = executor
        self.files = files
        self.show_error = show_error
        self.max_size = max_size
        self.max_session_events = max_session_events
        self._groups: dict[str, _Group] = {}
        self._waiting = 0  # across every group: max_size bounds the whole queue
        self._durations: dict[int, tuple[int, float]] = {}
        self._streams: dict[str, Event] = {}  # this process's `.stream` events, until they end

    # -- joining and cancelling ---------------------------------------------------------------
    async def submit(self, session: Session, dependency: Dependency, request: JoinRequest, root: str,
                     caller: Request) -> Event:
        """Queue an event and start its task; the session's stream will report on it. On a cluster,
        the event is pending for its session everywhere before this returns."""
        if self.max_size is not None and self._waiting >= self.max_size:
            raise QueueFull
        if len(session.events) >= self.max_session_events or session.outbox.size > MAX_UNREAD_BYTES:
            raise SessionBusy
        group = self._group(dependency)
        event = Event(session, dependency, request, root, caller)
        if self.cluster is not None:
            await self.cluster.begin(event.id, session.hash)
        session.events[event.id] = event
        if dependency.connection == "stream":
            event.inbox = Inbox()
            self._streams[event.id] = event
        self.sessions.settle(session)
        # Waiting from the start, so the next join already counts it against max_size.
        group.waiting[event.id] = event
        self._waiting += 1
        self._send_estimate(event, len(group.waiting) - 1, len(group.waiting))
        event.task = asyncio.create_task(self._run(event, group), name=f"event {event.id}")
        return event

    async def cancel(self, session_hash: str, event_id: str) -> None:
        """Cancel an event if it is still running (on a cluster, wherever it runs); unknown ids are
        ignored, as Gradio does."""
        if not self.cancel_here(event_id, session_hash) and self.cluster is not None:
            await self.cluster.cancel(event_id)

    def cancel_here(self, event_id: str, session_hash: str | None = None) -> bool:
        """Cancel the event if this process runs it; whether it does."""
        sessions = [self.sessions.get(session_hash)] if session_hash is not None else self.sessions.all()
        for session in sessions:
            event = session.events.get(event_id) if session is not None else None
            if event is not None:
                event.cancel()
                return True
        return False

    async def stream(self, event_id: str, session_hash: str | None, chunk: JoinRequest | None) -> Delivery:
        """Hand a `.stream` event its next chunk, or end it (`chunk` None); on a cluster, wherever it
        runs. A session_hash that is not the event's is refused (None: any, for closing only)."""
        delivery = self.stream_here(event_id, session_hash, chunk)
        if delivery is Delivery.UNKNOWN and self.cluster is not None:
            return await self.cluster.stream(event_id, session_hash, chunk)
        return delivery

    def stream_here(self, event_id: str, session_hash: str | None, chunk: JoinRequest | None) -> Delivery:
        """`stream` for an event this process runs; UNKNOWN when it runs none of that id."""
        event = self._streams.get(event_id)
        if event is None or event.inbox is None:
            return Delivery.UNKNOWN
        if session_hash is not None and session_hash != event.session.hash:
            return Delivery.FOREIGN
        if chunk is not None and chunk.fn_index != event.dependency.id:
            return Delivery.MISMATCH
        if chunk is None:
            event.inbox.close()
        else:
            event.inbox.put(chunk)
        return Delivery.DONE

    def _group(self, dependency: Dependency) -> _Group:
        group = self._groups.get(dependency.concurrency_id)
        if group is None:
            group = self._groups[dependency.concurrency_id] = _Group(dependency.limit)
        return group

    def _send_estimate(self, event: Event, rank: int, size: int) -> None:
        """Tell the event's session its place in line; a newer estimate replaces an unread older one."""
        average = self._average(event.dependency)
        eta = None if average is None else average * (rank + 1)
        frame = sse_frame(Estimation(event.id, rank=rank, queue_size=size, rank_eta=eta))
        event.session.outbox.estimate(event.id, frame)

    def _leave(self, event: Event, group: _Group) -> None:
        """Take the event out of its group's line; the others learn their new places in a snapshot
        sent at most every ESTIMATE_INTERVAL, so a long line costs O(n) per interval, not per move."""
        if group.waiting.pop(event.id, None) is None:
            return
        self._waiting -= 1
        event.session.outbox.settle(event.id)
        if not group.waiting or group.snapshot is not None:
            return
        loop = asyncio.get_running_loop()
        wait = group.last_snapshot + ESTIMATE_INTERVAL - loop.time()
        if wait <= 0:
            self._snapshot(group)
        else:
            group.snapshot = loop.call_later(wait, self._snapshot, group)

    def _snapshot(self, group: _Group) -> None:
        group.snapshot = None
        group.last_snapshot = asyncio.get_running_loop().time()
        size = len(group.waiting)
        for rank, event in enumerate(group.waiting.values()):
            self._send_estimate(event, rank, size)

    def _average(self, dependency: Dependency) -> float | None:
        count, total = self._durations.get(dependency.id, (0, 0.0))
        return total / count if count else None

    # -- running -------------------------------------------------------------------------------
    async def _run(self, event: Event, group: _Group) -> None:
        session = event.session
        final: Completed | None = None
        try:
            if cached_store(event.dependency.fn):
                final = await self._cached(event)
            if final is None:
                async with self._slot(event, group):
                    self._leave(event, group)
                    session.send(sse_frame(ProcessStarts(event.id, eta=self._average(event.dependency))))
                    final = await self._process_shared(event)
        except asyncio.CancelledError:
            final = Completed(event.id, output=Output(), success=True)
            raise
        finally:
            self._leave(event, group)
            # Finish the event before its last frame is queued, so the stream sees both at once.
            session.events.pop(event.id, None)
            self._streams.pop(event.id, None)
            if final is not None:
                session.send(sse_frame(final))
            self.sessions.settle(session)
            if self.cluster is not None:
                await asyncio.shield(self.cluster.end(event.id))

    async def _cached(self, event: Event) -> Completed | None:
        """A `gr.cache` hit, answered without waiting for a concurrency slot; None when the function has
        to run. Asking the cache runs nothing else: a miss stops before the user's function starts."""
        token = probing.set(True)
        try:
            final = await self._process_shared(event)
        except CacheMiss:
            return None
        finally:
            probing.reset(token)
        final.used_cache = "full"
        return final

    @asynccontextmanager
    async def _slot(self, event: Event, group: _Group) -> AsyncIterator[None]:
        """One of the group's concurrency slots for the block: this process's, or on a cluster the
        whole cluster's, so a limit holds across every process."""
        dependency = event.dependency
        if self.cluster is not None and dependency.limit is not None:
            async with self.cluster.slot(dependency.concurrency_id, dependency.limit, event.id, event.session.hash,
                                         self._average(dependency)):
                yield
        elif group.semaphore is not None:
            async with group.semaphore:
                yield
        else:
            yield

    async def _process_shared(self, event: Event) -> Completed:
        """`process`, with the session's State read from and written back to the cluster, if any."""
        if self.cluster is None:
            return await self.process(event, event.session.send, partial(self._send_step, event.session, event.id))
        session, dependency = event.session, event.dependency
        states = {block.id for block in (*dependency.inputs, *dependency.outputs) if isinstance(block, State)}
        stored = await self.cluster.load_state(session.hash, states)
        for block_id in states:
            session.state.pop(block_id, None)
        session.state.update(stored)
        final = await self.process(event, session.send, partial(self._send_step, session, event.id))
        changed = final.output.changed_state_ids if final.success else None
        if isinstance(changed, list):
            await self.cluster.save_state(session.hash, {block_id: session.state[block_id] for block_id in changed
                                                         if block_id in session.state})
        return final

    @staticmethod
    def _send_step(session: Session, event_id: str, step: Step) -> None:
        session.outbox.put_step(event_id, step.frame, step.whole)

    async def process(self, event: Event, send: Callable[[bytes], None],
                      send_step: Callable[[Step], None]) -> Completed:
        """Run the event's function to the end; `send` gets its messages as SSE frames, and `send_step`
        each generator step."""
        dependency = event.dependency
        loop = asyncio.get_running_loop()
        started = time.perf_counter()

        def notify(message: str, level: Level, title: str, duration: float | None) -> None:
            frame = sse_frame(Log(event.id, log=message, level=level, duration=duration, title=title))
            loop.call_soon_threadsafe(send, frame)

        def report(units: list[ProgressUnit]) -> None:
            loop.call_soon_threadsafe(send, sse_frame(ProgressMessage(event.id, progress_data=units)))

        token = notice_sink.set(notify)
        progress_token = progress_sink.set(report)
        session_token = current_session.set(event.session.hash)
        try:
            await self._fetch_inputs(event)
            fn = dependency.fn
            assert fn is not None

            def prepare() -> list[Any]:
                return self._inputs(event)

            prefixes: _Prefixes = {}

            def outputs(result: Any) -> tuple[list[Any], list[int]]:
                return self._outputs(event, result, prefixes)

            changed: list[int] = []
            render_config: RenderConfig | None = None
            if dependency.renderable is not None:
                def rendered(result: Rendered) -> tuple[Rendered, RenderConfig]:
                    if event.cancelled:
                        raise asyncio.CancelledError
                    return result, self.blocks.render_config(result)
                subtree, config = await runner.call(fn, prepare, rendered, self.executor)
                event.session.rendered(subtree)
                await self.files.finish_all([entry.props for entry in config.components], event.root,
                                            self.executor)
                data: list[Any] = []
                render_config = config
            elif event.inbox is not None:
                data, changed = await self._stream(event, prepare, outputs, send, started)
            elif dependency.is_generator:
                frames = _Frames(event, started)
                on_thread = runner.is_sync_generator(fn)
                if on_thread:
                    # All of an item's work (postprocess, files, encode, diff) on the generator's thread.
                    def finish(result: Any) -> Step:
                        data, changed = outputs(result)
                        self.files.finish_now(data, event.root)
                        return frames.frame(data, changed)
                    stream: AsyncGenerator[Any, None] = runner.iterate(fn, prepare, finish, self.executor)
                else:
                    stream = runner.iterate(fn, prepare, outputs, self.executor)
                try:
                    # time_limit (streams only, as in Gradio): the generator is closed when it runs out;
                    # a cancelled event closes it at once too, so the user's `finally:` runs.
                    async with asyncio.timeout(dependency.time_limit), aclosing(stream):
                        async for item in stream:
                            if not on_thread:
                                data, changed = item
                                await self.files.finish_all(data, event.root, self.executor)
                                item = frames.frame(data, changed)
                            send_step(item)
                except TimeoutError:
                    log.info("%s reached its time_limit of %ss", dependency.api_name, dependency.time_limit)
                data, changed = frames.last()
            else:
                data, changed = await runner.call(fn, prepare, outputs, self.executor)
                await self.files.finish_all(data, event.root, self.executor)
                for slot, value in enumerate(data):
                    _encoded(dependency, slot, value)
        except CacheMiss:
            raise
        except Error as exc:
            if exc.print_exception:
                log.info("gr.Error in %s: %s", dependency.api_name, exc.message)
            return Completed(event.id, output=Output.failure(exc.message, duration=exc.duration,
                             visible=exc.visible, title=exc.title), success=False, title=exc.title)
        except (Exception, SystemExit, KeyboardInterrupt) as exc:  # noqa: BLE001 - nor sys.exit() in it
            log.exception("error in %s (fn_index %d)", dependency.api_name, dependency.id)
            message = f"{type(exc).__name__}: {exc}" if self.show_error else None
            return Completed(event.id, output=Output.failure(message), success=False, title="Error")
        finally:
            notice_sink.reset(token)
            progress_sink.reset(progress_token)
            current_session.reset(session_token)
        duration = time.perf_counter() - started
        count, total = self._durations.get(dependency.id, (0, 0.0))
        self._durations[dependency.id] = (count + 1, total + duration)
        average = (total + duration) / (count + 1)
        output = Output.success(data, is_generating=False, duration=duration, average_duration=average,
                                changed_state_ids=changed, render_config=render_config)
        return Completed(event.id, output=output, success=True, avg_time=average)

    async def _stream(self, event: Event, prepare: Callable[[], list[Any]],
                      outputs: Callable[[Any], tuple[list[Any], list[int]]], send: Callable[[bytes], None],
                      started: float) -> tuple[list[Any], list[int]]:
        """A `.stream` event: `fn` runs on the chunk it joined with, then on each newer chunk the page
        posts, and each result goes out whole (`process_streaming`). It ends at `time_limit`, when the
        page closes it, or when no chunk comes for STREAM_IDLE seconds; its last values are its result."""
        dependency, inbox, fn = event.dependency, event.inbox, event.dependency.fn
        assert inbox is not None and fn is not None
        loop = asyncio.get_running_loop()
        ends = None if dependency.time_limit is None else loop.time() + dependency.time_limit
        last: tuple[list[Any], list[int]] = ([_NO_CHANGE] * len(dependency.outputs), [])

        async def publish(result: tuple[list[Any], list[int]]) -> None:
            nonlocal last
            data, changed = last = result
            await self.files.finish_all(data, event.root, self.executor)
            left = None if ends is None else max(ends - loop.time(), 0.0)
            message = Streaming(event.id, output=Output.success(
                data, is_generating=True, duration=time.perf_counter() - started, changed_state_ids=changed),
                time_limit=left)
            try:
                frame = sse_frame(message)
            except (TypeError, ValueError, msgspec.EncodeError):
                for slot, value in enumerate(data):
                    _encoded(dependency, slot, value)  # raises the Error naming the output
                raise
            send(frame)

        while True:
            if dependency.is_generator:
                async with aclosing(runner.iterate(fn, prepare, outputs, self.executor)) as results:
                    async for result in results:
                        await publish(result)
            else:
                await publish(await runner.call(fn, prepare, outputs, self.executor))
            left = STREAM_IDLE if ends is None else min(STREAM_IDLE, ends - loop.time())
            chunk = await inbox.take(left) if left > 0 else None
            if chunk is None:
                return last
            event.request = chunk
            await self._fetch_inputs(event)

    async def _fetch_inputs(self, event: Event) -> None:
        """Download the event's input files given as URLs (see `FileCache.fetch_inputs`)."""
        await self.files.fetch_inputs([payload for block, payload in zip(event.dependency.inputs, event.request.data)
                                       if isinstance(block, Component) and block.has_files])

    # -- values in and out ---------------------------------------------------------------------
    async def validate(self, event: Event) -> list[dict[str, Any]] | None:
        """Run the dependency's `validator=` on the event's inputs, before it is queued: the validation
        of each input (Gradio's shape, with the parameter's name) when any is refused, else None."""
        validator = event.dependency.validator
        if validator is None:
            return None
        result = await runner.call(validator, lambda: self._inputs(event, validator), lambda value: value,
                                   self.executor)
        if isinstance(result, dict):
            result = [result]
        if not isinstance(result, (list, tuple)):
            return None
        names = list(inspect.signature(event.dependency.fn).parameters) if event.dependency.fn else []
        checks = [{**item, "parameter_name": names[index] if index < len(names) else f"parameter_{index}"}
                  if isinstance(item, dict) and item.get("__type__") == "validate"
                  else {"is_valid": True, "message": ""} for index, item in enumerate(result)]
        return None if all(check.get("is_valid") is True for check in checks) else checks

    def _inputs(self, event: Event, fn: Callable[..., Any] | None = None) -> list[Any]:
        """The arguments of `fn` (the event's function unless given) from the event's payloads."""
        dependency, session, request = event.dependency, event.session, event.request
        args: list[Any] = []
        for block, payload in zip(dependency.inputs, request.data):
            if isinstance(block, State):
                if block.id not in session.state:
                    session.state[block.id] = block.initial_value()
                args.append(session.state[block.id])
            elif dependency.preprocess and isinstance(block, Component):
                args.append(block.preprocess(payload))
            else:
                args.append(payload)
        if dependency.inputs_as_dict:
            args = [dict(zip(dependency.inputs, args))]
        fn = fn or dependency.fn
        assert fn is not None
        injected: list[tuple[int, Any]] = []
        parameter = event_data_parameter(fn)
        if parameter is not None:
            position, data_class = parameter
            target = None if request.trigger_id is None else _block(self.blocks, session, request.trigger_id)
            injected.append((position, data_class(target, request.event_data)))
        parameter = annotated_parameter(fn, Request)
        if parameter is not None:
            injected.append((parameter[0], event.caller))
        for position, value in sorted(injected, key=lambda item: item[0]):
            args.insert(position, value)
        return args

    def _outputs(self, event: Event, result: Any, prefixes: _Prefixes) -> tuple[list[Any], list[int]]:
        """One value per output, postprocessed, and the ids of the States it wrote (on the worker thread
        for sync functions). `prefixes` keeps the event's postprocessed `Continued` prefixes."""
        if event.cancelled:
            raise asyncio.CancelledError  # nobody waits for this result: it changes nothing
        dependency, session = event.dependency, event.session
        outputs = dependency.outputs
        values = _split(outputs, result)
        data: list[Any] = []
        changed: list[int] = []
        for slot, (block, value) in enumerate(zip(outputs, values)):
            if isinstance(block, State):
                if isinstance(value, dict) and value.get("__type__") == "update":
                    value = value.get("value", _NO_CHANGE)  # an update without a value changes nothing
                if value is not _NO_CHANGE:
                    session.set_state(block, value)
                    changed.append(block.id)
                data.append(None)
            elif dependency.postprocess and isinstance(block, Component):
                data.append(self._postprocess(event, block, slot, value, prefixes))
            elif isinstance(value, Block):  # a layout returned as its own update
                data.append(value.as_update())
            else:
                data.append(value)
        return data, changed


    def _postprocess(self, event: Event, block: Component, slot: int, value: Any, prefixes: _Prefixes) -> Any:
        """`block.postprocess_output(value)`; for a `Continued` list whose prefix this event already
        postprocessed (with its files), only the tail is done, and the result continues that prefix."""
        if isinstance(value, Continued):
            known = prefixes.get(slot)
            if known is None or known[0] is not value.prefix:
                done = block.postprocess_items(value.prefix)
                if done is None:
                    return block.postprocess_output(value)
                self.files.finish_now(done, event.root)
                known = prefixes[slot] = (value.prefix, done)
            tail = block.postprocess_items(value.tail)
            assert tail is not None
            return Continued(known[1], tail)
        return block.postprocess_output(value)


_Prefixes = dict[int, tuple[list[Any], list[Any]]]
"""Per output slot: a `Continued` value's prefix, and its postprocessed payloads."""


class _Sent:
    """The values of a step as sent, to diff the next step against: copies (the user may mutate and
    re-yield the same objects), of the tail alone for a value that continued a prefix (never mutated)."""

    __slots__ = ("continues", "copies", "prefixes")

    def __init__(self, dependency: Dependency, data: list[Any]) -> None:
        self.prefixes: list[list[Any] | None] = []
        parts = []
        for value in data:
            if isinstance(value, Continued):
                self.prefixes.append(value.prefix)
                parts.append(value.tail)
            else:
                self.prefixes.append(None)
                parts.append(value)
        self.continues = len(parts) != self.prefixes.count(None)
        try:
            self.copies: list[Any] = _copy_decode(_copy_encode(parts))
        except (TypeError, ValueError, msgspec.EncodeError):
            for slot, part in enumerate(parts):
                _encoded(dependency, slot, part)  # raises the Error naming the output
            raise

    def full(self) -> list[Any]:
        """The whole values sent."""
        return [copy if prefix is None else [*prefix, *copy] for prefix, copy in zip(self.prefixes, self.copies)]

    def ops_from(self, old: _Sent) -> list[list[DiffOp]]:
        """Each output's diff from `old`; over the tails alone where both continue the same prefix."""
        if not self.continues and not old.continues:
            return list(map(diff, old.copies, self.copies))
        return [_ops(*pair) for pair in zip(old.prefixes, old.copies, self.prefixes, self.copies)]


def _ops(old_prefix: list[Any] | None, old: Any, prefix: list[Any] | None, new: Any) -> list[DiffOp]:
    if prefix is None or old_prefix is not prefix:
        return diff(old if old_prefix is None else [*old_prefix, *old], new if prefix is None else [*prefix, *new])
    ops = diff(old, new)
    if any(not path for _, path, _ in ops):
        return [("replace", [], [*prefix, *new])]
    offset = len(prefix)
    return [(op, [int(path[0]) + offset, *path[1:]], item) for op, path, item in ops]


class Step:
    """A generator step's frame (whole values first, then diffs), and the same step as whole values,
    for a client too far behind to be sent each step (see `Outbox.put_step`)."""

    __slots__ = ("_changed", "_duration", "_frames", "_sent", "frame")

    def __init__(self, frames: _Frames, frame: bytes, sent: _Sent, changed: list[int], duration: float) -> None:
        self.frame = frame
        self._frames = frames
        self._sent = sent  # copies, never changed: the values as of this step
        self._changed = changed
        self._duration = duration

    def whole(self) -> bytes:
        """This step's frame with each output's whole value (a diff that replaces it, for diff streams)."""
        values = self._sent.full()
        payload = values if self._frames.whole_values else [[("replace", [], value)] for value in values]
        return self._frames.encode(payload, self._changed, self._duration)


class _Frames:
    """An event's stream of outputs as `process_generating` frames: the first with whole values, the
    rest as diffs against the previous values, which it keeps."""

    def __init__(self, event: Event, started: float) -> None:
        self.event = event
        self.started = started
        # One attribute, set at once: with a sync generator the thread writes it while the loop may read.
        self.previous: tuple[_Sent, list[int]] | None = None

    @property
    def whole_values(self) -> bool:
        """Whether every step carries whole values: /call streams them so."""
        return self.event.request.simple_format

    def frame(self, data: list[Any], changed: list[int]) -> Step:
        """The next step's frame; raises an Error naming an output JSON cannot hold."""
        sent = _Sent(self.event.dependency, data)
        if self.previous is None or self.whole_values:
            payload: list[Any] = data
        else:
            payload = sent.ops_from(self.previous[0])
        duration = time.perf_counter() - self.started
        step = Step(self, self.encode(payload, changed, duration), sent, changed, duration)
        self.previous = (sent, changed)
        return step

    def encode(self, payload: list[Any], changed: list[int], duration: float) -> bytes:
        """A process_generating frame for this event with `payload` as its data."""
        return sse_frame(Generating(self.event.id, output=Output.success(
            payload, is_generating=True, duration=duration, changed_state_ids=changed),
            time_limit=self.event.dependency.time_limit))

    def last(self) -> tuple[list[Any], list[int]]:
        """The last values sent (no change when nothing was), for the completion message."""
        if self.previous is None:
            return [_NO_CHANGE] * len(self.event.dependency.outputs), []
        return self.previous[0].full(), self.previous[1]


def _encoded(dependency: Dependency, slot: int, value: Any) -> bytes:
    """Output `slot`'s value as JSON. A value JSON cannot hold is a visible error naming its output,
    not a lost event."""
    try:
        return _copy_encode(value)
    except (TypeError, ValueError, msgspec.EncodeError) as reason:
        block = dependency.outputs[slot]
        label = getattr(block, "label", None)
        name = type(block).__name__ + (f' "{label}"' if label else "")
        raise Error(f"Output {slot} ({name}) cannot be sent: {reason}") from None


def _block(blocks: Blocks, session: Session, block_id: int) -> Block | None:
    """The app's block `block_id`, or one of the session's rendered subtrees."""
    block = blocks.blocks_by_id().get(block_id)
    if block is None:
        block = next((block for rendered in session.renders.values() for block in rendered.blocks()
                      if block.id == block_id), None)
    return block


def _split(outputs: list[Block], result: Any) -> list[Any]:
    """One value per output: from a tuple, a single value, or a dict keyed by components."""
    if isinstance(result, dict) and result and all(isinstance(key, Block) for key in result):
        return [result.get(block, _NO_CHANGE) for block in outputs]
    if len(outputs) == 0:
        return []
    if len(outputs) == 1:
        return [result]
    if not isinstance(result, (tuple, list)) or len(result) != len(outputs):
        count = len(result) if isinstance(result, (tuple, list)) else 1
        raise ValueError(f"the function returned {count} value(s) but {len(outputs)} outputs are set")
    return list(result)
