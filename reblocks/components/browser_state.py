"""BrowserState: a value kept in the browser's localStorage, so it outlives reloads and restarts."""

from __future__ import annotations

from typing import Any, ClassVar

from reblocks.blocks.arguments import warn_unsupported
from reblocks.components.base import Component
from reblocks.wire import ComponentEntry

__all__ = ["BrowserState"]


class BrowserState(Component):
    """A value each browser keeps in its localStorage under `storage_key`: a listener reads it as an
    input and writes it as an output, and a reload or a new server finds it there. Not drawn."""

    class Props(Component.Props):
        storage_key: str | None = None
        """The localStorage key; None: one derived from the block's id, stable across restarts."""

    TYPE = "browserstate"
    skip_api = True
    payload: ClassVar[Any] = Any

    def __init__(self, default_value: Any = None, *, storage_key: str | None = None, secret: str | None = None,
                 render: bool = True) -> None:
        if secret is not None:
            warn_unsupported("BrowserState", "secret", stacklevel=3)  # values are stored unencrypted
        super().__init__(default_value, render=render)
        self.storage_key = storage_key or f"reblocks_browser_state_{self.id}"

    def config_entry(self, written_only: bool) -> ComponentEntry:
        entry = super().config_entry(written_only)
        entry.props["value"] = self.value  # the default, until the browser finds a stored value
        return entry
