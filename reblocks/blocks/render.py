"""`@gr.render`: a function that builds part of the page, re-run per session when its inputs change.

The decorator puts a container where it is called and a dependency that re-runs the function. Each
run builds a fresh subtree (`Rendered`) for the session that triggered it; the renderer keeps the
latest one per session and sends its config, and the browser swaps the container's children. A block
created with a `key` gets the id the same key had in earlier runs, so the browser keeps its value.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from reblocks.blocks.block import (
    Block, BlockContext, BoundListener, _open_context, _open_render, _open_root, current_root, next_block_id, walk,
)
from reblocks.blocks.events import Dependency, ShowProgress, TriggerMode, _as_blocks
from reblocks.blocks.layouts import Column, Row

__all__ = ["RenderScope", "Renderable", "Rendered", "render"]


class Renderable:
    """One `@gr.render` function: its container on the page and the dependency that re-runs it."""

    def __init__(self, fn: Callable[..., Any], inputs: list[Block], targets: list[tuple[int, str]],
                 options: dict[str, Any]) -> None:
        if inspect.iscoroutinefunction(fn) or inspect.isasyncgenfunction(fn) or inspect.isgeneratorfunction(fn):
            raise TypeError(f"@gr.render needs a plain function; {fn.__qualname__} is async or a generator")
        root = current_root()
        self.root = root
        self.id = len(root.renderables)
        root.renderables.append(self)
        self.fn = fn
        # Inside a Row the rendered blocks sit side by side, as Gradio does; elsewhere they stack.
        self.container: BlockContext = Row() if isinstance(_open_context.get(), Row) else Column()
        self.keys: dict[int | str, int] = {}  # a key's block id, the same in every run and session
        self.dependency_ids: list[int] = []  # the id of each run's n-th listener, the same in every run
        self._lock = threading.Lock()
        self.dependency: Dependency = root.listen(targets, "render", self.run, inputs, None,
                                                  {"api_name": getattr(fn, "__name__", "render"),
                                                   "api_visibility": "undocumented", **options})
        self.dependency.renderable = self

    def run(self, *args: Any) -> Rendered:
        """Build a fresh subtree from `args` (the inputs' values) for the session being served."""
        holder = BlockContext(render=False)  # the container's children for this run only
        scope = RenderScope(self)
        tokens = (_open_render.set(scope), _open_root.set(self.root), _open_context.set(holder))
        try:
            self.fn(*args)
            # Blocks whose value is a function get it on load, as in the app itself.
            for block in walk(holder.children):
                fn = block.load_fn()
                if fn is not None:
                    self.root.load(fn, None, block, show_progress="hidden")
        finally:
            _open_context.reset(tokens[2])
            _open_root.reset(tokens[1])
            _open_render.reset(tokens[0])
        return Rendered(self, holder.children, scope.dependencies)

    def block_id(self, key: int | str) -> int:
        """The id of the block with `key` in any run: the first run picks it."""
        with self._lock:
            block_id = self.keys.get(key)
            if block_id is None:
                block_id = self.keys[key] = next_block_id()
            return block_id

    def listener_id(self, index: int) -> int:
        """The id of a run's `index`-th listener: the same in every run, so ids stay few."""
        with self._lock:
            while len(self.dependency_ids) <= index:
                self.dependency_ids.append(self.root.new_dependency_id())
            return self.dependency_ids[index]


class RenderScope:
    """A run being built: hands out its block and listener ids and collects its listeners."""

    def __init__(self, renderable: Renderable) -> None:
        self.renderable = renderable
        self.dependencies: list[Dependency] = []
        self._keys: set[int | str] = set()

    def block_id(self, block: Block) -> int:
        """A new block's id: the id its key always has, or a fresh one."""
        key = getattr(block, "key", None)
        if key is None:
            return next_block_id()
        if key in self._keys:
            raise ValueError(f"key {key!r} is used by two blocks in one run of "
                             f"{self.renderable.fn.__qualname__}")
        self._keys.add(key)
        return self.renderable.block_id(key)

    def dependency_id(self) -> int:
        return self.renderable.listener_id(len(self.dependencies))


@dataclass(eq=False)
class Rendered:
    """One run's result for one session: the container's new children and the listeners made with them."""

    renderable: Renderable
    children: list[Block]
    dependencies: list[Dependency]

    def blocks(self) -> Iterator[Block]:
        """Every block of the subtree, and those its listeners name that live nowhere else."""
        seen: set[int] = set()
        for block in walk(self.children):
            seen.add(block.id)
            yield block
        for dependency in self.dependencies:
            for block in (*dependency.inputs, *dependency.outputs):
                if block.id not in seen and block.parent is None:
                    seen.add(block.id)
                    yield block


def render(
    inputs: Sequence[Block] | Block | None = None,
    triggers: Sequence[BoundListener] | BoundListener | None = None,
    *,
    queue: bool = True,
    trigger_mode: TriggerMode | None = "always_last",
    concurrency_limit: int | None | Literal["default"] = None,
    concurrency_id: str | None = None,
    show_progress: ShowProgress = "full",
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a function that builds blocks and listeners: it runs when the page loads and whenever an
    input changes (or one of `triggers` fires), and its blocks replace those of its previous run."""
    input_blocks, _ = _as_blocks(inputs)
    root = current_root()
    if triggers is None:
        targets = [(root.id, "load")] + [(block.id, "change") for block in input_blocks if "change" in block.EVENTS]
    else:
        listeners = [triggers] if isinstance(triggers, BoundListener) else list(triggers)
        targets = [(listener.block.id, listener.event) for listener in listeners]
    options = {"queue": queue, "trigger_mode": trigger_mode, "concurrency_limit": concurrency_limit,
               "concurrency_id": concurrency_id, "show_progress": show_progress}

    def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
        Renderable(fn, input_blocks, targets, options)
        return fn

    return decorator
