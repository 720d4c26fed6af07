"""The aiohttp application: Gradio's routes (page, config, info, queue, run, cancel, heartbeat, login)."""

from __future__ import annotations

import asyncio
import inspect
import logging
import math
import re
import secrets
import time
import uuid
from collections import OrderedDict
from functools import partial
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar
from urllib.parse import quote

import msgspec
from aiohttp import web

from reblocks.blocks.blocks import Blocks
from reblocks.blocks.events import Dependency
from reblocks.blocks.request import Client, Request
from reblocks.components.base import Component
from reblocks.components.state import State
from reblocks.renderer.assets import Assets
from reblocks.renderer.auth import Auth, Login
from reblocks.renderer.files import FileCache, UploadError
from reblocks.renderer.page import page_headers, render_login, render_page
from reblocks.renderer.protocol import (
    CLOSE_FRAME, HEARTBEAT_FRAME, decode_call, decode_cancel, decode_component_call, decode_join, decode_reset,
    encode, sse_frame,
)
from reblocks.renderer.queue import Event, Queue, QueueFull, SessionBusy
from reblocks.renderer.sessions import Outbox, Session, SessionStore
from reblocks.renderer.streams import Delivery, decode_close
from reblocks.renderer.workers import WorkerPool
from reblocks.wire import AppConfig, JoinRequest, JoinResponse, UnexpectedError

if TYPE_CHECKING:
    from reblocks.renderer.cluster import Cluster

__all__ = ["SERVER", "USER", "AppOptions", "DevMode", "make_app", "mount"]

log = logging.getLogger("reblocks")

STATIC_DIR = Path(__file__).parent / "static"
API = "/gradio_api"
HEARTBEAT_SECONDS = 15.0
CONFIG_CACHE_SIZE = 16  # roots (hosts) whose config JSON is kept
CALLS_KEPT = 10_000  # /call events whose session is remembered until their results are read
_SESSION_HASH = re.compile(r"[A-Za-z0-9_\-]{1,128}")
T = TypeVar("T")
_COMPLETED = b'data: {"msg":"process_completed"'
_SSE_HEADERS = {"Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache",
                "X-Accel-Buffering": "no"}


class DevMode(Protocol):
    """What the dev mode adds to the app: the stream that tells open pages an edit was swapped in."""

    async def stream(self, request: web.Request) -> web.StreamResponse: ...


@dataclass
class AppOptions:
    """Server settings `launch` passes on; the defaults match Gradio's."""

    show_error: bool = False
    max_threads: int = 40
    session_grace: float = 60.0
    resume_grace: float = 30.0
    """Seconds a session's running events wait for a client whose stream dropped before they are cancelled."""
    max_sessions: int = 10_000
    max_body_size: int = 8 * 1024 * 1024
    root_path: str = ""
    max_file_size: int | None = None
    allowed_paths: list[str] = field(default_factory=list)
    blocked_paths: list[str] = field(default_factory=list)
    allow_private_urls: bool = False
    allow_embedding: bool = False
    max_session_events: int = 256
    auth_dependency: Callable[[web.Request], str | None | Awaitable[str | None]] | None = None
    auth: Auth | None = None
    auth_message: str | None = None
    dev: DevMode | None = None
    redis_url: str | None = None
    """Serve the app together with every other process on this Redis (see renderer/cluster.py)."""


