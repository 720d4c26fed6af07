"""gr.Examples: sample inputs shown as a table; a click fills the inputs, and may also run the function or
show its output computed once (cached)."""

from __future__ import annotations

import csv
import functools
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

from reblocks.blocks import runner
from reblocks.blocks.arguments import warn_unsupported
from reblocks.blocks.block import current_root
from reblocks.blocks.events import Dependency, Visibility
from reblocks.components.base import Component
from reblocks.components.dataset import Dataset

__all__ = ["Examples"]

CacheMode = Literal["eager", "lazy"]
_LOG_FILE = "log.csv"  # a folder of examples for several inputs lists their rows here, as Gradio's does
_SHOWN_AS_IS = (str, int, float, bool, list, dict, type(None))


def _cache_mode(cache_examples: bool | None, cache_mode: CacheMode | None, fn: Callable[..., Any] | None,
                outputs: list[Component]) -> CacheMode | None:
    """When the outputs of examples are computed ("eager": now, "lazy": on first click), or None when
    they are not cached. Unset arguments follow GRADIO_CACHE_EXAMPLES and GRADIO_CACHE_MODE, as in Gradio."""
    if cache_examples is None:
        cache = (os.getenv("GRADIO_CACHE_EXAMPLES", "").lower() in ("true", "lazy")
                 and fn is not None and bool(outputs))
    elif cache_examples in (True, False):
        cache = bool(cache_examples)
    else:
        raise ValueError(f"The `cache_examples` parameter should be either True or False, not {cache_examples!r}")
    if not cache:
        return None
    if fn is None or not outputs:
        raise ValueError("If caching examples, `fn` and `outputs` must be provided")
    mode = cache_mode or os.getenv("GRADIO_CACHE_MODE", "eager").lower()
    return "lazy" if mode == "lazy" else "eager"


def _rows(examples: list[Any] | str, inputs: list[Component]) -> list[list[Any]]:
    """One row per example, one value per input (missing ones None, extra ones dropped): a nested list,
    a flat list when there is one input, or a folder of example files."""
    if isinstance(examples, str):
        rows = _folder_rows(Path(examples), inputs)
    elif isinstance(examples, list) and (not examples or isinstance(examples[0], list)):
        rows = examples
    elif isinstance(examples, list) and len(inputs) == 1:
        rows = [[example] for example in examples]
    else:
        raise ValueError("`examples` must be a folder, a list of lists (one value per input), or a plain "
                         "list when there is one input")
    return [list(row[:len(inputs)]) + [None] * (len(inputs) - len(row)) for row in rows]


def _folder_rows(folder: Path, inputs: list[Component]) -> list[list[Any]]:
    """The examples in `folder`: the rows of its log.csv (header skipped), or, for a single input, its
    files. File values are paths relative to the folder, as Gradio reads them."""
    if not folder.is_dir():
        raise FileNotFoundError(f"Could not find examples directory: {folder}")
    log = folder / _LOG_FILE
    if log.exists():
        with open(log, newline="", encoding="utf-8") as lines:
            rows = list(csv.reader(lines))[1:]
    elif len(inputs) == 1:
        rows = [[name] for name in sorted(os.listdir(folder)) if name != _LOG_FILE]
    else:
        raise FileNotFoundError(f"Could not find log file (required for multiple inputs): {_LOG_FILE}")
    return [[str(folder / value) if value and component.has_files else value
             for component, value in zip(inputs, row, strict=False)] for row in rows]


def _shown(component: Component, value: Any) -> Any:
    """How an example value appears in the table: a file by its name, JSON-like values as they are."""
    if component.has_files and isinstance(value, (str, os.PathLike)):
        return Path(value).name
    return value if isinstance(value, _SHOWN_AS_IS) else str(value)


def _one_or_tuple(values: Sequence[Any]) -> Any:
    """Several outputs take a tuple; a single one takes its value itself (which may be a list)."""
    return values[0] if len(values) == 1 else tuple(values)


