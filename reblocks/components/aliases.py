"""Gradio's other names for components: Text, Json, Checkboxgroup, Highlightedtext, Highlight."""

from __future__ import annotations

from reblocks.components.annotated import HighlightedText
from reblocks.components.checkbox_group import CheckboxGroup
from reblocks.components.display import JSON
from reblocks.components.textbox import Textbox

__all__ = ["Checkboxgroup", "Highlight", "Highlightedtext", "Json", "Text"]

Text = Textbox
Json = JSON
Checkboxgroup = CheckboxGroup
Highlightedtext = Highlight = HighlightedText