class _Server:
    """What the handlers share: the app graph, sessions, queue and cached documents."""

    def __init__(self, blocks: Blocks, options: AppOptions) -> None:
        self.blocks = blocks
        self.options = options
        self.executor = WorkerPool(options.max_threads)
        self.cluster: Cluster | None = None
        outbox: Callable[[str], Outbox] | None = None
        if options.redis_url:
            from reblocks.renderer.cluster import Cluster, ClusterOutbox, app_key  # noqa: PLC0415 - optional

            key = app_key(blocks)
            blocks.app_id = int(key[:13], 16)  # the same app id everywhere: the same file cache folder
            cluster = self.cluster = Cluster(options.redis_url, key, options.session_grace)
            cluster.on_cancel = self.queue_cancel_here
            cluster.on_stream = lambda *forwarded: self.queue.stream_here(*forwarded)
            cluster.on_expire = self._ended
            cluster.live_sessions = lambda: [session.hash for session in self.sessions.all() if not session.idle]
            outbox = partial(ClusterOutbox, cluster)
        self.sessions = SessionStore(grace=options.session_grace, limit=options.max_sessions,
                                     on_drop=self._session_ended, resume_grace=options.resume_grace,
                                     outbox=outbox)
        self.files = FileCache(blocks.app_id, options.max_file_size, options.allowed_paths,
                               options.blocked_paths, options.allow_private_urls)
        self.queue = Queue(blocks, self.sessions, self.executor, self.files, show_error=options.show_error,
                           max_size=blocks.max_queue_size, max_session_events=options.max_session_events,
                           cluster=self.cluster)
        # Keyed by root, which comes from the Host header: bounded, so made-up hosts cannot grow it.
        self._config_cache: OrderedDict[tuple[str, str | None], tuple[AppConfig, bytes]] = OrderedDict()
        self.closing = asyncio.Event()
        self.calls: OrderedDict[str, str] = OrderedDict()  # /call event id -> its session
        self.login = Login(options.auth) if options.auth is not None else None

    async def user(self, request: web.Request) -> str | None:
        """Who sent `request`: the name `auth_dependency` gives, or the owner of its login cookie."""
        if self.options.auth_dependency is not None:
            user = self.options.auth_dependency(request)
            return await user if inspect.isawaitable(user) else user
        return self.login.user(request.cookies.get(self.login.cookie)) if self.login is not None else None

    async def config_json(self, root: str, config: AppConfig | None = None) -> bytes:
        """`config` (by default the whole app's) as JSON for clients reaching the app at `root`, cached
        per root and page."""
        whole = self.blocks.config()
        config = config or whole
        key = (root, None if config is whole else config.current_page)
        cached = self._config_cache.get(key)
        if cached is not None:
            self._config_cache.move_to_end(key)
        if cached is None or cached[0] is not config:
            # Files in props (initial values, chat examples) get cache paths and URLs for this root.
            await self.files.finish_all([entry.props for entry in config.components], root, self.executor)
            body = encode(msgspec.structs.replace(config, root=root, max_file_size=self.options.max_file_size,
                                                  dev_mode=self.options.dev is not None))
            cached = self._config_cache[key] = (config, body)
            if len(self._config_cache) > CONFIG_CACHE_SIZE:
                self._config_cache.popitem(last=False)
        return cached[1]

    def swap(self, blocks: Blocks) -> None:
        """Serve `blocks` in place of the app (the dev mode, after an edit). Sessions stay: each State
        value moves to the new app's State with the same key, or else in the same place among the
        unkeyed ones; render runs are dropped (pages run them again). Events under way finish."""
        old = self.blocks
        blocks.app_id = old.app_id  # file URLs and clients' app_id stay valid
        blocks.show_error = old.show_error
        moves = _match_states(old, blocks)
        self.blocks = self.queue.blocks = blocks
        self.queue.max_size = blocks.max_queue_size
        self._config_cache.clear()
        for session in self.sessions.all():
            session.state = {moves[block_id]: value for block_id, value in session.state.items()
                             if block_id in moves}
            session.renders.clear()
            session.dependencies.clear()

    def queue_cancel_here(self, event_id: str) -> None:
        """Another process was asked to cancel `event_id`: cancel it if it runs here."""
        self.queue.cancel_here(event_id)

    def _session_ended(self, session: Session) -> None:
        """Run the app's unload functions and each State's delete_callback with the value the expiring
        session held (in threads). On a cluster, the session ends when no process has seen it."""
        if self.cluster is None:
            self._ended(session.hash, session.state)

    def _ended(self, session_hash: str, state: dict[int, Any]) -> None:
        """A session ended: its unload functions and State delete callbacks run."""
        for fn in self.blocks.unload_fns:
            self.executor.submit(_call_logged, fn)
        blocks = self.blocks.blocks_by_id()
        for block_id, value in state.items():
            block = blocks.get(block_id)
            if isinstance(block, State) and block.delete_callback is not None:
                self.executor.submit(_call_logged, block.delete_callback, value)

    def remember_call(self, event_id: str, session_hash: str) -> None:
        """Note which session a /call event runs in, until it is read (at most CALLS_KEPT of them)."""
        self.calls[event_id] = session_hash
        if len(self.calls) > CALLS_KEPT:
            self.calls.popitem(last=False)

    def endpoint(self, api_name: str) -> Dependency:
        """The public dependency named `api_name` (without its leading slash), or a 404."""
        for dependency in self.blocks.dependencies:
            if (dependency.api_name == api_name and dependency.fn is not None
                    and dependency.api_visibility != "private"):
                return dependency
        raise _client_error(web.HTTPNotFound, f"No endpoint named /{api_name}.")

    def dependency(self, fn_index: int, session_hash: str | None) -> Dependency:
        """The listener `fn_index`: the app's, or one a render run made for this session; else a 404."""
        dependency = self.blocks.dependency(fn_index)
        if dependency is None and session_hash is not None:
            session = self.sessions.get(session_hash)
            dependency = session.dependencies.get(fn_index) if session is not None else None
        if dependency is None or dependency.fn is None:
            raise _client_error(web.HTTPNotFound, f"No function with fn_index {fn_index}.")
        return dependency


SERVER = web.AppKey("reblocks_server", _Server)
USER = web.RequestKey("reblocks_user", str)
"""The logged-in user of a request, where the app has `auth` or `auth_dependency`."""


def _match_states(old: Blocks, new: Blocks) -> dict[int, int]:
    """Old State id -> new State id: by key where both have one, else by order among unkeyed States."""
    def states(blocks: Blocks) -> list[State]:
        return [block for block in blocks.blocks_by_id().values() if isinstance(block, State)]

    new_states = states(new)
    by_key = {state.key: state.id for state in new_states if state.key is not None}
    unkeyed = iter([state.id for state in new_states if state.key is None])
    moves: dict[int, int] = {}
    for state in states(old):
        target = by_key.get(state.key) if state.key is not None else next(unkeyed, None)
        if target is not None:
            moves[state.id] = target
    return moves


