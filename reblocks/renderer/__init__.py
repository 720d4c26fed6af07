"""The aiohttp server that speaks Gradio's HTTP protocol for a reblocks app. aiohttp is imported on first
use (`make_app`, `mount_gradio_app`), so `import reblocks` stays fast."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aiohttp import web

    from reblocks.blocks.blocks import Blocks
    from reblocks.i18n import I18n
    from reblocks.renderer.app import AppOptions, make_app
    from reblocks.renderer.auth import Auth

__all__ = ["AppOptions", "make_app", "mount_gradio_app"]


def __getattr__(name: str) -> Any:
    if name in ("AppOptions", "make_app"):
        from reblocks.renderer import app

        return getattr(app, name)
    raise AttributeError(f"module 'reblocks.renderer' has no attribute {name!r}")


def mount_gradio_app(
    app: web.Application,
    blocks: Blocks,
    path: str,
    server_name: str | None = None,
    server_port: int | None = None,
    footer_links: list[Any] | None = None,
    run_history: bool | None = None,
    app_kwargs: dict[str, Any] | None = None,
    *,
    auth: Auth | None = None,
    auth_message: str | None = None,
    auth_dependency: Callable[[web.Request], str | None | Awaitable[str | None]] | None = None,
    root_path: str | None = None,
    allowed_paths: list[str] | None = None,
    blocked_paths: list[str] | None = None,
    favicon_path: str | None = None,
    show_error: bool = True,
    max_file_size: str | int | None = None,
    ssr_mode: bool | None = None,
    node_server_name: str | None = None,
    node_port: int | None = None,
    enable_monitoring: bool | None = None,
    pwa: bool | None = None,
    i18n: I18n | None = None,
    mcp_server: bool | None = None,
    theme: Any = None,
    css: str | None = None,
    css_paths: Any = None,
    js: str | None = None,
    head: str | None = None,
    head_paths: Any = None,
) -> web.Application:
    """Serve `blocks` under `path` (e.g. "/chat") of an aiohttp application, next to its own routes, as
    Gradio's `mount_gradio_app` does for FastAPI. `root_path` is the app's public path behind a proxy that
    strips a prefix; URLs otherwise follow the request (`X-Forwarded-Host`/`-Proto` included)."""
    from reblocks.blocks.arguments import warn_unsupported
    from reblocks.renderer.app import AppOptions, mount
    from reblocks.renderer.files import parse_size

    unsupported = dict(server_name=server_name, server_port=server_port, footer_links=footer_links,
                       run_history=run_history, app_kwargs=app_kwargs, favicon_path=favicon_path,
                       ssr_mode=ssr_mode, node_server_name=node_server_name, node_port=node_port,
                       enable_monitoring=enable_monitoring, pwa=pwa, mcp_server=mcp_server, css_paths=css_paths,
                       head_paths=head_paths)
    for name, value in unsupported.items():
        if value is not None:
            warn_unsupported("mount_gradio_app", name, stacklevel=2)
    for name, value in (("theme", theme), ("js", js), ("head", head), ("i18n_instance", i18n)):
        if value is not None:
            setattr(blocks, name, value)
    if css is not None:
        blocks.css = (blocks.css or "") + css
    blocks.show_error = show_error
    options = AppOptions(show_error=show_error, root_path=root_path or "", max_file_size=parse_size(max_file_size),
                         allowed_paths=list(allowed_paths or []), blocked_paths=list(blocked_paths or []),
                         auth=auth, auth_message=auth_message, auth_dependency=auth_dependency)
    return mount(app, blocks, path, options)
