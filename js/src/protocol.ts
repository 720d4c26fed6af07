// The wire messages of Gradio's sse_v3 protocol (PROTOCOL.md §5, §6), as generated from reblocks/wire.py.

export type {
  DiffOp, JoinRequest, JoinResponse, LogLevel, Output, ProgressUnit, RenderConfig, SSEMessage as ServerMessage, Update,
} from "./generated/wire";
