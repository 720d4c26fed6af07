"""Interface and TabbedInterface: a function's inputs and outputs as a page, built from plain blocks and
listeners as ChatInterface is."""

from __future__ import annotations

import inspect
import os
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

import msgspec

import reblocks.components as components
from reblocks.blocks.block import current_root
from reblocks.blocks.blocks import Blocks, injected_parameters
from reblocks.blocks.events import Dependency, ShowProgress, Visibility, on
from reblocks.blocks.layouts import Accordion, Column, Row, Tab, Tabs
from reblocks.chat.examples_block import CacheMode, Examples
from reblocks.chat.flagging import CSVLogger, FlaggingCallback, flag_listener
from reblocks.components.base import Component
from reblocks.components.display import Button, Markdown
from reblocks.components.state import State
from reblocks.i18n import translation_marker

__all__ = ["Interface", "TabbedInterface", "component_instance"]

ComponentSpec = str | dict[str, Any] | Component
InterfaceType = Literal["standard", "input_only", "output_only", "unified"]

# Gradio's string shortcuts: each component's class name in lower case, and Gradio's alias "text".
_SHORTCUTS: dict[str, type[Component]] = {
    **{name.lower(): kind for name in components.__all__ if name not in ("Component", "FormComponent")
       and isinstance(kind := getattr(components, name), type) and issubclass(kind, Component)},
    "text": components.Textbox,
}
# While a generator runs, Stop replaces Submit; the page switches them without a round trip.
_BUSY = '() => [{__type__: "update", visible: false}, {__type__: "update", visible: true}]'
_IDLE = '() => [{__type__: "update", visible: true}, {__type__: "update", visible: false}]'
_SAVING = '() => [{__type__: "update", value: "Saving...", interactive: false}]'
_PRIVATE: dict[str, Any] = {"api_visibility": "private", "queue": False, "show_progress": "hidden"}


def component_instance(spec: ComponentSpec) -> Component:
    """A component given as an instance, a shortcut ("text", "slider", "image"...) or a dict naming one
    with its arguments ({"name": "dropdown", "choices": [...]}), as Gradio's Interface takes them."""
    if isinstance(spec, Component):
        return spec
    if isinstance(spec, dict):
        options = dict(spec)
        name = options.pop("name", None)
    else:
        name, options = spec, {}
    component = _SHORTCUTS.get(name.lower().replace("_", "")) if isinstance(name, str) else None
    if component is None:
        raise ValueError(f"No component shortcut {name!r} in reblocks; use one of "
                         f"{', '.join(sorted(_SHORTCUTS))}, or pass a component")
    return component(render=False, **options)


def _components(specs: ComponentSpec | Sequence[ComponentSpec] | None) -> list[Component]:
    """Inputs or outputs as components, detached from wherever they were created (the Interface places them)."""
    if specs is None:
        return []
    if not isinstance(specs, (str, dict, Component, Sequence)):
        raise TypeError(f"inputs and outputs must be a string, a list or a component, not {specs!r}")
    listed = [specs] if isinstance(specs, (str, dict, Component)) else list(specs)
    return [component_instance(spec).unrender() for spec in listed]


def _parameter_names(fn: Callable[..., Any]) -> list[str]:
    """The names of `fn`'s parameters that receive inputs, in order; unlabelled inputs take them, as in Gradio."""
    try:
        parameters = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return []
    injected = injected_parameters(fn)
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return [parameter.name for position, parameter in enumerate(parameters)
            if parameter.kind in positional and position not in injected]


def _button(spec: str | Button, **style: Any) -> Button:
    """A button given as its label (styled as Gradio styles this one) or as a Button, placed here."""
    if isinstance(spec, Button):
        return spec.unrender().render()
    if isinstance(spec, str):
        return Button(spec, **style)
    raise ValueError(f"a button must be given as a string or a gr.Button, not {spec!r}")


