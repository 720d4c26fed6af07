"""Event listeners, generated per component class from its EVENTS, and the dependencies they create."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import msgspec

from reblocks.blocks.arguments import accepted_keywords
from reblocks.blocks.block import Block, BoundListener, _graph_changed, _open_render, current_root
from reblocks.wire import FileData

if TYPE_CHECKING:
    from reblocks.blocks.blocks import Blocks
    from reblocks.blocks.render import Renderable

__all__ = [
    "CopyData",
    "DeletedFileData",
    "Dependency",
    "DownloadData",
    "EditData",
    "EventData",
    "EventListener",
    "KeyUpData",
    "LikeData",
    "RetryData",
    "SelectData",
    "UndoData",
    "on",
    "validate",
]

TriggerMode = Literal["once", "multiple", "always_last"]
ShowProgress = Literal["full", "minimal", "hidden"]
Visibility = Literal["public", "private", "undocumented"]
# Gradio's defaults: events that fire while typing or dragging coalesce to the latest one.
_ALWAYS_LAST = frozenset({"change", "key_up", "input"})
STREAM_EVENT = "stream"
"""The event whose listeners stay open for the chunks the page sends (`connection: "stream"`)."""


class EventData:
    """Passed to a function whose parameter is annotated with it: the event's target and payload."""

    def __init__(self, target: Block | None, data: Any) -> None:
        self.target = target
        self._data = data

    def __getattr__(self, name: str) -> Any:
        """A key of the event's data as an attribute (`evt.colour` for `trigger('pick', {colour})`)."""
        data = self.__dict__.get("_data")
        if isinstance(data, dict) and name in data:
            return data[name]
        raise AttributeError(f"{type(self).__name__} has no attribute {name!r}")


class SelectData(EventData):
    """A `.select` event: the chosen item's index and value, and whether it is now selected."""

    def __init__(self, target: Block | None, data: Any) -> None:
        super().__init__(target, data)
        data = data or {}
        self.index: Any = data.get("index")
        self.value: Any = data.get("value")
        self.selected: bool = data.get("selected", True)
        self.row_value: Any = data.get("row_value")
        self.col_value: Any = data.get("col_value")


class LikeData(EventData):
    """A `.like` event on a chat message: its index, value, and whether it was liked."""

    def __init__(self, target: Block | None, data: Any) -> None:
        super().__init__(target, data)
        data = data or {}
        self.index: Any = data.get("index")
        self.value: Any = data.get("value")
        self.liked: bool | str = data.get("liked", True)


class RetryData(EventData):
    """A `.retry` event on a chat message."""

    def __init__(self, target: Block | None, data: Any) -> None:
        super().__init__(target, data)
        data = data or {}
        self.index: Any = data.get("index")
        self.value: Any = data.get("value")


class UndoData(RetryData):
    """An `.undo` event on a chat message."""


class EditData(RetryData):
    """An `.edit` event on a chat message: the new value and the one it replaced."""

    def __init__(self, target: Block | None, data: Any) -> None:
        super().__init__(target, data)
        self.previous_value: Any = (data or {}).get("previous_value")


def validate(is_valid: bool, message: str) -> dict[str, Any]:
    """What a listener's `validator=` returns for one input: whether its value is acceptable, and the
    message the user sees on that input when it is not."""
    return {"__type__": "validate", "is_valid": is_valid, "message": message}


class KeyUpData(EventData):
    """A `.key_up` event: the key pressed and the text the input shows after it."""

    def __init__(self, target: Block | None, data: Any) -> None:
        super().__init__(target, data)
        data = data or {}
        self.key: str = data.get("key", "")
        self.input_value: str = data.get("input_value", "")


class CopyData(EventData):
    """A `.copy` event: the value copied."""

    def __init__(self, target: Block | None, data: Any) -> None:
        super().__init__(target, data)
        self.value: Any = (data or {}).get("value")


class DeletedFileData(EventData):
    """A `.delete` event on a file component: the file the user removed, as a FileData (`.path`...)."""

    def __init__(self, target: Block | None, data: Any) -> None:
        super().__init__(target, data)
        self.file: FileData = msgspec.convert(data, FileData)


class DownloadData(DeletedFileData):
    """A `.download` event on a file component: the file the user downloaded, as a FileData."""


