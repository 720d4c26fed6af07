"""HTML: markup from a template filled with the value and the app's own props, with CSS scoped to it, the
app's script run once it is drawn, custom events, server functions, and child blocks drawn at `@children`."""

from __future__ import annotations

import difflib
import re
import warnings
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, Any, Literal

import msgspec

from reblocks.blocks.block import Block, BlockContext, BoundListener
from reblocks.blocks.gradio_names import GRADIO_PARAMETERS
from reblocks.components.base import Component
from reblocks.components.toolbar import CustomButton, Toolbar
from reblocks.wire import Update

if TYPE_CHECKING:
    from reblocks.components.display import Button
    from reblocks.components.timer import Timer

__all__ = ["HTML"]

DEFAULT_JS_ON_LOAD = "element.addEventListener('click', function() { trigger('click') });"
"""Gradio's default `js_on_load`: a click anywhere on the HTML fires its `click` event."""

_SCRIPT_TAG = re.compile(r"<script[\s>]", re.IGNORECASE)
# Gradio's events, less those that mean something else here: `stream` keeps a connection open for the
# chunks a media input sends, `load` fires when the page opens, `tick` is a Timer's.
_EVENTS = ("change", "input", "click", "double_click", "submit", "stop", "edit", "clear", "play", "pause",
           "end", "start_recording", "pause_recording", "stop_recording", "focus", "blur", "upload", "release",
           "select", "like", "example_select", "option_select", "key_up", "apply", "delete", "undo", "retry",
           "expand", "collapse", "download", "copy")
_RESERVED_EVENTS = frozenset({"stream", "load", "tick"})


def _warn_if_script_tag(content: Any) -> None:
    """Warn, as Gradio does, that a `<script>` in the markup will not run: the browser does not run
    scripts inserted as HTML, and the page removes them. `head` and `js_on_load` are the ways to run code."""
    if isinstance(content, str) and _SCRIPT_TAG.search(content):
        warnings.warn("A `<script>` tag was found in the content of a `gr.HTML` component; it will not run. "
                      "Load libraries with `head=` and run code with `js_on_load=`.", UserWarning, stacklevel=3)


class _TemplateKeywords(frozenset[str]):
    """HTML's keywords: its parameters, and any other name as a template prop (Gradio's `**props`), but
    for Gradio parameters reblocks ignores (warned about) and near misses of a compound parameter name
    (`html_templete`, `js_onload`: refused as typos, where Gradio would take them for props)."""

    ignored: frozenset[str]

    def __new__(cls, parameters: Collection[str], ignored: Collection[str]) -> _TemplateKeywords:
        keywords = super().__new__(cls, parameters)
        keywords.ignored = frozenset(ignored)
        return keywords

    def __contains__(self, name: object) -> bool:
        if frozenset.__contains__(self, name):
            return True
        if not isinstance(name, str) or name in self.ignored:
            return False
        compound = [parameter for parameter in self if "_" in parameter]
        return not difflib.get_close_matches(name, compound, n=1, cutoff=0.85)


def _template_keywords(cls: type[Block]) -> _TemplateKeywords:
    return _TemplateKeywords(cls.KEYWORDS, GRADIO_PARAMETERS["HTML"] - cls.KEYWORDS)


