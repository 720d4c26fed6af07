"""Scale-out on Redis: several processes (on one host or many) serve one app, with no sticky sessions.

What lives in Redis, under one prefix per app (`reblocks:<app key>:`):
- `s:<session>:out`, a stream per session: every SSE frame of its events, in order. Its entry ids are
  the frames' SSE `id:`s, so any process can serve any client's `/queue/data`, and a client that
  reconnects anywhere resumes after the last id it saw.
- `s:<session>:pending`, the session's unfinished events, and `e:<event>`, each event's lease: a key
  its process refreshes while the event lives. A process that dies stops refreshing; its events are
  then ended with an error by whichever process reads their stream, and their concurrency slots free.
- `s:<session>:state`, the session's `gr.State` values, pickled. Only values the app's own functions
  produced are pickled; nothing a client sends is ever unpickled. Redis is trusted as the server's own
  memory is: whoever can write to it can run code in the app.
- `q:<concurrency id>:waiting` and `:running`: the cluster-wide line and slots of each concurrency group.
- `sessions`: the last time each session was seen, for the cluster-wide grace period.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import pickle
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

import msgspec

from reblocks.renderer.protocol import sse_frame
from reblocks.renderer.sessions import Outbox
from reblocks.renderer.streams import Delivery
from reblocks.wire import Completed, Estimation, JoinRequest, Output

if TYPE_CHECKING:
    from reblocks.blocks.blocks import Blocks

__all__ = ["Cluster", "ClusterOutbox", "app_key"]

log = logging.getLogger("reblocks")

LEASE = 10.0  # seconds an event's process may go silent before the event counts as lost
TICK = 2.0  # seconds between lease refreshes, session sightings and expiry sweeps
READ_BLOCK_MS = 2000  # how long a stream read waits for frames before checking for lost events
COMMAND_CONNECTIONS = 64  # to Redis per process for commands; more callers wait their turn, never fail
READER_CONNECTIONS = 4096  # for blocked stream reads, one per reader at a time (Redis allows 10,000 clients)
STREAM_LENGTH = 20_000  # entries (flushes of frames) kept per session stream, for late or returning readers

# A slot of a concurrency group, if one is free and the event is early enough in the line. Holders
# and waiters whose lease is gone (their process died) are dropped first. Returns -1 when the event
# got a slot, else its place in line; and the line's length.
_ACQUIRE = """
local running, waiting, event, limit, prefix = KEYS[1], KEYS[2], ARGV[1], tonumber(ARGV[2]), ARGV[3]
for _, holder in ipairs(redis.call('ZRANGE', running, 0, -1)) do
  if redis.call('EXISTS', prefix .. 'e:' .. holder) == 0 then redis.call('ZREM', running, holder) end
end
local rank = redis.call('ZRANK', waiting, event)
if rank == false then return {-2, 0} end
for _, ahead in ipairs(redis.call('ZRANGE', waiting, 0, rank)) do
  if ahead ~= event and redis.call('EXISTS', prefix .. 'e:' .. ahead) == 0 then redis.call('ZREM', waiting, ahead) end
end
rank = redis.call('ZRANK', waiting, event)
local held = redis.call('ZCARD', running)
if held < limit and rank < limit - held then
  redis.call('ZREM', waiting, event)
  redis.call('ZADD', running, 0, event)
  return {-1, 0}
end
return {rank, redis.call('ZCARD', waiting)}
"""

# End a lost event (its lease is gone): take it out of the pending set and, once only, add its error
# completion to the stream.
_REAP = """
if redis.call('EXISTS', KEYS[3]) == 0 and redis.call('SREM', KEYS[1], ARGV[1]) == 1 then
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', 'f', ARGV[2])
  return 1
