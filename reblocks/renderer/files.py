"""The file cache and its routes: streamed uploads, the file route, and FileData on the way out.

The server serves a file only from its cache or `allowed_paths` (never from `blocked_paths`), after
resolving the path with symlinks; uploads are hashed and size-checked while they stream to disk.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import ipaddress
import mimetypes
import os
import shutil
import socket
import tempfile
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import Executor
from pathlib import Path
from typing import Any
from urllib.parse import quote

from aiohttp import BodyPartReader, ThreadedResolver, web
from aiohttp.http_exceptions import HttpProcessingError
from yarl import URL

from reblocks.components.base import Continued
from reblocks.components.files import is_url, named_files, parse_size
from reblocks.errors import Error
from reblocks.renderer.progress import Upload, UploadProgress
from reblocks.wire import FILE_DATA_TYPE

__all__ = ["FileCache", "UploadError", "file_datas", "parse_size"]

CHUNK = 64 * 1024
_INLINE = ("image/", "audio/", "video/", "text/plain", "application/pdf", "application/json")
# First bytes of the formats a browser shows; an upload claiming one of these families must match.
_MAGIC: list[tuple[bytes, int, str]] = [
    (b"\x89PNG\r\n\x1a\n", 0, "image"), (b"\xff\xd8\xff", 0, "image"), (b"GIF8", 0, "image"),
    (b"WEBP", 8, "image"), (b"BM", 0, "image"), (b"%PDF", 0, "pdf"), (b"WAVE", 8, "media"),
    (b"ID3", 0, "media"), (b"\xff\xfb", 0, "media"), (b"\xff\xf3", 0, "media"), (b"OggS", 0, "media"),
    (b"fLaC", 0, "media"), (b"ftyp", 4, "media"), (b"\x1a\x45\xdf\xa3", 0, "media"),
]


class UploadError(Exception):
    """An upload the server refuses; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def _family(mime: str) -> str | None:
    """The family a claimed MIME type must match: image, media (audio/video) or pdf."""
    if mime == "image/svg+xml":
        return None  # text; checked by nothing but served as an attachment
    if mime.startswith("image/"):
        return "image"
    if mime.startswith(("audio/", "video/")):
        return "media"
    if mime == "application/pdf":
        return "pdf"
    return None


def _sniff(head: bytes) -> str | None:
    for magic, offset, family in _MAGIC:
        if head[offset:offset + len(magic)] == magic:
            return family
    return None


def _safe_name(filename: str | None) -> str:
    """The upload's own file name, refused when it could name a path or is unprintable."""
    if not filename:
        raise UploadError(400, "Every uploaded file needs a file name.")
    if "\x00" in filename or "/" in filename or "\\" in filename or filename in (".", ".."):
        raise UploadError(400, f"File name {filename!r} may not contain path separators or NUL.")
    if len(filename.encode()) > 255 or any(ord(char) < 32 for char in filename):
        raise UploadError(400, "File name is too long or contains control characters.")
    return filename


def file_datas(value: Any) -> Iterator[dict[str, Any]]:
    """Every FileData dict inside a payload or output value, at any depth; of a `Continued` list, those
    in its tail (its prefix was walked when the stream first sent it)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Continued):
            stack.extend(item.tail)
        elif isinstance(item, dict):
            meta = item.get("meta")
            if isinstance(meta, dict) and meta.get("_type") == FILE_DATA_TYPE and isinstance(item.get("path"), str):
                yield item
            else:
                stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


class _GuardedResolver(ThreadedResolver):
    """DNS for downloads: refuses hosts with any non-public address, checked at connect time so a
    redirect or a changed DNS answer cannot reach the server's own network (SSRF)."""

    def __init__(self, allow_private: bool) -> None:
        super().__init__()
        self.allow_private = allow_private

    async def resolve(self, host: str, port: int = 0,
                      family: socket.AddressFamily = socket.AF_INET) -> list[Any]:
        hosts = await super().resolve(host, port, family)
        for entry in hosts:
            address = ipaddress.ip_address(entry["host"])
            if not self.allow_private and (not address.is_global or address.is_multicast):
                raise OSError(f"refusing to fetch from {host}: {address} is not a public address")
        return hosts


