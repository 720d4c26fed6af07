"""Per-session server state: State values, the outgoing SSE frames, and expiry after the last connection."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reblocks.caching import clear_session

if TYPE_CHECKING:
    from reblocks.blocks.events import Dependency
    from reblocks.components.state import State
    from reblocks.blocks.render import Rendered
    from reblocks.renderer.queue import Event

__all__ = ["Outbox", "Session", "SessionStore"]

log = logging.getLogger("reblocks")


COALESCE_AFTER = 1024 * 1024  # unread bytes past which a stream's unread steps merge into one
RESUME_WINDOW = 60.0  # seconds a finished event's frames are kept for a client that reconnects
RESUME_BYTES = 8 * 1024 * 1024  # frames kept per session for reconnecting clients, at most


class _Steps:
    """An event's unread stream steps, in order: their frames, or, once the session has too much unread
    output, only a way to build one frame holding the latest step's whole value (when it is read)."""

    __slots__ = ("frames", "whole")

    def __init__(self) -> None:
        self.frames: list[bytes] = []
        self.whole: Callable[[], bytes] | None = None

    def read(self) -> list[bytes]:
        return [self.whole()] if self.whole is not None else self.frames


class Outbox:
    """A session's frames waiting for its `/queue/data` stream. Frames keep their order; queue positions
    are kept apart, the latest per waiting event, so a client that never reads holds one per event.
    A client that reads slower than a stream yields gets the stream's latest value instead of every
    step (backpressure), so what waits for it stays about one value per stream."""

    def __init__(self) -> None:
        self._frames: deque[bytes | _Steps] = deque()
        self._steps: dict[str, _Steps] = {}
        self._estimates: dict[str, bytes] = {}
        self._ready = asyncio.Event()
        self.size = 0
        """Bytes not read yet."""
        self.closed = False

    def put(self, frame: bytes) -> None:
        self._frames.append(frame)
        self.size += len(frame)
        self._ready.set()

    def put_step(self, event_id: str, frame: bytes, whole: Callable[[], bytes]) -> None:
        """Queue a stream step's frame (a diff against the step before); `whole` builds a frame with
        this step's whole value, sent instead of the unread steps once too much output is unread."""
        steps = self._steps.get(event_id)
        if steps is None or not self._frames or self._frames[-1] is not steps:
            # Steps merge only while nothing else came after them: other messages keep their order.
            steps = self._steps[event_id] = _Steps()
            self._frames.append(steps)
        if steps.whole is not None or self.size + len(frame) > COALESCE_AFTER:
            self.size -= sum(map(len, steps.frames))
            steps.frames.clear()
            steps.whole = whole
        else:
            steps.frames.append(frame)
            self.size += len(frame)
        self._ready.set()

    def estimate(self, event_id: str, frame: bytes) -> None:
        """Set the waiting event's latest position, replacing one not read yet."""
        old = self._estimates.get(event_id)
        self._estimates[event_id] = frame
        self.size += len(frame) - (len(old) if old is not None else 0)
        self._ready.set()

    def settle(self, event_id: str) -> None:
        """The event left the line: its last unread position goes in order, before what follows."""
        frame = self._estimates.pop(event_id, None)
        if frame is not None:
            self._frames.append(frame)

    def close(self) -> None:
        """End the stream after what is queued (the server is stopping)."""
        self.closed = True
        self._ready.set()

    def empty(self) -> bool:
        return not self._frames and not self._estimates

    async def take(self) -> list[bytes]:
        """Everything queued, to go out in one write: positions of waiting events first, then frames
        in order."""
        await self._ready.wait()
        self._ready.clear()
        frames = list(self._estimates.values())
        for item in self._frames:
            if isinstance(item, bytes):
                frames.append(item)
            else:
                frames.extend(item.read())
        self._estimates.clear()
        self._frames.clear()
        self._steps.clear()
        self.size = 0
        return frames


