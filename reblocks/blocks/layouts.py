"""Layout contexts: Row, Column, Group, Accordion, Tabs and Tab."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from reblocks.blocks.block import BlockContext

__all__ = ["Accordion", "Column", "Group", "Row", "Sidebar", "Step", "Tab", "TabItem", "Tabs", "Walkthrough"]


class _Layout(BlockContext):
    """What every layout shares with the others: the props it keeps across `@gr.render` runs."""

    class Props(BlockContext.Props):
        preserved_by_key: list[str] | str | None = None
        """Inside `@gr.render`: the props (such as an Accordion's `open` or a Tabs' `selected`) that a
        layout drawn again with the same key keeps from the page instead of the new run's; None: none."""


class Row(_Layout):
    """Children side by side, wrapping on narrow screens."""

    class Props(_Layout.Props):
        variant: Literal["default", "panel", "compact"] = "default"
        """"panel" draws a background behind the children; "compact" removes the gaps between them."""
        equal_height: bool = False
        """Whether every child is stretched to the height of the tallest."""
        scale: int | None = None
        """With `fill_height`, a row of scale 1 or more takes the free height and stretches its columns."""
        height: int | str | None = None
        """The row's height (pixels, or a CSS length); what does not fit scrolls."""
        max_height: int | str | None = None
        """The most the row grows to (pixels, or a CSS length) before it scrolls."""
        min_height: int | str | None = None
        """The least height of the row (pixels, or a CSS length)."""
        show_progress: bool = False
        """Whether the row is covered by a progress overlay while a listener writing to a block in it runs."""

    TYPE = "row"

    def __init__(
        self,
        *,
        variant: Literal["default", "panel", "compact"] = "default",
        visible: bool | Literal["hidden"] = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        equal_height: bool = False,
        scale: int | None = None,
        height: int | str | None = None,
        max_height: int | str | None = None,
        min_height: int | str | None = None,
        show_progress: bool = False,
        key: int | str | None = None,
        preserved_by_key: list[str] | str | None = None,
    ) -> None:
        super().__init__(elem_classes=elem_classes, render=render)


class Column(_Layout):
    """Children stacked vertically; `scale` and `min_width` size it inside a Row."""

    class Props(_Layout.Props):
        scale: int = 1
        """The column's width relative to its siblings in a Row."""
        min_width: int = 320
        """The narrowest the column gets, in pixels; a Row wraps rather than squeeze it further."""
        variant: Literal["default", "panel", "compact"] = "default"
        """"panel" draws a background behind the children; "compact" removes the gaps between them."""
        show_progress: bool = False
        """Whether the column is covered by a progress overlay while a listener writing to a block in it runs."""

    TYPE = "column"

    def __init__(
        self,
        *,
        scale: int = 1,
        min_width: int = 320,
        variant: Literal["default", "panel", "compact"] = "default",
        visible: bool | Literal["hidden"] = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        show_progress: bool = False,
        key: int | str | None = None,
        preserved_by_key: list[str] | str | None = None,
    ) -> None:
        super().__init__(elem_classes=elem_classes, render=render)


class Group(_Layout):
    """Children drawn as one block, without gaps between them."""

    TYPE = "group"

    def __init__(self, *, visible: bool | Literal["hidden"] = True, elem_id: str | None = None,
                 elem_classes: list[str] | str | None = None, render: bool = True,
                 key: int | str | None = None, preserved_by_key: list[str] | str | None = None) -> None:
        super().__init__(elem_classes=elem_classes, render=render)


class Accordion(_Layout):
    """A labelled section the user can open and close."""

    class Props(_Layout.Props):
        label: str | None = None
        """The text of the header the user clicks to open or close the section."""
        open: bool = True
        """Whether the section starts open; the browser keeps the user's choice here."""

    TYPE = "accordion"
    EVENTS = ("expand", "collapse")

    def __init__(self, label: str | None = None, *, open: bool = True,  # noqa: A002
                 visible: bool | Literal["hidden"] = True, elem_id: str | None = None,
                 elem_classes: list[str] | str | None = None, render: bool = True,
                 key: int | str | None = None, preserved_by_key: list[str] | str | None = None) -> None:
        super().__init__(elem_classes=elem_classes, render=render)


