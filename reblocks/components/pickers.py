"""ColorPicker and DateTime: a colour or a moment, picked in the browser and sent as text."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from reblocks.components.base import Component, FormComponent
from reblocks.components.toolbar import CustomButton, Toolbar

if TYPE_CHECKING:
    from reblocks.components.display import Button

__all__ = ["ColorPicker", "DateTime"]

# "now", or "now - 3d" (days, hours, minutes or seconds ago), as Gradio's DateTime reads it.
_NOW = re.compile(r"^\s*now\s*(?:-\s*(\d+)\s*([dhms]))?\s*$")
_UNITS = {"d": "days", "h": "hours", "m": "minutes", "s": "seconds"}


class ColorPicker(Component):
    """A colour, as a hex string such as "#ff8800"."""

    TYPE = "colorpicker"
    EVENTS = ("change", "input", "release", "submit", "focus", "blur")
    payload = str | None
    python_type = "str"
    api_schema = {"type": "string"}
    example_value = "#000000"

    def __init__(self, value: str | Any | None = None, *, label: str | None = None, **kwargs: Any) -> None:
        super().__init__(value, **kwargs)

    def preprocess(self, payload: str | None) -> str | None:
        return None if payload is None else str(payload)

    def postprocess(self, value: Any) -> str | None:
        return None if value is None else str(value)


class DateTime(FormComponent):
    """A date, with a time unless `include_time=False`; the function gets a timestamp, a datetime or
    the text, as `type` says."""

    class Props(FormComponent.Props):
        include_time: bool = True
        """Whether a time is picked along with the date."""
        buttons: list[str | CustomButton] | None = None
        """gr.Buttons drawn in the top-right toolbar, firing their `click`; None: none."""

    TYPE = "datetime"
    buttons = Toolbar()
    EVENTS = ("change", "submit")
    payload = str | None
    python_type = "str"
    example_value = "2020-10-01 05:20:15"

    def __init__(self, value: float | str | datetime | Any | None = None, *, include_time: bool = True,
                 type: Literal["timestamp", "datetime", "string"] = "timestamp",  # noqa: A002
                 timezone: str | None = None, label: str | None = None, buttons: Sequence[Button] | None = None,
                 **kwargs: Any) -> None:
        if type not in ("timestamp", "datetime", "string"):
            raise ValueError(f"type must be 'timestamp', 'datetime' or 'string', not {type!r}")
        self.type = type
        self.timezone = ZoneInfo(timezone) if timezone else None
        self.time_format = "%Y-%m-%d %H:%M:%S" if include_time else "%Y-%m-%d"
        super().__init__(value, **kwargs)

    def _parse(self, text: str) -> datetime:
        """`text` as a datetime: "now" (less an offset), or in `time_format` in `timezone`."""
        if "now" in text:
            match = _NOW.match(text)
            if match is None:
                raise ValueError(f"{text!r} is not a valid 'now' time, such as 'now - 2h'")
            amount, unit = match.groups()
            return datetime.now() - timedelta(**{_UNITS[unit or "s"]: int(amount or 0)})
        return datetime.strptime(text, self.time_format).replace(tzinfo=self.timezone)

    def preprocess(self, payload: str | None) -> str | float | datetime | None:
        if payload is None or not payload.strip():
            return None
        if self.type == "string" and "now" not in payload:
            return payload
        moment = self._parse(payload)
        if self.type == "string":
            return moment.strftime(self.time_format)
        return moment if self.type == "datetime" else moment.timestamp()

    def postprocess(self, value: Any) -> str | None:
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, datetime):
            return value.strftime(self.time_format)
        return datetime.fromtimestamp(float(value), tz=self.timezone).strftime(self.time_format)

    def api_info(self) -> dict[str, Any]:
        time = " HH:MM:SS" if self.include_time else ""
        return {"type": "string", "description": f"Formatted as YYYY-MM-DD{time}"}
