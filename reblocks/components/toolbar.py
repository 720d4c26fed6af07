"""The `buttons` of a component: built-in buttons named by string, and `gr.Button`s of the app's own, all
drawn in the component's top-right toolbar as Gradio 6 draws them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypedDict

if TYPE_CHECKING:
    from reblocks.blocks.block import Block

__all__ = ["CustomButton", "Toolbar", "custom_button", "toolbar_buttons"]


class CustomButton(TypedDict):
    """A button of the app's own in a component's toolbar: clicking it fires that button's `click`."""

    id: int
    value: str | None
    icon: str | None


def custom_button(button: Any) -> CustomButton:
    """`button` (a gr.Button) drawn in a toolbar instead of in the layout; its listeners stay."""
    button.unrender()
    return {"id": button.id, "value": button.value if isinstance(button.value, str) else None, "icon": button.icon}


def toolbar_buttons(owner: str, buttons: Sequence[Any] | None, builtins: Sequence[str],
                    default: Sequence[str] | None = (), custom: bool = True) -> list[str | CustomButton] | None:
    """`buttons` checked against `owner`'s built-in names (and whether it takes gr.Buttons) and as the
    config sends them; None gives `default`, Gradio's choice for that component."""
    from reblocks.components.display import Button  # noqa: PLC0415 - display.py's classes use this module

    if buttons is None:
        return None if default is None else list(default)
    if isinstance(buttons, (str, Button)) or not isinstance(buttons, Sequence):
        raise TypeError(f"{owner}(buttons=...) takes a list, not {type(buttons).__name__}")
    choices = ", ".join([*(repr(name) for name in builtins), *(["gr.Button instances"] if custom else [])])
    result: list[str | CustomButton] = []
    for button in buttons:
        if isinstance(button, Button) and custom:
            result.append(custom_button(button))
        elif isinstance(button, str) and button in builtins:
            result.append(button)
        else:
            raise ValueError(f"{owner}(buttons=...): {button!r} is not one of its buttons, which are: "
                             f"{choices or 'none'}")
    return result


class Toolbar:
    """A component class's `buttons` attribute: what it is given is checked and stored as the config
    sends it (see `toolbar_buttons`), so the constructor and updates share one rule."""

    def __init__(self, *builtins: str, default: Sequence[str] | None = (), custom: bool = True) -> None:
        self.builtins = builtins
        self.default = default
        self.custom = custom

    def __get__(self, block: Block | None, owner: type) -> Any:
        if block is None:
            return self
        return block.__dict__.get("_toolbar_buttons", None if self.default is None else list(self.default))

    def __set__(self, block: Block, buttons: Sequence[Any] | None) -> None:
        block.__dict__["_toolbar_buttons"] = toolbar_buttons(type(block).__name__, buttons, self.builtins,
                                                             self.default, self.custom)