class HTML(BlockContext, Component):
    """HTML from `html_template` (a JavaScript template string and Handlebars template) filled with the value
    and the extra keyword props; the result is sanitised in the browser, so values a user sent cannot run
    script. `js_on_load` (the app's code) runs once it is drawn, with `element`, `trigger`, `props`,
    `server`, `upload` and `watch`; `with gr.HTML(...):` draws its children at `@children`."""

    class Props(Component.Props):
        show_label: bool | None = False
        container: bool = False
        html_template: str = "${value}"
        """The markup: `${expression}` as in a JavaScript template string and `{{path}}`, `{{#each}}`,
        `{{#if}}` as in Handlebars, over `value`, `label`, `visible` and the props."""
        css_template: str = ""
        """CSS filled like `html_template`, scoped to this block; declarations outside a rule style its root."""
        js_on_load: str | None = DEFAULT_JS_ON_LOAD
        """JavaScript run once after the first render, with `element`, `trigger`, `props`, `server`,
        `upload` and `watch` in scope."""
        apply_default_css: bool = True
        """Whether the theme's text styles apply to the markup."""
        head: str | None = None
        """`<script>` and `<link>` tags added to the page's head (once per `src`/`href`) before `js_on_load` runs."""
        min_height: int | str | None = None
        """The least height of the block (pixels, or a CSS length)."""
        max_height: int | str | None = None
        """The most the block grows to (pixels, or a CSS length) before its content scrolls."""
        padding: bool = False
        """Whether the block has the theme's block padding around the markup."""
        autoscroll: bool = False
        """Whether the block scrolls to its end when the markup changes, unless the user scrolled up."""
        buttons: list[str | CustomButton] | None = None
        """gr.Buttons drawn in the top-right toolbar, firing their `click`; None: none."""
        props: dict[str, Any] = msgspec.field(default_factory=dict)
        """Derived: the template props given as extra keywords; an update's are merged into them."""
        server_fns: list[str] = msgspec.field(default_factory=list)
        """Derived: the names of `server_functions`: `server.<name>(...)` in `js_on_load` calls them."""
        component_class_name: str = "HTML"
        """Derived: the Python class (a subclass of HTML, perhaps), named in template errors."""

    TYPE = "html"
    EVENTS = _EVENTS
    buttons = Toolbar()
    payload = Any
    python_type = "str"
    api_schema = {"type": "string"}
    example_value = "<p>Hello</p>"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.KEYWORDS = _template_keywords(cls)

    def __init__(self, value: Any = None, *, label: str | None = None, html_template: str = "${value}",
                 css_template: str = "", js_on_load: str | None = DEFAULT_JS_ON_LOAD,
                 apply_default_css: bool = True, every: Timer | float | None = None,
                 inputs: Component | Sequence[Component] | set[Component] | None = None,
                 show_label: bool = False, scale: int | None = None, min_width: int = 160,
                 visible: bool | Literal["hidden"] = True, elem_id: str | None = None,
                 elem_classes: list[str] | str | None = None, render: bool = True, key: int | str | None = None,
                 preserved_by_key: list[str] | str | None = "value", min_height: int | str | None = None,
                 max_height: int | str | None = None, container: bool = False, padding: bool = False,
                 autoscroll: bool = False, head: str | None = None,
                 server_functions: list[Callable[..., Any]] | None = None,
                 buttons: Sequence[Button] | None = None, **props: Any) -> None:
        _warn_if_script_tag(html_template)
        try:
            msgspec.json.encode(props)
        except TypeError as exc:
            raise TypeError(f"HTML() template props must be JSON values: {exc}") from None
        self.props = props
        self._server_functions: dict[str, Callable[..., Any]] = {}
        for fn in server_functions or ():
            name = getattr(fn, "__name__", "")
            if not callable(fn) or not name.isidentifier():
                raise TypeError(f"HTML(server_functions=...) takes named functions, not {fn!r}")
            self._server_functions[name] = fn
        self.server_fns = list(self._server_functions)
        self.component_class_name = type(self).__name__
        super().__init__(value=value, label=label, every=every, inputs=inputs, show_label=show_label,
                         scale=scale, min_width=min_width, visible=visible, elem_id=elem_id,
                         elem_classes=elem_classes, render=render, key=key, preserved_by_key=preserved_by_key,
                         container=container)

    def server_function(self, name: str) -> Callable[[Any], Any] | None:
        """The function of `server_functions` called `name`, as POST /component_server may call it."""
        return self._server_functions.get(name) or super().server_function(name)

    def __getattr__(self, name: str) -> Any:
        """A listener for a custom event (`html.rated(fn, ...)`): any name `js_on_load` quotes, as in Gradio,
        since it can `trigger` it."""
        source = self.__dict__.get("js_on_load") or ""
        if (name.isidentifier() and not name.startswith("_") and name not in _RESERVED_EVENTS
                and re.search(rf"""['"`]{re.escape(name)}['"`]""", source)):
            return BoundListener(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}. If {name!r} is a "
                             f"custom event, quote it in js_on_load (trigger('{name}'))")

    def preprocess(self, payload: Any) -> Any:
        return payload

    def postprocess(self, value: Any) -> Any:
        _warn_if_script_tag(value)
        return value

    def postprocess_output(self, value: Any) -> Any:
        # gr.update(color="red"): keywords that are not props of HTML are template props, as in Gradio.
        if isinstance(value, dict) and value.get("__type__") == "update":
            extra = {name: item for name, item in value.items()
                     if name not in ("__type__", "value") and name not in self.PROP_NAMES}
            if extra:
                kept = {name: item for name, item in value.items() if name not in extra}
                value = {**kept, "props": {**kept.get("props", {}), **extra}}
        return super().postprocess_output(value)

    def as_update(self) -> Update:
        update = super().as_update()
        if self.props:
            update["props"] = self.props
        return update


HTML.KEYWORDS = _template_keywords(HTML)
