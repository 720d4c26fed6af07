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
const RETRIES = 3;

/**
 * The session's one `/queue/data` stream. The server closes it (`close_stream`) whenever the
 * session has nothing pending, so it is opened on demand and reopened while events are unfinished.
 */
export class EventStream {
  readonly #url: string;
  readonly #listeners = new Map<string, Listener>();
  readonly #early = new Map<string, ServerMessage[]>();
  readonly #onError: (text: string) => void;
  #reading = false;
  #failures = 0;

  /** `onError` reports, once, a failure that ends every pending event of the session. */
  constructor(url: string, onError: (text: string) => void) {
    this.#url = url;
    this.#onError = onError;
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
    if (this.#reading || this.#listeners.size === 0) return;
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
          this.#failures = 0;
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
    if (this.#listeners.size === 0) return;
    // close_stream raced a join that just returned: reopen at once. A broken stream: retry a few times.
    if (closed) return this.#open();
    if (++this.#failures <= RETRIES) {
      setTimeout(() => this.#open(), 250 * this.#failures);
      return;
    }
    this.#failures = 0;
    this.#failAll(`Connection to the server was lost: ${problem}`);
  }

  #route(message: ServerMessage): void {
    if (message.msg === "heartbeat" || message.msg === "close_stream") return;
    if (message.msg === "unexpected_error") return this.#failAll(message.message);
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
    this.#onError(text);
    const message: ServerMessage = { msg: "unexpected_error", event_id: null, message: text };
    [...this.#listeners.values()].forEach((listener) => listener(message));
  }
}