@dataclass(eq=False)
class Dependency:
    """One listener: which events trigger `fn`, what it reads and writes, and how it is queued."""

    id: int
    root: Blocks
    targets: list[tuple[int, str]]
    fn: Callable[..., Any] | None
    inputs: list[Block]
    outputs: list[Block]
    inputs_as_dict: bool = False
    api_name: str | None = None
    api_visibility: Visibility = "public"
    api_description: str | None = None
    queue: bool = True
    concurrency_limit: int | None | Literal["default"] = "default"
    concurrency_id: str = ""
    show_progress: ShowProgress = "full"
    show_progress_on: list[Block] | None = None
    """The blocks that show this listener's progress; None: its outputs."""
    cancels: list[int] = field(default_factory=list)
    trigger_mode: TriggerMode = "once"
    js: str | None = None
    trigger_after: int | None = None
    trigger_only_on_success: bool = False
    trigger_only_on_failure: bool = False
    preprocess: bool = True
    postprocess: bool = True
    time_limit: float | None = None
    """The seconds a `.stream` event may run before it ends (None: as long as chunks come)."""
    stream_every: float = 0.5
    """A `.stream` listener: seconds between the chunks the page sends."""
    validator: Callable[..., Any] | None = None
    """Called with the inputs before the event is queued; `gr.validate(False, ...)` for one refuses it."""
    rendered_in: int | None = None
    """The id of the `@gr.render` whose run created this listener (it lives in one session's subtree)."""
    renderable: Renderable | None = None
    """The `@gr.render` this dependency re-runs, if it is one."""
    page: str = ""
    """The path of the page (`demo.route`) whose listeners it is among; "" is the main page."""

    @property
    def limit(self) -> int | None:
        """How many runs may share this dependency's concurrency_id at once (None: no limit)."""
        if self.concurrency_limit == "default":
            return self.root.default_concurrency_limit
        return self.concurrency_limit

    @property
    def connection(self) -> Literal["sse", "stream"]:
        """"stream" for a `.stream` listener: its event runs `fn` on each chunk the page sends."""
        return "stream" if any(event == STREAM_EVENT for _, event in self.targets) else "sse"

    @property
    def is_generator(self) -> bool:
        """Whether `fn` yields several outputs (sync or async generator)."""
        fn = self.fn
        return fn is not None and (inspect.isgeneratorfunction(fn) or inspect.isasyncgenfunction(fn))

    def then(self, fn: Callable[..., Any] | None = None, inputs: Any = None, outputs: Any = None,
             **options: Any) -> Dependency:
        """Run `fn` after this dependency finishes, whether it succeeded or not."""
        return _register(self.root, [], fn, inputs, outputs, trigger_after=self.id,
                         **_listener_options("then", options))

    def success(self, fn: Callable[..., Any] | None = None, inputs: Any = None, outputs: Any = None,
                **options: Any) -> Dependency:
        """Run `fn` after this dependency finishes without an error."""
        return _register(self.root, [], fn, inputs, outputs, trigger_after=self.id,
                         trigger_only_on_success=True, **_listener_options("success", options))

    def failure(self, fn: Callable[..., Any] | None = None, inputs: Any = None, outputs: Any = None,
                **options: Any) -> Dependency:
        """Run `fn` after this dependency raises."""
        return _register(self.root, [], fn, inputs, outputs, trigger_after=self.id,
                         trigger_only_on_failure=True, **_listener_options("failure", options))

    def __call__(self, *args: Any) -> Any:
        """Call the wrapped function directly, as a decorated listener still can be."""
        if self.fn is None:
            raise TypeError("this dependency has no function to call")
        return self.fn(*args)


def _as_blocks(value: Any) -> tuple[list[Block], bool]:
    """Normalise inputs/outputs (None, one block, a list or a set) to a list; True when a set."""
    if value is None:
        return [], False
    if isinstance(value, Block):
        return [value], False
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=lambda block: block.id), True
    if isinstance(value, Sequence):
        blocks = list(value)
        for item in blocks:
            if not isinstance(item, Block):
                raise TypeError(f"inputs and outputs must be components, got {item!r}")
        return blocks, False
    raise TypeError(f"inputs and outputs must be components, got {value!r}")


