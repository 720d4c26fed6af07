"""The chunks a `.stream` event gets from the page after the one it joined with (webcam frames,
microphone chunks): POST /stream/{event_id} puts one, POST /stream/{event_id}/close ends the stream."""

from __future__ import annotations

import asyncio
from enum import Enum

import msgspec

from reblocks.wire import JoinRequest, StreamClose

__all__ = ["Delivery", "Inbox", "STREAM_IDLE", "decode_close"]

decode_close = msgspec.json.Decoder(StreamClose).decode

STREAM_IDLE = 30.0
"""Seconds a stream waits for its next chunk before it ends (Gradio's wait when no time_limit is set);
a page that went away stops sending, and its event frees its slot."""


class Delivery(Enum):
    """What became of a chunk or a close posted for an event."""

    DONE = "done"
    """Handed to the event (or, on a cluster, to the process that runs it)."""
    UNKNOWN = "unknown"
    """No streaming event has that id (or it is over)."""
    FOREIGN = "foreign"
    """The event belongs to another session."""
    MISMATCH = "mismatch"
    """The chunk is for another function (`fn_index`) than the event's."""


class Inbox:
    """A stream event's next chunk. Only the newest one is kept: when the function is slower than the
    page sends, the chunks it had no time for are dropped, so it always works on the latest."""

    def __init__(self) -> None:
        self._latest: JoinRequest | None = None
        self._ready = asyncio.Event()
        self.closed = False

    def put(self, request: JoinRequest) -> None:
        """A new chunk, replacing one not taken yet."""
        if not self.closed:
            self._latest = request
            self._ready.set()

    def close(self) -> None:
        """The page stopped streaming: the event ends once its current call returns."""
        self.closed = True
        self._ready.set()

    async def take(self, timeout: float) -> JoinRequest | None:
        """The next chunk, waiting up to `timeout` seconds; None when closed or none came in time."""
        try:
            async with asyncio.timeout(max(timeout, 0)):
                await self._ready.wait()
        except TimeoutError:
            return None
        self._ready.clear()
        latest, self._latest = self._latest, None
        return None if self.closed else latest
