"""SavedChats: the side panel of past conversations that ChatInterface(save_history=True) shows.

The conversations live in the browser's localStorage only; this component's value is the
conversation on screen, passed to and from the Chatbot by client-side (`js`) listeners.
"""

from __future__ import annotations

from typing import Any

from reblocks.components.base import Component

__all__ = ["SavedChats"]


class SavedChats(Component):
    """A list of saved conversations (new, resume, delete), kept under `storage_key` in the browser."""

    class Props(Component.Props, kw_only=True):  # kw_only: a required field after optional ones
        label: str | None = "Chats"
        storage_key: str
        """The localStorage key the conversations are kept under, so each chat app has its own."""

    TYPE = "savedchats"
    EVENTS = ("change", "select")
    payload = list[dict[str, Any]] | None
    skip_api = True

    def __init__(self, storage_key: str, *, label: str | None = "Chats", **kwargs: Any) -> None:
        super().__init__([], **kwargs)
