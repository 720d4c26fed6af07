"""BarPlot, LinePlot and ScatterPlot: a pandas DataFrame drawn as bars, lines or points in the browser.

The table crosses the wire as Gradio's `PlotData` (column names, rows, each column's kind, and the mark);
pandas is needed only by the app that makes the DataFrame, and is imported when a value is converted."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypedDict

from reblocks.components.base import Component
from reblocks.components.toolbar import CustomButton, Toolbar

if TYPE_CHECKING:
    import pandas

    from reblocks.components.display import Button

__all__ = ["BarPlot", "LinePlot", "NativePlot", "PlotData", "ScatterPlot"]

Datatype = Literal["quantitative", "nominal", "temporal"]
Aggregate = Literal["sum", "mean", "median", "min", "max", "count"]


class PlotData(TypedDict):
    """A table on the wire, as Gradio's `PlotData`: temporal cells are milliseconds since the epoch."""

    columns: list[str]
    data: list[list[Any]]
    datatypes: dict[str, Datatype]
    mark: str


def _datatype(column: pandas.Series[Any]) -> Datatype:
    """How a column is drawn: numbers on a linear axis, text and categories as bands, dates on a time axis."""
    from pandas.api import types  # noqa: PLC0415 - pandas is optional, and only a DataFrame's owner has it

    dtype = column.dtype
    if types.is_numeric_dtype(dtype):
        return "quantitative"
    if types.is_string_dtype(dtype) or isinstance(dtype, types.CategoricalDtype):
        return "nominal"
    if types.is_datetime64_any_dtype(dtype):
        return "temporal"
    raise ValueError(f"cannot plot column {column.name!r} of type {dtype}: use numbers, text or dates")


def _milliseconds(column: pandas.Series[Any]) -> pandas.Series[Any]:
    """Dates as ms since the epoch (UTC for zoned ones), missing ones as None: Gradio's wire form."""
    if getattr(column.dt, "tz", None) is not None:
        column = column.dt.tz_convert(None)
    milliseconds = column.astype("datetime64[ms]").astype("int64").astype(object)
    return milliseconds.where(column.notna(), None)