class Replay:
    """The frames a session's stream sent, each with its SSE `id:`, kept so that a client whose
    connection dropped gets every later frame once more, and none twice (`since`). Kept: everything
    while an event runs, then RESUME_WINDOW seconds, and never more than RESUME_BYTES."""

    def __init__(self) -> None:
        self._frames: deque[tuple[int, float, bytes]] = deque()
        self._next = 1
        self.size = 0

    def record(self, frames: list[bytes], running: bool) -> bytes:
        """Number `frames` in order and keep them; they are returned as one write, each with its id."""
        now = time.monotonic()
        numbered = []
        for frame in frames:
            self._frames.append((self._next, now, frame))
            numbered.append(b"id: %d\n%s" % (self._next, frame))
            self._next += 1
            self.size += len(frame)
        while self._frames and (self.size > RESUME_BYTES
                                or (not running and self._frames[0][1] < now - RESUME_WINDOW)):
            self.size -= len(self._frames.popleft()[2])
        return b"".join(numbered)

    def since(self, last_id: int) -> bytes:
        """The kept frames after `last_id`, with their ids, as one write."""
        return b"".join(b"id: %d\n%s" % (number, frame) for number, _, frame in self._frames if number > last_id)


class Session:
    """One browser tab or API client, keyed by the `session_hash` it chose."""

    def __init__(self, session_hash: str, outbox: Outbox | None = None) -> None:
        self.hash = session_hash
        self.state: dict[int, Any] = {}
        self.state_expiry: dict[int, tuple[float, Callable[[Any], None] | None]] = {}
        """For a State with a time_to_live: when its value set here ends (time.monotonic()), and its
        delete_callback."""
        self.renders: dict[int, Rendered] = {}
        """The latest run of each `@gr.render`, by its id: this session's subtrees."""
        self.dependencies: dict[int, Dependency] = {}
        """The listeners those runs made, by id."""
        self.outbox = outbox if outbox is not None else Outbox()
        self.replay = Replay()
        self.events: dict[str, Event] = {}
        self.connections = 0
        self.expiry: asyncio.TimerHandle | None = None
        self.reader: asyncio.Task[Any] | None = None
        """The task writing this session's `/queue/data` stream; a new stream replaces it."""
        self.orphaned: asyncio.TimerHandle | None = None
        """Set while the stream is down with events running: they are cancelled when it fires."""

    @property
    def idle(self) -> bool:
        """No open connection and no unfinished event: the session may expire."""
        return self.connections == 0 and not self.events

    def rendered(self, rendered: Rendered) -> None:
        """Put a render run's subtree in place of the previous run's; the old listeners go, and so does
        the State of old blocks the new run did not keep (by key), so re-renders do not add up."""
        old = self.renders.get(rendered.renderable.id)
        self.renders[rendered.renderable.id] = rendered
        if old is not None:
            for dependency in old.dependencies:
                self.dependencies.pop(dependency.id, None)
            kept = {block.id for block in rendered.blocks()}
            for block in old.blocks():
                if block.id not in kept:
                    self.state.pop(block.id, None)
        for dependency in rendered.dependencies:
            self.dependencies[dependency.id] = dependency

    def set_state(self, state: State, value: Any) -> None:
        """Keep `value` as this session's value of `state`, for its time_to_live from now if it has one."""
        self.state[state.id] = value
        if state.time_to_live is None:
            self.state_expiry.pop(state.id, None)
        else:
            self.state_expiry[state.id] = (time.monotonic() + state.time_to_live, state.delete_callback)

    def expire_states(self, now: float) -> list[tuple[Callable[[Any], None] | None, Any]]:
        """Forget the State values whose time_to_live ran out by `now` (the next read starts from the
        initial value again); each comes back with the delete_callback it is owed."""
        ended = [block_id for block_id, (end, _) in self.state_expiry.items() if end <= now]
        expired = []
        for block_id in ended:
            _, callback = self.state_expiry.pop(block_id)
            if block_id in self.state:
                expired.append((callback, self.state.pop(block_id)))
        return expired

    def send(self, frame: bytes) -> None:
        """Queue an SSE frame for this session's `/queue/data` stream."""
        self.outbox.put(frame)


