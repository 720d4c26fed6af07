"""Flagging chat messages to a CSV file: one row per flag, written whole even under concurrency."""

from __future__ import annotations

import csv
import io
import json
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

__all__ = ["FlagLog"]

HEADER = ("message", "history", "flag", "timestamp")
_locks: dict[Path, threading.Lock] = {}
_locks_guard = threading.Lock()


def _lock_for(path: Path) -> threading.Lock:
    """One lock per CSV file in this process, shared by every app writing to it."""
    with _locks_guard:
        return _locks.setdefault(path, threading.Lock())


class FlagLog:
    """Appends (flagged message, whole history as JSON, flag, UTC timestamp) rows to `dataset1.csv`."""

    def __init__(self, flagging_dir: str | Path) -> None:
        self.path = (Path(flagging_dir) / "dataset1.csv").resolve()

    def append(self, message: Any, history: list[Any], flag: str) -> None:
        """Write one row; the lock keeps concurrent flags from interleaving or losing rows."""
        row = io.StringIO()
        writer = csv.writer(row)
        text = message if isinstance(message, str) else json.dumps(message, ensure_ascii=False)
        writer.writerow((text, json.dumps(history, ensure_ascii=False), flag,
                         datetime.now(timezone.utc).isoformat(timespec="seconds")))
        with _lock_for(self.path):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            new = not self.path.exists()
            with open(self.path, "a", newline="", encoding="utf-8") as out:
                if new:
                    csv.writer(out).writerow(HEADER)
                out.write(row.getvalue())