end
return 0
"""


def app_key(blocks: Blocks) -> str:
    """A key the processes serving the same app file agree on: its title, blocks and listeners."""
    shape = [blocks.title, sorted((block_id, type(block).__name__) for block_id, block in
                                  blocks.blocks_by_id().items()),
             [(dependency.id, dependency.api_name, dependency.concurrency_id) for dependency in blocks.dependencies]]
    return hashlib.sha256(repr(shape).encode()).hexdigest()[:16]


class Cluster:
    """This process's link to the others through Redis (see the module's docstring)."""

    def __init__(self, url: str, key: str, grace: float) -> None:
        try:
            from redis.asyncio import BlockingConnectionPool, Redis  # noqa: PLC0415 - an optional extra
        except ImportError:
            raise ImportError("Running on Redis needs the redis package: pip install 'reblocks[redis]'") from None
        self.url = url
        self.prefix = f"reblocks:{key}:"
        self.grace = grace
        self.process = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        # Any: redis-py's types mix str and bytes answers; this module decodes what it reads itself.
        self.redis: Any = Redis(connection_pool=BlockingConnectionPool.from_url(
            url, max_connections=COMMAND_CONNECTIONS, timeout=None))
        # Stream readers block in XREAD for up to READ_BLOCK_MS each: they get connections of their own,
        # so a crowd of waiting readers never holds up the frames they wait for.
        self.streams: Any = Redis(connection_pool=BlockingConnectionPool.from_url(
            url, max_connections=READER_CONNECTIONS, timeout=None))
        self._acquire = self.redis.register_script(_ACQUIRE)
        self._reap = self.redis.register_script(_REAP)
        self._buffer: list[tuple[str, bytes]] = []
        self._ended: list[tuple[str, str]] = []  # events over, with their session, not yet said so
        self._flushing: asyncio.Task[None] | None = None
        self._appended = self._written = 0  # frames appended, and of those the ones in Redis
        self._waiting: list[tuple[int, asyncio.Future[None]]] = []  # flush() calls and their targets
        self._events: dict[str, str] = {}  # this process's unfinished events -> their session
        self._freed: dict[str, asyncio.Event] = {}  # concurrency id -> set when a slot may be free
        self._tasks: list[asyncio.Task[Any]] = []
        self.on_cancel: Callable[[str], None] = lambda event_id: None
        self.on_stream: Callable[[str, str | None, JoinRequest | None], object] = lambda *forwarded: None
        """Called with a `.stream` chunk (None: a close) another process got for an event, maybe this one's."""
        self.on_expire: Callable[[str, dict[int, Any]], None] = lambda session_hash, state: None
        self.live_sessions: Callable[[], Iterable[str]] = lambda: ()

    def _key(self, *parts: str) -> str:
        return self.prefix + ":".join(parts)

    # -- lifecycle -------------------------------------------------------------------------------
    async def start(self) -> None:
        """Check Redis answers, then keep leases fresh and listen for cancels and freed slots."""
        await self.redis.ping()
        self._tasks = [asyncio.create_task(self._tick(), name="cluster tick"),
                       asyncio.create_task(self._listen(), name="cluster messages")]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.flush()
        await self.redis.aclose()
        await self.streams.aclose()

    async def _tick(self) -> None:
        """Every TICK: refresh this process's event leases, note the sessions it sees, and end the
        sessions nobody has seen for the grace period (once, cluster-wide)."""
        while True:
            try:
                now = time.time()
                async with self.redis.pipeline(transaction=False) as pipe:
                    for event_id in self._events:
                        pipe.set(self._key("e", event_id), self.process, ex=int(LEASE))
                    seen = {session: now for session in self.live_sessions()}
                    if seen:
                        pipe.zadd(self._key("sessions"), seen)
                    pipe.zrangebyscore(self._key("sessions"), "-inf", now - self.grace)
                    results = await pipe.execute()
                for session in results[-1]:
                    await self._expire(session.decode())
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - Redis hiccups must not stop the ticks
                log.exception("cluster tick failed")
            await asyncio.sleep(TICK)

    async def _expire(self, session_hash: str) -> None:
        """End a session nobody saw for the grace period, if this process wins it: its State values go
        to the app's delete callbacks and unload functions, then its keys are deleted."""
        if await self.redis.zrem(self._key("sessions"), session_hash) != 1:
            return
        state = await self.load_state(session_hash, None)
        await self.redis.delete(*(self._key("s", session_hash, part) for part in ("state", "out", "pending", "read")))
        self.on_expire(session_hash, state)

    async def _listen(self) -> None:
        """Cancels and freed slots announced by any process."""
        pubsub = self.redis.pubsub()
        await pubsub.subscribe(self._key("cancel"), self._key("freed"), self._key("stream"))
        try:
            async for message in pubsub.listen():
                if message.get("type") != "message":
                    continue
                channel, data = message["channel"].decode(), message["data"].decode()
                if channel.endswith(":stream"):
                    forwarded = _decode_forwarded(data)
                    self.on_stream(forwarded.event_id, forwarded.session_hash, forwarded.chunk)
                elif channel.endswith(":cancel"):
                    self.on_cancel(data)
                elif data in self._freed:
                    self._freed[data].set()
        finally:
            await pubsub.aclose()

    # -- sessions ----------------------------------------------------------------------------------
    async def seen(self, session_hash: str) -> None:
        """Note that a client of `session_hash` is here now."""
        await self.redis.zadd(self._key("sessions"), {session_hash: time.time()})

    async def known(self, session_hash: str) -> bool:
        """Whether any process knows the session (and it has not expired)."""
        return await self.redis.zscore(self._key("sessions"), session_hash) is not None

    async def load_state(self, session_hash: str, block_ids: Iterable[int] | None) -> dict[int, Any]:
        """The session's State values (those of `block_ids`, or all), as the app last stored them."""
        key = self._key("s", session_hash, "state")
        if block_ids is None:
            stored = await self.redis.hgetall(key)
        else:
            ids = list(block_ids)
            stored = dict(zip(map(str, ids), await self.redis.hmget(key, [str(i) for i in ids]))) if ids else {}
        return {int(block_id): pickle.loads(value) for block_id, value in stored.items()  # noqa: S301
                if value is not None}

    async def save_state(self, session_hash: str, values: dict[int, Any]) -> None:
        """Store State values the app's function produced (pickled: they must be picklable)."""
        if values:
            key = self._key("s", session_hash, "state")
            await self.redis.hset(key, mapping={str(block_id): pickle.dumps(value)
                                                for block_id, value in values.items()})

    # -- events and their streams ---------------------------------------------------------------
    async def begin(self, event_id: str, session_hash: str) -> None:
        """An event joined here: it is pending for its session, and its lease starts."""
        self._events[event_id] = session_hash
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.set(self._key("e", event_id), self.process, ex=int(LEASE))
            pipe.sadd(self._key("s", session_hash, "pending"), event_id)
            pipe.zadd(self._key("sessions"), {session_hash: time.time()})
            await pipe.execute()

    async def end(self, event_id: str) -> None:
        """The event is over: its frames are all in the stream, then it stops being pending."""
        session_hash = self._events.pop(event_id, None)
        if session_hash is None:
            return
        # Said in the same round trip as the event's last frames, after them.
        self._ended.append((event_id, session_hash))
        self._appended += 1
        await self.flush()

    def append(self, session_hash: str, frame: bytes) -> None:
        """Add a frame to the session's stream. Frames go out in order, several per round trip."""
        self._buffer.append((session_hash, frame))
        self._appended += 1
        if self._flushing is None or self._flushing.done():
            self._flushing = asyncio.get_running_loop().create_task(self._flush_all())

    async def flush(self) -> None:
        """Wait until every frame appended so far is in Redis (not for those appended later)."""
        if self._written >= self._appended:
            return
        done = asyncio.get_running_loop().create_future()
        self._waiting.append((self._appended, done))
        if self._flushing is None or self._flushing.done():
            self._flushing = asyncio.get_running_loop().create_task(self._flush_all())
        await done

    async def _flush_all(self) -> None:
        """Write what was appended, one stream entry per session holding its frames in order, then
        take the events that ended out of their sessions' pending sets."""
        while self._buffer or self._ended:
            batch, self._buffer = self._buffer, []
            ended, self._ended = self._ended, []
            written = self._appended
            frames: dict[str, list[bytes]] = {}
            for session_hash, frame in batch:
                frames.setdefault(session_hash, []).append(frame)
            try:
                async with self.redis.pipeline(transaction=False) as pipe:
                    for session_hash, listed in frames.items():
                        pipe.xadd(self._key("s", session_hash, "out"), {"f": b"".join(listed)},
                                  maxlen=STREAM_LENGTH, approximate=True)
                    for event_id, session_hash in ended:
                        pipe.srem(self._key("s", session_hash, "pending"), event_id)
                        pipe.delete(self._key("e", event_id))
                        # The stream outlives its events for returning readers; an ending session deletes it.
                        pipe.expire(self._key("s", session_hash, "out"), int(self.grace + 120))
                    await pipe.execute()
            except Exception as exc:  # Redis is gone: whoever waits for these frames learns it
                for _, done in self._waiting:
                    if not done.done():
                        done.set_exception(exc)
                self._waiting.clear()
                raise
            self._written = written
            waiting, self._waiting = self._waiting, []
            for target, done in waiting:
                if target > written:
                    self._waiting.append((target, done))
                elif not done.done():
                    done.set_result(None)

    async def pending(self, session_hash: str) -> list[str]:
        """The session's unfinished events, wherever they run."""
        return [item.decode() for item in await self.redis.smembers(self._key("s", session_hash, "pending"))]

    async def settled(self, session_hash: str, position: str, finished: set[str]) -> bool:
        """Whether a reader at `position` is done: every pending event of the session is among
        `finished` (whose completions it passed on), and no frame came after `position`."""
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.smembers(self._key("s", session_hash, "pending"))
            pipe.xread({self._key("s", session_hash, "out"): position.partition(".")[0]}, count=1)
            pending, more = await pipe.execute()
        return not more and not {item.decode() for item in pending} - finished

    async def read(self, session_hash: str, after: str) -> tuple[str, list[tuple[str, bytes]]]:
        """The session's frames after id `after` as (id, frame), waiting up to READ_BLOCK_MS for one;
        and the position to read from next. A stream entry holds the frames of one flush;
        a frame's id is its entry's id and its place in it ("<entry>.<n>")."""
        key = self._key("s", session_hash, "out")
        entry, _, index = after.partition(".")
        if index:  # the rest of an entry the client saw only part of
            partial = await self.redis.xrange(key, entry, entry)
            frames = [frame for entry_id, fields in partial for frame in _frames(entry_id, fields)]
            rest = frames[int(index) + 1:]
            if rest:
                return entry, rest
        result = await self.streams.xread({key: entry}, count=1000, block=READ_BLOCK_MS)
        frames = [frame for _, entries in result for entry_id, fields in entries for frame in _frames(entry_id, fields)]
        return (frames[-1][0].partition(".")[0] if frames else entry), frames

    async def read_position(self, session_hash: str) -> str:
        """Where a reader that names no last id starts: after what readers of the session got."""
        position = await self.redis.get(self._key("s", session_hash, "read"))
        return position.decode() if position is not None else "0-0"

    async def mark_read(self, session_hash: str, position: str) -> None:
        await self.redis.set(self._key("s", session_hash, "read"), position, ex=int(self.grace + 120))

    async def reap(self, session_hash: str) -> None:
        """End each pending event of the session whose process is gone, with an error message."""
        for event_id in await self.pending(session_hash):
            frame = sse_frame(Completed(event_id, output=Output.failure(
                "The server running this request stopped. Please try again."), success=False, title="Error"))
            await self._reap(keys=[self._key("s", session_hash, "pending"), self._key("s", session_hash, "out"),
                                   self._key("e", event_id)], args=[event_id, frame, STREAM_LENGTH])

    async def remember_call(self, event_id: str, session_hash: str) -> None:
        """Note the session of a `/call` event, so any process can stream its results."""
        await self.redis.set(self._key("call", event_id), session_hash, ex=int(self.grace + 120))

    async def call_session(self, event_id: str) -> str | None:
        session = await self.redis.get(self._key("call", event_id))
        return session.decode() if session is not None else None

    async def stream(self, event_id: str, session_hash: str | None, chunk: JoinRequest | None) -> Delivery:
        """Hand a `.stream` chunk (None: a close) to whichever process runs `event_id`, if the event is
        pending for `session_hash` (for a close without one: if it lives at all)."""
        lives = await self.redis.exists(self._key("e", event_id))
        if session_hash is not None and not await self.redis.sismember(self._key("s", session_hash, "pending"),
                                                                       event_id):
            return Delivery.FOREIGN if lives else Delivery.UNKNOWN
        if not lives:
            return Delivery.UNKNOWN
        await self.redis.publish(self._key("stream"), _encode(_Forwarded(event_id, session_hash, chunk)))
        return Delivery.DONE

    async def cancel(self, event_id: str) -> None:
        """Ask whichever process runs `event_id` to cancel it."""
        await self.redis.publish(self._key("cancel"), event_id)

    # -- concurrency groups -------------------------------------------------------------------------
    @asynccontextmanager
    async def slot(self, concurrency_id: str, limit: int, event_id: str, session_hash: str,
                   average: float | None) -> AsyncIterator[None]:
        """Hold one of the group's `limit` slots, cluster-wide, for the block; while waiting, the
        event's client learns its place in the cluster's line."""
        running, waiting = self._key("q", concurrency_id, "running"), self._key("q", concurrency_id, "waiting")
        freed = self._freed.setdefault(concurrency_id, asyncio.Event())
        await self.redis.zadd(waiting, {event_id: time.time()})
        last: tuple[int, int] | None = None
        try:
            while True:
                freed.clear()
                rank, size = await self._acquire(keys=[running, waiting], args=[event_id, limit, self.prefix])
                if rank == -1:
                    break
                if (rank, size) != last and rank >= 0:
                    last = (rank, size)
                    eta = None if average is None else average * (rank + 1)
                    self.append(session_hash, sse_frame(Estimation(event_id, rank=rank, queue_size=size,
                                                                   rank_eta=eta)))
                try:  # a freed slot is announced; the timeout also catches a holder that died
                    await asyncio.wait_for(freed.wait(), TICK)
                except TimeoutError:
                    pass
        except BaseException:
            await asyncio.shield(self.redis.zrem(waiting, event_id))
            raise
        try:
            yield
        finally:
            async def release() -> None:
                await self.redis.zrem(running, event_id)
                await self.redis.publish(self._key("freed"), concurrency_id)
            await asyncio.shield(release())


