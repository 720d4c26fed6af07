"""The HTML page that boots the browser runtime: inline config, the app's CSS, and the bundle."""

from __future__ import annotations

import html

__all__ = ["render_page"]

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="{root}/assets/index.css">
<style id="reblocks-css">{css}</style>
<script>window.gradio_config = {config};</script>
<script type="module" src="{root}/assets/index.js"></script>
</head><body><div id="reblocks-app"></div></body></html>
"""


def page_headers(nonce: str, allow_embedding: bool) -> dict[str, str]:
    """Security headers for the page (to be written: CSP with `nonce`, nosniff, frame options)."""
    return {}


def render_page(title: str, root: str, css: str, config_json: bytes, *, nonce: str, head: str | None,
                js: str | None, client_functions: dict[int, str]) -> str:
    """The page for `root`, with the config inlined so the first paint needs no extra request."""
    # `</` inside the inline JSON would end the <script> element early.
    config = config_json.decode().replace("</", "<\\/")
    return _PAGE.format(title=html.escape(title), root=html.escape(root), css=css.replace("</", "<\\/"),
                        config=config)
