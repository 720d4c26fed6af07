"""Dataset: rows of sample values shown as a clickable table (what examples tables are built on)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from reblocks.components.base import Component

__all__ = ["Dataset"]


class Dataset(Component):
    """A table of `samples` for `components`; clicking a row makes its index the value."""

    class Props(Component.Props):
        samples: list[list[Any]] | None = None
        """The rows, one value per component in each."""
        headers: list[str] | None = None
        """The column titles; None: the components' labels."""

    TYPE = "dataset"
    EVENTS = ("click", "select")
    payload = int | None
    python_type = "int"
    api_schema = {"type": "integer"}
    example_value = 0

    def __init__(self, *, label: str | None = None, components: Sequence[Component] | None = None,
                 samples: list[list[Any]] | None = None, headers: list[str] | None = None,
                 type: Literal["values", "index", "tuple"] = "values",  # noqa: A002
                 **kwargs: Any) -> None:
        self.components = list(components or [])
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