class Interface(Blocks):
    """A page for `fn`: its inputs with Clear and Submit, its outputs beside them, examples below. A
    generator streams (with a Stop button); `live=True` runs `fn` on every change instead of on Submit."""

    UNSUPPORTED = ("examples_per_page", "stream_every", "deep_link")

    def __init__(
        self,
        fn: Callable[..., Any],
        inputs: ComponentSpec | Sequence[ComponentSpec] | None,
        outputs: ComponentSpec | Sequence[ComponentSpec] | None,
        examples: list[Any] | str | None = None,
        *,
        cache_examples: bool | None = None,
        cache_mode: CacheMode | None = None,
        examples_per_page: int = 10,
        example_labels: list[str] | None = None,
        preload_example: int | Literal[False] = 0,
        live: bool = False,
        title: str | None = None,
        description: str | None = None,
        article: str | None = None,
        flagging_mode: Literal["never", "auto", "manual"] | None = None,
        flagging_options: list[str] | list[tuple[str, str]] | None = None,
        flagging_dir: str = ".gradio/flagged",
        flagging_callback: FlaggingCallback | None = None,
        analytics_enabled: bool | None = None,  # reblocks sends no analytics, so every value is honoured
        batch: bool = False,
        max_batch_size: int = 4,
        api_visibility: Visibility = "public",
        api_name: str | None = None,
        api_description: str | None | Literal[False] = None,
        allow_duplication: bool = False,  # Gradio shows its button on Hugging Face Spaces only
        concurrency_limit: int | None | Literal["default"] = "default",
        additional_inputs: ComponentSpec | Sequence[ComponentSpec] | None = None,
        additional_inputs_accordion: str | Accordion | None = None,
        submit_btn: str | Button = "Submit",
        stop_btn: str | Button = "Stop",
        clear_btn: str | Button | None = "Clear",
        delete_cache: tuple[int, int] | None = None,
        show_progress: ShowProgress = "full",
        fill_width: bool = False,
        time_limit: int | None = 30,
        stream_every: float = 0.5,
        deep_link: str | bool | None = None,
        validator: Callable[..., Any] | None = None,
        theme: Any = None,
        css: str | None = None,
        css_paths: str | Path | Sequence[str | Path] | None = None,
        js: str | None = None,
        head: str | None = None,
        head_paths: str | Path | Sequence[str | Path] | None = None,
        fill_height: bool = False,
    ) -> None:
        # Gradio's default: the GRADIO_FLAGGING_MODE environment variable, else a Flag button.
        flagging_mode = flagging_mode or os.environ.get("GRADIO_FLAGGING_MODE", "manual")  # type: ignore[assignment]
        if flagging_mode not in ("never", "auto", "manual"):
            raise ValueError("Invalid value for `flagging_mode` parameter. Must be: 'auto', 'manual', or 'never'.")
        super().__init__(mode="interface", title=title or "reblocks", theme=theme, css=css, js=js, head=head,
                         css_paths=css_paths, head_paths=head_paths,
                         fill_height=fill_height, fill_width=fill_width, delete_cache=delete_cache)
        self.fn = fn
        self.live = live
        self.main_input_components = _components(inputs)
        self.additional_input_components = _components(additional_inputs)
        self.input_components = self.main_input_components + self.additional_input_components
        self.output_components = _components(outputs)
        has_state = self._share_state()
        self.interface_type = self._kind()
        if has_state and cache_examples:
            warnings.warn("Cache examples cannot be used with state inputs and outputs. "
                          "Setting cache_examples to False.", stacklevel=3)
        self._label(fn)
        self.flagging_mode = flagging_mode
        self.flagging_options = _flag_buttons(flagging_options)
        self.flagging_callback = flagging_callback if flagging_callback is not None else CSVLogger()
        self.flagging_dir = flagging_dir
        if flagging_mode != "never" and self.interface_type != "input_only":
            self.flagging_callback.setup(self._flagged(), flagging_dir)
        streams = inspect.isgeneratorfunction(fn) or inspect.isasyncgenfunction(fn)
        stop = stop_btn if streams and not live else None
        with self:
            if title:
                Markdown(f"<h1 style='text-align: center; margin-bottom: 1rem'>{title}</h1>")
            if description:
                Markdown(description)
            with Row():
                if self.interface_type != "output_only":
                    with Column():
                        self._render_inputs(additional_inputs_accordion)
                        self._render_buttons(None if live else submit_btn, stop, clear_btn)
                        if self.interface_type == "unified":
                            self._render_flag_buttons()
                if self.interface_type in ("standard", "output_only"):
                    with Column():
                        for component in self.output_components:
                            if not isinstance(component, State):
                                component.render()
                        if self.interface_type == "output_only":
                            # Gradio's label here; live or not, the user may ask for another output.
                            self._render_buttons("Generate", stop, clear_btn)
                        self._render_flag_buttons()
            options: dict[str, Any] = {
                "api_name": api_name, "api_visibility": api_visibility,
                "api_description": "" if api_description is False else api_description,
                "concurrency_limit": concurrency_limit, "show_progress": show_progress, "batch": batch,
                "max_batch_size": max_batch_size, "validator": validator}
            self.predict_event = self._wire_run(options, time_limit)
            self._wire_clear()
            self._wire_flagging()
            self.examples_handler: Examples | None = None
            if examples:
                self.examples_handler = Examples(
                    examples, [c for c in self.input_components if not isinstance(c, State)],
                    [c for c in self.output_components if not isinstance(c, State)], fn=fn,
                    cache_examples=False if has_state else cache_examples, cache_mode=cache_mode,
                    example_labels=example_labels, preload=preload_example)
            if article:
                Markdown(article)

    # -- building ------------------------------------------------------------------------------
    def _kind(self) -> InterfaceType:
        """Gradio's four kinds: inputs and outputs, only one of them, or the same components for both."""
        inputs, outputs = self.input_components, self.output_components
        if not inputs and not outputs:
            raise ValueError("Must provide at least one of `inputs` or `outputs`")
        if not outputs:
            return "input_only"
        if not inputs:
            return "output_only"
        if len(inputs) == len(outputs) and all(i is o for i, o in zip(inputs, outputs, strict=True)):
            return "unified"
        return "standard"

    def _share_state(self) -> bool:
        """With a State among the inputs, the one among the outputs becomes the same State, as in Gradio."""
        states_in = [index for index, c in enumerate(self.input_components) if isinstance(c, State)]
        states_out = [index for index, c in enumerate(self.output_components) if isinstance(c, State)]
        if not states_in and not states_out:
            return False
        if len(states_in) != 1 or len(states_out) != 1:
            raise ValueError("If using 'state', there must be exactly one state input and one state output.")
        self.output_components[states_out[0]] = self.input_components[states_in[0]]
        return True

    def _label(self, fn: Callable[..., Any]) -> None:
        """Unlabelled inputs take `fn`'s parameter names, outputs "output" (or "output 0"...); outputs
        are for display unless said otherwise."""
        for component, name in zip(self.input_components, _parameter_names(fn), strict=False):
            if component.label is None:
                component.label = name
        for index, component in enumerate(self.output_components):
            if component.label is None:
                component.label = "output" if len(self.output_components) == 1 else f"output {index}"
            if self.interface_type in ("standard", "output_only") and component.interactive is None:
                component.interactive = False

    def _render_inputs(self, accordion: str | Accordion | None) -> None:
        """The inputs, the additional ones in an accordion (closed unless given as a label or an Accordion)."""
        with Column():
            for component in self.main_input_components:
                component.render()
            if self.additional_input_components:
                if isinstance(accordion, Accordion):
                    box = accordion.unrender().render()
                elif accordion is None:
                    box = Accordion(label=translation_marker("chat_interface.additional_inputs"), open=False)
                else:
                    box = Accordion(label=accordion)
                with box:
                    for component in self.additional_input_components:
                        component.render()

    def _render_buttons(self, submit: str | Button | None, stop: str | Button | None,
                        clear: str | Button | None) -> None:
        """A row of Clear, Submit and (for a generator) Stop, hidden until it runs; any may be absent."""
        with Row():
            self.clear_btn = None if clear is None else _button(clear, variant="secondary")
            self.submit_btn = None if submit is None else _button(submit, variant="primary")
            self.stop_btn = None if stop is None else _button(stop, variant="stop", visible=False)

    def _render_flag_buttons(self) -> None:
        """One button per flagging option ("Flag" by default), when flagging is manual."""
        self.flag_btns: list[Button] = []
        if self.flagging_mode == "manual":
            with Row():
                self.flag_btns = [Button(label) for label, _ in self.flagging_options]

    def _flagged(self) -> list[Component]:
        """What a flag stores: the inputs, then the outputs unless they are the same components."""
        if self.interface_type == "unified":
            return self.input_components
        return self.input_components + self.output_components

    # -- events --------------------------------------------------------------------------------
    def _wire_run(self, options: dict[str, Any], time_limit: int | None) -> Dependency:
        """The listener that runs `fn`: on Submit (and Enter in an input), or on every input change when
        live; a generator's also swaps Submit for Stop while it runs."""
        fn, inputs, outputs, submit, stop = (self.fn, self.input_components, self.output_components,
                                             self.submit_btn, self.stop_btn)
        predict: Dependency
        if self.live and self.interface_type == "output_only":  # nothing to watch: on load, and on Generate
            assert submit is not None
            current_root().load(fn, None, outputs, **{**options, "api_visibility": "private"})
            predict = submit.click(fn, None, outputs, **options)
        elif self.live:
            changes = [component.change for component in inputs if "change" in component.EVENTS]
            predict = on(changes, fn, inputs, outputs, trigger_mode="always_last", time_limit=time_limit,
                         **options)
        else:
            assert submit is not None
            triggers = [submit.click,
                        *(component.submit for component in inputs if "submit" in component.EVENTS)]
            if stop is None:
                predict = on(triggers, fn, inputs, outputs, **options)
            else:
                busy = on(triggers, None, None, [submit, stop], js=_BUSY, **_PRIVATE)
                predict = busy.then(fn, inputs, outputs, **options)
                predict.then(None, None, [submit, stop], js=_IDLE, **_PRIVATE)
                stop.click(None, None, [submit, stop], js=_IDLE, cancels=predict, **_PRIVATE)
        return predict

    def _wire_clear(self) -> None:
        """Clear puts every input and output back to empty in the page, and a State to its first value."""
        if self.clear_btn is None:
            return
        everything = list(dict.fromkeys(self.input_components + self.output_components))
        shown = [component for component in everything if not isinstance(component, State)]
        empty = msgspec.json.encode([component.postprocess(None) for component in shown]).decode()
        self.clear_btn.click(None, None, shown, js=f"() => {empty}", **_PRIVATE)
        for state in everything:
            if isinstance(state, State):
                self.clear_btn.click(state.initial_value, None, state, **_PRIVATE)


    def _wire_flagging(self) -> None:
        """Flag buttons store the shown inputs and outputs (as sent, with no preprocessing) and say
        "Saving..." meanwhile; in "auto" mode every successful run is stored."""
        if self.flagging_mode == "never" or self.interface_type == "input_only":
            return
        flagged = self._flagged()
        if self.flagging_mode == "auto":
            self.predict_event.success(flag_listener(self.flagging_callback, None, None), flagged, None,
                                       preprocess=False, **_PRIVATE)
            return
        for button, (label, option) in zip(getattr(self, "flag_btns", []), self.flagging_options, strict=True):
            button.click(None, None, button, js=_SAVING, **_PRIVATE)
            button.click(flag_listener(self.flagging_callback, label, option), flagged, button,
                         preprocess=False, **_PRIVATE)
            if self.clear_btn is not None:
                self.clear_btn.click(None, None, button, js=_label_update(label), **_PRIVATE)


