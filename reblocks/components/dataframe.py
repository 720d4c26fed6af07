"""Dataframe: a table of cells, shown or edited in the browser; pandas, numpy and polars are optional."""

from __future__ import annotations

import importlib.util
import warnings
from collections.abc import Sequence
from typing import Any, Literal, NotRequired, TypedDict

from reblocks.components.base import Component

__all__ = ["DataFrame", "Dataframe"]

Datatype = Literal["str", "number", "bool", "date", "markdown", "html"]


class DataframePayload(TypedDict):
    """A table on the wire, as Gradio's `DataframeData`: column names, rows of cells, and styling."""

    headers: list[Any]
    data: list[list[Any]]
    metadata: NotRequired[dict[str, Any] | None]


def _cell(value: Any) -> Any:
    """A cell as JSON can hold it: numpy scalars as Python numbers, anything unknown (dates) as text."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if hasattr(value, "item"):  # a numpy scalar
        return value.item()
    return str(value)


def _is_styler(value: Any) -> bool:
    """Whether `value` is a pandas Styler (checked without importing pandas)."""
    return type(value).__name__ == "Styler" and type(value).__module__.startswith("pandas")


def _styler_metadata(styler: Any) -> dict[str, list[list[str]]]:
    """What a pandas Styler shows of each cell (`display_value`: its formatting) and the CSS it gives
    it (`styling`), row by row and without hidden columns, as Gradio sends them."""
    translated = styler._compute()._translate(None, None)  # pandas' own rendering model
    css = {selector: "; ".join(f"{name}: {value}" for name, value in style.get("props", []))
           for style in translated.get("cellstyle", []) for selector in style.get("selectors", [])}
    hidden = set(getattr(styler, "hidden_columns", []))
    display: list[list[str]] = []
    styling: list[list[str]] = []
    for row in translated["body"]:
        cells = [cell for index, cell in enumerate(cell for cell in row if cell["type"] == "td")
                 if index not in hidden]
        display.append([str(cell["display_value"]) for cell in cells])
        styling.append([css.get(cell["id"], "") for cell in cells])
    return {"display_value": display, "styling": styling}


def _table(value: Any) -> tuple[list[Any], list[list[Any]], dict[str, Any] | None]:
    """The headers (empty when the value has none), rows and metadata of a returned value."""
    module = type(value).__module__
    if isinstance(value, str):  # a CSV file's path, as Gradio reads it
        import pandas

        value, module = pandas.read_csv(value), "pandas"
    if _is_styler(value):
        frame = value.data.drop(columns=value.data.columns[list(getattr(value, "hidden_columns", []))])
        return list(frame.columns), frame.to_dict(orient="split")["data"], _styler_metadata(value)
    if module.startswith("pandas") and hasattr(value, "columns"):
        return list(value.columns), value.to_dict(orient="split")["data"], None
    if module.startswith("polars"):
        return list(value.columns), [list(row) for row in value.rows()], None
    if isinstance(value, dict):
        return list(value.get("headers") or []), list(value.get("data") or []), value.get("metadata")
    if hasattr(value, "tolist"):  # a numpy array
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [], [list(row) if isinstance(row, (list, tuple)) else [row] for row in value], None
    raise ValueError(f"cannot show {type(value).__name__} in gr.Dataframe")


class Dataframe(Component):
    """A table: shown, or edited cell by cell when interactive; the function gets it as `type` says."""

    class Props(Component.Props):
        headers: list[str] | None = None
        """The column names shown when the value has none; None: "1", "2", ... (the browser gets those)."""
        row_count: int | None = None
        """How many rows an empty table shows; None: as many as the value has."""
        column_count: int | None = None
        """How many columns an empty table shows; None: as many as `headers` names, else 3."""
        datatype: Datatype | Literal["auto"] | Sequence[Datatype] = "str"
        """The type of every column, or of each: "number" cells are edited and sorted as numbers."""
        max_height: int | str = 500
        """The most the table grows to (pixels, or a CSS length) before it scrolls."""
        wrap: bool = False
        """Whether long cell text wraps instead of widening its column."""
        column_widths: list[str | int] | None = None
        """The width of each column: pixels, or a CSS length ("20%")."""
        show_row_numbers: bool = False
        """Whether a first column numbers the rows."""
        max_chars: int | None = None
        """The most characters a cell shows before it is cut short with an ellipsis; None: all."""
        static_columns: list[int] | None = None
        """The columns (by index) the user may not edit, even when the table is interactive."""
        row_limits: tuple[int | None, int | None] | None = None
        """(fewest, most) rows the user may leave by adding and deleting rows; None on a side: no limit."""
        column_limits: tuple[int | None, int | None] | None = None
        """(fewest, most) columns the user may leave by adding and deleting columns."""
        buttons: list[Literal["fullscreen", "copy"]] | None = None
        """The buttons over the table: "fullscreen" and "copy" (as CSV); None: both."""
        show_search: Literal["none", "search", "filter"] = "none"
        """A box that keeps the rows containing its text ("search"), plus one condition per column
        ("filter": `>3`, `<=10`, `=pear`, or text a cell contains)."""
        pinned_columns: int | None = None
        """How many columns, from the left, stay in view when the table scrolls sideways."""
        line_breaks: bool = True
        """In "markdown" columns, whether a single newline breaks the line."""
        latex_delimiters: list[dict[str, str | bool]] | None = None
        """The math delimiters of "markdown" columns; None: $$…$$, $…$, \\(…\\) and \\[…\\]."""

    TYPE = "dataframe"
    EVENTS = ("change", "input", "select", "edit")
    payload = DataframePayload | None
    python_type = "pd.DataFrame"
    example_value = {"headers": ["a", "b"], "data": [["foo", "bar"]]}

    def __init__(self, value: Any = None, *, headers: list[str] | None = None, row_count: int | None = None,
                 column_count: int | None = None, col_count: int | None = None,
                 datatype: Datatype | Literal["auto"] | Sequence[Datatype] = "str",
                 type: Literal["pandas", "numpy", "array", "polars"] = "pandas",  # noqa: A002
                 label: str | None = None, max_height: int | str = 500, wrap: bool = False,
                 column_widths: list[str | int] | None = None, show_row_numbers: bool = False,
                 max_chars: int | None = None, static_columns: list[int] | None = None,
                 row_limits: tuple[int | None, int | None] | None = None,
                 column_limits: tuple[int | None, int | None] | None = None,
                 buttons: list[Literal["fullscreen", "copy"]] | None = None,
                 show_search: Literal["none", "search", "filter"] = "none", pinned_columns: int | None = None,
                 line_breaks: bool = True, latex_delimiters: list[dict[str, str | bool]] | None = None,
                 **kwargs: Any) -> None:
        if type not in ("pandas", "numpy", "array", "polars"):
            raise ValueError(f"gr.Dataframe(type={type!r}): choose 'pandas', 'numpy', 'array' or 'polars'")
        if type == "polars" and importlib.util.find_spec("polars") is None:
            raise ImportError("gr.Dataframe(type='polars') needs the optional package 'polars': pip install polars")
        self.type = type
        # Gradio 6 renamed `col_count` to `column_count`; both still set it.
        self.column_count = column_count if column_count is not None else col_count
        columns = self.column_count or (len(headers) if headers else 3)
        if headers is not None and len(headers) != columns:
            raise ValueError(f"gr.Dataframe: {len(headers)} headers for {columns} columns")
        self.headers = list(headers) if headers is not None else [str(i) for i in range(1, columns + 1)]
        self.column_widths = [width if isinstance(width, str) else f"{width}px" for width in column_widths or []]
        for name, limits in (("row_limits", row_limits), ("column_limits", column_limits)):
            fewest, most = limits if limits is not None and len(limits) == 2 else (None, None)
            if (limits is not None and len(limits) != 2) or (fewest is not None and most is not None
                                                               and fewest > most):
                raise ValueError(f"gr.Dataframe({name}=...) is (fewest, most), either of them None")
        if show_search not in ("none", "search", "filter"):
            raise ValueError(f"gr.Dataframe(show_search={show_search!r}): choose 'none', 'search' or 'filter'")
        super().__init__(value, **kwargs)
        self.python_type = {"pandas": "pd.DataFrame", "numpy": "np.ndarray", "array": "list[list[Any]]",
                            "polars": "pl.DataFrame"}[type]

    def api_info(self) -> dict[str, Any]:
        return {"properties": {"headers": {"items": {}, "title": "Headers", "type": "array"},
                               "data": {"items": {"items": {}, "type": "array"}, "title": "Data", "type": "array"},
                               "metadata": {"anyOf": [{"additionalProperties": {}, "type": "object"},
                                                      {"type": "null"}], "default": None, "title": "Metadata"}},
                "required": ["headers", "data"], "title": "DataframeData", "type": "object"}

    def preprocess(self, payload: DataframePayload | None) -> Any:
        """The table as a pandas DataFrame, numpy array, polars DataFrame or list of rows (`type`)."""
        if payload is None:
            return None
        headers, rows = payload["headers"], [] if payload["data"] == [[]] else payload["data"]
        if self.type == "array":
            return rows
        if self.type == "numpy":
            import numpy

            return numpy.array(rows)
        if self.type == "polars":
            import polars

            return polars.DataFrame(rows, schema=headers, orient="row")
        import pandas

        return pandas.DataFrame(rows, columns=headers)

    def postprocess(self, value: Any) -> DataframePayload:
        if _is_styler(value) and self.interactive:
            warnings.warn("gr.Dataframe: a Styler's formatting and colours show only when the table is not "
                          "interactive; this one shows the plain values", UserWarning, stacklevel=2)
            value = value.data
        if value is None:
            return {"headers": self.headers, "data": [], "metadata": None}
        headers, rows, metadata = _table(value)
        headers = [str(header) for header in headers] or self.headers
        if not rows:
            return {"headers": headers, "data": [], "metadata": None}
        width = len(rows[0])
        # Too many names are cut; missing ones are numbered on, as Gradio does.
        headers = [*headers[:width], *(str(i) for i in range(len(headers) + 1, width + 1))]
        return {"headers": headers, "data": [[_cell(cell) for cell in row] for row in rows], "metadata": metadata}


DataFrame = Dataframe
