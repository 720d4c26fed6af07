"""Hugging Face Spaces: whether the app runs on one, and which."""

from __future__ import annotations

import os

__all__ = ["get_space"]


def get_space() -> str | None:
    """The id ("owner/name") of the Space the app runs on, None elsewhere: Spaces set SYSTEM and SPACE_ID."""
    if os.environ.get("SYSTEM") == "spaces":
        return os.environ.get("SPACE_ID")
    return None