class Sidebar(BlockContext):
    """A panel along one side of the page, which the user opens and closes; its children stay mounted."""

    class Props(BlockContext.Props):
        label: str | None = None
        """A heading at the top of the panel."""
        open: bool = True
        """Whether the panel starts open; the browser keeps the user's choice here."""
        width: int | str = 320
        """The panel's width: pixels, or any CSS length."""
        position: Literal["left", "right"] = "left"
        """The side of the page it sits on."""

    TYPE = "sidebar"
    EVENTS = ("expand", "collapse")

    def __init__(self, label: str | None = None, *, open: bool = True,  # noqa: A002
                 visible: bool | Literal["hidden"] = True, elem_id: str | None = None,
                 elem_classes: list[str] | str | None = None, render: bool = True, width: int | str = 320,
                 position: Literal["left", "right"] = "left", key: int | str | None = None) -> None:
        super().__init__(elem_classes=elem_classes, render=render)


class Tabs(_Layout):
    """A strip of tabs, one `Tab` shown at a time."""

    class Props(_Layout.Props):
        selected: int | str | None = None
        """The `id` of the Tab shown; None: the first visible one."""

    TYPE = "tabs"
    EVENTS = ("change", "select")

    def __init__(self, *, selected: int | str | None = None, visible: bool | Literal["hidden"] = True,
                 elem_id: str | None = None, elem_classes: list[str] | str | None = None,
                 render: bool = True, key: int | str | None = None,
                 preserved_by_key: list[str] | str | None = None) -> None:
        super().__init__(elem_classes=elem_classes, render=render)


class Tab(_Layout):
    """One tab's content; opens a `Tabs` around itself when not already inside one."""

    class Props(_Layout.Props):
        label: str | None = None
        """The text of the tab's button."""
        id: int | str | None = None
        """What `Tabs(selected=...)` names this tab by; the browser gets the block's id when None."""
        interactive: bool = True
        """Whether the user can select the tab."""
        render_children: bool = False
        """Whether the tab's content is put on the page (hidden) before it is first selected, so media
        in it load early; otherwise it is drawn when first selected."""

    TYPE = "tabitem"
    EVENTS = ("select",)

    def __init__(self, label: str | None = None, visible: bool | Literal["hidden"] = True,
                 interactive: bool = True, *, id: int | str | None = None,  # noqa: A002
                 elem_id: str | None = None, elem_classes: list[str] | str | None = None,
                 render: bool = True, key: int | str | None = None,
                 preserved_by_key: list[str] | str | None = None, render_children: bool = False) -> None:
        # Not `self.id`, the block's own id: Block.__init__ sets that after the props.
        self._tab_id = id
        super().__init__(elem_classes=elem_classes, render=render)

    def get_props(self) -> dict[str, Any]:
        props = super().get_props()
        props["id"] = self._tab_id if self._tab_id is not None else self.id
        return props

    STRIP: ClassVar[type[Tabs]] = Tabs
    """The container this kind of tab opens around itself when it stands alone."""

    def render(self) -> Tab:
        from reblocks.blocks.block import _open_context

        context = _open_context.get()
        strip = self.STRIP
        if context is not None and not isinstance(context, strip) and self.parent is None:
            # Gradio lets Tab stand alone; consecutive ones share the Tabs the first one opened.
            last = context.children[-1] if context.children else None
            tabs = last if isinstance(last, strip) else strip(render=False)
            if tabs is not last:
                context.add(tabs)
            tabs.add(self)
            return self
        return super().render()


class Walkthrough(Tabs):
    """Steps of a workflow, one shown at a time under a numbered strip; a listener moves on by
    returning `gr.Walkthrough(selected=<the next Step's id>)`."""

    TYPE = "walkthrough"


class Step(Tab):
    """One step of a `Walkthrough`: its label in the strip, its content shown while it is selected."""

    TYPE = "walkthroughstep"
    STRIP = Walkthrough



TabItem = Tab
