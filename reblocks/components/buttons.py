"""UploadButton, DownloadButton, ClearButton, DuplicateButton and DeepLinkButton: buttons that take files,
give one, empty components, duplicate the app's Space, or copy a link to the page as it is."""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from typing import Any, ClassVar, Literal

import msgspec

from reblocks.blocks.spaces import get_space
from reblocks.components.base import Component
from reblocks.components.display import Button
from reblocks.components.media import File
from reblocks.components.state import State

__all__ = ["ClearButton", "DeepLinkButton", "DownloadButton", "DuplicateButton", "UploadButton"]

Variant = Literal["primary", "secondary", "stop"]


class _FileButton(File):
    """A button whose value is a file or files: it checks and serves them as `gr.File` does."""

    class Props(File.Props):
        interactive: bool = True
        """Whether the button can be clicked."""
        min_width: int | None = None
        """The narrowest the button gets in a Row, in pixels; None: as wide as its text."""
        variant: Variant = "secondary"
        """The button's colours: "primary" stands out, "stop" warns."""
        size: Literal["sm", "md", "lg"] = "lg"
        """The button's size."""
        icon: str | None = None
        """An image drawn before the text: a URL, or a path the server serves."""

    # File declares its EVENTS without Block's annotation, so mypy takes them for a fixed 6-tuple.
    EVENTS: ClassVar[tuple[str, ...]] = ("change", "click")  # type: ignore[assignment]


class UploadButton(_FileButton):
    """A button that opens the file picker and uploads what the user picks: its value is the file(s)."""

    class Props(_FileButton.Props):
        label: str | None = "Upload a File"
        """The button's text (the value is the uploaded file or files)."""

    TYPE = "uploadbutton"
    EVENTS: ClassVar[tuple[str, ...]] = ("change", "click", "upload")

    def __init__(self, label: str = "Upload a File", value: Any = None, *, variant: Variant = "secondary",
                 size: Literal["sm", "md", "lg"] = "lg", icon: str | None = None, min_width: int | None = None,
                 interactive: bool = True, type: Literal["filepath", "binary"] = "filepath",  # noqa: A002
                 file_count: Literal["single", "multiple", "directory"] = "single",
                 file_types: list[str] | None = None, **kwargs: Any) -> None:
        # drawn as a button, without the box a File has
        super().__init__(value, file_count=file_count, file_types=file_types, type=type, container=False, **kwargs)


class DownloadButton(_FileButton):
    """A button that downloads its value, a file on the server, through the file route."""

    class Props(_FileButton.Props):
        label: str | None = "Download"
        """The button's text (the value is the file it downloads)."""

    TYPE = "downloadbutton"

    def __init__(self, label: str = "Download", value: Any = None, *, variant: Variant = "secondary",
                 size: Literal["sm", "md", "lg"] = "lg", icon: str | None = None, min_width: int | None = None,
                 interactive: bool = True, **kwargs: Any) -> None:
        super().__init__(value, container=False, **kwargs)


class ClearButton(Button):
    """A button that empties components: each gets the value `postprocess(None)` gives it, in the page."""

    def __init__(self, components: Component | Sequence[Component] | None = None, *, value: str = "Clear",
                 api_name: str | None = None,
                 api_visibility: Literal["public", "private", "undocumented"] = "undocumented",
                 **kwargs: Any) -> None:
        # The name and visibility of the endpoint that resets cleared States (the rest is done in the page).
        self.api_name = api_name
        self.api_visibility = api_visibility
        super().__init__(value, **kwargs)
        self.add(components)

    def add(self, components: Component | Sequence[Component] | None) -> ClearButton:
        """Clear `components` too when the button is clicked; a State gets its initial value back."""
        if not components:
            return self
        targets = [components] if isinstance(components, Component) else list(components)
        empty = msgspec.json.encode([target.postprocess(None) for target in targets]).decode()
        self.click(None, None, targets, js=f"() => {empty}", api_visibility="private")
        states = [target for target in targets if isinstance(target, State)]
        if states:
            initial = [copy.deepcopy(state.value) for state in states]
            self.click(lambda: copy.deepcopy(initial[0] if len(initial) == 1 else initial), None, states,
                       api_name=self.api_name, api_visibility=self.api_visibility)
        return self


class DuplicateButton(Button):
    """A button that opens Hugging Face's page for duplicating the app's Space; elsewhere a plain button."""

    class Props(Button.Props):
        variant: Literal["primary", "secondary", "stop", "huggingface"] = "huggingface"
        """The button's style; Hugging Face's by default."""
        size: Literal["sm", "md", "lg"] = "sm"
        """The button's size."""
        scale: int | None = 0
        """The button's width relative to its siblings in a Row; 0 keeps it as narrow as its text."""

    def __init__(self, value: str = "Duplicate Space", *,
                 variant: Literal["primary", "secondary", "stop", "huggingface"] = "huggingface",
                 size: Literal["sm", "md", "lg"] = "sm", icon: str | None = None, link: str | None = None,
                 min_width: int | None = None, interactive: bool = True, scale: int | None = 0,
                 **kwargs: Any) -> None:
        super().__init__(value, variant=variant, size=size, icon=icon, link=link, min_width=min_width,
                         interactive=interactive, scale=scale, **kwargs)
        space = get_space()
        if space is not None:
            target = json.dumps(f"https://huggingface.co/spaces/{space}?duplicate=true")
            self.click(None, js=f"() => {{ window.open({target}, '_blank'); }}", api_visibility="private")


class DeepLinkButton(Button):
    """A button that copies a link to the page as it is now: the link opens the app with the values its
    components had (those the user or the app changed), as Gradio's deep links do."""

    class Props(Button.Props):
        copied_value: str = "Link Copied!"
        """The button's text for a moment after the link was copied."""

    TYPE = "deeplinkbutton"

    def __init__(self, value: str = "Share via Link", copied_value: str = "Link Copied!", *,
                 variant: Literal["primary", "secondary"] = "secondary", size: Literal["sm", "md", "lg"] = "lg",
                 icon: str | None = None, link: str | None = None, min_width: int | None = None,
                 interactive: bool = True, **kwargs: Any) -> None:
        super().__init__(value, variant=variant, size=size, icon=icon, link=link, min_width=min_width,
                         interactive=interactive, **kwargs)
