"""Keyword arguments: honoured, warned about by name when Gradio has them, or refused as typos."""

from __future__ import annotations

import warnings
from collections.abc import Collection, Mapping
from typing import Any

from reblocks.blocks.gradio_names import GRADIO_PARAMETERS

__all__ = ["accepted_keywords", "warn_unsupported"]

# (owner, name) pairs already warned about: one warning per process, not one per instance.
_warned: set[tuple[str, str]] = set()


def warn_unsupported(owner: str, name: str, *, stacklevel: int = 1) -> None:
    """Say once per process that `owner(name=...)` has no effect in reblocks.

    `stacklevel` counts from the caller: 1 points the warning at it, 2 at its caller."""
    if (owner, name) not in _warned:
        _warned.add((owner, name))
        warnings.warn(f"{owner}({name}=...) is not supported by reblocks and is ignored", UserWarning,
                      stacklevel=stacklevel + 1)


def accepted_keywords(owner: str, gradio: str | None, given: Mapping[str, Any], accepted: Collection[str],
                      *, stacklevel: int = 1) -> dict[str, Any]:
    """The keywords of `given` that `owner` takes (`accepted`). Any other one is a parameter of Gradio's
    `gradio` that reblocks ignores, warned about, or a typo, refused as Python would refuse it."""
    known = GRADIO_PARAMETERS.get(gradio, frozenset()) if gradio is not None else frozenset()
    kept: dict[str, Any] = {}
    for name, value in given.items():
        if name in accepted:
            kept[name] = value
        elif name in known:
            warn_unsupported(owner, name, stacklevel=stacklevel + 1)
        else:
            raise TypeError(f"{owner}() got an unexpected keyword argument {name!r}")
    return kept