class FileCache:
    """A per-app folder of uploaded and returned files, named by content hash."""

    def __init__(self, app_id: int, max_file_size: int | None = None,
                 allowed_paths: list[str] | None = None, blocked_paths: list[str] | None = None,
                 allow_private_urls: bool = False) -> None:
        # Not ".../reblocks": a folder of that name in the temp dir would shadow the package there.
        # GRADIO_TEMP_DIR (Gradio's name) moves it, e.g. to a folder all hosts of a cluster share.
        base = os.environ.get("GRADIO_TEMP_DIR") or Path(tempfile.gettempdir()) / "reblocks-files"
        self.directory = (Path(base) / str(app_id)).resolve()
        self.directory.mkdir(parents=True, exist_ok=True)
        self.max_file_size = max_file_size
        self.allowed = [Path(path).resolve() for path in allowed_paths or []]
        self.blocked = [Path(path).resolve() for path in blocked_paths or []]
        # Outputs may come from the app's folder or the temp folder, as in Gradio 5+.
        self._output_roots = [Path.cwd().resolve(), Path(tempfile.gettempdir()).resolve(), *self.allowed]
        self._stored: dict[tuple[str, int, int], str] = {}
        self.progress = UploadProgress()
        self.allow_private_urls = allow_private_urls

    # -- checks --------------------------------------------------------------------------------
    def _blocked(self, path: Path) -> bool:
        return any(path.is_relative_to(blocked) for blocked in self.blocked)

    def servable(self, raw: str) -> Path | None:
        """The resolved file behind `raw` if the file route may serve it, else None."""
        candidate = Path(raw)
        if not candidate.is_absolute() or "\x00" in raw:
            return None
        try:
            resolved = candidate.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if not resolved.is_file() or self._blocked(resolved):
            return None
        if resolved.is_relative_to(self.directory) or any(resolved.is_relative_to(root) for root in self.allowed):
            return resolved
        return None

    def check_input(self, payload: Any) -> None:
        """Refuse a payload naming a server file the client never uploaded (or may not read), in
        whatever shape it names it: every dict with a `path`, marked as FileData or not."""
        for data in named_files(payload):
            path = data["path"]
            if is_url(path):
                continue
            if self.servable(path) is None:
                raise UploadError(403, f"File not allowed: {path}.")

    # -- uploads -------------------------------------------------------------------------------
    async def receive(self, request: web.Request) -> list[str]:
        """Stream every `files` part of a multipart upload into the cache; return the server paths."""
        if not request.content_type.startswith("multipart/"):
            raise UploadError(400, "Uploads must be multipart/form-data with files in the field 'files'.")
        try:
            reader = await request.multipart()
        except ValueError as exc:  # no boundary in the Content-Type
            raise UploadError(400, f"Malformed multipart body: {exc}") from None
        upload_id = request.query.get("upload_id")
        upload = self.progress.begin(upload_id) if upload_id else None
        try:
            paths = []
            while True:
                try:
                    part = await reader.next()
                except (ValueError, HttpProcessingError) as exc:
                    raise UploadError(400, f"Malformed multipart body: {exc}") from None
                if part is None:
                    break
                if not isinstance(part, BodyPartReader) or part.name != "files":
                    raise UploadError(400, "Uploads must put every file in the field 'files'.")
                paths.append(await self._receive_one(part, upload))
            if not paths:
                raise UploadError(400, "No files in the upload.")
            return paths
        finally:
            if upload is not None and upload_id:
                self.progress.end(upload_id, upload)  # also when refused: readers stop waiting

    async def _receive_one(self, part: Any, upload: Upload | None) -> str:
        name = _safe_name(part.filename)
        declared = part.headers.get("Content-Type", "application/octet-stream").split(";")[0].strip().lower()
        claimed = declared if declared != "application/octet-stream" else (mimetypes.guess_type(name)[0] or "")
        temporary = self.directory / f".upload-{uuid.uuid4().hex}"
        digest, size, head = hashlib.sha256(), 0, b""
        try:
            with open(temporary, "wb") as out:
                while chunk := await part.read_chunk(CHUNK):
                    size += len(chunk)
                    if self.max_file_size is not None and size > self.max_file_size:
                        raise UploadError(413, f"File {name!r} is larger than the limit of "
                                               f"{self.max_file_size} bytes.")
                    if len(head) < 16:
                        head += chunk[:16]
                    digest.update(chunk)
                    out.write(chunk)
                    if upload is not None:
                        self.progress.update(upload, name, len(chunk))
            family = _family(claimed)
            if family is not None and _sniff(head) != family:
                raise UploadError(415, f"File {name!r} claims to be {claimed} but its content is not.")
            folder = self.directory / digest.hexdigest()[:40]
            folder.mkdir(exist_ok=True)
            final = folder / name
            os.replace(temporary, final)
            return str(final)
        finally:
            temporary.unlink(missing_ok=True)

    def delete_older_than(self, age: float) -> int:
        """Delete the cached files last written more than `age` seconds ago (Blocks' `delete_cache`),
        and the folders they leave empty; return how many files went."""
        cutoff = time.time() - age
        deleted = 0
        for folder in list(self.directory.iterdir()):
            if not folder.is_dir() or folder.is_symlink():
                continue
            for path in list(folder.iterdir()):
                if path.is_file() and path.stat().st_mtime <= cutoff:
                    path.unlink(missing_ok=True)
                    deleted += 1
            with contextlib.suppress(OSError):  # not empty: a file is still young, or just arrived
                folder.rmdir()
        if deleted:
            # Copies the cache no longer holds are made again when their source is returned.
            self._stored = {key: path for key, path in self._stored.items() if Path(path).exists()}
        return deleted

    # -- outputs -------------------------------------------------------------------------------
    def store(self, path: str) -> str:
        """Copy a returned file into the cache (once per path, size and mtime); return its cache path."""
        source = Path(path).resolve(strict=True)
        if source.is_relative_to(self.directory):
            return str(source)
        if self._blocked(source) or not any(source.is_relative_to(root) for root in self._output_roots):
            raise PermissionError(f"{path} is outside the app's folder, the temp folder and allowed_paths")
        stat = source.stat()
        key = (str(source), stat.st_size, stat.st_mtime_ns)
        cached = self._stored.get(key)
        if cached is None:
            digest = hashlib.sha256()
            with open(source, "rb") as handle:
                while block := handle.read(CHUNK * 16):
                    digest.update(block)
            folder = self.directory / digest.hexdigest()[:40]
            folder.mkdir(exist_ok=True)
            target = folder / source.name
            if not target.exists():
                # Copy then rename: a reader (or a second copy of the same file) never sees half of it.
                partial = folder / f".copy-{uuid.uuid4().hex}"
                shutil.copyfile(source, partial)
                os.replace(partial, target)
            cached = self._stored[key] = str(target)
        return cached

    async def fetch_inputs(self, payloads: list[Any]) -> None:
        """Download input files given as URLs into the cache (as Gradio does for API callers), only
        from public addresses unless the app allows private ones; the FileData then names the copy."""
        remote = [data for data in named_files(payloads) if is_url(data["path"])]
        if not remote:
            return
        from aiohttp import ClientError, ClientSession, ClientTimeout, TCPConnector

        connector = TCPConnector(resolver=_GuardedResolver(self.allow_private_urls))
        async with ClientSession(connector=connector, timeout=ClientTimeout(total=60)) as http:
            for data in remote:
                try:
                    data["path"] = await self._download(http, data["path"])
                except (OSError, ClientError, UploadError) as exc:
                    raise Error(f"Could not fetch {data['path']}: {exc}") from None

    def _check_literal_host(self, url: str) -> None:
        """Hosts written as IP addresses skip DNS (and so the guarded resolver): check them here."""
        host = URL(url).host or ""
        try:
            address = ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            return
        if not self.allow_private_urls and (not address.is_global or address.is_multicast):
            raise OSError(f"refusing to fetch from {host}: {address} is not a public address")

    async def _download(self, http: Any, url: str) -> str:
        name = _safe_name(Path(url.split("?")[0].rstrip("/")).name or "download")
        temporary = self.directory / f".download-{uuid.uuid4().hex}"
        digest, size = hashlib.sha256(), 0
        try:
            for _ in range(5):  # follow redirects by hand: each hop's address is checked again
                self._check_literal_host(url)
                response = await http.get(url, allow_redirects=False)
                if response.status not in (301, 302, 303, 307, 308):
                    break
                url = str(response.url.join(URL(response.headers.get("Location", ""))))
                response.release()
            else:
                raise UploadError(400, "too many redirects")
            async with response:
                response.raise_for_status()
                with open(temporary, "wb") as out:
                    async for chunk in response.content.iter_chunked(CHUNK):
                        size += len(chunk)
                        if self.max_file_size is not None and size > self.max_file_size:
                            raise UploadError(413, f"{url} is larger than the limit of {self.max_file_size} bytes.")
                        digest.update(chunk)
                        out.write(chunk)
            folder = self.directory / digest.hexdigest()[:40]
            folder.mkdir(exist_ok=True)
            os.replace(temporary, folder / name)
            return str(folder / name)
        finally:
            temporary.unlink(missing_ok=True)

    async def finish_all(self, values: Any, root: str, executor: Executor) -> None:
        """Give every FileData in `values` its cache path and URL; copying happens in `executor`."""
        found = list(file_datas(values))
        if not found:
            return  # the usual case while streaming text: one walk, no I/O
        if self.pending(found):
            await asyncio.get_running_loop().run_in_executor(executor, self.finish, found, root)
        else:
            self.finish(found, root)

    def finish_now(self, values: Any, root: str) -> None:
        """`finish_all` for a worker thread, which may copy files itself."""
        found = list(file_datas(values))
        if found:
            self.finish(found, root)

    def pending(self, found: list[dict[str, Any]]) -> bool:
        """Whether any of these FileData name a file not in the cache yet (cheap: no I/O)."""
        directory = str(self.directory)
        return any(not is_url(data["path"]) and not data["path"].startswith(directory) for data in found)

    def finish(self, found: list[dict[str, Any]], root: str) -> None:
        """Move returned files into the cache and give each FileData its URL (may copy: blocking I/O)."""
        for data in found:
            path = data["path"]
            if is_url(path):
                data["url"] = path
                continue
            cached = self.store(path)
            data["path"] = cached
            data["url"] = f"{root}/gradio_api/file={quote(cached)}"
            if data.get("size") is None:
                data["size"] = os.path.getsize(cached)

    # -- the file route ------------------------------------------------------------------------
    def response(self, raw: str) -> web.FileResponse:
        """GET/HEAD /gradio_api/file={path}: the file with range support, or 403."""
        resolved = self.servable(raw)
        if resolved is None:
            raise web.HTTPForbidden(text=f'{{"detail": "File not allowed: {quote(raw)}."}}',
                                    content_type="application/json")
        mime = mimetypes.guess_type(resolved.name)[0] or "application/octet-stream"
        inline = mime.startswith(_INLINE) and mime != "image/svg+xml"
        disposition = "inline" if inline else "attachment"
        return web.FileResponse(resolved, headers={
            "Content-Type": mime if inline else "application/octet-stream",
            "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(resolved.name)}",
            "X-Content-Type-Options": "nosniff"})

