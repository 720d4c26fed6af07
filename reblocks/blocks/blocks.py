"""Blocks: the root of an app's graph, its dependency table, config and API description."""

from __future__ import annotations

import inspect
import itertools
import random
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal, Self

import msgspec

from reblocks.blocks.arguments import warn_unsupported
from reblocks.blocks.block import Block, BlockContext, _graph_changed, _open_root, graph_generation, walk
from reblocks.blocks.events import Dependency, EventData, _listener_options, _register
from reblocks.blocks.request import Request, annotated_parameter
from reblocks.blocks.spaces import get_space
from reblocks.wire import (AppConfig, ComponentEntry, DependencyEntry, DependencyTypes, LayoutNode, PageEntry,
                           RenderConfig)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from reblocks.blocks.render import Renderable, Rendered
    from reblocks.i18n import I18n

__all__ = ["RESERVED_PATHS", "Blocks", "slugify"]

RESERVED_PATHS = frozenset({"theme.css", "robots.txt", "pwa_icon", "manifest.json", "login", "logout", "svelte",
                            "config", "static", "assets", "favicon.ico", "gradio_api", "monitoring"})
"""Top-level paths the server answers itself, which a page (`route`) cannot take."""
_PATH = re.compile(r"[\w\-.~!$&'()*+,;=:@\[\]]+")


def slugify(name: str) -> str:
    """`name` as a page path: lower case, words joined by dashes. Letters outside ASCII stay (a
    page named "关于" is served at /关于), where Gradio would drop them and refuse the name."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    for candidate in (ascii_name, unicodedata.normalize("NFKC", name)):
        slug = re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", candidate.lower())).strip("-_")
        if slug:
            return slug
    return ""


def event_data_parameter(fn: Callable[..., Any]) -> tuple[int, type[EventData]] | None:
    """The position and class of `fn`'s parameter annotated with an EventData type, if any."""
    return annotated_parameter(fn, EventData)


def injected_parameters(fn: Callable[..., Any]) -> set[int]:
    """Positions of `fn`'s parameters the runner fills itself (event data, the request): not inputs."""
    return {found[0] for found in (annotated_parameter(fn, EventData), annotated_parameter(fn, Request))
            if found is not None}


