"""Dataset: rows of sample values shown as a clickable table (what examples tables are built on)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from reblocks.components.base import Component

__all__ = ["Dataset"]


class Dataset(Component):
    """A table (or gallery) of `samples` for `components`, a page at a time; clicking a sample makes its
    index the value."""

    class Props(Component.Props):
        samples: list[list[Any]] | None = None
        """The rows, one value per component in each."""
        headers: list[str] | None = None
        """The column titles; None: the components' labels."""
        component_props: list[dict[str, Any]] | None = None
        """Each component's props, which say how its values are shown (a choice by its label); None:
        those of `components`."""
        layout: Literal["gallery", "table"] | None = None
        """"gallery": each sample a card (its first value, or its label); "table": a row per sample;
        None: a gallery when there are `sample_labels`, else a table."""
        samples_per_page: int = 10
        """How many samples a page shows; more samples get page buttons."""
        sample_labels: list[str] | None = None
        """A label per sample, shown instead of its values."""

    TYPE = "dataset"
    EVENTS = ("click", "select")
    payload = int | None
    python_type = "int"
    api_schema = {"type": "integer"}
    example_value = 0

    def __init__(self, *, label: str | None = None, components: Sequence[Component] | None = None,
                 samples: list[list[Any]] | None = None, headers: list[str] | None = None,
                 type: Literal["values", "index", "tuple"] = "values",  # noqa: A002
                 component_props: list[dict[str, Any]] | None = None,
                 layout: Literal["gallery", "table"] | None = None, samples_per_page: int = 10,
                 sample_labels: list[str] | None = None, **kwargs: Any) -> None:
        if layout not in (None, "gallery", "table"):
            raise ValueError(f"layout must be 'gallery', 'table' or None, not {layout!r}")
        if samples_per_page < 1:
            raise ValueError(f"samples_per_page must be at least 1, not {samples_per_page}")
        self.components = list(components or [])
        if component_props is None:
            # The props the browser reads to show a value: a choice component's (label, value) pairs.
            self.component_props = [{"choices": component.choices} if hasattr(component, "choices") else {}
                                    for component in self.components]
        self.samples = [list(sample) for sample in samples or []]
        self.headers = headers if headers is not None else [
            component.label or "" for component in self.components]
        self.type = type
        super().__init__(None, **kwargs)

    def preprocess(self, payload: int | None) -> Any:
        if payload is None:
            return None
        if not 0 <= payload < len(self.samples):
            raise ValueError(f"no sample at index {payload}")
        if self.type == "index":
            return payload
        if self.type == "tuple":
            return payload, self.samples[payload]
        return self.samples[payload]
