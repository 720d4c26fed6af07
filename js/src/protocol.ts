// The wire messages of Gradio's sse_v3 protocol (PROTOCOL.md §5, §6); mirrors renderer/protocol.py.

/** One edit of a streamed value: `[op, path, value]` (PROTOCOL.md §6). */
export type DiffOp = ["replace" | "append" | "add" | "delete", (string | number)[], unknown];

/** Body of POST /queue/join and /run/predict. */
export interface JoinRequest {
  data: unknown[];
  event_data: unknown;
  fn_index: number;
  trigger_id: number | null;
  session_hash: string;
}

/** Body of POST /cancel (followed by /reset with the event id alone). */
export interface CancelRequest {
  event_id: string;
  session_hash: string;
  fn_index: number;
}

/** `output` of a successful process_generating / process_completed, and of /run/predict. */
export interface Output {
  data?: unknown[];
  is_generating?: boolean;
  changed_state_ids?: number[];
  error?: string | null;
  title?: string;
  visible?: boolean;
  duration?: number | null;
}

export interface ProgressUnit {
  index: number | null;
  length: number | null;
  unit: string;
  progress: number | null;
  desc: string | null;
}

export type LogLevel = "info" | "warning" | "success" | "error";

/** Messages on GET /queue/data, keyed by `msg`. */
export type ServerMessage =
  | { msg: "estimation"; event_id: string; rank: number; queue_size: number; rank_eta?: number | null }
  | { msg: "process_starts"; event_id: string; eta?: number | null }
  | { msg: "progress"; event_id: string; progress_data: ProgressUnit[] | null }
  | { msg: "log"; event_id: string; log: string; level: LogLevel; title?: string | null;
      duration?: number | null; visible?: boolean }
  | { msg: "process_generating"; event_id: string; output: Output; success: boolean }
  | { msg: "process_completed"; event_id: string; output: Output; success: boolean; title?: string | null }
  | { msg: "unexpected_error"; event_id: string | null; message: string; session_not_found?: boolean }
  | { msg: "heartbeat"; event_id: null }
  | { msg: "close_stream"; event_id: null };
