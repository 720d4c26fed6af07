"""Layout contexts: Row, Column, Group, Accordion, Tabs and Tab."""

from __future__ import annotations

from typing import Any, Literal

from reblocks.blocks.block import BlockContext

__all__ = ["Accordion", "Column", "Group", "Row", "Tab", "TabItem", "Tabs"]


class Row(BlockContext):
    """Children side by side, wrapping on narrow screens."""

    TYPE = "row"
    PROPS = ("variant", "equal_height", "scale")

    def __init__(
        self,
        *,
        variant: Literal["default", "panel", "compact"] = "default",
        visible: bool = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        equal_height: bool = False,
        scale: int | None = None,
        key: int | str | None = None,
    ) -> None:
        self.variant = variant
        self.equal_height = equal_height
        self.scale = scale
        super().__init__(visible=visible, elem_id=elem_id, elem_classes=elem_classes, render=render, key=key)


class Column(BlockContext):
    """Children stacked vertically; `scale` and `min_width` size it inside a Row."""

    TYPE = "column"
    PROPS = ("scale", "min_width", "variant")

    def __init__(
        self,
        *,
        scale: int = 1,
        min_width: int = 320,
        variant: Literal["default", "panel", "compact"] = "default",
        visible: bool = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | None = None,
    ) -> None:
        self.scale = scale
        self.min_width = min_width
        self.variant = variant
        super().__init__(visible=visible, elem_id=elem_id, elem_classes=elem_classes, render=render, key=key)


class Group(BlockContext):
    """Children drawn as one block, without gaps between them."""

    TYPE = "group"

    def __init__(self, *, visible: bool = True, elem_id: str | None = None,
                 elem_classes: list[str] | str | None = None, render: bool = True,
                 key: int | str | None = None) -> None:
        super().__init__(visible=visible, elem_id=elem_id, elem_classes=elem_classes, render=render, key=key)


class Accordion(BlockContext):
    """A labelled section the user can open and close."""

    TYPE = "accordion"
    PROPS = ("label", "open")
    EVENTS = ("expand", "collapse")

    def __init__(self, label: str | None = None, *, open: bool = True, visible: bool = True,  # noqa: A002
                 elem_id: str | None = None, elem_classes: list[str] | str | None = None,
                 render: bool = True, key: int | str | None = None) -> None:
        self.label = label
        self.open = open
        super().__init__(visible=visible, elem_id=elem_id, elem_classes=elem_classes, render=render, key=key)


class Tabs(BlockContext):
    """A strip of tabs, one `Tab` shown at a time."""

    TYPE = "tabs"
    PROPS = ("selected",)
    EVENTS = ("change", "select")

    def __init__(self, *, selected: int | str | None = None, visible: bool = True,
                 elem_id: str | None = None, elem_classes: list[str] | str | None = None,
                 render: bool = True, key: int | str | None = None) -> None:
        self.selected = selected
        super().__init__(visible=visible, elem_id=elem_id, elem_classes=elem_classes, render=render, key=key)


class Tab(BlockContext):
    """One tab's content; opens a `Tabs` around itself when not already inside one."""

    TYPE = "tabitem"
    PROPS = ("label", "id", "interactive")
    EVENTS = ("select",)

    def __init__(self, label: str | None = None, visible: bool = True, interactive: bool = True, *,
                 id: int | str | None = None, elem_id: str | None = None,  # noqa: A002
                 elem_classes: list[str] | str | None = None, render: bool = True,
                 key: int | str | None = None) -> None:
        self.label = label
        self.interactive = interactive
        self._tab_id = id
        super().__init__(visible=visible, elem_id=elem_id, elem_classes=elem_classes, render=render, key=key)

    def get_props(self) -> dict[str, Any]:
        props = super().get_props()
        props["id"] = self._tab_id if self._tab_id is not None else self.id
        return props

    def render(self) -> Tab:
        from reblocks.blocks.block import _open_context

        context = _open_context.get()
        if context is not None and not isinstance(context, Tabs) and self.parent is None:
            # Gradio lets Tab stand alone; consecutive ones share the Tabs the first one opened.
            last = context.children[-1] if context.children else None
            tabs = last if isinstance(last, Tabs) else Tabs(render=False)
            if tabs is not last:
                context.add(tabs)
            tabs.add(self)
            return self
        return super().render()


TabItem = Tab
