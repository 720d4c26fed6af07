// HTTP side of the protocol: JSON posts and the session's single SSE stream (PROTOCOL.md §2, §5.2).

import type { ServerMessage } from "./protocol";

/** POST a JSON body; network failures surface as a thrown Error with a readable message. */
export function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-gradio-user": "app" },
    body: JSON.stringify(body),
  });
}

/** The message of a failed response: `detail` or `error` from a JSON body, else its text or status. */
export async function failureText(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { detail?: unknown; error?: unknown };
    const reason = body.detail ?? body.error;
    if (typeof reason === "string") return reason;
    if (reason != null) return JSON.stringify(reason);
  } catch {
    // not JSON: fall through to the raw text
  }
  return text || `${response.status} ${response.statusText}`.trim();
}

/** Split an SSE body into the JSON payloads of its `data:` frames. */
export async function* sseMessages(body: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
  const reader = body.pipeThrough<string>(new TextDecoderStream() as ReadableWritablePair<string, Uint8Array>).getReader();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replace(/\r\n?/g, "\n");
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame.split("\n").filter((line) => line.startsWith("data:"))
          .map((line) => line.slice(5).trimStart()).join("\n");
        if (!data) continue;
        try {
          yield JSON.parse(data);
        } catch {
          // a non-JSON frame (e.g. "ALIVE") carries nothing for us
        }
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

type Listener = (message: ServerMessage) => void;

const EARLY_LIMIT = 64; // messages kept for events whose join response has not arrived yet
const BACKOFF_BASE = 250; // ms before the first reconnect, doubled with each failure
const BACKOFF_CAP = 10_000;
const GIVE_UP_AFTER = 60_000; // ms of failed reconnects before the pending events fail
const SESSION_LOST = "The server no longer knows this session; reload the page.";

/**
 * Milliseconds before reconnect `attempt` (1, 2, ...): doubling up to a cap, half of it random so
 * that pages which lost the same server do not all come back at the same moment.
 */
function backoff(attempt: number): number {
  const delay = Math.min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (attempt - 1));
  return delay / 2 + (Math.random() * delay) / 2;
}

/** What the session's stream reports to the page. */
export interface StreamHandlers {
  /** A failure that ends every pending event of the session, reported once. */
  onError: (text: string) => void;
  /** True while the stream is down and being retried, false once it works again. */
  onRetrying: (retrying: boolean) => void;
}

/**
 * The session's one `/queue/data` stream. The server closes it (`close_stream`) whenever the
 * session has nothing pending, so it is opened on demand and reopened while events are unfinished.
 */
export class EventStream {
  readonly #url: string;
  readonly #listeners = new Map<string, Listener>();
  readonly #early = new Map<string, ServerMessage[]>();
  readonly #handlers: StreamHandlers;
  #reading = false;
  #retry: ReturnType<typeof setTimeout> | null = null;
  #failures = 0;
  #failingSince: number | null = null;

  constructor(url: string, handlers: StreamHandlers) {
    this.#url = url;
    this.#handlers = handlers;
  }

  /** Route messages of `eventId` to `listener` (replaying any that came first) and make sure we read. */
  listen(eventId: string, listener: Listener): void {
    this.#listeners.set(eventId, listener);
    const early = this.#early.get(eventId);
    this.#early.delete(eventId);
    early?.forEach((message) => this.#route(message));
    this.#open();
  }

  forget(eventId: string): void {
    this.#listeners.delete(eventId);
  }

  #open(): void {
    // a scheduled reconnect opens it when due: an event joining meanwhile must not skip the wait
    if (this.#reading || this.#retry !== null) return;
    if (this.#listeners.size === 0) return this.#recovered();
    this.#reading = true;
    void this.#read();
  }

  async #read(): Promise<void> {
    let closed = false;
    let problem = "";
    try {
      const response = await fetch(this.#url, { headers: { accept: "text/event-stream" } });
      if (!response.ok || !response.body) {
        problem = await failureText(response);
      } else {
        for await (const message of sseMessages(response.body)) {
          this.#recovered();
          if ((message as ServerMessage).msg === "close_stream") {
            closed = true;
            break;
          }
          this.#route(message as ServerMessage);
        }
        if (!closed) problem = "The event stream ended unexpectedly.";
      }
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    } finally {
      this.#reading = false;
    }
    // close_stream raced a join that just returned: reopen at once
    if (closed || this.#listeners.size === 0) return this.#open();
    this.#failingSince ??= Date.now();
    if (Date.now() - this.#failingSince < GIVE_UP_AFTER) {
      this.#handlers.onRetrying(true);
      this.#retry = setTimeout(() => {
        this.#retry = null;
        this.#open();
      }, backoff(++this.#failures));
      return;
    }
    this.#recovered();
    this.#failAll(`Connection to the server was lost: ${problem}`);
  }

  /** The stream works, or is no longer needed: the next failure starts a fresh series of retries. */
  #recovered(): void {
    if (this.#failingSince === null) return;
    this.#failures = 0;
    this.#failingSince = null;
    this.#handlers.onRetrying(false);
  }

  #route(message: ServerMessage): void {
    if (message.msg === "heartbeat" || message.msg === "close_stream") return;
    if (message.msg === "unexpected_error") {
      // final: the server ends the stream, and no reconnect will bring the session back
      return this.#failAll(message.session_not_found ? SESSION_LOST : message.message);
    }
    if (message.event_id == null) return;
    const listener = this.#listeners.get(message.event_id);
    if (listener) return listener(message);
    const early = this.#early.get(message.event_id) ?? [];
    early.push(message);
    this.#early.set(message.event_id, early);
    if (this.#early.size > EARLY_LIMIT) this.#early.delete(this.#early.keys().next().value!);
  }

  /** Report `text` once and end every open event with it (listeners show nothing themselves). */
  #failAll(text: string): void {
    this.#handlers.onError(text);
    const message: ServerMessage = { msg: "unexpected_error", event_id: null, message: text };
    [...this.#listeners.values()].forEach((listener) => listener(message));
  }
}
