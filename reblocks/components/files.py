"""FileData: how a file crosses the wire (path on the server, url for the browser, name, size, type)."""

from __future__ import annotations

import mimetypes
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Required, TypedDict

import msgspec

from reblocks.wire import FILE_DATA_TYPE, FileData

__all__ = ["FileDataPayload", "FileFields", "file_data", "file_path", "generated_path", "is_file_data", "is_url",
           "flag_files", "matches_file_types", "named_files", "parse_size"]


class FileFields(TypedDict, total=False):
    """What a file sent by a client may say besides where it is (FileData's other fields)."""

    url: str | None
    size: int | None
    orig_name: str | None
    mime_type: str | None
    is_stream: bool
    meta: dict[str, Any]


class FileDataPayload(FileFields, total=False):
    """A file as a client sends it: a dict whose `path` is a server path (from /upload) or a URL
    (`reblocks.wire.FileData` as a dict, so that inputs stay dicts for the user's function)."""

    path: Required[str]


def named_files(payload: Any) -> Iterator[dict[str, Any]]:
    """Every dict with a string `path` inside an input payload, at any depth, FileData marker or not:
    each one names a file the server would read, so each one must pass the file check."""
    stack = [payload]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("path"), str):
                yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def is_url(value: str) -> bool:
    """Whether `value` is an http(s) URL rather than a path on the server."""
    return value.startswith(("http://", "https://"))


def file_data(path: str | os.PathLike[str], orig_name: str | None = None,
              mime_type: str | None = None) -> dict[str, Any]:
    """A FileData dict for a local path or a URL; the server fills in `url` when it sends it."""
    text = str(path)
    url = text if is_url(text) else None
    name = orig_name or (text.rsplit("/", 1)[-1] if url else Path(text).name)
    size = None
    if url is None:
        try:
            size = os.stat(text).st_size
        except OSError:
            size = None
    # A dict, built from the struct: the server fills in `url` and `path` in place when sending it.
    data: dict[str, Any] = msgspec.to_builtins(FileData(path=text, url=url, size=size, orig_name=name,
                                                        mime_type=mime_type or mimetypes.guess_type(name)[0]))
    return data


def is_file_data(value: Any) -> bool:
    """Whether `value` is a FileData dict (the marker Gradio's clients look for)."""
    return (isinstance(value, dict) and isinstance(value.get("path"), str)
            and isinstance(value.get("meta"), dict) and value["meta"].get("_type") == FILE_DATA_TYPE)


def file_path(payload: Any) -> str | None:
    """The server path of a FileData payload, or None. A bare string is refused: only dicts pass the
    server's file check, so a path may reach the user's function in no other shape."""
    if payload is None:
        return None
    if isinstance(payload, dict) and isinstance(payload.get("path"), str):
        return str(payload["path"])
    raise ValueError(f"expected a file, got {payload!r}")


def matches_file_types(name: str, mime_type: str | None, file_types: list[str] | None) -> bool:
    """Whether a file fits `file_types`: extensions (".pdf"), MIME wildcards ("image/*"), or the
    families "image", "audio", "video", "text"; the browser applies the same rule before uploading."""
    if not file_types:
        return True
    mime = mime_type or mimetypes.guess_type(name)[0] or ""
    lower = name.lower()
    for accepted in file_types:
        accepted = accepted.lower()
        if accepted.startswith("."):
            if lower.endswith(accepted):
                return True
        elif accepted.endswith("/*"):
            if mime.startswith(accepted[:-1]):
                return True
        elif "/" in accepted:
            if mime == accepted:
                return True
        elif accepted == "file" or mime.startswith(accepted + "/"):
            return True
    return False


def generated_path(suffix: str) -> Path:
    """A fresh file path for media made in memory (images, audio, plots) before it is served."""
    import tempfile

    folder = Path(tempfile.gettempdir()) / "reblocks-files" / "generated"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{uuid.uuid4().hex}{suffix}"


def parse_size(size: str | int | None) -> int | None:
    """`max_file_size` as bytes: an int, or a string such as "5mb", "200 kb", "1gb"."""
    if size is None or isinstance(size, int):
        return size
    text = size.strip().lower().replace(" ", "")
    for suffix, factor in (("kb", 1024), ("mb", 1024**2), ("gb", 1024**3), ("b", 1)):
        if text.endswith(suffix):
            return int(float(text[: -len(suffix)]) * factor)
    return int(text)


def flag_files(payload: Any, flag_dir: str | Path) -> str:
    """A file payload as one CSV cell: each server file it names is copied into `flag_dir` (which
    outlives the upload cache), and the cell is the payload as JSON with the copies' paths."""
    copied = msgspec.json.decode(msgspec.json.encode(payload))
    for data in named_files(copied):
        if is_url(data["path"]):
            continue
        source = Path(data["path"])
        target = Path(flag_dir) / uuid.uuid4().hex / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        data["path"] = str(target)
        data.pop("url", None)
    return msgspec.json.encode(copied).decode()