class SessionStore:
    """Sessions by hash; an idle one is dropped after `grace` seconds, and at most `limit` are kept."""

    def __init__(self, grace: float = 60.0, limit: int = 10_000,
                 on_drop: Callable[[Session], None] | None = None, resume_grace: float = 30.0,
                 outbox: Callable[[str], Outbox] | None = None) -> None:
        self.grace = grace
        self.outbox = outbox
        self.resume_grace = resume_grace
        self.limit = limit
        self.on_drop = on_drop
        self._sessions: OrderedDict[str, Session] = OrderedDict()

    def __len__(self) -> int:
        return len(self._sessions)

    def all(self) -> list[Session]:
        """Every session kept now."""
        return list(self._sessions.values())

    def get(self, session_hash: str) -> Session | None:
        """The session for `session_hash`, if it exists."""
        return self._sessions.get(session_hash)

    def get_or_create(self, session_hash: str) -> Session:
        """The session for `session_hash`, created (and the oldest idle one evicted) when new."""
        session = self._sessions.get(session_hash)
        if session is None:
            if len(self._sessions) >= self.limit:
                self._evict_one()
            outbox = self.outbox(session_hash) if self.outbox is not None else None
            session = self._sessions[session_hash] = Session(session_hash, outbox)
            self.settle(session)
        else:
            self._sessions.move_to_end(session_hash)
        return session

    def connect(self, session: Session) -> None:
        """Count an open connection (heartbeat or data stream); it keeps the session alive."""
        session.connections += 1
        self._keep(session)

    def disconnect(self, session: Session) -> None:
        """Count a closed connection; the session starts its grace period when idle."""
        session.connections -= 1
        self.settle(session)

    def settle(self, session: Session) -> None:
        """Start the expiry timer of an idle session, or stop it for a busy one."""
        if not session.idle:
            self._keep(session)
        elif session.expiry is None:
            loop = asyncio.get_running_loop()
            session.expiry = loop.call_later(self.grace, self._expire, session.hash)

    async def attach(self, session: Session) -> None:
        """Make the current task the session's one stream reader: a reader still writing (to a
        connection that may be dead) stops first, and events left without a reader stay."""
        old, session.reader = session.reader, asyncio.current_task()
        if session.orphaned is not None:
            session.orphaned.cancel()
            session.orphaned = None
        if old is not None and not old.done() and old is not session.reader:
            old.cancel()
            await asyncio.wait([old])

    def detach(self, session: Session, finished: bool) -> None:
        """The reader stopped. If it left events running (the client went away mid-stream), they
        are cancelled unless a reader comes back within `resume_grace` seconds."""
        if session.reader is not asyncio.current_task():
            return  # replaced by a newer reader, which owns the events now
        session.reader = None
        if not finished and session.events:
            session.orphaned = asyncio.get_running_loop().call_later(self.resume_grace, self._orphan, session)

    @staticmethod
    def _orphan(session: Session) -> None:
        session.orphaned = None
        if session.reader is None:
            for event in list(session.events.values()):
                event.cancel()

    def close_streams(self) -> None:
        """End every data stream once its queued frames are written (used when the server stops)."""
        for session in self._sessions.values():
            session.outbox.close()

    def _keep(self, session: Session) -> None:
        if session.expiry is not None:
            session.expiry.cancel()
            session.expiry = None

    def _expire(self, session_hash: str) -> None:
        session = self._sessions.get(session_hash)
        if session is not None and session.idle:
            self._drop(session)

    def _evict_one(self) -> None:
        for session in self._sessions.values():
            if session.idle:
                self._drop(session)
                return
        # Every session is busy; drop the least recently used anyway to keep memory bounded.
        self._drop(next(iter(self._sessions.values())))

    def _drop(self, session: Session) -> None:
        self._keep(session)
        del self._sessions[session.hash]
        for event in list(session.events.values()):
            event.cancel()
        if self.on_drop is not None:
            self.on_drop(session)
        session.state.clear()
        clear_session(session.hash)
        log.debug("session %s expired", session.hash)
