"""Label and HighlightedText: a model's output shown as classes with confidences, or tagged text."""

from __future__ import annotations

import operator
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypedDict

from reblocks.components.base import Component
from reblocks.components.toolbar import CustomButton, Toolbar

if TYPE_CHECKING:
    from reblocks.components.display import Button

__all__ = ["HighlightedText", "Label"]

LabelValue = str | int | float


class LabelConfidence(TypedDict, total=False):
    """One class and its confidence, from 0 to 1."""

    label: LabelValue | None
    confidence: float | None


class LabelData(TypedDict, total=False):
    """Label's payload: the top class and, for a dict value, every class shown with its confidence."""

    label: LabelValue | None
    confidences: list[LabelConfidence] | None


class HighlightedToken(TypedDict, total=False):
    """A piece of HighlightedText's text and its category (a string) or confidence (a number)."""

    token: str
    class_or_confidence: str | float | None


_NULLABLE_VALUE = {"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "number"}, {"type": "null"}]}


class Label(Component):
    """A classification: the top class in large type, and the confidences of the top classes as bars."""

    class Props(Component.Props):
        num_top_classes: int | None = None
        """How many classes, highest confidence first, are shown; None: all."""
        color: str | None = None
        """The colour of the confidence bars (a CSS colour); None: the theme's."""
        show_heading: bool = True
        """Whether the top class is shown as a heading above the bars."""
        buttons: list[str | CustomButton] | None = None
        """gr.Buttons drawn in the top-right toolbar, firing their `click`; None: none."""

    TYPE = "label"
    buttons = Toolbar()
    EVENTS = ("change", "select")
    payload = LabelData | None
    python_type = "Dict(label: str | int | float | None, confidences: List[Dict(label: str | int | float | None, confidence: float | None)] | None)"  # noqa: E501
    api_schema = {
        "type": "object",
        "properties": {
            "label": _NULLABLE_VALUE,
            "confidences": {"anyOf": [{"type": "array", "items": {
                "type": "object", "properties": {"label": _NULLABLE_VALUE,
                                                 "confidence": {"anyOf": [{"type": "number"}, {"type": "null"}]}},
            }}, {"type": "null"}]},
        },
    }
    example_value = {"label": "Cat", "confidences": [{"label": "cat", "confidence": 0.9},
                                                     {"label": "dog", "confidence": 0.1}]}

    def __init__(self, value: dict[str, float] | str | float | Any | None = None, *,
                 num_top_classes: int | None = None, label: str | None = None, color: str | None = None,
                 show_heading: bool = True, buttons: Sequence[Button] | None = None, **kwargs: Any) -> None:
        super().__init__(value, **kwargs)

    def preprocess(self, payload: LabelData | None) -> dict[LabelValue, float] | LabelValue | None:
        if not payload:
            return None
        confidences = payload.get("confidences")
        if confidences is None:
            return payload.get("label")
        return {item.get("label"): item.get("confidence") for item in confidences}  # type: ignore[misc]

    def postprocess(self, value: Any) -> LabelData:
        if value is None or value == {}:
            return {}
        if isinstance(value, (str, int, float)):
            return {"label": str(value)}
        if not isinstance(value, dict):
            raise ValueError("Label's value must be a label (str, int or float) or a dict of label to "
                             f"confidence, not {type(value).__name__}")
        if isinstance(value.get("confidences"), list):  # a LabelData payload, as preprocess's input
            value = {item["label"]: item["confidence"] for item in value["confidences"]}
        ranked = sorted(value.items(), key=operator.itemgetter(1), reverse=True)[:self.num_top_classes]
        return {"label": ranked[0][0],
                "confidences": [{"label": label, "confidence": confidence} for label, confidence in ranked]}


class HighlightedText(Component):
    """Text whose pieces are highlighted by category (a colour each) or by confidence (an intensity)."""

    class Props(Component.Props):
        color_map: dict[str, str] | None = None
        """The colour of each category (CSS colours); categories not listed get one of the palette."""
        show_legend: bool = False
        """Whether the categories and their colours are listed above the text."""
        show_inline_category: bool = True
        """Whether each highlighted piece shows its category beside it."""
        combine_adjacent: bool = False
        """Whether neighbouring pieces of the same category are joined into one (done by postprocess)."""
        adjacent_separator: str = ""
        """What goes between the pieces `combine_adjacent` joins."""
        show_whitespaces: bool = True
        """Whether pieces keep their leading and trailing whitespace."""
        rtl: bool = False
        """Whether the text runs right to left."""
        buttons: list[str | CustomButton] | None = None
        """gr.Buttons drawn in the top-right toolbar, firing their `click`; None: none."""

    TYPE = "highlightedtext"
    buttons = Toolbar()
    EVENTS = ("change", "select")
    payload = list[HighlightedToken] | None
    python_type = "List[Dict(token: str, class_or_confidence: str | float | None)]"
    api_schema = {"type": "array", "items": {"type": "object", "properties": {
        "token": {"type": "string"},
        "class_or_confidence": {"anyOf": [{"type": "string"}, {"type": "number"}, {"type": "null"}]},
    }, "required": ["token"]}}
    example_value = [{"token": "The", "class_or_confidence": None},
                     {"token": "quick", "class_or_confidence": "adj"}]

    def __init__(self, value: list[tuple[str, str | float | None]] | dict[str, Any] | Any | None = None, *,
                 color_map: dict[str, str] | None = None, show_legend: bool = False,
                 show_inline_category: bool = True, combine_adjacent: bool = False,
                 adjacent_separator: str = "", show_whitespaces: bool = True, label: str | None = None,
                 rtl: bool = False, buttons: Sequence[Button] | None = None, **kwargs: Any) -> None:
        super().__init__(value, **kwargs)

    def preprocess(self, payload: list[HighlightedToken] | None) -> list[dict[str, Any]] | None:
        """The tokens as dicts {"token", "class_or_confidence"}, as Gradio passes them."""
        if payload is None:
            return None
        return [{"token": item["token"], "class_or_confidence": item.get("class_or_confidence")}
                for item in payload]

    def postprocess(self, value: Any) -> list[HighlightedToken] | None:
        if value is None:
            return None
        pairs = _entity_pairs(value) if isinstance(value, dict) else [_pair(item) for item in value]
        if self.combine_adjacent:
            pairs = _combined(pairs, self.adjacent_separator)
        return [{"token": text if self.show_whitespaces else text.strip(), "class_or_confidence": category}
                for text, category in pairs]


Pair = tuple[str, str | float | None]


def _pair(item: Any) -> Pair:
    """A (text, category) tuple, or a token dict as preprocess gives them, as a pair."""
    if isinstance(item, dict):
        return item["token"], item.get("class_or_confidence")
    text, category = item
    return text, category


def _entity_pairs(value: dict[str, Any]) -> list[Pair]:
    """{"text", "entities": [{"entity" or "entity_group", "start", "end"}]} (a NER pipeline's output) as
    pairs, the text between entities uncategorised."""
    try:
        text, entities = value["text"], value["entities"]
    except KeyError:
        raise ValueError("a dict value of HighlightedText needs the keys 'text' and 'entities'") from None
    pairs: list[Pair] = []
    index = 0
    for entity in sorted(entities, key=operator.itemgetter("start")):
        pairs.append((text[index:entity["start"]], None))
        pairs.append((text[entity["start"]:entity["end"]], entity.get("entity") or entity.get("entity_group")))
        index = entity["end"]
    pairs.append((text[index:], None))
    return pairs


def _combined(pairs: list[Pair], separator: str) -> list[Pair]:
    """Neighbouring pairs of the same category joined by `separator`; empty pieces dropped."""
    combined: list[Pair] = []
    for text, category in pairs:
        if not text:
            continue
        if combined and combined[-1][1] == category:
            combined[-1] = (combined[-1][0] + separator + text, category)
        else:
            combined.append((text, category))
    return combined