def _call_logged(callback: Any, *args: Any) -> None:
    try:
        callback(*args)
    except Exception:  # noqa: BLE001 - a user's callback must not take a worker thread down
        log.exception("error in %s, run as a session ended", getattr(callback, "__qualname__", callback))


def _client_error(kind: type[web.HTTPException], detail: str) -> web.HTTPException:
    """A 4xx with a JSON body `{"detail": ...}`, the shape Gradio's clients read."""
    return kind(text=encode({"detail": detail}).decode(), content_type="application/json")


def _json(value: Any) -> web.Response:
    return web.Response(body=encode(value), content_type="application/json")


def _root_url(request: web.Request, root_path: str) -> str:
    """The absolute URL clients should call back on: JS sends every API request there. `root_path` is
    the app's public path (a full URL is taken as it is); without one, the path it is mounted at."""
    if root_path.startswith(("http://", "https://")):
        return root_path.rstrip("/")
    proto = request.headers.get("X-Forwarded-Proto", request.scheme).split(",")[0].strip()
    host = request.headers.get("X-Forwarded-Host", request.host).split(",")[0].strip()
    # add_subapp prefixes the sub-app's routes, so the page's route knows where the app is mounted.
    path = root_path or request.app.router["page"].canonical
    return f"{proto}://{host}{path.rstrip('/')}"


def _caller(request: web.Request, session_hash: str) -> Request:
    """The HTTP request as the user's function sees it (`gr.Request`). The page sends its own query
    string along with a join, so `query_params` are the page's."""
    peer = request.transport.get_extra_info("peername") if request.transport is not None else None
    port = peer[1] if isinstance(peer, tuple) and len(peer) >= 2 else None
    return Request(headers=dict(request.headers), client=Client(request.remote, port), url=str(request.url),
                   query_params=dict(request.query), cookies=dict(request.cookies), session_hash=session_hash,
                   username=request.get(USER))


def _decode_body(request: web.Request, body: bytes, decoder: Callable[[bytes], T]) -> T:
    """Decode a JSON route's body. Only `application/json` is read: a cross-site page can send a
    "simple" text/plain POST without the user's consent, but not a JSON one (CSRF)."""
    if request.content_type != "application/json":
        raise _client_error(web.HTTPUnprocessableEntity,
                            f"Expected Content-Type application/json, got {request.content_type or 'none'}.")
    try:
        return decoder(body)
    except msgspec.ValidationError as exc:
        raise _client_error(web.HTTPUnprocessableEntity, str(exc)) from None
    except (msgspec.DecodeError, RecursionError) as exc:
        raise _client_error(web.HTTPBadRequest, f"Malformed JSON: {exc}") from None


async def _decode_join(request: web.Request, server: _Server) -> tuple[JoinRequest, Dependency]:
    """Decode and check a join or run body; any mistake is a 4xx before anything is queued."""
    join = _decode_body(request, await request.read(), decode_join)
    dependency = server.dependency(join.fn_index, join.session_hash)
    _check_inputs(server, join, dependency)
    return join, dependency


def _check_inputs(server: _Server, join: JoinRequest, dependency: Dependency) -> None:
    """Refuse a session hash, input count, payload type or file name the app cannot take (4xx)."""
    if join.session_hash is not None and not _SESSION_HASH.fullmatch(join.session_hash):
        raise _client_error(web.HTTPUnprocessableEntity, "session_hash must be 1-128 of [A-Za-z0-9_-].")
    if len(join.data) != len(dependency.inputs):
        raise _client_error(web.HTTPUnprocessableEntity,
                            f"Expected {len(dependency.inputs)} input values, got {len(join.data)}.")
    for index, (block, payload) in enumerate(zip(dependency.inputs, join.data)):
        if isinstance(block, State) or not isinstance(block, Component):
            continue
        try:
            msgspec.convert(payload, block.payload)
        except RecursionError:
            raise _client_error(web.HTTPBadRequest, f"data[{index}] is nested too deeply.") from None
        except msgspec.ValidationError as exc:
            name = type(block).__name__
            raise _client_error(web.HTTPUnprocessableEntity,
                                f"data[{index}] ({name}): {exc}") from None
        if block.has_files:
            _check_files(server, payload, f"data[{index}]")
    # a file named in event data (a deleted or downloaded file) is checked as an input is
    _check_files(server, join.event_data, "event_data")


def _check_files(server: _Server, payload: Any, where: str) -> None:
    """Refuse a payload naming a server file the client may not read (403), or too deep to look through."""
    try:
        server.files.check_input(payload)
    except RecursionError:
        raise _client_error(web.HTTPBadRequest, f"{where} is nested too deeply.") from None
    except UploadError as exc:
        raise _client_error(web.HTTPForbidden, exc.detail) from None


