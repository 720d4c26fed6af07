"""Chatbot: a list of messages in Gradio's messages format (role, metadata, content parts, options)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal, NotRequired, TypedDict

from reblocks.components.base import Component
from reblocks.components.display import Button, LatexDelimiter
from reblocks.components.files import file_data, is_file_data
from reblocks.components.toolbar import CustomButton, Toolbar
from reblocks.wire import FileData

__all__ = ["ChatMessage", "Chatbot", "CustomButton", "ExampleMessage", "FileDataDict", "Message", "MessageDict",
           "MetadataDict", "OptionDict", "normalise_message", "text_part"]

Message = dict[str, Any]


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


@dataclasses.dataclass
class ChatMessage:
    """One chat message: content (text, file, component or a list of them), metadata, options."""

    content: Any
    role: Literal["user", "assistant", "system"] = "assistant"
    metadata: MetadataDict | dict[str, Any] = dataclasses.field(default_factory=dict)
    options: list[OptionDict] = dataclasses.field(default_factory=list)


class FileDataDict(TypedDict):
    """A file in a message's content, as Gradio's typed dict names it: `path` on the server or a URL."""

    path: str
    url: NotRequired[str | None]
    size: NotRequired[int | None]
    orig_name: NotRequired[str | None]
    mime_type: NotRequired[str | None]
    is_stream: NotRequired[bool]
    meta: NotRequired[dict[str, Any]]


class MessageDict(TypedDict):
    """A message as a dict, as the guide writes them: role, content, and optional metadata/options."""

    content: str | FileDataDict | tuple[str, ...] | list[Any] | Any
    role: Literal["user", "assistant", "system"]
    metadata: NotRequired[MetadataDict]
    options: NotRequired[list[OptionDict]]


class ExampleMessage(TypedDict):
    """An example an empty chat shows: clicking it sends its text and files."""

    text: str
    display_text: NotRequired[str]
    icon: NotRequired[FileData]
    files: NotRequired[list[FileData]]


def text_part(text: str) -> dict[str, Any]:
    """A text content part, keys in the order the browser and clients expect."""
    return {"text": text, "type": "text"}


def _as_file_data(value: dict[str, Any]) -> dict[str, Any]:
    """A file dict as FileData, so the server caches the file and gives it a URL (a bare
    `{"path": ...}` would reach the browser as a path it may not fetch)."""
    if is_file_data(value):
        return value
    return file_data(value["path"], value.get("orig_name"), value.get("mime_type"))


def _part(content: Any) -> dict[str, Any] | None:
    """One content item (text, part dict, file dict or path tuple, component) as a wire part."""
    if content is None:
        return None
    if isinstance(content, str):
        return text_part(content)
    if isinstance(content, Component):
        return {"component": content.TYPE, "value": content.postprocess(content.initial_value()),
                "constructor_args": {"render": False}, "props": content.get_props(),
                "type": "component"}
    if isinstance(content, tuple):
        path, *alt = content
        return {"file": file_data(path), "alt_text": alt[0] if alt else None, "type": "file"}
    if isinstance(content, dict):
        kind = content.get("type")
        if kind == "text":
            return text_part(str(content.get("text", "")))
        if kind == "file" and isinstance(content.get("file"), dict):
            return {**content, "file": _as_file_data(content["file"])}
        if kind in ("file", "component"):
            return content
        if "path" in content:
            return {"file": _as_file_data(content), "alt_text": content.get("alt_text"), "type": "file"}
    if isinstance(content, (int, float)):
        return text_part(str(content))
    raise ValueError(f"cannot show {content!r} in a chat message")


def _field(message: Any, name: str, default: Any = None) -> Any:
    if isinstance(message, dict):
        return message.get(name, default)
    return getattr(message, name, default)


def normalise_message(message: Any, role: str | None = None) -> Message | None:
    """A dict or ChatMessage-like object as a wire message: role, metadata, content parts, options."""
    if not isinstance(message, dict) and not dataclasses.is_dataclass(message):
        raise ValueError(f"a chat message must be a dict with 'role' and 'content', got {message!r}")
    content = _field(message, "content")
    items = content if isinstance(content, list) else [content]
    parts = [part for part in map(_part, items) if part is not None]
    if not parts:
        return None
    metadata = _field(message, "metadata")
    options = _field(message, "options")
    return {
        "role": role or _field(message, "role", "assistant"),
        "metadata": dict(metadata) if metadata is not None else None,
        "content": parts,
        "options": [dict(option) for option in options] if options is not None else None,
    }


def _split_reasoning(message: Message, tags: list[tuple[str, str]]) -> list[Message]:
    """`message` with the text between each pair of `tags` taken out as "Reasoning" thoughts, in the
    order they come; an unclosed tag runs to the end of the text and its thought is still pending."""
    pattern = re.compile("|".join(f"{re.escape(open_)}(.*?)(?:{re.escape(close)}|$)" for open_, close in tags),
                         re.DOTALL)
    closers = tuple(close for _, close in tags)
    pieces: list[Message] = []
    others = [part for part in message["content"] if part.get("type") != "text"]
    for part in message["content"]:
        if part.get("type") != "text":
            continue
        text, last = str(part["text"]), 0
        for match in pattern.finditer(text):
            pieces.extend(_prose(message, text[last:match.start()]))
            thought = next((group for group in match.groups() if group is not None), "").strip()
            if thought:
                status = "done" if match.group(0).endswith(closers) else "pending"
                pieces.append({**message, "content": [{"type": "text", "text": thought}],
                               "metadata": {"title": "Reasoning", "status": status}, "options": None})
            last = match.end()
        pieces.extend(_prose(message, text[last:]))
    if others:
        pieces.append({**message, "content": others})
    return pieces


def _prose(message: Message, text: str) -> list[Message]:
    """The answer text between thoughts as a message of its own (none when blank)."""
    text = text.strip()
    return [{**message, "content": [{"type": "text", "text": text}]}] if text else []


class Chatbot(Component):
    """A conversation: each message a role, content parts (text as Markdown, files, components)."""

    class Props(Component.Props):
        height: int | str | None = 400
        """The height of the conversation (pixels, or a CSS length); it scrolls inside."""
        min_height: int | str | None = None
        """The least height of the conversation (pixels, or a CSS length)."""
        max_height: int | str | None = None
        """The greatest height of the conversation (pixels, or a CSS length)."""
        placeholder: str | None = None
        """Markdown shown while the conversation is empty."""
        examples: list[ExampleMessage] | None = None
        """Messages offered while the conversation is empty; a click fires `example_select`."""
        editable: Literal["user", "all"] | None = None
        """Whose messages the user may edit: "user" (their own), "all", or None for none."""
        resizable: bool = False
        """Whether the user can drag the chat's bottom edge to make it taller or shorter."""
        show_copy_button: bool | None = None
        """Whether messages have a copy button; None: as `buttons` says, or shown when it says nothing."""
        buttons: list[str | CustomButton] | None = None
        """The buttons to show: "copy" (on each message), "copy_all" (the whole chat), "share" (on a
        Hugging Face Space) and buttons of the app's own, in the header; None: all three."""
        watermark: str | None = None
        """Text added after a blank line to whatever the user copies from the chat."""
        autoscroll: bool = True
        """Whether the conversation follows new messages down to the end."""
        rtl: bool = False
        """Whether the text runs right to left."""
        latex_delimiters: list[LatexDelimiter] | None = None
        """Where LaTeX starts and ends; None: `$$` and `$` (the browser gets that list)."""
        sanitize_html: bool = True
        """Whether HTML in messages is sanitised (scripts and event handlers removed)."""
        line_breaks: bool = True
        """Whether a single newline in a message breaks the line."""
        render_markdown: bool = True
        """Whether messages are rendered as Markdown rather than shown as plain text."""
        avatar_images: list[FileData | None] | None = None
        """The user's and the assistant's avatars; the constructor takes two paths or URLs."""
        group_consecutive_messages: bool = True
        """Whether consecutive messages of one role share a bubble group."""
        like_user_message: bool = False
        """Whether the user's own messages can be liked too."""
        feedback_options: Sequence[str] | None = ("Like", "Dislike")
        """The feedback offered on answers: "Like" and "Dislike" are thumbs, others go in a menu; None (or
        empty): both thumbs."""
        feedback_value: Sequence[str | None] | None = None
        """The feedback already given, one entry per group of answers in order: "Like", "Dislike", another
        of `feedback_options`, or None for none."""
        layout: Literal["panel", "bubble"] | None = None
        """"bubble" (None): each side's messages in bubbles; "panel": full-width rows, as in LLM apps."""
        allow_file_downloads: bool = True
        """Whether a message with a file has a download button."""
        allow_tags: list[str] | bool = True
        """HTML-like tags shown as text rather than removed (`["thinking"]` keeps `<thinking>`); True: every
        tag that is not standard HTML or SVG; False: none."""

    TYPE = "chatbot"
    buttons = Toolbar("share", "copy", "copy_all", default=None)
    EVENTS = ("change", "select", "like", "retry", "undo", "example_select", "option_select",
              "clear", "copy", "edit")
    payload = list[dict[str, Any]] | None
    has_files = True  # messages carry file parts; a retry or edit hands their paths to the chat function
    python_type = "list[dict[str, Any]]"
    api_schema = {"type": "array", "items": {"type": "object"}}
    example_value = [{"role": "user", "content": [text_part("Hello!")]}]

    def __init__(
        self,
        value: Sequence[Any] | Any | None = None,
        *,
        type: Literal["messages"] = "messages",  # noqa: A002
        label: str | None = None,
        height: int | str | None = 400,
        min_height: int | str | None = None,
        max_height: int | str | None = None,
        placeholder: str | None = None,
        examples: list[ExampleMessage] | None = None,
        editable: Literal["user", "all"] | None = None,
        resizable: bool = False,
        show_copy_button: bool | None = None,
        buttons: Sequence[Literal["share", "copy", "copy_all"] | Button | str] | None = None,
        watermark: str | None = None,
        autoscroll: bool = True,
        rtl: bool = False,
        latex_delimiters: list[LatexDelimiter] | None = None,
        sanitize_html: bool = True,
        line_breaks: bool = True,
        render_markdown: bool = True,
        avatar_images: tuple[str | Path | None, str | Path | None] | None = None,
        group_consecutive_messages: bool = True,
        like_user_message: bool = False,
        feedback_options: list[str] | tuple[str, ...] | None = ("Like", "Dislike"),
        feedback_value: Sequence[str | None] | None = None,
        layout: Literal["panel", "bubble"] | None = None,
        allow_file_downloads: bool = True,
        allow_tags: list[str] | bool = True,
        reasoning_tags: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        # Text between these (open, close) tags becomes a "Reasoning" thought before the answer; an
        # unclosed one (still streaming) is a pending thought.
        self.reasoning_tags = [(open_, close) for open_, close in reasoning_tags] if reasoning_tags else None
        if type != "messages":
            raise ValueError("Chatbot supports only type='messages' (Gradio 6 removed 'tuples')")
        self.latex_delimiters = latex_delimiters or [
            {"left": "$$", "right": "$$", "display": True},
            {"left": "$", "right": "$", "display": False},
        ]
        # As FileData, so the server serves local images from its cache (a bare path would 404).
        self.avatar_images = None if avatar_images is None else [
            None if image is None else file_data(image) for image in avatar_images]
        self.feedback_options = list(feedback_options) if feedback_options else None
        self.feedback_value = None if feedback_value is None else list(feedback_value)
        # As Gradio does: an empty list keeps no tag, like False.
        self.allow_tags = list(allow_tags) if isinstance(allow_tags, (list, tuple)) and allow_tags else bool(allow_tags)
        super().__init__(value, **kwargs)

    def preprocess(self, payload: list[dict[str, Any]] | None) -> list[Message]:
        if payload is None:
            return []
        messages = [normalise_message(message) for message in payload]
        return [message for message in messages if message is not None]

    def postprocess(self, value: Any) -> list[Message]:
        if value is None:
            return []
        if not isinstance(value, (list, tuple)):
            raise ValueError("a Chatbot value must be a list of messages")
        return self.postprocess_items(list(value))

    def postprocess_items(self, items: list[Any]) -> list[Message]:
        messages = [normalise_message(message) for message in items]
        kept = [message for message in messages if message is not None]
        if not self.reasoning_tags:
            return kept
        return [part for message in kept for part in _split_reasoning(message, self.reasoning_tags)]
