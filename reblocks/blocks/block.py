"""Block and BlockContext: identity, props, and the tree built by `with` on a context stack."""

from __future__ import annotations

import functools
import inspect
import itertools
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Self

import msgspec

from reblocks.blocks.arguments import accepted_keywords
from reblocks.blocks.gradio_names import GRADIO_PARAMETERS
from reblocks.wire import ComponentEntry, Update

if TYPE_CHECKING:
    from reblocks.blocks.blocks import Blocks
    from reblocks.blocks.render import RenderScope

__all__ = ["Block", "BlockContext", "graph_generation", "next_block_id", "restart_block_ids", "walk"]

_ids = itertools.count()
# The innermost open `with` context; new blocks attach to it unless render=False.
_open_context: ContextVar[BlockContext | None] = ContextVar("reblocks_open_context", default=None)
# The outermost open Blocks: listeners register their dependencies on it.
_open_root: ContextVar[Blocks | None] = ContextVar("reblocks_open_root", default=None)
# The `@gr.render` run being built, if any: its blocks and listeners belong to one session's subtree.
_open_render: ContextVar[RenderScope | None] = ContextVar("reblocks_open_render", default=None)
_generation = itertools.count(1)
_current_generation = [0]


def next_block_id() -> int:
    """A block id no block has yet."""
    return next(_ids)


def restart_block_ids(start: int) -> None:
    """Number new blocks from `start` again: the dev mode rebuilds an app with the ids it had, so
    whatever the browser holds by id (values, open tabs) carries over to the new app."""
    global _ids
    _ids = itertools.count(start)


def graph_generation() -> int:
    """A number that changes whenever any tree or dependency table changes; configs cache by it."""
    return _current_generation[0]


def _graph_changed() -> None:
    if _open_render.get() is None:  # a render builds a session's subtree: the app's graph is unchanged
        _current_generation[0] = next(_generation)


def _gradio_name(cls: type) -> str:
    """The name of the reblocks class `cls` is or extends: the name of its Gradio twin, if it has one."""
    return next(klass.__name__ for klass in cls.__mro__ if klass.__module__.startswith("reblocks."))


def _keywords(cls: type[Block]) -> frozenset[str]:
    """The keywords `cls(...)` takes: those its own `__init__` names, and those the inherited `__init__`s
    (reached through **kwargs) name where Gradio's class has them too (Gradio's Button has no `label`),
    less `cls.UNSUPPORTED`."""
    chain: list[set[str]] = []
    for klass in cls.__mro__:
        if "__init__" not in vars(klass):
            continue
        parameters = inspect.signature(vars(klass)["__init__"]).parameters.values()
        chain.append({parameter.name for parameter in parameters if parameter.name != "self" and
                      parameter.kind in (parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY)})
        if not any(parameter.kind is parameter.VAR_KEYWORD for parameter in parameters):
            break
    own = chain.pop(0) if "__init__" in vars(cls) else set()
    inherited = set[str]().union(*chain)
    gradio = GRADIO_PARAMETERS.get(_gradio_name(cls))
    return frozenset(own | (inherited if gradio is None else inherited & gradio)) - set(cls.UNSUPPORTED)


def _record_explicit_args(init: Any) -> Any:
    """Wrap `__init__` so the outermost call sorts its keywords (see `accepted_keywords`) and the instance
    knows which arguments its caller set (updates send only those), and set the props before `__init__`
    runs (it then only transforms what needs it): the outermost call sets each from its argument or the
    `Props` default, an inner one (a subclass's `super().__init__`) those it passes."""
    signature = inspect.signature(init)

    @functools.wraps(init)
    def wrapper(self: Block, *args: Any, **kwargs: Any) -> None:
        cls = type(self)
        outermost = "_explicit" not in self.__dict__
        if outermost:
            kwargs = accepted_keywords(cls.__name__, _gradio_name(cls), kwargs, cls.KEYWORDS, stacklevel=2)
        bound = signature.bind(self, *args, **kwargs)
        # **kwargs binds as one dict: take the keywords themselves, then what came by position.
        given = {**kwargs, **{name: bound.arguments[name] for name in list(bound.arguments)[1:1 + len(args)]}}
        props = {name: given[name] for name in cls.PROP_NAMES if name in given}
        if outermost:
            self._explicit = frozenset(given)
            props = msgspec.structs.asdict(cls.Props(**props))
        for name, value in props.items():
            setattr(self, name, value)
        init(self, *args, **kwargs)

    return wrapper


def _prop_names(props: type[msgspec.Struct]) -> tuple[str, ...]:
    """The fields of `props` in the order its classes declare them, bases first (msgspec puts
    keyword-only fields in an order of its own)."""
    declared = (name for klass in reversed(props.__mro__) for name in inspect.get_annotations(klass))
    return tuple(dict.fromkeys(declared))


def walk(blocks: list[Block]) -> Iterator[Block]:
    """Every block in `blocks` and below them, parents before children."""
    stack = list(reversed(blocks))
    while stack:
        block = stack.pop()
        yield block
        if isinstance(block, BlockContext):
            stack.extend(reversed(block.children))


def current_root() -> Blocks:
    """The app being built: listeners may only be set inside `with gr.Blocks():`."""
    root = _open_root.get()
    if root is None:
        raise AttributeError("event listeners must be set inside a `with gr.Blocks():` block")
    return root


class BoundListener:
    """`component.click` etc.: call it to add a dependency, or use it as a decorator."""

    def __init__(self, block: Block, event: str) -> None:
        self.block = block
        self.event = event

    def __call__(self, fn: Callable[..., Any] | None = None, inputs: Any = None,
                 outputs: Any = None, **options: Any) -> Any:
        owner = f"{type(self.block).__name__}.{self.event}"
        return current_root().listen([(self.block.id, self.event)], owner, fn, inputs, outputs, options)