# -- pages and documents --------------------------------------------------------------------
async def page(request: web.Request) -> web.Response:
    server = request.app[SERVER]
    root = _root_url(request, server.options.root_path)
    blocks = server.blocks
    config = blocks.page_config(request.match_info.get("page", ""))
    if config is None:
        raise web.HTTPNotFound(text="No such page")
    nonce = secrets.token_urlsafe(18)  # a fresh one per page: the CSP lets only nonce'd inline scripts run
    body = render_page(blocks.title, root, blocks.css or "", await server.config_json(root, config), nonce=nonce,
                       head=blocks.head, js=blocks.js,
                       client_functions={entry.id: entry.js for entry in config.dependencies if entry.js})
    return web.Response(text=body, content_type="text/html",
                        headers=page_headers(nonce, server.options.allow_embedding))


async def page_slash(request: web.Request) -> web.Response:
    """`/about/` → `/about`, as Gradio redirects, so the page's relative links stay right."""
    raise web.HTTPMovedPermanently("../" + quote(request.match_info["page"]))


async def config(request: web.Request) -> web.Response:
    """The whole app's config, or with `?page=` one page's (what that page draws)."""
    server = request.app[SERVER]
    config = None
    if "page" in request.query:
        config = server.blocks.page_config(request.query["page"])
        if config is None:
            raise _client_error(web.HTTPNotFound, "No such page")
    return web.Response(body=await server.config_json(_root_url(request, server.options.root_path), config),
                        content_type="application/json")


async def info(request: web.Request) -> web.Response:
    everything = request.query.get("all_endpoints", "").lower() in ("true", "1")
    return _json(request.app[SERVER].blocks.api_info(all_endpoints=everything))


async def app_id(request: web.Request) -> web.Response:
    return _json({"app_id": request.app[SERVER].blocks.app_id})


async def theme_css(request: web.Request) -> web.Response:
    # Themes are CSS variables chosen in the bundle by config.theme; this route only keeps old pages happy.
    return web.Response(text="", content_type="text/css")


async def favicon(request: web.Request) -> web.Response:
    return web.Response(status=204)


# -- queue ------------------------------------------------------------------------------------
async def join(request: web.Request) -> web.Response:
    server = request.app[SERVER]
    body, dependency = await _decode_join(request, server)
    if body.session_hash is None:
        raise _client_error(web.HTTPUnprocessableEntity, "session_hash is required.")
    await _validate(request, server, body, dependency)
    event = await _submit(request, server, body, dependency)
    return _json(JoinResponse(event.id))


async def _validate(request: web.Request, server: _Server, body: JoinRequest, dependency: Dependency) -> None:
    """Refuse an event whose inputs its `validator=` refuses: a 422 whose detail is each input's
    validation, as Gradio sends it; the function is not called."""
    if dependency.validator is None:
        return
    session = server.sessions.get_or_create(body.session_hash) if body.session_hash else Session(uuid.uuid4().hex)
    event = Event(session, dependency, body, _root_url(request, server.options.root_path),
                  _caller(request, session.hash))
    try:
        refused = await server.queue.validate(event)
    except Exception as exc:  # noqa: BLE001 - the user's validator failed: the event is refused, visibly
        log.exception("error in the validator of %s", dependency.api_name)
        raise _client_error(web.HTTPBadRequest, f"The input could not be validated: {exc}") from None
    if refused is not None:
        raise web.HTTPUnprocessableEntity(text=encode({"detail": refused}).decode(),
                                          content_type="application/json")


async def _submit(request: web.Request, server: _Server, body: JoinRequest, dependency: Dependency) -> Event:
    """Queue a checked join for its session; a full queue or a busy session is the client's 503/429."""
    assert body.session_hash is not None
    session = server.sessions.get_or_create(body.session_hash)
    try:
        return await server.queue.submit(session, dependency, body, _root_url(request, server.options.root_path),
                                         _caller(request, session.hash))
    except QueueFull:
        raise _client_error(web.HTTPServiceUnavailable, "Queue is full.") from None
    except SessionBusy:
        raise _client_error(web.HTTPTooManyRequests,
                            f"This session has {server.options.max_session_events} unfinished events or "
                            "unread results already; read /queue/data or wait for them.") from None


async def queue_data(request: web.Request) -> web.StreamResponse:
    """GET /queue/data: the session's messages as SSE. A client that asks for `text/event-stream` (a
    browser, @gradio/client) gets an `id:` per message, and may come back with the last one it saw
    (`Last-Event-ID`, or `?last_event_id=`) to get every later message once."""
    server = request.app[SERVER]
    session_hash = request.query.get("session_hash", "")
    numbered = "text/event-stream" in request.headers.get("Accept", "")
    last_id = _last_event_id(request)
    session = server.sessions.get(session_hash)
    if session is None and server.cluster is not None and await server.cluster.known(session_hash):
        session = server.sessions.get_or_create(session_hash)  # it joined on another process
    response = web.StreamResponse(headers=_SSE_HEADERS)
    await response.prepare(request)
    if session is None:
        # Gradio answers 200 and one unexpected_error, so clients can tell "gone" from "unreachable".
        await response.write(sse_frame(UnexpectedError(None, message="Session not found.",
                                                       session_not_found=True)))
        return response
    server.sessions.connect(session)
    finished = False
    try:
        await server.sessions.attach(session)
        if server.cluster is not None:
            finished = await _stream_cluster(server.cluster, session, response, numbered, last_id)
        else:
            if numbered and last_id is not None:
                await response.write(session.replay.since(int(last_id)))
            finished = await _stream(session, response, numbered)
    except (ConnectionResetError, asyncio.CancelledError):
        pass
    finally:
        server.sessions.detach(session, finished)
        server.sessions.disconnect(session)
    return response