class Examples:
    """Rows of sample values for `inputs` under them, inside any Blocks: clicking a row fills the inputs.
    With `run_on_click` it also runs `fn`; with `cache_examples` it shows `fn`'s output for the row,
    computed once for every session (at build time, or on first use with `cache_mode="lazy"`)."""

    def __init__(
        self,
        examples: list[Any] | str,
        inputs: Component | Sequence[Component],
        outputs: Component | Sequence[Component] | None = None,
        fn: Callable[..., Any] | None = None,
        cache_examples: bool | None = None,
        cache_mode: CacheMode | None = None,
        examples_per_page: int = 10,
        label: str | None = "Examples",
        elem_id: str | None = None,
        run_on_click: bool = False,
        preprocess: bool = True,
        postprocess: bool = True,
        api_visibility: Visibility = "undocumented",
        api_name: str | None = "load_example",
        api_description: str | None | Literal[False] = None,
        batch: bool = False,
        *,
        example_labels: list[str] | None = None,
        visible: bool | Literal["hidden"] = True,
        preload: int | Literal[False] = 0,
    ) -> None:
        if batch:
            raise NotImplementedError("Examples(batch=True) is not supported yet")
        if examples_per_page != 10:  # the table shows every example on one page
            warn_unsupported("Examples", "examples_per_page", stacklevel=2)
        if examples is None:
            raise ValueError("The parameter `examples` cannot be None")
        self.inputs = [inputs] if isinstance(inputs, Component) else list(inputs)
        self.outputs = [outputs] if isinstance(outputs, Component) else list(outputs or [])
        self.fn = fn
        self.cache_examples = _cache_mode(cache_examples, cache_mode, fn, self.outputs)
        self.examples = _rows(examples, self.inputs)
        if example_labels is not None and len(example_labels) != len(self.examples):
            raise ValueError("If `example_labels` are provided, the length of `example_labels` must be the "
                             "same as the number of examples.")
        # An input no example gives a value to is left out of the table and never filled.
        self.input_has_examples = [any(row[index] is not None for row in self.examples)
                                   for index in range(len(self.inputs))]
        self.inputs_with_examples = [component for component, kept in
                                     zip(self.inputs, self.input_has_examples, strict=True) if kept]
        self.non_none_examples = [[value for value, kept in zip(row, self.input_has_examples, strict=True) if kept]
                                  for row in self.examples]
        self.preprocess, self.postprocess = preprocess, postprocess
        self.run_on_click = run_on_click
        self._outputs: dict[int, Any] = {}
        samples = ([[text] for text in example_labels] if example_labels is not None else
                   [[_shown(component, value) for component, value in zip(self.inputs_with_examples, row,
                                                                           strict=True)]
                    for row in self.non_none_examples])
        self.dataset = Dataset(components=self.inputs_with_examples, samples=samples, type="index",
                               label=label, elem_id=elem_id, visible=visible,
                               headers=[] if example_labels is not None else None)
        self.cache_event: Dependency | None = None
        description = "" if api_description is False else api_description
        self.load_input_event = self._wire(api_name, description, api_visibility, preload)
        if self.cache_examples == "eager":
            for index in range(len(self.examples)):
                self._cached_output(index)

    def _wire(self, api_name: str | None, api_description: str | None, api_visibility: Visibility,
              preload: int | Literal[False]) -> Dependency:
        """The click listeners: fill the inputs, then show the cached output or run `fn` if asked."""
        api: dict[str, Any] = {"api_name": api_name, "api_description": api_description,
                               "api_visibility": api_visibility}
        quiet: dict[str, Any] = {"queue": False, "show_progress": "hidden"}
        private: dict[str, Any] = {**quiet, "api_visibility": "private"}
        # Cached, the API names the event that shows the output; otherwise the one that fills the inputs.
        fill: Dependency = self.dataset.click(self._example_values, self.dataset, self.inputs_with_examples,
                                              **(private if self.cache_examples else {**quiet, **api}))
        if self.cache_examples:
            self.cache_event = fill.then(self._cached_output, self.dataset, self.outputs,
                                         postprocess=self.postprocess, **api)
            valued = any("value" in getattr(component, "_explicit", ()) for component in self.inputs_with_examples)
            if self.cache_examples == "eager" and preload is not False and not valued:
                # The page opens showing this example and its output, unless an input has a value of its own.
                root = current_root()
                root.load(functools.partial(self._example_values, preload), None, self.inputs_with_examples,
                          **private)
                root.load(functools.partial(self._cached_output, preload), None, self.outputs,
                          postprocess=self.postprocess, **private)
        elif self.run_on_click:
            if self.fn is None:
                raise ValueError("Cannot run_on_click if no function is provided")
            fill.then(self.fn, self.inputs, self.outputs, api_visibility="undocumented")
        return fill

    def _example_values(self, index: int) -> Any:
        """Example `index`'s values for the inputs it fills."""
        return _one_or_tuple(self.non_none_examples[index])

    def _cached_output(self, index: int) -> Any:
        """What `fn` returns for example `index` (a generator's last output), computed once."""
        if index not in self._outputs:
            assert self.fn is not None
            arguments = [self._as_received(component, value)
                         for component, value in zip(self.inputs, self.examples[index], strict=True)]
            self._outputs[index] = runner.run_to_end(self.fn, arguments)
        return self._outputs[index]

    def _as_received(self, component: Component, value: Any) -> Any:
        """An example value as `fn` gets it from the page: the payload the input would send, preprocessed."""
        payload = component.postprocess(value)
        return component.preprocess(payload) if self.preprocess else payload

