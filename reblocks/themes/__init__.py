"""Gradio's themes: `gr.themes.Soft()` selects a built-in look, and `.set(...)` overrides its CSS variables.

A built-in theme is a name the browser knows (its CSS variables live in the bundle, under Gradio's
names). What the hues, sizes, fonts and `.set()` change becomes CSS for the page: `primary_hue="blue"`
sets `--primary-50` to `--primary-950`, `button_primary_background_fill` is
`--button-primary-background-fill`, and a `*_dark` variable applies while the page is dark.
Fonts are never downloaded: a `GoogleFont` is used when the system has it, else the next font in the list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from reblocks.themes import colors, sizes
from reblocks.themes.colors import Color
from reblocks.themes.sizes import Size

__all__ = ["Base", "Citrus", "Color", "Default", "Font", "Glass", "GoogleFont", "LocalFont", "Monochrome",
           "Ocean", "Origin", "Size", "Soft", "colors", "sizes"]

# The variables Gradio's `Base.set()` takes. Those of the first list also have a `*_dark` variant.
_WITH_DARK = frozenset("""
    body_background_fill body_text_color body_text_color_subdued background_fill_primary
    background_fill_secondary border_color_accent border_color_accent_subdued border_color_primary
    color_accent_soft link_text_color link_text_color_active link_text_color_hover link_text_color_visited
    code_background_fill shadow_spread block_background_fill block_border_color block_border_width
    block_info_text_color block_label_background_fill block_label_border_color block_label_border_width
    block_label_text_color block_shadow block_title_background_fill block_title_border_color
    block_title_border_width block_title_text_color panel_background_fill panel_border_color
    panel_border_width accordion_text_color table_text_color checkbox_background_color
    checkbox_background_color_focus checkbox_background_color_hover checkbox_background_color_selected
    checkbox_border_color checkbox_border_color_focus checkbox_border_color_hover
    checkbox_border_color_selected checkbox_border_width checkbox_label_background_fill
    checkbox_label_background_fill_hover checkbox_label_background_fill_selected checkbox_label_border_color
    checkbox_label_border_color_hover checkbox_label_border_color_selected checkbox_label_border_width
    checkbox_label_shadow checkbox_label_shadow_hover checkbox_label_shadow_active checkbox_label_text_color
    checkbox_label_text_color_selected error_background_fill error_border_color error_border_width
    error_text_color error_icon_color input_background_fill input_background_fill_focus
    input_background_fill_hover input_border_color input_border_color_focus input_border_color_hover
    input_border_width input_placeholder_color input_shadow input_shadow_focus loader_color slider_color
    stat_background_fill table_border_color table_even_background_fill table_odd_background_fill
    table_row_focus button_border_width button_primary_background_fill button_primary_background_fill_hover
    button_primary_border_color button_primary_border_color_hover button_primary_text_color
    button_primary_text_color_hover button_primary_shadow button_primary_shadow_hover
    button_primary_shadow_active button_secondary_background_fill button_secondary_background_fill_hover
    button_secondary_border_color button_secondary_border_color_hover button_secondary_text_color
    button_secondary_text_color_hover button_secondary_shadow button_secondary_shadow_hover
    button_secondary_shadow_active button_cancel_background_fill button_cancel_background_fill_hover
    button_cancel_border_color button_cancel_border_color_hover button_cancel_text_color
    button_cancel_text_color_hover button_cancel_shadow button_cancel_shadow_hover button_cancel_shadow_active
""".split())
_LIGHT_ONLY = frozenset("""
    body_text_size body_text_weight embed_radius color_accent prose_text_size prose_text_weight
    prose_header_text_weight shadow_drop shadow_drop_lg shadow_inset block_info_text_size
    block_info_text_weight block_label_shadow block_label_margin block_label_padding block_label_radius
    block_label_right_radius block_label_text_size block_label_text_weight block_padding block_radius
    block_title_padding block_title_radius block_title_text_size block_title_text_weight container_radius
    form_gap_width layout_gap section_header_text_size section_header_text_weight chatbot_text_size
    checkbox_border_radius checkbox_check radio_circle checkbox_shadow checkbox_label_gap
    checkbox_label_padding checkbox_label_text_size checkbox_label_text_weight input_padding input_radius
    input_text_size input_text_weight table_radius button_transform_hover button_transform_active
    button_transition button_large_padding button_large_radius button_large_text_size
    button_large_text_weight button_small_padding button_small_radius button_small_text_size
    button_small_text_weight button_medium_padding button_medium_radius button_medium_text_size
    button_medium_text_weight