_EVENT_ID = re.compile(r"\d{1,18}(-\d{1,18}\.\d{1,6})?")  # a count, or on a cluster "<stream entry>.<n>"


def _last_event_id(request: web.Request) -> str | None:
    """The id of the last message a returning client saw, if it says; a malformed one is a 400."""
    text = request.headers.get("Last-Event-ID") or request.query.get("last_event_id")
    if not text:
        return None
    if not _EVENT_ID.fullmatch(text):
        raise _client_error(web.HTTPBadRequest, f"Malformed last event id {text[:40]!r}.")
    return text


async def _stream_cluster(cluster: Cluster, session: Session, response: web.StreamResponse, numbered: bool,
                          last_id: str | None) -> bool:
    """`_stream` on a cluster: the session's frames come from its stream in Redis, wherever its events
    run, from after `last_id` (or after what the session's readers got). Events whose process died
    end with an error, so no reader waits forever."""
    position = last_id if last_id is not None else await cluster.read_position(session.hash)
    finished: set[str] = set()  # events whose completion this reader has passed on
    loop = asyncio.get_running_loop()
    quiet_since = loop.time()
    try:
        while True:
            position, entries = await cluster.read(session.hash, position)
            if entries:
                await response.write(b"".join(b"id: %s\n%s" % (entry_id.encode(), frame) for entry_id, frame
                                              in entries) if numbered else b"".join(frame for _, frame in entries))
                quiet_since = loop.time()
                ends = [frame for _, frame in entries if frame.startswith(_COMPLETED)]
                if not ends:
                    continue
                finished.update(msgspec.json.decode(frame[6:])["event_id"] for frame in ends)
            else:
                await cluster.reap(session.hash)
                if loop.time() - quiet_since > HEARTBEAT_SECONDS:
                    await response.write(HEARTBEAT_FRAME)
                    quiet_since = loop.time()
            # A completion is the last frame of its event, even if its process has not yet said it ended.
            if await cluster.settled(session.hash, position, finished):
                await response.write(CLOSE_FRAME)
                return True
    finally:
        await asyncio.shield(cluster.mark_read(session.hash, position))


async def _stream(session: Session, response: web.StreamResponse, numbered: bool) -> bool:
    """Write the session's frames until it has nothing pending; False if the client left first.
    `numbered`: each frame goes with its `id:` and is kept for a client that comes back."""
    outbox = session.outbox
    while True:
        if outbox.empty() and (outbox.closed or not session.events):
            await response.write(CLOSE_FRAME)
            return True
        try:
            # Whatever queued up since the last write goes out in one: fewer syscalls while streaming.
            frames = await asyncio.wait_for(outbox.take(), HEARTBEAT_SECONDS)
        except TimeoutError:
            await response.write(HEARTBEAT_FRAME)
            continue
        if frames:
            await response.write(session.replay.record(frames, bool(session.events)) if numbered
                                 else b"".join(frames))


async def heartbeat(request: web.Request) -> web.StreamResponse:
    server = request.app[SERVER]
    session_hash = request.match_info["session_hash"]
    if not _SESSION_HASH.fullmatch(session_hash):
        raise _client_error(web.HTTPUnprocessableEntity, "session_hash must be 1-128 of [A-Za-z0-9_-].")
    session = server.sessions.get_or_create(session_hash)
    response = web.StreamResponse(headers=_SSE_HEADERS)
    await response.prepare(request)
    server.sessions.connect(session)
    try:
        while not server.closing.is_set():
            await response.write(b"data: ALIVE\n\n")
            try:
                await asyncio.wait_for(server.closing.wait(), HEARTBEAT_SECONDS)
            except TimeoutError:
                continue
    except (ConnectionResetError, asyncio.CancelledError):
        pass
    finally:
        server.sessions.disconnect(session)
    return response


async def run(request: web.Request) -> web.Response:
    """POST /run/{name}: a dependency with queue=False, answered in the response body."""
    server = request.app[SERVER]
    body, dependency = await _decode_join(request, server)
    await _validate(request, server, body, dependency)
    # A call without a session_hash gets a session of its own, dropped with the call: callers
    # never see each other's State or chat history.
    if body.session_hash is None:
        session = Session(uuid.uuid4().hex)
    else:
        session = server.sessions.get_or_create(body.session_hash)
    event = Event(session, dependency, body, _root_url(request, server.options.root_path),
                  _caller(request, session.hash))
    completed = await server.queue.process(event, lambda frame: None, lambda step: None)
    output = completed.output
    if not completed.success:
        return web.Response(body=encode(output), status=500, content_type="application/json")
    return _json(output)