def _register(
    root: Blocks,
    targets: list[tuple[int, str]],
    fn: Callable[..., Any] | None,
    inputs: Any,
    outputs: Any,
    *,
    api_name: str | Literal[False] | None = None,
    api_description: str | None = None,
    api_visibility: Visibility = "public",
    show_api: bool = True,
    show_progress: ShowProgress = "full",
    show_progress_on: Block | Sequence[Block] | None = None,
    queue: bool = True,
    batch: bool = False,
    max_batch_size: int = 4,
    preprocess: bool = True,
    postprocess: bool = True,
    cancels: Dependency | Sequence[Dependency] | None = None,
    trigger_mode: TriggerMode | None = None,
    js: str | None = None,
    concurrency_limit: int | None | Literal["default"] = "default",
    concurrency_id: str | None = None,
    time_limit: float | None = None,
    stream_every: float = 0.5,
    validator: Any = None,
    trigger_after: int | None = None,
    trigger_only_on_success: bool = False,
    trigger_only_on_failure: bool = False,
) -> Dependency:
    if batch:
        raise NotImplementedError("batch=True is not supported yet")
    if not stream_every > 0 or (time_limit is not None and not time_limit > 0):
        raise ValueError("stream_every and time_limit must be positive numbers of seconds")
    input_blocks, inputs_as_dict = _as_blocks(inputs)
    output_blocks, _ = _as_blocks(outputs)
    if cancels is None:
        cancel_ids: list[int] = []
    elif isinstance(cancels, Dependency):
        cancel_ids = [cancels.id]
    else:
        cancel_ids = [dependency.id for dependency in cancels]
    scope = _open_render.get()
    if scope is not None and js is not None:
        # The page runs listeners' js= from scripts it loaded with; a render's come later.
        raise NotImplementedError("js= on a listener inside @gr.render is not supported yet")
    if api_name is False or not show_api or scope is not None:
        # A listener inside a render exists per session and per run: the API cannot name it.
        api_visibility = "private" if api_name is False or scope is not None else "undocumented"
    if fn is not None and api_visibility != "private":
        api_name = root.unique_api_name(str(api_name or getattr(fn, "__name__", "fn")))
    else:
        api_name = None
    if trigger_mode is None:
        is_always_last = bool(targets) and targets[0][1] in _ALWAYS_LAST
        trigger_mode = "always_last" if is_always_last else "once"
    dependency = Dependency(
        id=root.new_dependency_id() if scope is None else scope.dependency_id(),
        root=root,
        targets=targets,
        fn=fn,
        inputs=input_blocks,
        outputs=output_blocks,
        inputs_as_dict=inputs_as_dict,
        api_name=api_name,
        api_visibility=api_visibility,
        api_description=api_description,
        queue=queue,
        concurrency_limit=concurrency_limit,
        show_progress=show_progress,
        show_progress_on=None if show_progress_on is None else _as_blocks(show_progress_on)[0],
        cancels=cancel_ids,
        trigger_mode=trigger_mode,
        js=js,
        trigger_after=trigger_after,
        trigger_only_on_success=trigger_only_on_success,
        trigger_only_on_failure=trigger_only_on_failure,
        preprocess=preprocess,
        postprocess=postprocess,
        time_limit=time_limit,
        stream_every=stream_every,
        rendered_in=None if scope is None else scope.renderable.id,
        validator=validator,
        page=root.current_page,
    )
    dependency.concurrency_id = concurrency_id or f"fn{dependency.id}"
    if scope is None:
        root.dependencies.append(dependency)
        _graph_changed()
    else:
        scope.dependencies.append(dependency)
    return dependency


# The options a listener call takes besides fn, inputs and outputs: `_register`'s keyword-only
# parameters, less those only .then(), .success() and .failure() set.
_OPTIONS = frozenset(name for name, parameter in inspect.signature(_register).parameters.items()
                     if parameter.kind is parameter.KEYWORD_ONLY) - {
                         "trigger_after", "trigger_only_on_success", "trigger_only_on_failure"}


def _listener_options(owner: str, options: dict[str, Any]) -> dict[str, Any]:
    """The options of a listener call (`owner`, e.g. "Button.click") that reblocks takes: Gradio's
    others warn, anything else is a typo. Called straight from the public method the user called."""
    return accepted_keywords(owner, "EventListener", options, _OPTIONS, stacklevel=4)


def on(
    triggers: Sequence[BoundListener] | BoundListener | None = None,
    fn: Callable[..., Any] | None = None,
    inputs: Any = None,
    outputs: Any = None,
    **options: Any,
) -> Any:
    """One dependency triggered by several events, e.g. `gr.on([a.change, b.submit], fn, ...)`. With no
    `triggers` it runs when the page loads and whenever an input changes. Without `fn` it decorates."""
    root = current_root()
    if triggers is None:
        input_blocks, _ = _as_blocks(inputs)
        targets = [(root.id, "load")] + [(block.id, "change") for block in input_blocks
                                         if "change" in block.EVENTS]
    else:
        listeners = [triggers] if isinstance(triggers, BoundListener) else list(triggers)
        targets = [(listener.block.id, listener.event) for listener in listeners]
    return root.listen(targets, "on", fn, inputs, outputs, options)