class _Forwarded(msgspec.Struct, array_like=True):
    """A `.stream` chunk or close, on its way to the process that runs the event."""

    event_id: str
    session_hash: str | None
    chunk: JoinRequest | None


_encode = msgspec.json.Encoder().encode
_decode_forwarded = msgspec.json.Decoder(_Forwarded).decode


def _frames(entry_id: bytes, fields: dict[bytes, bytes]) -> list[tuple[str, bytes]]:
    """A stream entry's SSE frames with their ids. Frames end in a blank line, which their JSON (all
    on one line) never holds, so the entry splits at blank lines."""
    entry = entry_id.decode()
    parts = fields[b"f"].split(b"\n\n")[:-1]
    return [(f"{entry}.{index}", part + b"\n\n") for index, part in enumerate(parts)]


class ClusterOutbox(Outbox):
    """A session's outgoing frames on a cluster: each goes to the session's stream in Redis, where
    any process's `/queue/data` reads it (so nothing waits here, and nothing is coalesced)."""

    def __init__(self, cluster: Cluster, session_hash: str) -> None:
        super().__init__()
        self._cluster = cluster
        self._session = session_hash

    def put(self, frame: bytes) -> None:
        self._cluster.append(self._session, frame)

    def put_step(self, event_id: str, frame: bytes, whole: Callable[[], bytes]) -> None:
        self._cluster.append(self._session, frame)

    def estimate(self, event_id: str, frame: bytes) -> None:
        self._cluster.append(self._session, frame)

    def settle(self, event_id: str) -> None:
        """Nothing to do: positions went out in order already."""
