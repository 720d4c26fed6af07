"""Upload progress by `upload_id`, streamed as SSE on GET /upload_progress (Gradio's route)."""

from __future__ import annotations

import asyncio

from aiohttp import web

from reblocks.renderer.protocol import sse_frame
from reblocks.wire import UploadDone, UploadHeartbeat, UploadProgressMessage, UploadUpdate

__all__ = ["Upload", "UploadProgress"]

WAIT_FOR_START = 3.0  # Gradio answers 404 when no upload with that id began within 3 s
HEARTBEAT = 15.0
KEEP = 60.0  # a finished upload's events stay this long for a late reader
_HEARTBEAT_FRAME = sse_frame(UploadHeartbeat())


class Upload:
    """One upload's events, and a flag readers wait on for the next one."""

    def __init__(self) -> None:
        self.events: list[UploadProgressMessage] = []
        self.changed = asyncio.Event()

    def add(self, event: UploadProgressMessage) -> None:
        self.events.append(event)
        self.changed.set()


class UploadProgress:
    """The uploads under way (and just finished), each a list of update/done events."""

    def __init__(self) -> None:
        self._uploads: dict[str, Upload] = {}
        self._started: dict[str, asyncio.Event] = {}

    def begin(self, upload_id: str) -> Upload:
        upload = self._uploads[upload_id] = Upload()
        self._started.setdefault(upload_id, asyncio.Event()).set()
        return upload

    def update(self, upload: Upload, name: str, chunk_size: int) -> None:
        upload.add(UploadUpdate(orig_name=name, chunk_size=chunk_size))

    def end(self, upload_id: str, upload: Upload) -> None:
        upload.add(UploadDone())
        asyncio.get_running_loop().call_later(KEEP, self._forget, upload_id)

    def _forget(self, upload_id: str) -> None:
        self._uploads.pop(upload_id, None)
        self._started.pop(upload_id, None)

    async def stream(self, request: web.Request) -> web.StreamResponse:
        """GET /upload_progress?upload_id=: the events so far, then each new one, until done."""
        upload_id = request.query.get("upload_id", "")
        started = self._started.setdefault(upload_id, asyncio.Event())
        try:
            await asyncio.wait_for(started.wait(), WAIT_FOR_START)
        except TimeoutError:
            self._started.pop(upload_id, None)
            raise web.HTTPNotFound(text='{"detail": "Upload not found."}', content_type="application/json")
        upload = self._uploads[upload_id]
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream; charset=utf-8",
                                               "Cache-Control": "no-cache"})
        await response.prepare(request)
        sent = 0
        while True:
            for event in upload.events[sent:]:
                await response.write(sse_frame(event))
                if isinstance(event, UploadDone):
                    return response
            sent = len(upload.events)
            upload.changed.clear()
            try:
                await asyncio.wait_for(upload.changed.wait(), HEARTBEAT)
            except TimeoutError:
                await response.write(_HEARTBEAT_FRAME)
