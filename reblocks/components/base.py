"""Component: a leaf block with a value that crosses the wire as its payload type."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import msgspec

from reblocks.blocks.block import Block
from reblocks.wire import ComponentEntry, Update

if TYPE_CHECKING:
    from reblocks.components.timer import Timer

__all__ = ["Component", "Continued", "FormComponent", "skip", "update"]


def update(**props: Any) -> Update:
    """Return from a function to change an output's props (and value) without replacing it."""
    return {"__type__": "update", **props}


def skip() -> Update:
    """Return for an output to leave it as it is."""
    return {"__type__": "update"}


class Continued(list[Any]):
    """A list value made of `prefix`'s items followed by a tail. The one who builds it promises that
    `prefix` and its items stay as they are while a stream yields values continuing the same prefix
    object, so each step costs what the tail holds, not the whole list: a streamed chat answer
    continues the conversation it answers."""

    def __init__(self, prefix: list[Any], tail: Iterable[Any]) -> None:
        super().__init__(prefix)
        self.extend(tail)
        self.prefix = prefix

    @property
    def tail(self) -> list[Any]:
        """The items after the prefix."""
        return self[len(self.prefix):]


class Component(Block):
    """A leaf block with a value; `preprocess` feeds the user's function, `postprocess` the browser."""

    class Props(Block.Props):
        label: str | None = None
        """The component's name, shown above it and used by the API page."""
        show_label: bool | None = None
        """Whether the label is drawn; None leaves it to the component."""
        info: str | None = None
        """A line of help shown under the label."""
        interactive: bool | None = None
        """Whether the user can edit the value; None: editable unless only listeners write it."""
        scale: int | None = None
        """The component's width relative to its siblings in a Row (or height with `fill_height`)."""
        min_width: int | None = 160
        """The narrowest the component gets in a Row, in pixels."""
        container: bool = True
        """Whether the component is drawn in a bordered box."""
        preserved_by_key: list[str] | str | None = "value"
        """Inside `@gr.render`: the props (by their constructor names) that a block drawn again with the
        same key keeps from the page, as the user or a listener left them, instead of the new run's."""

    SERVER_FUNCTIONS: ClassVar[tuple[str, ...]] = ()
    """Methods the page may call with one JSON argument (POST /component_server), such as
    FileExplorer's `ls`; no other method is reachable that way."""
    payload: ClassVar[Any] = Any
    """The type a payload from the client must have; join requests are checked against it."""
    python_type: str = "Any"
    """The Python type the API page shows for this payload."""
    api_schema: ClassVar[dict[str, Any]] = {}
    example_value: ClassVar[Any] = None
    skip_api: ClassVar[bool] = False
    has_files: ClassVar[bool] = False
    """Whether payloads can name server files; every such name is checked when the client sends it."""

    def __init__(
        self,
        value: Any = None,
        *,
        label: str | None = None,
        info: str | None = None,
        show_label: bool | None = None,
        container: bool = True,
        scale: int | None = None,
        min_width: int = 160,
        interactive: bool | None = None,
        visible: bool | Literal["hidden"] = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | None = None,
        preserved_by_key: list[str] | str | None = "value",
        every: Timer | float | None = None,
        inputs: Component | Sequence[Component] | set[Component] | None = None,
    ) -> None:
        self.value = value
        super().__init__(elem_classes=elem_classes, render=render)
        # A value that is a function is called on each page load, with `inputs`' values; with `every`,
        # also on each tick of that Timer (or of one of that many seconds, placed here).
        self.value_inputs = inputs
        if every is not None and not isinstance(every, Block):
            from reblocks.components.timer import Timer  # noqa: PLC0415 - timer.py builds on this module

            every = Timer(every)
        self.every = every

    def initial_value(self) -> Any:
        """The value a new page starts with: `value`, called first when it is a function."""
        value = self.value
        return value() if isinstance(value, Callable) else value  # type: ignore[arg-type]

    def load_fn(self) -> Callable[[], Any] | None:
        return self.value if callable(self.value) else None

    def server_function(self, name: str) -> Callable[[Any], Any] | None:
        """The function POST /component_server may call as `name`: one of SERVER_FUNCTIONS, else None."""
        return getattr(self, name) if name in self.SERVER_FUNCTIONS else None

    def preprocess(self, payload: Any) -> Any:
        """Turn the client's payload into the value the user's function receives."""
        return payload

    def postprocess(self, value: Any) -> Any:
        """Turn a value returned by the user's function into the payload the client receives."""
        return value

    def postprocess_items(self, items: list[Any]) -> list[Any] | None:
        """The payloads of some items of a list value, for a component that postprocesses a list item
        by item (so a `Continued` value's prefix is done once per stream); None for the others."""
        return None

    def postprocess_output(self, value: Any) -> Any:
        """Postprocess a returned value, an update dict, or a component instance used as an update."""
        if isinstance(value, Component):
            props = value.as_update()
            if "value" in value._explicit:
                props["value"] = self.postprocess(value.value)
            return props
        if isinstance(value, dict) and value.get("__type__") == "update":
            if "value" in value:
                return {**value, "value": self.postprocess(value["value"])}
            return value
        return self.postprocess(value)

    def config_entry(self, written_only: bool) -> ComponentEntry:
        entry = super().config_entry(written_only)
        props = entry.props
        if props.get("interactive") is None:
            # Gradio's rule: a component only ever written by listeners is for display.
            props["interactive"] = not written_only
        if self.skip_api:
            return entry
        props["value"] = self.postprocess(self.initial_value())
        schema = self.api_info()
        return msgspec.structs.replace(entry, skip_api=False, api_info=schema, api_info_as_input=schema,
                                       api_info_as_output=schema, example_inputs=self.example_inputs())

    def api_parameter(self, name: str, default_is_none: bool) -> dict[str, Any]:
        """`/info`'s entry for this component as input `name`; `default_is_none`: the function's
        parameter defaults to None, so the value may be left out."""
        value = self.postprocess(self.initial_value())
        has_default = value is not None or default_is_none
        return {"label": self.label if self.label is not None else f"parameter_{self.id}",
                "parameter_name": name, "parameter_has_default": has_default, "parameter_default": value,
                **self._api_types(), "example_input": self.example_inputs()}

    def api_return(self) -> dict[str, Any]:
        return {"label": self.label if self.label is not None else f"value_{self.id}", **self._api_types()}

    def _api_types(self) -> dict[str, Any]:
        schema = self.api_info()
        return {"type": schema,
                "python_type": {"type": self.python_type, "description": schema.get("description", "")},
                "component": type(self).__name__.capitalize()}

    def api_info(self) -> dict[str, Any]:
        """The JSON schema of this component's payload, as /info publishes it."""
        return dict(self.api_schema)

    def example_inputs(self) -> Any:
        """A sample payload for the API page."""
        return self.example_value

    def flag(self, payload: Any, flag_dir: str | Path = "") -> str:
        """The payload as one CSV cell: text as it is, anything else as JSON (files override this to
        keep a copy of the file in `flag_dir`)."""
        return payload if isinstance(payload, str) else msgspec.json.encode(payload).decode()


class FormComponent(Component):
    """A component that reads input; kept as its own class to mirror Gradio's hierarchy."""
