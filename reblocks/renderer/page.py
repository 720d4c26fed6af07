"""The HTML page that boots the browser runtime: inline config, the app's CSS, and the bundle."""

from __future__ import annotations

import html
import re

import msgspec

__all__ = ["page_headers", "render_login", "render_page"]

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="{root}/assets/index.css">
<style id="reblocks-css">{css}</style>
<script nonce="{nonce}">window.gradio_config = {config};</script>
{scripts}<script type="module" nonce="{nonce}" src="{root}/assets/index.js"></script>
{head}</head><body><div id="reblocks-app"></div></body></html>
"""

# No script and no external file: the login page works under the page's CSP before anything else loads.
_LOGIN = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; display: flex; justify-content: center; margin-top: 12vh; }}
form {{ display: grid; gap: 0.75rem; width: min(22rem, 90vw); }}
input, button {{ font: inherit; padding: 0.5rem; }}
.error {{ color: #b91c1c; }}
</style></head><body>
<form method="post" action="login">
<h1>Login</h1>
{message}{error}<label>Username <input name="username" value="{username}" autocomplete="username" required autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Login</button>
</form></body></html>
"""

# Inside JSON these characters occur only in strings, where \\u escapes mean the same; unescaped,
# `</script>` or `<!--<script>` would end or derail the <script> element, and U+2028/9 end a line
# for older JavaScript parsers.
_JSON_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                               "\u2028": "\\u2028", "\u2029": "\\u2029"})
# The same hazards in JavaScript source: `<` written as \x3C, which strings, templates and regular
# expressions read as `<`, wherever it starts `</script` or `<!--`.
_SCRIPT_BREAK = re.compile(r"<(?=/script|!--)", re.IGNORECASE)
_LESS_THAN = r"\\x3C"  # a replacement template: \\ stands for one backslash
_SCRIPT_TAG = re.compile(r"<script\b", re.IGNORECASE)

_POLICY = (
    "default-src 'self'",
    "script-src 'self' 'nonce-{nonce}'",
    # components, KaTeX and plotly.js set style attributes; an app's css= may @import web fonts
    "style-src 'self' 'unsafe-inline' https:",
    "font-src 'self' data: https:",
    # chats show remote images; recordings, previews and drawn figures are blob: and data: URLs
    "img-src 'self' data: blob: https:",
    "media-src 'self' data: blob: https:",
    "connect-src 'self' data: blob:",
    "worker-src 'self' blob:",
    "frame-src 'self' https:",  # an unsanitised Markdown may embed a video player
    "object-src 'none'",
    "base-uri 'self'",
)


def page_headers(nonce: str, allow_embedding: bool) -> dict[str, str]:
    """The page's security headers: a CSP that runs only our scripts and those carrying `nonce`,
    nosniff, and unless `allow_embedding`, no framing by other origins."""
    policy = [directive.format(nonce=nonce) for directive in _POLICY]
    headers = {"X-Content-Type-Options": "nosniff"}
    if not allow_embedding:
        policy.append("frame-ancestors 'self'")
        headers["X-Frame-Options"] = "SAMEORIGIN"  # for browsers that ignore frame-ancestors
    headers["Content-Security-Policy"] = "; ".join(policy)
    return headers


def _inline_json(json: bytes) -> str:
    return json.decode().translate(_JSON_ESCAPES)


def _inline_script(source: str, nonce: str) -> str:
    return f'<script nonce="{nonce}">{_SCRIPT_BREAK.sub(_LESS_THAN, source)}</script>\n'


def _client_scripts(nonce: str, js: str | None, client_functions: dict[int, str]) -> str:
    """The app's JavaScript in nonce'd scripts, since the CSP forbids the runtime to compile it."""
    # One script per listener, so one that does not parse leaves the others working. `js` stays a
    # string: once mounted, the runtime tells a function expression from a script body.
    scripts = [_inline_script(f"(window.__reblocks_functions ??= {{}})[{id}] = (\n{source}\n);", nonce)
               for id, source in client_functions.items()]
    if js:
        scripts.append(_inline_script(f"window.__reblocks_app_js = {_inline_json(msgspec.json.encode(js))};",
                                      nonce))
    return "".join(scripts)


def render_page(title: str, root: str, css: str, config_json: bytes, *, nonce: str, head: str | None,
                js: str | None, client_functions: dict[int, str]) -> str:
    """The page for `root`, with the config inlined so the first paint needs no extra request.
    `head` is the app author's HTML: trusted, so its scripts get the nonce and run under the CSP."""
    return _PAGE.format(title=html.escape(title), root=html.escape(root), css=css.replace("</", "<\\/"),
                        nonce=nonce, config=_inline_json(config_json),
                        scripts=_client_scripts(nonce, js, client_functions),
                        head=_SCRIPT_TAG.sub(f'<script nonce="{nonce}"', head) + "\n" if head else "")


def render_login(title: str, message: str | None, error: str | None = None, username: str = "") -> str:
    """The login form, posting to the `login` route next to it. `message` is the app author's
    `auth_message`, HTML as in Gradio; `error` is shown after a refused attempt by `username`."""
    return _LOGIN.format(title=html.escape(title), message=f"<div>{message}</div>\n" if message else "",
                         username=html.escape(username),
                         error=f'<p class="error" role="alert">{html.escape(error)}</p>\n' if error else "")
