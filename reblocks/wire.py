"""Everything that crosses HTTP or SSE, as msgspec structs: the one schema for the wire (Gradio's sse_v3).

It sits below every layer (it imports only msgspec and the standard library), so the graph can build
the config and the server its messages from the same structs; `scripts/gen_types.py` turns them into
the browser's TypeScript types. Values (files, chat messages, updates) stay dicts at runtime, since the
user's functions see them; tests/test_wire.py checks that what the server sends fits their structs.
"""

from __future__ import annotations

from typing import Annotated, Any, Final, Literal

import msgspec
from msgspec import UNSET, UnsetType

__all__ = [
    "FILE_DATA_TYPE", "PROTOCOL_VERSION", "AppConfig", "CallRequest", "CancelRequest", "CloseStream",
    "Completed", "ComponentEntry", "ComponentPart", "DependencyEntry", "DependencyTypes", "DevError",
    "DevReload", "DiffOp", "Estimation", "FileData", "FileMeta", "FilePart", "Generating", "Heartbeat",
    "JoinRequest", "JoinResponse", "LayoutNode", "Log", "LogLevel", "Message", "Metadata", "Option", "Output",
    "PageEntry", "Part", "ProcessStarts", "ProgressMessage", "ProgressUnit", "RenderConfig", "ResetRequest",
    "SSEMessage", "StreamClose", "Streaming", "TextPart", "UnexpectedError", "Update", "UploadDone",
    "UploadHeartbeat", "UploadProgressMessage",
    "UploadUpdate",
]

PROTOCOL_VERSION = "6.31.0"  # the Gradio version whose protocol we speak; clients branch on it
FILE_DATA_TYPE: Final = "gradio.FileData"  # the marker by which clients and server recognise a file


# -- the config (GET /config, and inline in the page) ---------------------------------------------
class ComponentEntry(msgspec.Struct):
    """One block: type name, props, and for components the API schema the clients read."""

    id: int
    type: str
    props: dict[str, Any]
    skip_api: bool
    component_class_id: str
    key: int | str | None = None
    api_info: dict[str, Any] | UnsetType = UNSET
    api_info_as_input: dict[str, Any] | UnsetType = UNSET
    api_info_as_output: dict[str, Any] | UnsetType = UNSET
    example_inputs: Any = UNSET


class LayoutNode(msgspec.Struct):
    """A block id and, for layouts, its children in order."""

    id: int
    children: list[LayoutNode] | UnsetType = UNSET


class DependencyTypes(msgspec.Struct):
    generator: bool
    cancel: bool


class DependencyEntry(msgspec.Struct):
    """One listener as the browser and the clients see it."""

    id: int
    targets: list[tuple[int, str]]
    inputs: list[int]
    outputs: list[int]
    backend_fn: bool
    js: str | None
    queue: bool
    api_name: str | None
    cancels: list[int]
    types: DependencyTypes
    trigger_after: int | None
    trigger_only_on_success: bool
    trigger_only_on_failure: bool
    trigger_mode: Literal["once", "multiple", "always_last"]
    show_progress: Literal["full", "minimal", "hidden"]
    show_progress_on: list[int] | None
    """The blocks that show the progress; null: the outputs."""
    api_visibility: Literal["public", "private", "undocumented"]
    concurrency_limit: int | None
    concurrency_id: str
    connection: Literal["sse", "stream"] = "sse"
    rendered_in: int | None = None
    """The `@gr.render` whose run made this listener."""
    renderable: int | None = None
    """The `@gr.render` this listener re-runs."""
    collects_event_data: bool = True
    scroll_to_output: bool = False
    time_limit: float | None = None
    stream_every: float = 0.5
    """A `.stream` listener: seconds between the chunks the page sends."""


class RenderConfig(msgspec.Struct):
    """A `@gr.render` run's subtree (`output.render_config`): the browser replaces the container's
    children with `layout`'s and the listeners of the render's previous run with `dependencies`."""

    components: list[ComponentEntry]
    layout: LayoutNode
    dependencies: list[DependencyEntry]
    render_id: int


class PageEntry(msgspec.Struct):
    """One page of a multipage app (`demo.route`): its layout, and the ids of its blocks and listeners."""

    layout: LayoutNode
    components: list[int]
    dependencies: list[int]


