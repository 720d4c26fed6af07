"""`launch`: serve a Blocks app on a background event loop, as Gradio's launch() does."""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
import socket
import ssl
import sys
import threading
import warnings
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from aiohttp import web

from reblocks.blocks.blocks import Blocks
from reblocks.i18n import I18n
from reblocks.renderer.app import AppOptions, DevMode, make_app
from reblocks.renderer.auth import Auth
from reblocks.renderer.files import parse_size

__all__ = ["DevServer", "LaunchResult", "Server", "dev_mode", "launch"]

log = logging.getLogger("reblocks")
PORT_TRIES = 100


class LaunchResult(NamedTuple):
    app: web.Application | None
    """The aiohttp application; None for a `launch()` the dev mode took over."""
    local_url: str
    share_url: str | None


class DevServer(DevMode, Protocol):
    """The dev mode: while it runs the app's file, `launch()` calls in it come here instead of
    serving a second time; the server it starts itself gets the dev routes."""

    capturing: bool

    def captured(self, blocks: Blocks, options: dict[str, Any]) -> LaunchResult: ...


_dev: list[DevServer] = []  # the dev mode in charge, if any


@contextmanager
def dev_mode(dev: DevServer) -> Iterator[None]:
    """Within the block, `launch()` calls go to `dev` while it captures them, and otherwise serve
    with its routes."""
    _dev.append(dev)
    try:
        yield
    finally:
        _dev.remove(dev)


class Server:
    """An aiohttp runner on its own thread and loop, so `launch` can return or block as asked."""

    def __init__(self, app: web.Application, host: str, port: int,
                 ssl_context: ssl.SSLContext | None = None) -> None:
        self.app = app
        self.host = host
        self.port = port
        self.ssl_context = ssl_context
        self.loop = asyncio.new_event_loop()
        # handler_cancellation: a closed tab ends its heartbeat and streams at once, so the session's
        # grace period (then unload) starts then, not at the next write.
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=1.0,
                                     handler_cancellation=True)
        self._started = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._serve, name="reblocks-server", daemon=True)

    def start(self) -> None:
        """Start serving and return once the socket listens (or raise what stopped it)."""
        self._thread.start()
        self._started.wait()
        if self._error is not None:
            raise self._error

    def _serve(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self._runner.setup())
            site = web.TCPSite(self._runner, self.host, self.port, ssl_context=self.ssl_context)
            self.loop.run_until_complete(site.start())
        except BaseException as exc:  # noqa: BLE001 - re-raised in the launching thread
            self._error = exc
            self._started.set()
            return
        self._started.set()
        self.loop.run_forever()
        self.loop.close()

    async def _shutdown(self) -> None:
        try:
            await self._runner.cleanup()
        finally:
            self.loop.stop()

    def stop(self) -> None:
        """Stop serving: close connections and streams, then wait for the server thread to end."""
        if self.loop.is_running():
            asyncio.run_coroutine_threadsafe(self._shutdown(), self.loop)
        self._thread.join(timeout=10)

    def join(self) -> None:
        """Block until the server stops (Ctrl+C stops it)."""
        try:
            while self._thread.is_alive():
                self._thread.join(timeout=0.5)
        except KeyboardInterrupt:
            print("Keyboard interruption in main thread... closing server.")
            self.stop()


def _free_port(host: str, start: int) -> int:
    """`start` or the next port that can be bound, as Gradio tries 7860, 7861, ..."""
    for port in range(start, start + PORT_TRIES):
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            try:
                probe.bind((host, port))
            except OSError:
                continue
            return port
    raise OSError(f"no free port in {start}-{start + PORT_TRIES - 1} on {host}")