class Blocks(BlockContext):
    """The app: open it with `with gr.Blocks() as demo:`, add blocks and listeners, then launch."""

    class Props(BlockContext.Props):
        scale: int = 1
        """Derived: a nested Blocks grows like a Column of scale 1 (the constructor takes no scale)."""
        preserved_by_key: list[str] | str | None = None
        """Inside `@gr.render`: the props a nested Blocks drawn again with the same key keeps from the page."""

    TYPE = "column"
    i18n_instance: I18n | None = None
    """The translations `launch(i18n=...)` gave (Gradio's name): the config carries them to the browser."""

    def __init__(
        self,
        theme: Any = None,
        analytics_enabled: bool | None = None,  # reblocks sends no analytics, so every value is honoured
        mode: str = "blocks",
        title: str = "reblocks",
        css: str | None = None,
        js: str | None = None,
        head: str | None = None,
        css_paths: str | Path | Sequence[str | Path] | None = None,
        head_paths: str | Path | Sequence[str | Path] | None = None,
        fill_height: bool = False,
        fill_width: bool = False,
        delete_cache: tuple[float, float] | None = None,
        preserved_by_key: list[str] | str | None = None,
        **kwargs: Any,
    ) -> None:
        if delete_cache is not None:
            if len(delete_cache) != 2 or not all(number > 0 for number in delete_cache):
                raise ValueError("delete_cache is (frequency, age), two numbers of seconds above 0, "
                                 f"not {delete_cache!r}")
        self.delete_cache = delete_cache
        """(frequency, age): every `frequency` seconds the server deletes the app's cached files older
        than `age` seconds, and all of them when it stops; None: the cache is kept."""
        self.dependencies: list[Dependency] = []
        self.renderables: list[Renderable] = []
        self.unload_fns: list[Callable[[], Any]] = []
        self._dependency_ids = itertools.count()
        self.mode = mode
        self.title = title
        self.theme = theme
        self.css = css
        self.js = js
        self.head = head
        self.css_paths = css_paths  # files read by launch(), as Gradio does
        self.head_paths = head_paths
        self.fill_height = fill_height
        self.fill_width = fill_width
        self.show_error = False
        self.max_file_size: int | None = None
        self.default_concurrency_limit: int | None = 1
        self.max_queue_size: int | None = None
        self.app_id = random.getrandbits(52)
        self.server: Any = None
        self._api_names: set[str] = set()
        self._loaded: set[int] = set()  # blocks given a load listener for their function value
        self._config: tuple[int, AppConfig] | None = None
        self._index: tuple[int, dict[int, Block]] | None = None
        self._dependency_index: tuple[int, dict[int, Dependency]] | None = None
        self.pages: list[tuple[str, str, bool]] = [("", "Home", True)]
        """(path, name, shown in the navbar) of each page; `route` adds them."""
        self.current_page = ""
        """The page blocks and listeners added now belong to (the last `route`'s)."""
        self._page_of: dict[int, str] = {}  # top-level block id -> its page's path
        self._page_configs: tuple[int, dict[str, AppConfig]] | None = None
        super().__init__(**kwargs)

    # -- graph ---------------------------------------------------------------------------------
    def __enter__(self) -> Blocks:
        super().__enter__()
        self._root_token = _open_root.set(_open_root.get() or self)
        return self

    def __exit__(self, *exc: object) -> None:
        _open_root.reset(self._root_token)
        super().__exit__(*exc)
        if _open_root.get() is None:
            self._attach_load_events()

    def _attach_load_events(self) -> None:
        """Give each block whose value is a function a load listener, so every page load calls it
        (and the API lists it, as Gradio's does: `/get_random_value` of a randomized Slider), with the
        block's `inputs`; and, with `every`, a tick listener of its Timer."""
        for block in self.walk():
            fn = block.load_fn()
            if fn is not None and block.id not in self._loaded:
                self._loaded.add(block.id)
                inputs = getattr(block, "value_inputs", None)
                self.load(fn, inputs, block, show_progress="hidden")
                timer = getattr(block, "every", None)
                if timer is not None:
                    self.listen([(timer.id, "tick")], "Timer.tick", fn, inputs, block,
                                {"show_progress": "hidden", "api_visibility": "private"})

    def add(self, child: Block) -> None:
        """Append `child`; at the top of the app, it joins the page being built (`route`)."""
        self._page_of[child.id] = self.current_page
        super().add(child)

    def route(self, name: str, path: str | None = None, show_in_navbar: bool = True) -> Blocks:
        """Start another page of this app, served at `path` (by default `name` made into a URL
        segment): blocks and listeners added in `with demo.route(...):` belong to it, as in Gradio."""
        if _open_root.get() is not None:
            raise ValueError("route() starts a page of the app: call it outside the `with gr.Blocks()` block")
        if path is not None:
            path = path.strip("/")
            if not _PATH.fullmatch(path):
                raise ValueError(f"Path {path!r} has characters a page path cannot have: use letters, digits "
                                 "and -._~!$&'()*+,;=:@[]")
            if path in RESERVED_PATHS or path in (page[0] for page in self.pages):
                raise ValueError(f"A page or route with path {path!r} already exists")
        else:
            path = slugify(name)
            if not path:
                raise ValueError(f"The page name {name!r} gives no path: pass path=")
            while path in RESERVED_PATHS or path in (page[0] for page in self.pages):
                path = "_" + path
        self.pages.append((path, name, show_in_navbar))
        self.current_page = path
        _graph_changed()
        return self

    def render(self) -> Self:
        """Attach this app inside the one being built (a Tab of a TabbedInterface, a user's Blocks); its
        listeners move to that app, as Gradio's do."""
        root = _open_root.get()
        if root is not None and root is not self:
            root._adopt(self)
        return super().render()

    def _adopt(self, app: Blocks) -> None:
        """Take over the listeners of `app`, built as an app of its own: each gets an id, a default
        concurrency id and an API name free in this app, and the references between them follow."""
        if not app.dependencies:
            return
        if app.renderables:
            raise NotImplementedError("a Blocks with @gr.render cannot be rendered inside another app yet")
        ids = {dependency.id: self.new_dependency_id() for dependency in app.dependencies}
        for dependency in app.dependencies:
            if dependency.concurrency_id == f"fn{dependency.id}":  # its own slot, not one shared by name
                dependency.concurrency_id = f"fn{ids[dependency.id]}"
            dependency.id = ids[dependency.id]
            dependency.root = self
            dependency.page = self.current_page
            dependency.targets = [(self.id if target == app.id else target, event)
                                  for target, event in dependency.targets]
            if dependency.trigger_after is not None:
                dependency.trigger_after = ids[dependency.trigger_after]
            dependency.cancels = [ids.get(cancelled, cancelled) for cancelled in dependency.cancels]
            if dependency.api_name is not None:
                dependency.api_name = self.unique_api_name(dependency.api_name)
        self.dependencies.extend(app.dependencies)
        self._loaded |= app._loaded  # its blocks have their load listeners already
        app.dependencies = []
        _graph_changed()

    def unique_api_name(self, name: str) -> str:
        """`name`, or `name_1`, `name_2`... when taken, as Gradio names duplicate endpoints."""
        name = name.lstrip("/").replace("<lambda>", "lambda")
        candidate, suffix = name, 0
        while candidate in self._api_names:
            suffix += 1
            candidate = f"{name}_{suffix}"
        self._api_names.add(candidate)
        return candidate

    def load(self, fn: Callable[..., Any] | None = None, inputs: Any = None, outputs: Any = None,
             **options: Any) -> Any:
        """Run `fn` each time a browser opens the page."""
        return self.listen([(self.id, "load")], f"{type(self).__name__}.load", fn, inputs, outputs, options)

    def unload(self, fn: Callable[[], Any]) -> None:
        """Run `fn` (no arguments) when a browser's session ends: the tab was closed and did not come
        back within the session grace period."""
        self.unload_fns.append(fn)

    def listen(self, targets: list[tuple[int, str]], owner: str, fn: Callable[..., Any] | None, inputs: Any,
               outputs: Any, options: dict[str, Any]) -> Any:
        """Add a dependency on `targets` (the listener `owner`, e.g. "Button.click", checks `options`);
        without `fn`, a decorator that adds it for the function it decorates."""
        options = _listener_options(owner, options)
        if fn is None and "cancels" not in options and options.get("js") is None:
            def decorator(inner: Callable[..., Any]) -> Dependency:
                return _register(self, targets, inner, inputs, outputs, **options)
            return decorator
        return _register(self, targets, fn, inputs, outputs, **options)

    def queue(self, status_update_rate: float | Literal["auto"] = "auto", api_open: bool | None = None,
              max_size: int | None = None, *, default_concurrency_limit: int | None = 1) -> Blocks:
        """Set queue options: the size cap and the concurrency limit listeners default to."""
        if status_update_rate != "auto":
            warn_unsupported("Blocks.queue", "status_update_rate", stacklevel=2)
        if api_open is not None:
            warn_unsupported("Blocks.queue", "api_open", stacklevel=2)
        self.max_queue_size = max_size
        self.default_concurrency_limit = default_concurrency_limit
        _graph_changed()  # the config lists each dependency's resolved limit
        return self

    def walk(self) -> Iterator[Block]:
        """Every block in the tree below this one, parents before children."""
        return walk(self.children)

    def new_dependency_id(self) -> int:
        """An id for a new listener of this app, or of a render run (a render's never clash with the app's)."""
        return next(self._dependency_ids)

    def dependency(self, fn_index: int) -> Dependency | None:
        """The app's listener with id `fn_index` (not those of render runs, which sessions hold)."""
        generation = graph_generation()
        if self._dependency_index is None or self._dependency_index[0] != generation:
            self._dependency_index = (generation, {dependency.id: dependency for dependency in self.dependencies})
        return self._dependency_index[1].get(fn_index)

    def blocks_by_id(self) -> dict[int, Block]:
        """Every block the app uses: the tree plus components only named by a listener (cached)."""
        generation = graph_generation()
        if self._index is None or self._index[0] != generation:
            blocks = {block.id: block for block in self.walk()}
            for dependency in self.dependencies:
                for block in (*dependency.inputs, *dependency.outputs):
                    blocks.setdefault(block.id, block)
            self._index = (generation, blocks)
        return self._index[1]

    # -- config --------------------------------------------------------------------------------
    def config(self) -> AppConfig:
        """The app config, rebuilt only when the graph changed since it was last built."""
        generation = graph_generation()
        if self._config is None or self._config[0] != generation:
            self._config = (generation, self._build_config())
        return self._config[1]

    def page_config(self, path: str) -> AppConfig | None:
        """The config a page draws: its blocks, layout and listeners (None: no such page). One page
        apps draw the whole config."""
        config = self.config()
        if len(self.pages) == 1:
            return config if path == "" else None
        generation = graph_generation()
        if self._page_configs is None or self._page_configs[0] != generation:
            self._page_configs = (generation, {})
        views = self._page_configs[1]
        if path not in views and path in config.page:
            page = config.page[path]
            components, dependencies = set(page.components), set(page.dependencies)
            views[path] = msgspec.structs.replace(
                config, layout=page.layout, current_page=path, page={path: page},
                components=[entry for entry in config.components if entry.id in components],
                dependencies=[entry for entry in config.dependencies if entry.id in dependencies])
        return views.get(path)

    def _pages(self) -> dict[str, PageEntry]:
        """Each page's top-level layout and the ids of its blocks and listeners (Gradio's `page`)."""
        paths = [path for path, _, _ in self.pages]
        layouts: dict[str, list[LayoutNode]] = {path: [] for path in paths}
        blocks: dict[str, dict[int, None]] = {path: {} for path in paths}  # ordered sets
        dependencies: dict[str, list[int]] = {path: [] for path in paths}
        for child in self.children:
            path = self._page_of.get(child.id, "")
            layouts[path].append(self._layout(child))
            blocks[path].update(dict.fromkeys(block.id for block in walk([child])))
        for dependency in self.dependencies:
            dependencies[dependency.page].append(dependency.id)
            blocks[dependency.page].update(dict.fromkeys(block.id for block in (*dependency.inputs,
                                                                                 *dependency.outputs)))
        return {path: PageEntry(layout=LayoutNode(id=self.id, children=layouts[path]),
                                components=list(blocks[path]), dependencies=dependencies[path])
                for path in paths}

    def _build_config(self) -> AppConfig:
        return AppConfig(
            components=self._entries(self.blocks_by_id().values(), self.dependencies),
            layout=self._layout(self),
            dependencies=[self._dependency_entry(dependency) for dependency in self.dependencies],
            page=self._pages(),
            pages=list(self.pages),
            title=self.title,
            mode=self.mode,
            # A name ("soft"), or a theme object (gr.themes.Soft()) naming one.
            theme=self.theme if isinstance(self.theme, str) else getattr(self.theme, "name", "default"),
            theme_css=self._theme_css(),
            css=self.css,
            js=self.js,
            head=self.head,
            show_error=self.show_error,
            fill_height=self.fill_height,
            fill_width=self.fill_width,
            app_id=self.app_id,
            max_file_size=self.max_file_size,
            space_id=get_space(),
            i18n_translations=None if self.i18n_instance is None else self.i18n_instance.translations_dict,
        )

    def _theme_css(self) -> str | None:
        """The CSS variables a theme object overrides (a `gr.themes` theme has `theme_css()`)."""
        theme_css = getattr(self.theme, "theme_css", None)
        return (theme_css() or None) if callable(theme_css) else None

    def render_config(self, rendered: Rendered) -> RenderConfig:
        """What the browser needs to swap in a render run's subtree: its blocks, layout and listeners."""
        renderable = rendered.renderable
        dependencies = [*self.dependencies, *rendered.dependencies]
        container = renderable.container
        return RenderConfig(
            components=self._entries([container, *rendered.blocks()], dependencies),
            layout=LayoutNode(id=container.id, children=[self._layout(child) for child in rendered.children]),
            dependencies=[self._dependency_entry(dependency) for dependency in rendered.dependencies],
            render_id=renderable.id,
        )

    @staticmethod
    def _entries(blocks: Iterable[Block], dependencies: list[Dependency]) -> list[ComponentEntry]:
        input_ids = {block.id for dependency in dependencies for block in dependency.inputs}
        output_ids = {block.id for dependency in dependencies for block in dependency.outputs}
        return [block.config_entry(block.id in output_ids and block.id not in input_ids) for block in blocks]

    def _layout(self, block: Block) -> LayoutNode:
        if isinstance(block, BlockContext):
            return LayoutNode(id=block.id, children=[self._layout(child) for child in block.children])
        return LayoutNode(id=block.id)

    @staticmethod
    def _dependency_entry(dependency: Dependency) -> DependencyEntry:
        return DependencyEntry(
            id=dependency.id,
            targets=dependency.targets,
            inputs=[block.id for block in dependency.inputs],
            outputs=[block.id for block in dependency.outputs],
            backend_fn=dependency.fn is not None,
            js=dependency.js,
            queue=dependency.queue,
            api_name=dependency.api_name,
            cancels=dependency.cancels,
            types=DependencyTypes(generator=dependency.is_generator,
                                  cancel=dependency.fn is None and bool(dependency.cancels)),
            trigger_after=dependency.trigger_after,
            trigger_only_on_success=dependency.trigger_only_on_success,
            trigger_only_on_failure=dependency.trigger_only_on_failure,
            trigger_mode=dependency.trigger_mode,
            show_progress=dependency.show_progress,
            show_progress_on=(None if dependency.show_progress_on is None
                              else [block.id for block in dependency.show_progress_on]),
            api_visibility=dependency.api_visibility,
            concurrency_limit=dependency.limit,
            concurrency_id=dependency.concurrency_id,
            time_limit=dependency.time_limit,
            connection=dependency.connection,
            stream_every=dependency.stream_every,
            rendered_in=dependency.rendered_in,
            renderable=None if dependency.renderable is None else dependency.renderable.id,
        )

    # -- API description ----------------------------------------------------------------------
    def api_info(self, all_endpoints: bool = False) -> dict[str, Any]:
        """The `/info` document: each named endpoint's parameters and returns, as Gradio lists them."""
        named: dict[str, Any] = {}
        shown = {"public", "undocumented"} if all_endpoints else {"public"}
        for dependency in self.dependencies:
            if dependency.fn is None or dependency.api_name is None:
                continue
            if dependency.api_visibility not in shown:
                continue
            named["/" + dependency.api_name] = self._endpoint_info(dependency)
        return {"named_endpoints": named, "unnamed_endpoints": {}}

    @staticmethod
    def _endpoint_info(dependency: Dependency) -> dict[str, Any]:
        fn = dependency.fn
        assert fn is not None
        try:
            signature = inspect.signature(fn).parameters
        except (TypeError, ValueError):
            signature = {}  # type: ignore[assignment]
        injected = injected_parameters(fn)
        fn_parameters = [parameter for position, parameter in enumerate(signature.values())
                         if position not in injected]
        parameters = []
        for index, block in enumerate(dependency.inputs):
            if block.skip_api:
                continue
            parameter = fn_parameters[index] if index < len(fn_parameters) else None
            name = parameter.name if parameter is not None else f"param_{index}"
            if name in {"api_name", "fn_index", "result_callbacks"} or (
                    parameter is not None and parameter.kind is parameter.VAR_POSITIONAL):
                name = f"param_{index}"
            parameters.append(block.api_parameter(name, parameter is not None and parameter.default is None))
        returns = [block.api_return() for block in dependency.outputs if not block.skip_api]
        description = dependency.api_description
        if description is None:
            description = (inspect.getdoc(fn) or "").split("\n\n")[0]
        return {"parameters": parameters, "returns": returns,
                "api_visibility": dependency.api_visibility, "description": description}

    # -- serving ------------------------------------------------------------------------------
    def launch(self, **options: Any) -> Any:
        """Serve the app (see `reblocks.renderer.server.launch` for the options)."""
        from reblocks.renderer.server import launch

        return launch(self, **options)

    def close(self, verbose: bool = True) -> None:
        """Stop the server started by `launch`, if any."""
        if self.server is not None:
            self.server.stop()
            self.server = None