class AppConfig(msgspec.Struct):
    """Everything the browser needs to draw and drive the app (Gradio's /config)."""

    components: list[ComponentEntry]
    layout: LayoutNode
    dependencies: list[DependencyEntry]
    title: str
    theme: str
    css: str | None
    js: str | None
    head: str | None
    show_error: bool
    fill_height: bool
    fill_width: bool
    app_id: int
    root: str = ""
    version: str = PROTOCOL_VERSION
    protocol: Literal["sse_v3"] = "sse_v3"
    api_prefix: str = "/gradio_api"
    mode: str = "blocks"
    connect_heartbeat: bool = True
    enable_queue: bool = True
    max_file_size: int | None = None
    dev_mode: bool = False
    analytics_enabled: bool = False
    is_colab: bool = False
    stylesheets: list[str] = msgspec.field(default_factory=list)
    space_id: str | None = None
    run_history: bool = False
    page: dict[str, PageEntry] = msgspec.field(default_factory=dict)
    """Each page's part of the app, by path ("" is the main page), as Gradio's clients read it."""
    pages: list[tuple[str, str, bool]] = msgspec.field(default_factory=lambda: [("", "Home", True)])
    """(path, name, shown in the navbar) of every page, in the order `demo.route` added them."""
    current_page: str = ""
    """The page this config draws; the full config (`/config`) is the main page's."""
    i18n_translations: dict[str, dict[str, str]] | None = None
    """The app's `gr.I18n` translations by locale (`launch(i18n=...)`); null without."""
    theme_css: str | None = None
    """CSS custom properties the theme object overrides (`gr.themes.Default().set(...)`), for `:root`
    and dark mode; null when it overrides none."""


# -- the dev mode (GET /gradio_api/dev/reload) -----------------------------------------------------
class DevReload(msgspec.Struct, tag_field="msg", tag="reload"):
    """An edit of the app's code was swapped in: pages fetch the new config."""

    version: int


class DevError(msgspec.Struct, tag_field="msg", tag="error"):
    """The edited code failed to run; the previous version keeps serving until a fix."""

    file: str
    line: int | None
    message: str


# -- requests -------------------------------------------------------------------------------------
class JoinRequest(msgspec.Struct):
    """POST /queue/join and /run/*: one payload per dependency input (null for state)."""

    data: list[Any]
    fn_index: int
    session_hash: str | None = None
    event_data: Any = None
    trigger_id: int | None = None
    event_id: str | None = None
    simple_format: bool = False
    batched: bool = False
    oauth_token: Any = None


class JoinResponse(msgspec.Struct):
    """The answer to POST /queue/join and /call/{api_name}: the event to watch for."""

    event_id: str


class CallRequest(msgspec.Struct):
    """POST /call/{api_name}: the inputs by position; a fresh session unless one is named."""

    data: list[Any]
    session_hash: str | None = None


class CancelRequest(msgspec.Struct):
    event_id: str
    session_hash: str
    fn_index: int


class ResetRequest(msgspec.Struct):
    event_id: str


class StreamClose(msgspec.Struct):
    """POST /stream/{event_id}/close: the page stopped streaming. Gradio's client sends `{}`; a
    session_hash, when given, must be the event's."""

    session_hash: str | None = None


class ComponentCall(msgspec.Struct):
    """POST /component_server: call a component's server function (FileExplorer's `ls`) with `data`."""

    component_id: int
    fn_name: str
    data: Any = None
    session_hash: str | None = None


# -- values -----------------------------------------------------------------------------------------
class FileMeta(msgspec.Struct):
    type: Literal["gradio.FileData"] = msgspec.field(default=FILE_DATA_TYPE, name="_type")


class FileData(msgspec.Struct):
    """A file: its `path` on the server (or a URL), the `url` the browser fetches it from, its name,
    size and type. The server fills in `url` (and `size`) when it sends one."""

    path: str
    url: str | None = None
    size: int | None = None
    orig_name: str | None = None
    mime_type: str | None = None
    is_stream: bool = False
    meta: FileMeta = msgspec.field(default_factory=FileMeta)


class Metadata(msgspec.Struct):
    """A chat message's metadata: a `title` makes it a thought panel; `id`/`parent_id` nest panels."""

    title: str | UnsetType = UNSET
    id: int | str | UnsetType = UNSET
    parent_id: int | str | UnsetType = UNSET
    log: str | UnsetType = UNSET
    duration: float | UnsetType = UNSET
    status: Literal["pending", "done"] | UnsetType = UNSET


class Option(msgspec.Struct):
    """A preset reply: `value` is sent when clicked; `label` is shown instead when given."""

    value: str
    label: str | UnsetType = UNSET


class TextPart(msgspec.Struct, tag_field="type", tag="text"):
    text: str


class FilePart(msgspec.Struct, tag_field="type", tag="file"):
    file: FileData
    alt_text: str | None = None


class ComponentPart(msgspec.Struct, tag_field="type", tag="component"):
    """A component shown inside a message: its type name, value and props."""

    component: str
    value: Any
    constructor_args: dict[str, Any]
    props: dict[str, Any]


Part = TextPart | FilePart | ComponentPart


class Message(msgspec.Struct):
    """One chat message as the Chatbot's value holds it: content is always a list of parts."""

    role: Literal["user", "assistant", "system"]
    metadata: Metadata | None
    content: list[Part]
    options: list[Option] | None