def launch(
    blocks: Blocks,
    inline: bool | None = None,
    inbrowser: bool = False,
    share: bool | None = None,
    debug: bool = False,
    max_threads: int = 40,
    auth: Auth | None = None,
    auth_message: str | None = None,
    prevent_thread_lock: bool = False,
    show_error: bool = False,
    server_name: str | None = None,
    server_port: int | None = None,
    *,
    height: int = 500,
    width: int | str = "100%",
    favicon_path: str | None = None,
    ssl_keyfile: str | None = None,
    ssl_certfile: str | None = None,
    ssl_keyfile_password: str | None = None,
    ssl_verify: bool = True,
    quiet: bool = False,
    show_api: bool = True,
    footer_links: list[Any] | None = None,
    run_history: bool | None = None,
    allowed_paths: list[str] | None = None,
    blocked_paths: list[str] | None = None,
    root_path: str | None = None,
    app_kwargs: dict[str, Any] | None = None,
    state_session_capacity: int = 10_000,
    share_server_address: str | None = None,
    share_server_protocol: str | None = None,
    share_server_tls_certificate: str | None = None,
    auth_dependency: Callable[[web.Request], str | None | Awaitable[str | None]] | None = None,
    max_file_size: str | int | None = None,
    enable_monitoring: bool | None = None,
    strict_cors: bool = True,
    node_server_name: str | None = None,
    node_port: int | None = None,
    ssr_mode: bool | None = None,
    pwa: bool | None = None,
    mcp_server: bool | None = None,
    num_workers: int | None = None,
    i18n: I18n | None = None,
    theme: Any = None,
    css: str | None = None,
    css_paths: str | Path | Sequence[str | Path] | None = None,
    js: str | None = None,
    head: str | None = None,
    head_paths: str | Path | Sequence[str | Path] | None = None,
    session_grace_period: float = 60.0,
    allow_private_urls: bool = False,
    allow_embedding: bool = False,
    max_session_events: int = 256,
    redis_url: str | None = None,
) -> LaunchResult:
    """Serve `blocks` on http://server_name:server_port (env GRADIO_SERVER_NAME/PORT, else 127.0.0.1:7860),
    or https:// with `ssl_certfile` and `ssl_keyfile`; `i18n` holds the translations of `gr.I18n` keys.
    With `redis_url` (or $REBLOCKS_REDIS_URL), every process launched on that Redis serves the app."""
    if i18n is not None and not isinstance(i18n, I18n):
        raise TypeError(f"launch(i18n=...) takes a gr.I18n, not {type(i18n).__name__}")
    blocks.i18n_instance = i18n  # before the dev mode takes the call: each run of the file sets it
    # Files read now, before the dev mode takes the call, so it gets their text with css= and head=
    css = _with_files(css, css_paths if css_paths is not None else blocks.css_paths)
    head = _with_files(head, head_paths if head_paths is not None else blocks.head_paths)
    dev = _dev[-1] if _dev else None
    if dev is not None and dev.capturing:
        given = {name: value for name, value in locals().items() if name in _DEFAULTS
                 and value is not _DEFAULTS[name] and value != _DEFAULTS[name]}
        return dev.captured(blocks, given)
    # Accepted for Gradio's signature but not acted on yet: say so, so nobody relies on them.
    _warn_unsupported(inline=inline, debug=debug or None, height=height if height != 500 else None,
                      width=width if width != "100%" else None, favicon_path=favicon_path,
                      ssl_verify=None if ssl_verify else False, show_api=None if show_api else False,
                      footer_links=footer_links, run_history=run_history, app_kwargs=app_kwargs,
                      share_server_address=share_server_address, share_server_protocol=share_server_protocol,
                      share_server_tls_certificate=share_server_tls_certificate,
                      enable_monitoring=enable_monitoring, strict_cors=None if strict_cors else False,
                      node_server_name=node_server_name, node_port=node_port, ssr_mode=ssr_mode, pwa=pwa,
                      mcp_server=mcp_server, num_workers=num_workers)
    ssl_context = _ssl_context(ssl_certfile, ssl_keyfile, ssl_keyfile_password)
    if blocks.server is not None:
        blocks.close()
    if theme is not None:
        blocks.theme = theme
    if css is not None:
        blocks.css = (blocks.css or "") + css
    if js is not None:
        blocks.js = js
    if head is not None:
        blocks.head = head
    blocks.show_error = show_error
    host = server_name or os.environ.get("GRADIO_SERVER_NAME") or "127.0.0.1"
    port_env = os.environ.get("GRADIO_SERVER_PORT")
    if server_port is not None:
        port = server_port
    else:
        port = _free_port(host, int(port_env) if port_env else 7860)
    options = AppOptions(show_error=show_error, max_threads=max_threads,
                         session_grace=session_grace_period, max_sessions=state_session_capacity,
                         root_path=root_path or os.environ.get("GRADIO_ROOT_PATH", ""),
                         max_file_size=parse_size(max_file_size),
                         allowed_paths=list(allowed_paths or []), blocked_paths=list(blocked_paths or []),
                         allow_private_urls=allow_private_urls, allow_embedding=allow_embedding,
                         max_session_events=max_session_events, auth_dependency=auth_dependency, auth=auth,
                         auth_message=auth_message, dev=dev,
                         redis_url=redis_url or os.environ.get("REBLOCKS_REDIS_URL") or None)
    app = make_app(blocks, options)
    server = Server(app, host, port, ssl_context)
    server.start()
    blocks.server = server
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    local_url = f"{'https' if ssl_context else 'http'}://{shown_host}:{port}/"
    if not quiet:
        print(f"* Running on local URL:  {local_url}", flush=True)
        if share:
            # Gradio's share links go through its tunnel servers on the internet; reblocks has none.
            print("* share=True: reblocks cannot create a public share link; the app is served locally only.",
                  flush=True)
    if inbrowser:
        import webbrowser

        webbrowser.open(local_url)
    if not prevent_thread_lock and not _interactive():
        server.join()
    return LaunchResult(app, local_url, None)


_DEFAULTS = {name: parameter.default for name, parameter in inspect.signature(launch).parameters.items()
             if parameter.default is not inspect.Parameter.empty}


def _warn_unsupported(**given: Any) -> None:
    for name, value in given.items():
        if value is not None:
            warnings.warn(f"launch({name}=...) is not supported by reblocks yet and has no effect",
                          stacklevel=4)


def _with_files(text: str | None, paths: str | Path | Sequence[str | Path] | None) -> str | None:
    """`text`, then the content of each file in `paths`, as Gradio joins `css` and `css_paths`."""
    if paths is None:
        return text
    files = [paths] if isinstance(paths, (str, Path)) else paths
    parts = [text or "", *(Path(path).read_text(encoding="utf-8") for path in files)]
    return "\n".join(parts) if files else text


def _ssl_context(certfile: str | None, keyfile: str | None, password: str | None) -> ssl.SSLContext | None:
    """The server's TLS context from Gradio's ssl_* options; half a pair is an error, never plain HTTP."""
    if certfile is None and keyfile is None:
        if password is not None:
            raise ValueError("ssl_keyfile_password needs ssl_keyfile and ssl_certfile")
        return None
    if certfile is None or keyfile is None:
        raise ValueError("HTTPS needs both ssl_certfile and ssl_keyfile")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certfile, keyfile, password)
    return context


def _interactive() -> bool:
    """In a REPL or notebook, launch returns at once, as Gradio's does."""
    return hasattr(sys, "ps1") or "ipykernel" in sys.modules
