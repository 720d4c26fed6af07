"""The frontend bundle's files, served from memory with gzip and an ETag (names are stable, not hashed)."""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

__all__ = ["Assets"]

_COMPRESSIBLE = {".js", ".css", ".svg", ".json", ".map", ".txt", ".html"}


@dataclass(frozen=True)
class _Asset:
    body: bytes
    gzipped: bytes | None
    content_type: str
    etag: str


class Assets:
    """Every file under `folder`, read on first request; only names listed at start-up are served."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._names = {path.name for path in folder.iterdir() if path.is_file()} if folder.is_dir() else set()
        self._cache: dict[str, _Asset] = {}

    def _load(self, name: str) -> _Asset:
        asset = self._cache.get(name)
        if asset is None:
            path = self.folder / name
            body = path.read_bytes()
            gzipped = gzip.compress(body, 9, mtime=0) if path.suffix in _COMPRESSIBLE else None
            content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
            asset = self._cache[name] = _Asset(body, gzipped, content_type, etag)
        return asset

    async def handle(self, request: web.Request) -> web.Response:
        """GET /assets/{name}: 304 when the ETag matches, gzip when the client accepts it."""
        name = request.match_info["name"]
        if name not in self._names:
            raise web.HTTPNotFound()
        asset = self._load(name)
        headers = {"ETag": asset.etag, "Cache-Control": "no-cache", "Vary": "Accept-Encoding"}
        if request.headers.get("If-None-Match") == asset.etag:
            return web.Response(status=304, headers=headers)
        if asset.gzipped is not None and "gzip" in request.headers.get("Accept-Encoding", ""):
            headers["Content-Encoding"] = "gzip"
            return web.Response(body=asset.gzipped, content_type=asset.content_type, headers=headers)
        return web.Response(body=asset.body, content_type=asset.content_type, headers=headers)
