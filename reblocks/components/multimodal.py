"""MultimodalTextbox: text plus attached files, sent together."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal, TypedDict

from reblocks.components.base import FormComponent
from reblocks.components.files import FileDataPayload, file_data, file_path, matches_file_types
from reblocks.components.textbox import InputHTMLAttributes, html_attributes_of
from reblocks.errors import Error

__all__ = ["MultimodalTextbox"]


class MultimodalPayload(TypedDict, total=False):
    """The text and the attached files, as the client sends them."""

    text: str | None
    files: list[FileDataPayload] | None


class MultimodalTextbox(FormComponent):
    """A text box with attachments (upload, drag and drop, paste, microphone): {"text", "files"}."""

    class Props(FormComponent.Props):
        placeholder: str | None = None
        """Hint text shown while the box is empty."""
        lines: int = 1
        """The height of the text area in lines."""
        max_lines: int = 20
        """The most lines the text area grows to before it scrolls."""
        file_count: Literal["single", "multiple", "directory"] = "single"
        """How many files may be attached: one, several, or a folder's worth."""
        file_types: list[str] | None = None
        """The files accepted: extensions (".pdf"), MIME types ("image/*") or "image", "audio", "video",
        "text"; None: any."""
        sources: Sequence[str] = ("upload",)
        """Where attachments may come from: "upload", "microphone" (the constructor takes one as a string)."""
        submit_btn: str | bool | None = True
        """The button that fires `submit`: True for an icon, a string is its label, False for none."""
        stop_btn: str | bool | None = False
        """A button that fires `stop`: True for an icon, a string is its label."""
        autofocus: bool = False
        """Whether the box takes the focus when the page loads."""
        rtl: bool = False
        """Whether the text runs right to left."""
        text_align: Literal["left", "right"] | None = None
        """How the text is aligned; None: as the writing direction says."""
        autoscroll: bool = True
        """Whether the text area follows text streamed into it down to the end (unless the user scrolled up)."""
        max_plain_text_length: int = 1000
        """Pasted text longer than this many characters is attached as a .txt file instead."""
        html_attributes: InputHTMLAttributes | None = None
        """HTML attributes of the text area (spellcheck, autocorrect, autocomplete, lang...)."""

    TYPE = "multimodaltextbox"
    EVENTS = ("change", "input", "select", "submit", "focus", "blur", "stop", "upload")
    has_files = True
    payload = MultimodalPayload | None
    python_type = "dict(text: str, files: list[filepath])"
    api_schema = {"type": "object", "properties": {"text": {"type": "string"},
                                                    "files": {"type": "array", "items": {"type": "object"}}}}
    example_value = {"text": "Hello!!", "files": []}

    def __init__(self, value: str | dict[str, Any] | None = None, *,
                 sources: Sequence[str] | str = ("upload",),
                 file_types: list[str] | None = None,
                 file_count: Literal["single", "multiple", "directory"] = "single",
                 lines: int = 1, max_lines: int = 20, placeholder: str | None = None,
                 label: str | None = None, autofocus: bool = False,
                 text_align: Literal["left", "right"] | None = None, rtl: bool = False,
                 submit_btn: str | bool | None = True, stop_btn: str | bool | None = False,
                 autoscroll: bool = True, max_plain_text_length: int = 1000,
                 html_attributes: InputHTMLAttributes | None = None, **kwargs: Any) -> None:
        self.html_attributes = html_attributes_of(html_attributes)
        self.sources = [sources] if isinstance(sources, str) else list(sources)
        super().__init__(value, **kwargs)

    def preprocess(self, payload: dict[str, Any] | None) -> dict[str, Any]:
        payload = payload or {}
        files = []
        for item in payload.get("files") or []:
            path = file_path(item)
            assert path is not None
            name = (item.get("orig_name") if isinstance(item, dict) else None) or Path(path).name
            mime = item.get("mime_type") if isinstance(item, dict) else None
            if not matches_file_types(name, mime, self.file_types):
                raise Error(f'"{name}" is not an accepted file type ({", ".join(self.file_types or [])})')
            files.append(path)
        return {"text": str(payload.get("text") or ""), "files": files}

    def postprocess(self, value: Any) -> dict[str, Any]:
        if value is None or isinstance(value, str):
            return {"text": value or "", "files": []}
        files = [item if isinstance(item, dict) else file_data(item) for item in value.get("files") or []]
        return {"text": str(value.get("text") or ""), "files": files}

    def api_info(self) -> dict[str, Any]:
        return {"type": "object", "properties": {"text": {"type": "string"}, "files": {
            "type": "array", "items": {"properties": {"path": {"type": "string"},
                                                      "meta": {"default": {"_type": "gradio.FileData"}}},
                                       "required": ["path"], "title": "FileData", "type": "object"}}},
                "additional_description": ""}
