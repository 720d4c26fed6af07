"""Flagging: rows of flagged data appended to CSV files, whole even under concurrency. `FlagLog` keeps a
ChatInterface's flagged messages; `CSVLogger` (Gradio's default callback) an Interface's inputs and outputs."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from reblocks.blocks.request import Request
from reblocks.components.base import Component
from reblocks.components.display import Button

__all__ = ["CSVLogger", "FlagLog", "FlaggingCallback", "SimpleCSVLogger", "flag_listener"]

log = logging.getLogger("reblocks")

HEADER = ("message", "history", "flag", "timestamp")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run a cell starting with one of these
_locks: dict[Path, threading.Lock] = {}
_locks_guard = threading.Lock()


def _lock_for(path: Path) -> threading.Lock:
    """One lock per CSV file in this process, shared by every app writing to it."""
    with _locks_guard:
        return _locks.setdefault(path.resolve(), threading.Lock())


def _cell(value: Any) -> str:
    """A value as a CSV cell a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def _append(path: Path, header: Sequence[str] | None, row: Sequence[Any]) -> int:
    """Append one row (the header first if the file is new) under the file's lock; the rows now in it."""
    line = io.StringIO()
    csv.writer(line).writerow([_cell(value) for value in row])
    with _lock_for(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        new = not path.exists()
        with open(path, "a", newline="", encoding="utf-8") as out:
            if new and header is not None:
                csv.writer(out).writerow([_cell(name) for name in header])
            out.write(line.getvalue())
        with open(path, newline="", encoding="utf-8") as written:
            return sum(1 for _ in csv.reader(written)) - (header is not None)


class FlagLog:
    """Appends (flagged message, whole history as JSON, flag, UTC timestamp) rows to `dataset1.csv`."""

    def __init__(self, flagging_dir: str | Path) -> None:
        self.path = (Path(flagging_dir) / "dataset1.csv").resolve()

    def append(self, message: Any, history: list[Any], flag: str) -> None:
        """Write one row; the lock keeps concurrent flags from interleaving or losing rows."""
        text = message if isinstance(message, str) else json.dumps(message, ensure_ascii=False)
        _append(self.path, HEADER, (text, json.dumps(history, ensure_ascii=False), flag,
                                    datetime.now(timezone.utc).isoformat(timespec="seconds")))


class FlaggingCallback(ABC):
    """What an Interface calls to keep flagged samples: `setup` once, then `flag` per flagged sample."""

    @abstractmethod
    def setup(self, components: Sequence[Component], flagging_dir: str | Path) -> None:
        """Prepare to store samples of these components' values under `flagging_dir`."""

    @abstractmethod
    def flag(self, flag_data: list[Any], flag_option: str | None = None, username: str | None = None) -> int:
        """Store one sample (the components' payloads, in order); return how many are stored."""


def _label(component: Component, index: int) -> str:
    return component.label or f"component {index}"


def _cells(components: Sequence[Component], flag_data: list[Any], flag_dir: Path,
           simplify: bool) -> list[str]:
    """Each payload as a cell; a component's files are copied into a folder named after its label."""
    cells = []
    for index, (component, payload) in enumerate(zip(components, flag_data, strict=False)):
        if payload is None:
            cells.append("")
            continue
        folder = flag_dir / re.sub(r'[\\/:*?"<>|]', "", _label(component, index))
        cell = component.flag(payload, folder)
        if simplify and cell.startswith("{"):
            path = json.loads(cell).get("path")
            cell = path if isinstance(path, str) else cell
        cells.append(cell)
    return cells


class SimpleCSVLogger(FlaggingCallback):
    """Each flagged sample as a row of `log.csv` in the flagging folder, with no header."""

    def setup(self, components: Sequence[Component], flagging_dir: str | Path) -> None:
        self.components = list(components)
        self.flagging_dir = Path(flagging_dir)

    def flag(self, flag_data: list[Any], flag_option: str | None = None, username: str | None = None) -> int:
        cells = _cells(self.components, flag_data, self.flagging_dir, simplify=False)
        return _append(self.flagging_dir / "log.csv", None, cells)


class CSVLogger(FlaggingCallback):
    """Each flagged sample as a row of `datasetN.csv`, headed by the components' labels (then "flag" and
    "username" when given, and the timestamp); a new N when those headers change."""

    def __init__(self, simplify_file_data: bool = True, verbose: bool = True,
                 dataset_file_name: str | None = None) -> None:
        self.simplify_file_data = simplify_file_data
        self.verbose = verbose
        self.dataset_file_name = dataset_file_name
        self._opened: Path | None = None
        self._open_lock = threading.Lock()

    def setup(self, components: Sequence[Component], flagging_dir: str | Path) -> None:
        self.components = list(components)
        self.flagging_dir = Path(flagging_dir)
        self._opened = None

    def _dataset(self, headers: list[str]) -> Path:
        """The file for these headers: the named one, the latest `datasetN.csv` if its headers match,
        or the next N."""
        if self.dataset_file_name:
            return self.flagging_dir / self.dataset_file_name
        numbered = sorted((int(match.group(1)), path) for path in self.flagging_dir.glob("dataset*.csv")
                          if (match := re.fullmatch(r"dataset(\d+)\.csv", path.name)))
        if not numbered:
            return self.flagging_dir / "dataset1.csv"
        number, latest = numbered[-1]
        with open(latest, newline="", encoding="utf-8") as existing:
            if next(csv.reader(existing), None) == [_cell(name) for name in headers]:
                return latest
        return self.flagging_dir / f"dataset{number + 1}.csv"

    def flag(self, flag_data: list[Any], flag_option: str | None = None, username: str | None = None) -> int:
        extra = [value for value in (flag_option, username) if value is not None]
        headers = [_label(component, index) for index, component in enumerate(self.components)]
        headers += [name for name, value in (("flag", flag_option), ("username", username)) if value is not None]
        headers.append("timestamp")
        with self._open_lock:
            if self._opened is None:
                self._opened = self._dataset(headers)
                if self.verbose:
                    verb = "Using existing" if self._opened.exists() else "Created"
                    print(f"{verb} dataset file at: {self._opened}")
        cells = _cells(self.components, flag_data, self.flagging_dir, self.simplify_file_data)
        return _append(self._opened, headers, [*cells, *extra, str(datetime.now())])


def flag_listener(callback: FlaggingCallback, label: str | None, option: str | None) -> Callable[..., Any]:
    """The listener a flag button runs on the components' payloads: it stores them through `callback`
    and puts the button back (`label`), or says "Error!" on it; with no label (flagging on every
    submission) it updates nothing."""
    def flag(request: Request, *flag_data: Any) -> Button | None:
        try:
            callback.flag(list(flag_data), flag_option=option, username=request.username)
        except Exception:  # noqa: BLE001 - a failed flag is reported on the button, not to the user's output
            log.exception("flagging failed")
            return None if label is None else Button(value="Error!", interactive=True)
        return None if label is None else Button(value=label, interactive=True)
    return flag
