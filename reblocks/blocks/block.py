"""Block and BlockContext: identity, props, and the tree built by `with` on a context stack."""

from __future__ import annotations

import functools
import inspect
import itertools
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, ClassVar, Self

if TYPE_CHECKING:
    from reblocks.blocks.blocks import Blocks

__all__ = ["Block", "BlockContext", "graph_generation"]

_ids = itertools.count()
# The innermost open `with` context; new blocks attach to it unless render=False.
_open_context: ContextVar[BlockContext | None] = ContextVar("reblocks_open_context", default=None)
# The outermost open Blocks: listeners register their dependencies on it.
_open_root: ContextVar[Blocks | None] = ContextVar("reblocks_open_root", default=None)
_generation = itertools.count(1)
_current_generation = [0]


def graph_generation() -> int:
    """A number that changes whenever any tree or dependency table changes; configs cache by it."""
    return _current_generation[0]


def _graph_changed() -> None:
    _current_generation[0] = next(_generation)


def _record_explicit_args(init: Any) -> Any:
    """Wrap `__init__` so an instance knows which arguments its caller set (updates send only those)."""
    signature = inspect.signature(init)

    @functools.wraps(init)
    def wrapper(self: Block, *args: Any, **kwargs: Any) -> None:
        if "_explicit" not in self.__dict__:
            bound = signature.bind(self, *args, **kwargs)
            self._explicit = frozenset(name for name in bound.arguments if name != "self")
        init(self, *args, **kwargs)

    return wrapper


class Block:
    """A node of the app: an integer id, props sent to the browser, and a parent in the tree."""

    TYPE: ClassVar[str] = "block"
    PROPS: ClassVar[tuple[str, ...]] = ("visible", "elem_id", "elem_classes", "key")
    EVENTS: ClassVar[tuple[str, ...]] = ()
    ALL_PROPS: ClassVar[tuple[str, ...]] = ()
    _explicit: frozenset[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        names = (p for klass in reversed(cls.__mro__) for p in vars(klass).get("PROPS", ()))
        cls.ALL_PROPS = tuple(dict.fromkeys(names))
        from reblocks.blocks.events import EventListener

        for event in cls.EVENTS:
            if event not in vars(cls) and not isinstance(getattr(cls, event, None), EventListener):
                setattr(cls, event, EventListener(event))
        if "__init__" in vars(cls):
            cls.__init__ = _record_explicit_args(vars(cls)["__init__"])  # type: ignore[method-assign]

    def __init__(
        self,
        *,
        visible: bool = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | None = None,
    ) -> None:
        self.id = next(_ids)
        self.visible = visible
        self.elem_id = elem_id
        self.elem_classes = [elem_classes] if isinstance(elem_classes, str) else list(elem_classes or [])
        self.key = key
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
        # Listener methods (`click`, `change`, ...) are generated from EVENTS by __init_subclass__.
        def __getattr__(self, name: str) -> Any: ...

    def get_props(self) -> dict[str, Any]:
        """The props the browser receives for this block, by their Python names."""
        return {name: getattr(self, name) for name in self.ALL_PROPS}

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