async def call(request: web.Request) -> web.Response:
    """POST /call/{api_name} `{"data": [...]}`: queue a call by name (the two-step REST API that
    curl users know); hidden State inputs may be left out. The answer names the event to stream."""
    server = request.app[SERVER]
    body = _decode_body(request, await request.read(), decode_call)
    dependency = server.endpoint(request.match_info["api_name"])
    data = body.data
    shown = [block for block in dependency.inputs if not block.skip_api]
    if len(data) != len(dependency.inputs) and len(data) == len(shown):
        given = iter(data)
        data = [next(given) if block in shown else None for block in dependency.inputs]
    join = JoinRequest(data=data, fn_index=dependency.id, session_hash=body.session_hash or uuid.uuid4().hex,
                       simple_format=True)
    _check_inputs(server, join, dependency)
    await _validate(request, server, join, dependency)
    event = await _submit(request, server, join, dependency)
    server.remember_call(event.id, event.session.hash)
    if server.cluster is not None:  # its results may be asked for at another process
        await server.cluster.remember_call(event.id, event.session.hash)
    return _json(JoinResponse(event.id))


async def call_result(request: web.Request) -> web.StreamResponse:
    """GET /call/{api_name}/{event_id}: the event's results as `event: generating|complete|error`."""
    server = request.app[SERVER]
    event_id = request.match_info["event_id"]
    session_hash = server.calls.get(event_id)
    if session_hash is None and server.cluster is not None:
        session_hash = await server.cluster.call_session(event_id)
    session = server.sessions.get_or_create(session_hash) if session_hash is not None else None
    if session is None:
        raise _client_error(web.HTTPNotFound, f"No call {event_id} is waiting to be read.")
    response = web.StreamResponse(headers=_SSE_HEADERS)
    await response.prepare(request)
    server.sessions.connect(session)
    try:
        async for frames in _session_frames(server, session):
            if not frames:
                await response.write(b"event: heartbeat\ndata: null\n\n")
            for frame in frames:
                message = msgspec.json.decode(frame[6:])
                if message.get("event_id") != event_id:
                    continue
                await response.write(_call_frame(message))
                if message["msg"] == "process_completed":
                    server.calls.pop(event_id, None)
                    return response
    except (ConnectionResetError, asyncio.CancelledError):
        pass
    finally:
        server.sessions.disconnect(session)
    return response


async def _session_frames(server: _Server, session: Session) -> AsyncIterator[list[bytes]]:
    """The session's frames in batches as they come, and an empty batch after a heartbeat's time
    without any: from its outbox, or on a cluster from its stream in Redis (from the start)."""
    if server.cluster is None:
        while not session.outbox.closed:
            try:
                yield await asyncio.wait_for(session.outbox.take(), HEARTBEAT_SECONDS)
            except TimeoutError:
                yield []
        return
    position = "0-0"
    while True:
        position, entries = await server.cluster.read(session.hash, position)
        if not entries:
            await server.cluster.reap(session.hash)
        yield [frame for _, frame in entries]


def _call_frame(message: dict[str, Any]) -> bytes:
    """A queue message as the REST API streams it: outputs alone, or the error."""
    kind = message["msg"]
    if kind not in ("process_generating", "process_completed"):
        return b""
    output = message["output"]
    if not message["success"] or "error" in output:
        return b"event: error\ndata: " + encode(output) + b"\n\n"
    name = b"generating" if kind == "process_generating" else b"complete"
    return b"event: " + name + b"\ndata: " + encode(output.get("data")) + b"\n\n"


async def upload(request: web.Request) -> web.Response:
    """POST /upload: multipart `files`, streamed into the cache; the server paths, in order."""
    try:
        paths = await request.app[SERVER].files.receive(request)
    except UploadError as exc:
        return web.Response(status=exc.status, body=encode({"detail": exc.detail}),
                            content_type="application/json")
    return _json(paths)


async def component_server(request: web.Request) -> web.Response:
    """POST /component_server: one of a component's declared server functions (FileExplorer's `ls`, an
    HTML's `server_functions`), run with the JSON argument the page sent (sync ones in a worker thread);
    a bad argument is a 400."""
    server = request.app[SERVER]
    body = _decode_body(request, await request.read(), decode_component_call)
    block = server.blocks.blocks_by_id().get(body.component_id)
    if block is None and body.session_hash is not None:
        session = server.sessions.get(body.session_hash)
        rendered = session.renders.values() if session is not None else ()
        block = next((found for run in rendered for found in run.blocks() if found.id == body.component_id), None)
    fn = block.server_function(body.fn_name) if isinstance(block, Component) else None
    if fn is None:
        raise _client_error(web.HTTPNotFound, f"No server function {body.fn_name!r} on component {body.component_id}.")
    try:
        if inspect.iscoroutinefunction(fn):
            result = await fn(body.data)
        else:
            result = await asyncio.get_running_loop().run_in_executor(server.executor, partial(fn, body.data))
    except (ValueError, TypeError) as exc:
        raise _client_error(web.HTTPBadRequest, str(exc)) from None
    return _json(result)


async def upload_progress(request: web.Request) -> web.StreamResponse:
    return await request.app[SERVER].files.progress.stream(request)


