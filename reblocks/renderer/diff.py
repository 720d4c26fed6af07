"""Diffs between successive generator outputs, in the op list format of Gradio's sse_v2+."""

from __future__ import annotations

from typing import Any

from reblocks.wire import DiffOp

__all__ = ["diff"]


def diff(old: Any, new: Any) -> list[DiffOp]:
    """The ops that turn `old` into `new`: replace, append (string suffix), add, delete."""
    if old is new:
        return []
    if type(old) is str and type(new) is str:  # the common streamed value, without the walk
        if old == new:
            return []
        return [("append", [], new[len(old):]) if new.startswith(old) else ("replace", [], new)]
    ops: list[DiffOp] = []
    _diff(old, new, [], ops)
    return ops


def _diff(old: Any, new: Any, path: list[str | int], ops: list[DiffOp]) -> None:
    if old is new:
        return
    old_type = type(old)
    if old_type is not type(new):
        ops.append(("replace", path, new))
    elif old_type is str:
        if old == new:
            return
        if new.startswith(old):
            ops.append(("append", path, new[len(old):]))
        else:
            ops.append(("replace", path, new))
    elif old_type is list:
        common = min(len(old), len(new))
        for index in range(common):
            _diff(old[index], new[index], [*path, index], ops)
        # Remove surplus items from the end so earlier indices stay valid while applying.
        for index in range(len(old) - 1, common - 1, -1):
            ops.append(("delete", [*path, index], None))
        for index in range(common, len(new)):
            ops.append(("add", [*path, index], new[index]))
    elif old_type is dict:
        for key, value in new.items():
            if key in old:
                _diff(old[key], value, [*path, key], ops)
            else:
                ops.append(("add", [*path, key], value))
        for key in old:
            if key not in new:
                ops.append(("delete", [*path, key], None))
    elif old != new:
        ops.append(("replace", path, new))