class NativePlot(Component):
    """A plot of a DataFrame's `x` and `y` columns, drawn in the browser; `color` splits it into series."""

    class Props(Component.Props):
        x: str | None = None
        """The column on the x axis: numbers, dates, or text (one band per value)."""
        y: str | None = None
        """The column on the y axis: numbers."""
        color: str | None = None
        """The column that splits the data into series, each in its own colour."""
        title: str | None = None
        """The title above the plot."""
        x_title: str | None = None
        """The x axis' title; None: the name of `x`."""
        y_title: str | None = None
        """The y axis' title; None: the name of `y`."""
        color_title: str | None = None
        """The colour legend's title; None: the name of `color`."""
        x_bin: str | float | None = None
        """Groups x values into bins this wide: a number, or for dates a duration ("15m", "1h", "1d")."""
        y_aggregate: Aggregate | None = None
        """How the y values of a bin or a text x value are combined; None: "sum"."""
        color_map: dict[str, str] | None = None
        """The colour of each series, by its value in `color`: {"success": "green", "fail": "#ff8888"}."""
        colors_in_legend: list[str] | None = None
        """The series the legend lists; None: all, an empty list: no legend."""
        x_lim: list[float | None] | None = None
        """The x axis' range, [min, max]; None at an end fits the data (dates: seconds since the epoch)."""
        y_lim: list[float | None] | None = None
        """The y axis' range, [min, max]; None at either end fits the data."""
        x_label_angle: float = 0
        """The rotation of the x axis' tick labels, in degrees clockwise."""
        y_label_angle: float = 0
        """The rotation of the y axis' tick labels, in degrees clockwise."""
        x_axis_format: str | None = None
        """A d3 format for the x axis' tick labels (".2e", "~g", or "%H:%M" for dates)."""
        y_axis_format: str | None = None
        """A d3 format for the y axis' tick labels."""
        x_axis_labels_visible: bool | Literal["hidden"] = True
        """Whether the x axis' tick labels are drawn (hide them when there are too many to read)."""
        caption: str | None = None
        """A line of text under the plot."""
        sort: Literal["x", "y", "-x", "-y"] | list[str] | None = None
        """The order of text x values: by x or y ("-" descending), or a list of them; None: as they come."""
        tooltip: Literal["axis", "none", "all"] | list[str] = "axis"
        """What hovering a mark shows: the axis values, none, all columns, or the axis values and these."""
        height: int | None = None
        """The plot's height in pixels."""
        buttons: list[str | CustomButton] | None = None
        """The top-right buttons: "fullscreen" fills the window with the plot (Escape leaves), "export"
        downloads it as a PNG, gr.Buttons fire their `click`; None: none."""

    EVENTS = ("change", "select", "double_click")
    MARK: ClassVar[str] = "native"
    """The mark the browser draws each row as: Gradio's (and Vega-Lite's) name for it."""
    buttons = Toolbar("fullscreen", "export")
    payload = PlotData | None
    python_type = "str | float | bool | list | dict"
    api_schema = {"type": {}, "description": "any valid json"}

    def __init__(
        self,
        value: pandas.DataFrame | Callable[..., Any] | None = None,
        x: str | None = None,
        y: str | None = None,
        *,
        color: str | None = None,
        title: str | None = None,
        x_title: str | None = None,
        y_title: str | None = None,
        color_title: str | None = None,
        x_bin: str | float | None = None,
        y_aggregate: Aggregate | None = None,
        color_map: dict[str, str] | None = None,
        colors_in_legend: list[str] | None = None,
        x_lim: list[float | None] | None = None,
        y_lim: list[float | None] | None = None,
        x_label_angle: float = 0,
        y_label_angle: float = 0,
        x_axis_format: str | None = None,
        y_axis_format: str | None = None,
        x_axis_labels_visible: bool | Literal["hidden"] = True,
        caption: str | None = None,
        sort: Literal["x", "y", "-x", "-y"] | list[str] | None = None,
        tooltip: Literal["axis", "none", "all"] | list[str] = "axis",
        height: int | None = None,
        label: str | None = None,
        show_label: bool | None = None,
        buttons: Sequence[Literal["fullscreen", "export"] | Button] | None = None,
        **kwargs: Any,
    ) -> None:
        if y_aggregate is not None and y_aggregate not in ("sum", "mean", "median", "min", "max", "count"):
            raise ValueError(f"y_aggregate must be 'sum', 'mean', 'median', 'min', 'max' or 'count', "
                             f"not {y_aggregate!r}")
        if label is None and show_label is None:
            self.show_label = False  # Gradio's rule: a plot without a label draws none
        super().__init__(value, **kwargs)

    def preprocess(self, payload: PlotData | None) -> pandas.DataFrame | None:
        """The plotted table as a DataFrame, dates as datetimes again."""
        if payload is None:
            return None
        import pandas  # noqa: PLC0415 - optional: reading a plot's value needs it

        frame = pandas.DataFrame(payload["data"], columns=payload["columns"])
        for column, datatype in payload.get("datatypes", {}).items():
            if datatype == "temporal" and column in frame.columns:
                frame[column] = pandas.to_datetime(frame[column], unit="ms")
        return frame

    def postprocess(self, value: Any) -> PlotData | None:
        """A DataFrame as PlotData; None (no plot) and a PlotData dict as they are."""
        if value is None or isinstance(value, dict):
            return value  # type: ignore[return-value]
        if not hasattr(value, "to_json") or not hasattr(value, "dtypes"):
            raise ValueError(f"gr.{type(self).__name__} shows a pandas DataFrame, not {type(value).__name__}")
        datatypes = {column: _datatype(value[column]) for column in value.columns}
        temporal = [column for column, datatype in datatypes.items() if datatype == "temporal"]
        frame = value.copy() if temporal else value  # the caller's DataFrame stays as it was
        for column in temporal:
            frame[column] = _milliseconds(value[column])
        # pandas writes what JSON cannot hold itself: NaN as null, numpy numbers as numbers.
        split = json.loads(frame.to_json(orient="split"))
        return {"columns": [str(column) for column in split["columns"]], "data": split["data"],
                "datatypes": {str(column): datatype for column, datatype in datatypes.items()},
                "mark": self.MARK}

    def _api_types(self) -> dict[str, Any]:
        # Gradio's API page names all three by their shared block type.
        return {**super()._api_types(), "component": "Nativeplot"}


class BarPlot(NativePlot):
    """A bar per x value (summed per text value or bin), stacked by `color`."""

    TYPE = "barplot"
    MARK = "bar"


class LinePlot(NativePlot):
    """A line through the points of each `color` series, in x order."""

    TYPE = "lineplot"
    MARK = "line"


class ScatterPlot(NativePlot):
    """A point per row, coloured by `color`."""

    TYPE = "scatterplot"
    MARK = "point"