DiffOp = Annotated[tuple[Literal["replace", "append", "add", "delete"], list[str | int], Any], msgspec.Meta(
    description="One edit of a streamed output slot: `[op, path, value]`; `path` holds keys and indices.",
)]

Update = Annotated[dict[str, Any], msgspec.Meta(
    description="An output value that changes a component's props (and its value, when given).",
    extra_json_schema={"properties": {"__type__": {"enum": ["update"]}}, "required": ["__type__"]},
)]


# -- the event stream (GET /queue/data) ---------------------------------------------------------------
class Output(msgspec.Struct):
    """`output` of process_generating and process_completed, and the body /run answers with.

    Clients tell its three shapes apart by the keys present, which msgspec cannot (it tells structs
    apart only by a tag), so it is one struct whose unset fields stay off the wire: on success `data`
    (one value, or one diff list while generating, per output slot) and timings; on failure `error`
    (null when not for the user's eyes), `duration`, `visible` and `title`; when cancelled nothing
    (`Output()`).
    """

    data: list[Any] | UnsetType = UNSET
    is_generating: bool | UnsetType = UNSET
    error: str | None | UnsetType = UNSET
    duration: float | None | UnsetType = UNSET
    average_duration: float | None | UnsetType = UNSET
    render_config: RenderConfig | None | UnsetType = UNSET
    changed_state_ids: list[int] | UnsetType = UNSET
    used_cache: bool | None | UnsetType = UNSET
    visible: bool | UnsetType = UNSET
    title: str | UnsetType = UNSET

    @classmethod
    def success(cls, data: list[Any], is_generating: bool, duration: float,
                average_duration: float | None = None, changed_state_ids: list[int] | None = None,
                render_config: RenderConfig | None = None) -> Output:
        """The values of a run (or a step of one), with the keys a success carries."""
        return cls(data=data, is_generating=is_generating, duration=duration, average_duration=average_duration,
                   render_config=render_config, changed_state_ids=changed_state_ids or [], used_cache=None)

    @classmethod
    def failure(cls, error: str | None, duration: float | None = None, visible: bool = True,
                title: str = "Error") -> Output:
        """A failed run, with the keys a failure carries."""
        return cls(error=error, duration=duration, visible=visible, title=title)


class ServerMessage(msgspec.Struct, tag_field="msg"):
    """The messages of the event stream, told apart by `msg` (Gradio's names)."""

    event_id: str | None


class Estimation(ServerMessage, tag="estimation"):
    rank: int
    queue_size: int
    rank_eta: float | None = None


class ProcessStarts(ServerMessage, tag="process_starts"):
    eta: float | None = None


LogLevel = Literal["info", "warning", "success", "error"]


class Log(ServerMessage, tag="log"):
    log: str
    level: LogLevel
    duration: float | None = 10.0
    visible: bool = True
    title: str = "Info"


class ProgressUnit(msgspec.Struct):
    """One level of a function's progress: `index` of `length` `unit`s done, or a `progress` fraction."""

    index: int | None
    length: int | None
    unit: str
    progress: float | None
    desc: str | None


class ProgressMessage(ServerMessage, tag="progress"):
    """How far the running function has got (`gr.Progress`)."""

    progress_data: list[ProgressUnit]


class Generating(ServerMessage, tag="process_generating"):
    output: Output
    success: bool = True
    time_limit: float | None = None


class Streaming(Generating, tag="process_streaming"):
    """A `.stream` event's output for one chunk: whole values, never diffs; `time_limit` is the
    seconds the stream has left (null: no limit)."""


class Completed(ServerMessage, tag="process_completed"):
    output: Output
    success: bool
    title: str | None = None
    used_cache: Literal["full", "partial"] | None = None
    """Set to "full" when a `gr.cache` hit answered the event."""
    cache_duration: float | None = None
    avg_time: float | None = None


class UnexpectedError(ServerMessage, tag="unexpected_error"):
    """A failure outside any event, such as a stream for a session the server does not know."""

    message: str
    session_not_found: bool = False
    success: bool = False


class Heartbeat(ServerMessage, tag="heartbeat"):
    pass


class CloseStream(ServerMessage, tag="close_stream"):
    pass


SSEMessage = (Estimation | ProcessStarts | Log | ProgressMessage | Generating | Streaming | Completed
              | UnexpectedError | Heartbeat | CloseStream)


# -- the upload progress stream (GET /upload_progress) ---------------------------------------------
class UploadMessage(msgspec.Struct, tag_field="msg"):
    """The messages of the upload progress stream, told apart by `msg`."""


class UploadUpdate(UploadMessage, tag="update"):
    """A chunk of `orig_name` arrived."""

    orig_name: str
    chunk_size: int


class UploadDone(UploadMessage, tag="done"):
    pass


class UploadHeartbeat(UploadMessage, tag="heartbeat"):
    pass


UploadProgressMessage = UploadUpdate | UploadDone | UploadHeartbeat
