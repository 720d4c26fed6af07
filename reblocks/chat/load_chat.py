"""load_chat: a streaming ChatInterface backed by any OpenAI-compatible server (Ollama, vLLM, ...)."""

from __future__ import annotations

import base64
import mimetypes
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from reblocks.chat.interface import ChatInterface
from reblocks.components.multimodal import MultimodalTextbox
from reblocks.errors import Error

__all__ = ["load_chat"]

_TEXT_TYPES = [".txt", ".md", ".csv", ".json", ".py", ".js", ".ts", ".html", ".css", ".yaml", ".yml",
               ".toml", ".xml", ".log"]


def _client(base_url: str, token: str | None) -> Any:
    try:
        from openai import OpenAI
    except ImportError:
        raise ImportError("gr.load_chat needs the 'openai' package: pip install 'reblocks[openai]'") from None
    return OpenAI(base_url=base_url, api_key=token or "not-needed")


def _file_part(path: str, file_types: str | None) -> dict[str, Any]:
    """A file as OpenAI content: text files inlined, images as data URLs."""
    mime = mimetypes.guess_type(path)[0] or ""
    if file_types == "image" or mime.startswith("image/"):
        encoded = base64.b64encode(Path(path).read_bytes()).decode()
        return {"type": "image_url", "image_url": {"url": f"data:{mime or 'image/png'};base64,{encoded}"}}
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    return {"type": "text", "text": f"{Path(path).name}:\n{text}"}


def _openai_message(role: str, text: str, files: list[str], file_types: str | None) -> dict[str, Any]:
    if not files:
        return {"role": role, "content": text}
    parts = [_file_part(path, file_types) for path in files]
    return {"role": role, "content": ([{"type": "text", "text": text}] if text else []) + parts}


def to_openai(message: str | dict[str, Any], history: list[dict[str, Any]], system_message: str | None,
              file_types: str | None) -> list[dict[str, Any]]:
    """The conversation as OpenAI chat messages: system, then history, then the new message."""
    messages: list[dict[str, Any]] = [{"role": "system", "content": system_message}] if system_message else []
    for item in history:
        if (item.get("metadata") or {}).get("title"):
            continue  # thoughts shown in the UI are not part of the conversation
        texts = [part["text"] for part in item["content"] if part.get("type") == "text"]
        files = [part["file"]["path"] for part in item["content"] if part.get("type") == "file"]
        messages.append(_openai_message(item["role"], "\n".join(texts), files, file_types))
    if isinstance(message, dict):
        messages.append(_openai_message("user", message.get("text", ""), message.get("files", []), file_types))
    else:
        messages.append({"role": "user", "content": message})
    return messages


def load_chat(base_url: str, model: str, token: str | None = None, *,
              file_types: Literal["text_encoded", "image"] | list[Literal["text_encoded", "image"]] | None
              = "text_encoded",
              system_message: str | None = None, streaming: bool = True, **kwargs: Any) -> ChatInterface:
    """A ChatInterface that sends the conversation to `model` at `base_url` (OpenAI's chat API)."""
    client = _client(base_url, token)
    kinds = [file_types] if isinstance(file_types, str) else list(file_types or [])
    accepted = ([*_TEXT_TYPES] if "text_encoded" in kinds else []) + (["image"] if "image" in kinds else [])
    encoding = "image" if kinds == ["image"] else None

    def call(message: Any, history: list[dict[str, Any]], stream: bool) -> Any:
        try:
            return client.chat.completions.create(
                model=model, messages=to_openai(message, history, system_message, encoding), stream=stream)
        except Exception as exc:  # noqa: BLE001 - any client failure is shown to the user, not raised
            raise Error(f"The model server failed: {exc}") from None

    def answer(message: Any, history: list[dict[str, Any]]) -> Iterator[str]:
        if not streaming:
            yield call(message, history, False).choices[0].message.content or ""
            return
        text = ""
        try:
            for chunk in call(message, history, True):
                if chunk.choices and chunk.choices[0].delta.content:
                    text += chunk.choices[0].delta.content
                    yield text
        except Error:
            raise
        except Exception as exc:  # noqa: BLE001 - a stream cut mid-way is shown, the partial answer kept
            raise Error(f"The model server stopped answering: {exc}") from None

    textbox = MultimodalTextbox(file_types=accepted, file_count="multiple") if accepted else None
    kwargs.setdefault("api_name", "chat")
    return ChatInterface(answer, multimodal=bool(accepted), textbox=textbox, **kwargs)