class EventListener:
    """A descriptor a block class gets for each name in its EVENTS."""

    def __init__(self, event: str) -> None:
        self.event = event

    def __get__(self, block: Block | None, owner: type) -> Any:
        if block is None:
            return self
        return BoundListener(block, self.event)


class Block:
    """A node of the app: an integer id, props sent to the browser, and a parent in the tree.

    A block class declares its props once, as its nested `Props` (extending its base's). The outermost
    constructor sets each prop from the argument of the same name, or the `Props` default; a prop a
    subclass's constructor does not take keeps the default of the class that declares it."""

    class Props(msgspec.Struct, kw_only=True):
        """The props every block sends to the browser."""

        visible: bool | Literal["hidden"] = True
        """Whether the block is shown ("hidden" hides it too); a hidden block keeps its value and listeners."""
        elem_id: str | None = None
        """The HTML id of the block's element, for custom CSS and JS."""
        elem_classes: list[str] | None = None
        """HTML classes of the block's element, for custom CSS (the constructor takes one as a string)."""
        key: int | str | None = None
        """Identifies the block across `@render` re-runs, so it keeps its value."""

    TYPE: ClassVar[str] = "block"
    EVENTS: ClassVar[tuple[str, ...]] = ()
    UNSUPPORTED: ClassVar[tuple[str, ...]] = ()
    """Gradio parameters the constructor takes, its own or its base's, that this class does not act on
    yet: passing one warns, and the default is used."""
    skip_api: ClassVar[bool] = True
    """Whether the API leaves this block out: a layout has no value to send or receive."""
    PROP_NAMES: ClassVar[tuple[str, ...]] = _prop_names(Props)
    """The fields of `Props`: what the config sends for this block, by their Python names."""
    KEYWORDS: ClassVar[frozenset[str]] = frozenset()
    """The keywords the constructor takes (derived, see `_keywords`)."""
    _explicit: frozenset[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.PROP_NAMES = _prop_names(cls.Props)
        for event in cls.EVENTS:
            if event not in vars(cls) and not isinstance(getattr(cls, event, None), EventListener):
                setattr(cls, event, EventListener(event))
        if "__init__" in vars(cls):
            cls.__init__ = _record_explicit_args(vars(cls)["__init__"])  # type: ignore[method-assign]
        cls.KEYWORDS = _keywords(cls)

    def __init__(
        self,
        *,
        visible: bool | Literal["hidden"] = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | None = None,
    ) -> None:
        scope = _open_render.get()
        self.id = next(_ids) if scope is None else scope.block_id(self)
        self.elem_classes = [elem_classes] if isinstance(elem_classes, str) else list(elem_classes or [])
        self.parent: BlockContext | None = None
        if render:
            self.render()

    def render(self) -> Self:
        """Attach this block to the caller's open context (a no-op when none is open)."""
        context = _open_context.get()
        if context is not None and self.parent is None:
            context.add(self)
        return self

    def unrender(self) -> Self:
        """Detach this block from its parent; its id and listeners stay valid."""
        if self.parent is not None:
            self.parent.children.remove(self)
            self.parent = None
            _graph_changed()
        return self

    if TYPE_CHECKING:
        # Listener methods (`click`, `change`, ...) are generated from EVENTS by __init_subclass__, and
        # props are set from `Props` by the constructor: to a type checker, both are dynamic attributes.
        def __getattr__(self, name: str) -> Any: ...

        def __setattr__(self, name: str, value: Any) -> None: ...

    def get_props(self) -> dict[str, Any]:
        """The props the browser receives for this block, by their Python names."""
        return {name: getattr(self, name) for name in self.PROP_NAMES}

    def config_entry(self, written_only: bool) -> ComponentEntry:
        """This block's entry in the config. `written_only`: listeners write it and none reads it
        (components use that to default to display-only)."""
        props = self.get_props()
        props["name"] = self.TYPE
        return ComponentEntry(id=self.id, type=self.TYPE, props=props, skip_api=True,
                              component_class_id=type(self).__name__, key=self.key)

    def api_parameter(self, name: str, default_is_none: bool) -> dict[str, Any]:
        """This block as a parameter in `/info`; only blocks the API does not skip are asked."""
        raise TypeError(f"{type(self).__name__} has no API value")

    def api_return(self) -> dict[str, Any]:
        """This block as a return value in `/info`; only blocks the API does not skip are asked."""
        raise TypeError(f"{type(self).__name__} has no API value")

    def load_fn(self) -> Callable[[], Any] | None:
        """A function to call on every page load for this block's value (a component whose value is a
        function), or None; the root app attaches it as a load listener writing to this block."""
        return None

    def as_update(self) -> Update:
        """This block, returned from a function, as an update of the one on the page: the props its
        constructor was given, and only those (`gr.Tabs(selected=1)` changes the selected tab)."""
        explicit: frozenset[str] = getattr(self, "_explicit", frozenset())
        return {"__type__": "update",
                **{name: getattr(self, name) for name in self.PROP_NAMES if name in explicit}}

    def __repr__(self) -> str:
        return f"{type(self).__name__}(id={self.id})"


class BlockContext(Block):
    """A block with children, opened with `with` so blocks created inside attach to it."""

    def __init__(self, **kwargs: Any) -> None:
        self.children: list[Block] = []
        self._tokens: list[Any] = []
        super().__init__(**kwargs)

    def add(self, child: Block) -> None:
        """Append `child` as the last child of this context."""
        child.parent = self
        self.children.append(child)
        _graph_changed()

    def __enter__(self) -> Self:
        self._tokens.append(_open_context.set(self))
        return self

    def __exit__(self, *exc: object) -> None:
        _open_context.reset(self._tokens.pop())
