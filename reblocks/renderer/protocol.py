"""The server's encoder, its request decoders and SSE framing, for the structs in `reblocks.wire`."""

from __future__ import annotations

import msgspec

from reblocks.wire import (
    CallRequest, CancelRequest, CloseStream, ComponentCall, Heartbeat, JoinRequest, ResetRequest, SSEMessage,
    UploadProgressMessage,
)

__all__ = ["CLOSE_FRAME", "HEARTBEAT_FRAME", "decode_call", "decode_cancel", "decode_component_call",
           "decode_join", "decode_reset", "encode", "sse_frame"]

encode = msgspec.json.Encoder().encode
decode_join = msgspec.json.Decoder(JoinRequest).decode
decode_cancel = msgspec.json.Decoder(CancelRequest).decode
decode_call = msgspec.json.Decoder(CallRequest).decode
decode_reset = msgspec.json.Decoder(ResetRequest).decode
decode_component_call = msgspec.json.Decoder(ComponentCall).decode


def sse_frame(message: SSEMessage | UploadProgressMessage) -> bytes:
    """One SSE frame: `data: <json>` and a blank line."""
    return b"data: " + encode(message) + b"\n\n"


HEARTBEAT_FRAME = sse_frame(Heartbeat(None))
CLOSE_FRAME = sse_frame(CloseStream(None))