def _flag_buttons(options: list[str] | list[tuple[str, str]] | None) -> list[tuple[str, str | None]]:
    """(button label, stored value) pairs: Gradio's single "Flag", or "Flag as X" for each option X."""
    if options is None:
        return [("Flag", None)]
    buttons: list[tuple[str, str | None]] = []
    for option in options if isinstance(options, list) else [None]:
        if isinstance(option, str):
            buttons.append((f"Flag as {option}", option))
        elif isinstance(option, tuple) and len(option) == 2 and isinstance(option[1], str):
            buttons.append((str(option[0]), option[1]))
        else:
            raise ValueError("flagging_options must be a list of strings or list of (string, string) tuples.")
    return buttons


def _label_update(label: str) -> str:
    """A page-side listener that puts `label` back on its button and makes it clickable."""
    update = msgspec.json.encode({"__type__": "update", "value": label, "interactive": True}).decode()
    return f"() => [{update}]"


class TabbedInterface(Blocks):
    """Several Interfaces (or any Blocks), each in a Tab of its own."""

    def __init__(self, interface_list: Sequence[Blocks], tab_names: list[str] | None = None,
                 title: str | None = None, analytics_enabled: bool | None = None) -> None:
        # analytics_enabled: reblocks sends no analytics, so every value is honoured.
        super().__init__(title=title or "reblocks", mode="tabbed_interface", fill_height=True)
        names = tab_names if tab_names is not None else [f"Tab {index}" for index in range(len(interface_list))]
        with self:
            if title:
                Markdown(f"<h1 style='text-align: center; margin-bottom: 1rem'>{title}</h1>")
            with Tabs():
                for interface, name in zip(interface_list, names, strict=False):
                    with Tab(label=name):
                        interface.render()
