"""Gradio's built-in themes by name: `gr.themes.Soft()` and the like select the page's theme.

A theme here is a name the browser knows (its CSS variables live in the bundle). Gradio's theme
options (hues, sizes, fonts, `.set(...)` of CSS variables) are accepted for compatibility and warn by
name that they have no effect yet.
"""

from __future__ import annotations

from typing import Any

from reblocks.blocks.arguments import warn_unsupported

__all__ = ["Base", "Citrus", "Default", "Glass", "Monochrome", "Ocean", "Origin", "Soft"]


class Base:
    """A theme: the page's colours, sizes and fonts, chosen by name."""

    name = "default"

    def __init__(self, *, primary_hue: Any = None, secondary_hue: Any = None, neutral_hue: Any = None,
                 text_size: Any = None, spacing_size: Any = None, radius_size: Any = None, font: Any = None,
                 font_mono: Any = None) -> None:
        options = {"primary_hue": primary_hue, "secondary_hue": secondary_hue, "neutral_hue": neutral_hue,
                   "text_size": text_size, "spacing_size": spacing_size, "radius_size": radius_size,
                   "font": font, "font_mono": font_mono}
        for option, value in options.items():
            if value is not None:
                warn_unsupported(f"themes.{type(self).__name__}", option, stacklevel=2)

    def set(self, **variables: Any) -> Base:
        """Gradio's way to override theme CSS variables; not supported yet, so it warns per name."""
        for variable in variables:
            warn_unsupported(f"themes.{type(self).__name__}.set", variable, stacklevel=2)
        return self

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