async def file(request: web.Request) -> web.StreamResponse:
    return request.app[SERVER].files.response(request.match_info["path"])


async def cancel(request: web.Request) -> web.Response:
    body = _decode_body(request, await request.read(), decode_cancel)
    await request.app[SERVER].queue.cancel(body.session_hash, body.event_id)
    return _json({"success": True})


async def stream_chunk(request: web.Request) -> web.Response:
    """POST /stream/{event_id}: the next chunk of a `.stream` event (a webcam frame, a microphone chunk),
    a join body with the event's session_hash, checked as a join's inputs are."""
    server = request.app[SERVER]
    body, _ = await _decode_join(request, server)
    if body.session_hash is None:
        raise _client_error(web.HTTPUnprocessableEntity, "session_hash is required.")
    _streamed(request, await server.queue.stream(request.match_info["event_id"], body.session_hash, body))
    return _json({"msg": "success"})


async def stream_close(request: web.Request) -> web.Response:
    """POST /stream/{event_id}/close: the page stopped streaming; the event ends and frees its slot."""
    body = _decode_body(request, await request.read() or b"{}", decode_close)
    _streamed(request, await request.app[SERVER].queue.stream(request.match_info["event_id"], body.session_hash,
                                                                None))
    return _json({"msg": "success"})


def _streamed(request: web.Request, delivery: Delivery) -> None:
    """Answer a chunk or close that did not reach its event with the client's 4xx."""
    event_id = request.match_info["event_id"]
    if delivery is Delivery.UNKNOWN:
        raise _client_error(web.HTTPNotFound, f"No streaming event {event_id} is running.")
    if delivery is Delivery.FOREIGN:
        raise _client_error(web.HTTPForbidden, f"Event {event_id} belongs to another session.")
    if delivery is Delivery.MISMATCH:
        raise _client_error(web.HTTPUnprocessableEntity, f"Event {event_id} runs another function (fn_index).")


async def reset(request: web.Request) -> web.Response:
    _decode_body(request, await request.read(), decode_reset)
    return _json({"success": True})


async def _on_shutdown(app: web.Application) -> None:
    """End every open stream so the runner can finish: heartbeats stop, data streams close."""
    server = app[SERVER]
    server.closing.set()
    server.sessions.close_streams()


async def _expire_states(server: _Server) -> None:
    """Each second, forget the State values whose `time_to_live` ran out and run their delete_callback."""
    while True:
        await asyncio.sleep(1)
        now = time.monotonic()
        for session in server.sessions.all():
            for callback, value in session.expire_states(now):
                if callback is not None:
                    server.executor.submit(_call_logged, callback, value)


async def _delete_cache(server: _Server, frequency: float, age: float) -> None:
    """Blocks' `delete_cache=(frequency, age)`: every `frequency` seconds, delete the cached files older
    than `age` seconds (in a thread: the folder may be large)."""
    while True:
        await asyncio.sleep(frequency)
        try:
            await asyncio.to_thread(server.files.delete_older_than, age)
        except OSError:  # a file the server may not delete: say so, and try again next time
            log.exception("delete_cache could not delete a cached file")


async def _lifecycle(app: web.Application) -> AsyncIterator[None]:
    server = app[SERVER]
    cluster = server.cluster
    if cluster is not None:
        await cluster.start()
    delete_cache = server.blocks.delete_cache
    tasks = [asyncio.create_task(_expire_states(server))]
    if delete_cache is not None:
        tasks.append(asyncio.create_task(_delete_cache(server, *delete_cache)))
    yield
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    if delete_cache is not None:
        # As Gradio: with delete_cache, the cache goes entirely when the server stops.
        await asyncio.to_thread(server.files.delete_older_than, 0)
    if cluster is not None:
        await cluster.stop()
    server.executor.shutdown(wait=False, cancel_futures=True)


# -- login (auth= and auth_dependency) ------------------------------------------------------------
_PUBLIC_ROUTES = ("assets", "login", "logout")  # the bundle stays public so a proxy's login page can load it


@web.middleware
async def _authenticate(request: web.Request, handler: Any) -> web.StreamResponse:
    """Every route but the public ones needs a user: the page sends a stranger to the login form
    (with `auth`), anything else answers 401 JSON, as Gradio's clients expect."""
    if request.match_info.route.name not in _PUBLIC_ROUTES:
        server = request.app[SERVER]
        user = await server.user(request)
        if user is None:
            if server.login is not None and request.match_info.route.name in ("page", "subpage"):
                raise web.HTTPFound("login")  # relative: right under any prefix or proxy path
            raise _client_error(web.HTTPUnauthorized, "Not authenticated")
        request[USER] = user
    response: web.StreamResponse = await handler(request)
    return response


async def login_form(request: web.Request) -> web.Response:
    return _login_page(request)


def _login_page(request: web.Request, error: str | None = None, username: str = "",
                status: int = 200) -> web.Response:
    server = request.app[SERVER]
    return web.Response(text=render_login(server.blocks.title, server.options.auth_message, error, username),
                        status=status, content_type="text/html",
                        headers=page_headers(secrets.token_urlsafe(18), server.options.allow_embedding))


