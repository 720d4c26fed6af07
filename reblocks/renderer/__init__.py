"""The aiohttp server that speaks Gradio's HTTP protocol for a reblocks app."""

from reblocks.renderer.app import AppOptions, make_app

__all__ = ["AppOptions", "make_app"]