""".split())
_VARIABLES = _WITH_DARK | _LIGHT_ONLY | {f"{name}_dark" for name in _WITH_DARK}
_REFERENCE = re.compile(r"\*(\w+)")  # Gradio's `*primary_500`: the value of another variable
_GENERIC_FONTS = frozenset("serif sans-serif monospace cursive fantasy system-ui ui-serif ui-sans-serif "
                           "ui-monospace ui-rounded emoji math fangsong".split())


def _property(name: str) -> str:
    return "--" + name.replace("_", "-")


def _css_value(value: str) -> str:
    return _REFERENCE.sub(lambda match: f"var({_property(match.group(1))})", value)


def _rule(selector: str, variables: dict[str, str]) -> str:
    body = "".join(f"  {_property(name)}: {_css_value(value)};\n" for name, value in variables.items())
    return f"{selector} {{\n{body}}}\n" if variables else ""


class Font:
    """A font family by name, as the system has it (Gradio's `gr.themes.Font`)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return self.name if self.name in _GENERIC_FONTS else f'"{self.name}"'


class GoogleFont(Font):
    """A Google font by name. Nothing is fetched from the internet: the page uses it if the system has
    it installed, else the fonts after it in the theme's list."""

    def __init__(self, name: str, weights: Iterable[int] = (400, 600)) -> None:
        super().__init__(name)
        self.weights = tuple(weights)


class LocalFont(GoogleFont):
    """A font installed on the machines that view the page."""


def _hue(option: str, value: Color | str) -> Color:
    if isinstance(value, Color):
        return value
    found = getattr(colors, str(value), None)
    if not isinstance(found, Color):
        raise ValueError(f"{option}={value!r} is not a hue; use gr.themes.colors.* or one of their names")
    return found


def _scale(option: str, prefix: str, value: Size | str) -> Size:
    if isinstance(value, Size):
        return value
    found = getattr(sizes, f"{prefix}_{value}", None)
    if not isinstance(found, Size):
        raise ValueError(f"{option}={value!r} is not a {prefix} size; use gr.themes.sizes.{prefix}_* or its suffix")
    return found


class Base:
    """A theme: a built-in look chosen by name, plus what its hues, sizes and fonts and `.set()` override."""

    name = "default"

    def __init__(self, *, primary_hue: Color | str | None = None, secondary_hue: Color | str | None = None,
                 neutral_hue: Color | str | None = None, text_size: Size | str | None = None,
                 spacing_size: Size | str | None = None, radius_size: Size | str | None = None,
                 font: Font | str | Iterable[Font | str] | None = None,
                 font_mono: Font | str | Iterable[Font | str] | None = None) -> None:
        self._variables: dict[str, str | None] = {}
        for option, value in (("primary", primary_hue), ("secondary", secondary_hue), ("neutral", neutral_hue)):
            if value is not None:
                hue = _hue(f"{option}_hue", value)
                self._variables.update(zip((f"{option}_{shade}" for shade in Color.SHADES), hue.expand()))
        if primary_hue is not None:  # every built-in look takes its accent from the primary hue
            self._variables.update(color_accent="*primary_500", color_accent_soft="*primary_50",
                                   button_primary_background_fill="*primary_500",
                                   button_primary_background_fill_hover="*primary_600")
        for option, prefix, size in (("text_size", "text", text_size), ("spacing_size", "spacing", spacing_size),
                                     ("radius_size", "radius", radius_size)):
            if size is not None:
                scale = _scale(option, prefix, size)
                self._variables.update(zip((f"{prefix}_{step}" for step in Size.STEPS), scale.expand()))
        if text_size is not None:
            self._variables.update(body_text_size="*text_md", prose_text_size="*text_md")
        if spacing_size is not None:
            self._variables.update(layout_gap="*spacing_xxl", block_padding="*spacing_xl")
        for option, fonts in (("font", font), ("font_mono", font_mono)):
            if fonts is not None:
                listed = [fonts] if isinstance(fonts, (str, Font)) else list(fonts)
                self._variables[option] = ", ".join(
                    str(name if isinstance(name, Font) else Font(name)) for name in listed)

    def set(self, **variables: str | None) -> Base:
        """Override theme variables by Gradio's names (`button_primary_background_fill="#f00"`, and
        `*_dark` for dark mode); returns the theme, so calls chain. An unknown name is a TypeError."""
        for name, value in variables.items():
            if name not in _VARIABLES:
                raise TypeError(f"themes.{type(self).__name__}.set() got an unexpected keyword argument {name!r}")
            if value is None and not name.endswith("_dark"):
                raise ValueError(f"Cannot set {name!r} to None - only dark mode variables can be None.")
            self._variables[name] = None if value is None else str(value)
        return self

    def theme_css(self) -> str:
        """The CSS of the variables this theme overrides, as Gradio writes it: on `:root`, and on
        `.dark` the `*_dark` values and those without a dark variant."""
        light = {name: value for name, value in self._variables.items()
                 if value is not None and not name.endswith("_dark")}
        dark = {name: value for name, value in light.items() if name not in _WITH_DARK}
        for name, value in self._variables.items():
            if name.endswith("_dark"):
                base = name.removesuffix("_dark")
                # None: the dark value is the light one (Gradio's "same in both modes")
                dark_value = value if value is not None else light.get(base)
                if dark_value is not None:
                    dark[base] = dark_value
        return _rule(":root", light) + _rule(":root.dark, :root .dark", dark)

    def __repr__(self) -> str:
        return f"gr.themes.{type(self).__name__}()"


class Default(Base):
    name = "default"


class Origin(Base):
    name = "origin"


class Citrus(Base):
    name = "citrus"


class Monochrome(Base):
    name = "monochrome"


class Soft(Base):
    name = "soft"


class Glass(Base):
    name = "glass"


class Ocean(Base):
    name = "ocean"
