"""Every request and message that crosses HTTP or SSE, as msgspec structs (Gradio's sse_v3)."""

from __future__ import annotations

from typing import Any, Literal

import msgspec

from reblocks.blocks.config import AppConfig

__all__ = [
    "AppConfig", "CallRequest", "CancelRequest", "Cancelled", "CloseStream", "Completed", "ErrorOutput",
    "Estimation", "Generating", "Heartbeat", "JoinRequest", "Log", "Output", "ProcessStarts",
    "ResetRequest", "SSEMessage", "UnexpectedError", "decode_call", "decode_cancel", "decode_join",
    "decode_reset", "encode", "sse_frame",
]


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


class Output(msgspec.Struct):
    """A successful result: one value (or diff list, while generating) per output slot."""

    data: list[Any]
    is_generating: bool
    duration: float
    average_duration: float | None = None
    render_config: None = None
    changed_state_ids: list[int] = msgspec.field(default_factory=list)
    used_cache: bool | None = None


class ErrorOutput(msgspec.Struct):
    """A failed result; `error` is null when the message is not for the user's eyes."""

    error: str | None
    duration: float | None = None
    visible: bool = True
    title: str = "Error"


class Cancelled(msgspec.Struct):
    """The empty output Gradio sends when an event was cancelled."""


class ServerMessage(msgspec.Struct, tag_field="msg"):
    event_id: str | None


class Estimation(ServerMessage, tag="estimation"):
    rank: int
    queue_size: int
    rank_eta: float | None = None


class ProcessStarts(ServerMessage, tag="process_starts"):
    eta: float | None = None


class Log(ServerMessage, tag="log"):
    log: str
    level: Literal["info", "warning", "success", "error"]
    duration: float | None = 10.0
    visible: bool = True
    title: str = "Info"


class Generating(ServerMessage, tag="process_generating"):
    output: Output
    success: bool = True
    time_limit: float | None = None


class Completed(ServerMessage, tag="process_completed"):
    output: Output | ErrorOutput | Cancelled
    success: bool
    title: str | None = None
    used_cache: bool | None = None
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


SSEMessage = (Estimation | ProcessStarts | Log | Generating | Completed | UnexpectedError | Heartbeat
              | CloseStream)

encode = msgspec.json.Encoder().encode
decode_join = msgspec.json.Decoder(JoinRequest).decode
decode_cancel = msgspec.json.Decoder(CancelRequest).decode
decode_call = msgspec.json.Decoder(CallRequest).decode
decode_reset = msgspec.json.Decoder(ResetRequest).decode

HEARTBEAT_FRAME = b'data: {"msg":"heartbeat","event_id":null}\n\n'
CLOSE_FRAME = b'data: {"msg":"close_stream","event_id":null}\n\n'


def sse_frame(message: SSEMessage) -> bytes:
    """One SSE frame: `data: <json>` and a blank line."""
    return b"data: " + encode(message) + b"\n\n"
