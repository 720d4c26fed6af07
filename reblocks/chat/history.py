"""Chat history as the chat function sees it: OpenAI-style messages with content parts."""

from __future__ import annotations

import dataclasses
from typing import Any

from reblocks.components.chatbot import normalise_message, text_part
from reblocks.components.files import file_data

__all__ = ["Message", "UserMessage", "api_value", "as_messages", "file_paths", "last_user_text",
           "strip_trailing_assistant", "strip_trailing_user", "user_messages"]

Message = dict[str, Any]
UserMessage = str | dict[str, Any]


def strip_trailing_user(messages: list[Message]) -> list[Message]:
    """The conversation before the pending user turn (a turn may span several messages)."""
    end = len(messages)
    while end and messages[end - 1]["role"] == "user":
        end -= 1
    return messages[:end]


def strip_trailing_assistant(messages: list[Message]) -> list[Message]:
    """The conversation up to and including the last user turn (for retry and undo)."""
    end = len(messages)
    while end and messages[end - 1]["role"] != "user":
        end -= 1
    return messages[:end]


def as_messages(response: Any) -> list[Message]:
    """What `fn` returned (str, dict, ChatMessage, component, or a list of them) as assistant messages."""
    items = response if isinstance(response, list) else [response]
    messages = []
    for item in items:
        if isinstance(item, dict) and "content" in item or dataclasses.is_dataclass(item):
            message = normalise_message(item)
        else:
            message = normalise_message({"role": "assistant", "content": item})
        if message is not None:
            messages.append(message)
    return messages


def api_value(response: Any) -> Any:
    """The raw response as the API returns it: strings as they are, a ChatMessage as its fields
    (content, role, metadata, options), copied so a later mutation cannot reach an earlier value."""
    if isinstance(response, list):
        return [api_value(item) for item in response]
    if isinstance(response, str) or response is None:
        return response
    if dataclasses.is_dataclass(response) and isinstance(response.content, str):  # type: ignore[union-attr]
        return {"content": response.content, "role": response.role,  # type: ignore[union-attr]
                "metadata": dict(response.metadata or {}),  # type: ignore[union-attr]
                "options": [dict(option) for option in response.options or []]}  # type: ignore[union-attr]
    if isinstance(response, dict) and isinstance(response.get("content"), str):
        return dict(response)
    messages = as_messages(response)
    return messages[0] if messages else None


def user_messages(message: UserMessage, separate_files: bool = False) -> list[Message]:
    """The user's turn as chat messages: its files as file parts and its text, in one message
    (or, for examples, each file as its own message, as the guide shows)."""
    if isinstance(message, dict):
        files = [{"file": file_data(path), "alt_text": None, "type": "file"} for path in message.get("files") or []]
        text = str(message.get("text") or "")
    else:
        files, text = [], message
    texts = [text_part(text)] if text else []
    groups = [[part] for part in files] + ([texts] if texts else []) if separate_files else [files + texts]
    return [{"role": "user", "metadata": None, "content": content, "options": None} for content in groups if content]


def file_paths(messages: list[Message]) -> list[str]:
    """The server paths of every file part in `messages`."""
    return [str(part["file"]["path"]) for message in messages for part in message["content"]
            if part.get("type") == "file"]


def last_user_text(messages: list[Message]) -> str:
    for message in reversed(messages):
        if message["role"] == "user":
            for part in message["content"]:
                if part.get("type") == "text":
                    return str(part["text"])
    return ""
