"""FileExplorer: browse the files under one folder of the server and pick some, never anything outside it."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from reblocks.components.base import Component
from reblocks.components.toolbar import CustomButton, Toolbar

if TYPE_CHECKING:
    from reblocks.components.display import Button

__all__ = ["FileExplorer"]


class FileExplorer(Component):
    """A tree of the files under `root_dir` that match `glob`; the value is the chosen files' paths.
    The page lists one folder at a time through the `ls` server function; every path a client names
    is resolved (symlinks too) and must stay inside `root_dir`."""

    class Props(Component.Props):
        glob: str = "**/*"
        """Which files are shown and may be chosen, as a glob pattern ("**/*.txt")."""
        ignore_glob: str | None = None
        """Files and folders left out, as a glob pattern."""
        file_count: Literal["single", "multiple"] = "multiple"
        """Whether one file or several may be chosen."""
        height: int | str | None = None
        """The tree's height (pixels, or a CSS length); None: as tall as it needs, up to `max_height`."""
        max_height: int | str | None = 500
        """The tallest the tree gets before it scrolls."""
        min_height: int | str | None = None
        """The shortest the tree gets."""
        buttons: list[str | CustomButton] | None = None
        """gr.Buttons drawn in the top-right toolbar, firing their `click`; None: none."""

    TYPE = "fileexplorer"
    buttons = Toolbar()
    EVENTS = ("change", "input", "select")
    SERVER_FUNCTIONS = ("ls",)
    payload = list[list[str]] | None
    python_type = "list[str] | str | None"
    api_schema = {"type": "array", "items": {"type": "array", "items": {"type": "string"}},
                  "description": "the chosen files, each as its path's parts under the root folder"}
    example_value = [["folder", "file.txt"]]

    def __init__(self, glob: str = "**/*", *, value: str | list[str] | Any = None,
                 file_count: Literal["single", "multiple"] = "multiple", root_dir: str | Path = ".",
                 ignore_glob: str | None = None, label: str | None = None, height: int | str | None = None,
                 max_height: int | str | None = 500, min_height: int | str | None = None,
                 buttons: Sequence[Button] | None = None, **kwargs: Any) -> None:
        root = Path(root_dir).resolve()
        if not root.exists():
            raise ValueError(f"The specified root_dir does not exist: {root_dir}")
        if not root.is_dir():
            raise ValueError(f"The specified root_dir is not a directory: {root_dir}")
        if file_count not in ("single", "multiple"):
            raise ValueError(f"Invalid value for parameter `file_count`: {file_count}. "
                             "Please choose from one of: ['single', 'multiple']")
        self.root_dir = root
        if file_count == "single":
            self.python_type = "str | None"
        super().__init__(value, **kwargs)

    def _inside(self, parts: list[str]) -> Path:
        """The path `parts` names under the root, resolved; a ValueError if it leaves the root."""
        if not isinstance(parts, list) or not all(isinstance(part, str) for part in parts):
            raise ValueError("A path must be a list of its parts, as strings")
        if any(part in ("", ".", "..") or "/" in part or "\\" in part or "\x00" in part for part in parts):
            raise ValueError(f"Not a path under the root folder: {parts!r}")
        path = self.root_dir.joinpath(*parts).resolve()
        if path != self.root_dir and not path.is_relative_to(self.root_dir):
            raise ValueError(f"Not a path under the root folder: {parts!r}")
        return path

    def _shown(self, path: Path) -> bool:
        """Whether `path` (a file) matches `glob` and not `ignore_glob`, relative to the root."""
        relative = path.relative_to(self.root_dir).as_posix()
        if self.ignore_glob and fnmatch.fnmatch(relative, self.ignore_glob):
            return False
        pattern = self.glob
        return fnmatch.fnmatch(relative, pattern) or (pattern.startswith("**/") and fnmatch.fnmatch(relative,
                                                                                                    pattern[3:]))

    def preprocess(self, payload: list[list[str]] | None) -> list[str] | str | None:
        if payload is None:
            return None
        files = []
        for parts in payload:
            path = self._inside(parts)
            if not path.is_file() or not self._shown(path):  # an ignored file stays out of reach too
                raise ValueError(f"{'/'.join(parts)} is not a file this explorer shows")
            files.append(str(path))
        if self.file_count == "single":
            if len(files) > 1:
                raise ValueError(f"Expected only one file, but {len(files)} were selected.")
            return files[0] if files else None
        return files

    def postprocess(self, value: str | list[str] | None) -> list[list[str]] | None:
        if value is None:
            return None
        chosen = []
        for item in [value] if isinstance(value, (str, Path)) else value:
            path = Path(item)
            path = (path if path.is_absolute() else self.root_dir / path).resolve()
            if not path.is_relative_to(self.root_dir):
                raise ValueError(f"{item} is not under the FileExplorer's root_dir {self.root_dir}")
            chosen.append(list(path.relative_to(self.root_dir).parts))
        return chosen

    def ls(self, subdirectory: list[str] | None = None) -> list[dict[str, Any]]:
        """The folders, then the files shown, of one folder under the root: {name, type, valid}."""
        folder = self._inside(subdirectory or [])
        try:
            names = sorted(os.listdir(folder))
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            return []
        folders, files = [], []
        for name in names:
            path = folder / name
            if self.ignore_glob and fnmatch.fnmatch(path.relative_to(self.root_dir).as_posix(),
                                                          self.ignore_glob):
                continue
            try:
                if path.is_dir():
                    if path.resolve().is_relative_to(self.root_dir):  # a link out of the root is not shown
                        folders.append({"name": name, "type": "folder", "valid": False})
                elif self._shown(path) and path.resolve().is_relative_to(self.root_dir):
                    files.append({"name": name, "type": "file", "valid": True})
            except OSError:
                continue
        return folders + files
