"""ChatMessage and its typed dicts, as the guide describes them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NotRequired, TypedDict

__all__ = ["ChatMessage", "MetadataDict", "OptionDict"]


class MetadataDict(TypedDict):
    """A message's metadata: a `title` makes it a thought panel; `id`/`parent_id` nest panels."""

    title: NotRequired[str]
    id: NotRequired[int | str]
    parent_id: NotRequired[int | str]
    log: NotRequired[str]
    duration: NotRequired[float]
    status: NotRequired[Literal["pending", "done"]]


class OptionDict(TypedDict):
    """A preset reply: `value` is sent when clicked; `label` is shown instead when given."""

    label: NotRequired[str]
    value: str


@dataclass
class ChatMessage:
    """One chat message: content (text, file, component or a list of them), metadata, options."""

    content: Any
    role: Literal["user", "assistant", "system"] = "assistant"
    metadata: MetadataDict | dict[str, Any] = field(default_factory=dict)
    options: list[OptionDict] = field(default_factory=list)