async def login(request: web.Request) -> web.Response:
    """POST /login, form `username` and `password`: sets the session cookie. The browser's form is
    sent on to the app (or shown again, with the error); API clients get JSON."""
    server = request.app[SERVER]
    assert server.login is not None
    form = await request.post()
    username, password = str(form.get("username", "")).strip(), str(form.get("password", ""))
    from_form = "text/html" in request.headers.get("Accept", "")
    address = request.remote or ""
    wait = server.login.wait(address)
    if wait > 0:
        message = f"Too many failed logins. Try again in {math.ceil(wait)} seconds."
        if from_form:
            return _login_page(request, message, username, status=429)
        raise _client_error(web.HTTPTooManyRequests, message)
    if not await server.login.check(username, password):
        server.login.failed(address)
        if from_form:
            return _login_page(request, "Incorrect credentials.", username, status=401)
        raise _client_error(web.HTTPUnauthorized, "Incorrect credentials.")
    response = web.Response(status=303, headers={"Location": "./"}) if from_form else _json({"success": True})
    response.set_cookie(server.login.cookie, server.login.open(username), path="/", httponly=True,
                        samesite="Lax", secure=_root_url(request, server.options.root_path).startswith("https:"))
    return response


async def logout(request: web.Request) -> web.Response:
    """GET /logout: ends every session of the cookie's user and goes back to the app (hence the form)."""
    login = request.app[SERVER].login
    assert login is not None
    user = login.user(request.cookies.get(login.cookie))
    if user is not None:
        login.close(user)
    response = web.Response(status=302, headers={"Location": "./"})
    response.del_cookie(login.cookie, path="/")
    return response


def make_app(blocks: Blocks, options: AppOptions | None = None) -> web.Application:
    """An aiohttp application serving `blocks`; mount it in another app with `mount`, or run it with `launch`."""
    options = options or AppOptions(show_error=blocks.show_error)
    if options.auth is not None and options.auth_dependency is not None:
        raise ValueError("auth and auth_dependency cannot both be given: choose one")
    guarded = options.auth is not None or options.auth_dependency is not None
    app = web.Application(client_max_size=options.max_body_size, middlewares=[_authenticate] if guarded else [])
    app[SERVER] = _Server(blocks, options)
    app.cleanup_ctx.append(_lifecycle)
    app.on_shutdown.append(_on_shutdown)
    app.router.add_get("/", page, name="page")
    if options.auth is not None:
        app.router.add_get("/login", login_form, name="login")
        app.router.add_post("/login", login, name="login")
        app.router.add_get("/logout", logout, name="logout")
    app.router.add_get("/config", config)
    app.router.add_get("/theme.css", theme_css)
    app.router.add_get("/favicon.ico", favicon)
    app.router.add_get("/assets/{name}", Assets(STATIC_DIR / "assets").handle, name="assets")
    app.router.add_get(f"{API}/info", info)
    app.router.add_get(f"{API}/app_id", app_id)
    app.router.add_post(f"{API}/component_server", component_server)
    app.router.add_get(f"{API}/heartbeat/{{session_hash}}", heartbeat)
    app.router.add_post(f"{API}/queue/join", join)
    app.router.add_get(f"{API}/queue/data", queue_data)
    app.router.add_post(f"{API}/run/{{api_name}}", run)
    app.router.add_post(f"{API}/call/{{api_name}}", call)
    app.router.add_get(f"{API}/call/{{api_name}}/{{event_id}}", call_result)
    app.router.add_post(f"{API}/upload", upload)
    app.router.add_get(f"{API}/upload_progress", upload_progress)
    app.router.add_get(f"{API}/file={{path:.+}}", file)
    app.router.add_get(f"{API}/file/{{path:.+}}", file)  # the legacy spelling, same checks
    app.router.add_post(f"{API}/cancel", cancel)
    app.router.add_post(f"{API}/reset", reset)
    app.router.add_post(f"{API}/stream/{{event_id}}", stream_chunk)
    app.router.add_post(f"{API}/stream/{{event_id}}/close", stream_close)
    if options.dev is not None:
        app.router.add_get(f"{API}/dev/reload", options.dev.stream)
    # Last: the pages of a multipage app (`demo.route`), at any top-level path the routes above left.
    app.router.add_get("/{page}", page, name="subpage")
    app.router.add_get("/{page}/", page_slash)
    return app


def mount(app: web.Application, blocks: Blocks, path: str, options: AppOptions) -> web.Application:
    """Serve `blocks` under `path` of the host `app`, next to its own routes; the app's workers and
    sessions start and stop with the host's (aiohttp runs a sub-app's startup and cleanup)."""
    path = "/" + path.strip("/")
    if path == "/":
        raise ValueError("mount needs a path below the root, such as '/chat'; serve an app alone with launch")

    async def add_slash(request: web.Request) -> web.Response:
        # The last segment, relative: right whatever prefix a proxy put in front.
        raise web.HTTPFound(path.rsplit("/", 1)[-1] + "/")

    app.router.add_get(path, add_slash)  # before the sub-app, which would answer 404 for its bare prefix
    app.add_subapp(path, make_app(blocks, options))
    return app
