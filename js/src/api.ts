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

/** One SSE message: the JSON of its `data:` lines, and its `id:` (null when it has none). */
export interface SseMessage {
  id: string | null;
  data: unknown;
}

/** Split an SSE body into its messages. */
export async function* sseMessages(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
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
        let id: string | null = null;
        const data: string[] = [];
        for (const line of frame.split("\n")) {
          if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
          else if (line.startsWith("id:")) id = line.slice(3).trimStart();
        }
        if (!data.length) continue;
        try {
          yield { id, data: JSON.parse(data.join("\n")) };
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
const EVENT_LOST = "The server has no more messages for an event that was running; its result is lost.";

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
  /** A failure that ends pending events of the session, reported once for them all. */
  onError: (text: string) => void;
  /** True while the stream is down and being retried, false once it works again. */
  onRetrying: (retrying: boolean) => void;
}

/**
 * The session's one `/queue/data` stream. The server closes it (`close_stream`) whenever the
 * session has nothing pending, so it is opened on demand and reopened while events are unfinished.
 * Every connection says which message it saw last (`Last-Event-ID`), so one that replaces a dropped
 * connection, or a reloaded page's, gets each later message once: none lost, none twice.
 */
export class EventStream {
  readonly #url: string;
  /** Each listener, and how many connections had been opened when it came. */
  readonly #listeners = new Map<string, { listener: Listener; since: number }>();
  readonly #early = new Map<string, ServerMessage[]>();
  readonly #handlers: StreamHandlers;
  #reading = false;
  #suspended = false;
  #abort: AbortController | null = null;
  #connections = 0;
  #lastEventId: string | null;
  #retry: ReturnType<typeof setTimeout> | null = null;
  #failures = 0;
  #failingSince: number | null = null;

  /** `lastEventId`: the id of the last message the page has applied, when it resumes a session. */
  constructor(url: string, handlers: StreamHandlers, lastEventId: string | null = null) {
    this.#url = url;
    this.#handlers = handlers;
    this.#lastEventId = lastEventId;
  }

  /** The `id:` of the last message handed on: it and every message before it reached their listeners. */
  get lastEventId(): string | null {
    return this.#lastEventId;
  }

  /** Route messages of `eventId` to `listener` (replaying any that came first) and make sure we read. */
  listen(eventId: string, listener: Listener): void {
    this.#listeners.set(eventId, { listener, since: this.#connections });
    const early = this.#early.get(eventId);
    this.#early.delete(eventId);
    early?.forEach((message) => this.#route(message));
    this.#open();
  }

  forget(eventId: string): void {
    this.#listeners.delete(eventId);
  }

  /** Stop reading, and hand no message on, until `resume`: the page is leaving. */
  suspend(): void {
    this.#suspended = true;
    this.#abort?.abort();
    if (this.#retry !== null) clearTimeout(this.#retry);
    this.#retry = null;
  }

  /** Read again after `suspend`, from the last message handed on. */
  resume(): void {
    this.#suspended = false;
    this.#open();
  }

  #open(): void {
    // a scheduled reconnect opens it when due: an event joining meanwhile must not skip the wait
    if (this.#suspended || this.#reading || this.#retry !== null) return;
    if (this.#listeners.size === 0) return this.#recovered();
    this.#reading = true;
    void this.#read();
  }

  async #read(): Promise<void> {
    const connection = ++this.#connections;
    let closed = false;
    let problem = "";
    try {
      const headers: Record<string, string> = { accept: "text/event-stream" };
      if (this.#lastEventId !== null) headers["last-event-id"] = this.#lastEventId;
      this.#abort = new AbortController();
      const response = await fetch(this.#url, { headers, signal: this.#abort.signal });
      if (!response.ok || !response.body) {
        problem = await failureText(response);
      } else {
        for await (const { id, data } of sseMessages(response.body)) {
          if (this.#suspended) break; // messages of a chunk that came before the page left
          this.#recovered();
          const message = data as ServerMessage;
          if (message.msg === "close_stream") {
            closed = true;
            this.#lost(connection);
            break;
          }
          // Counted as seen before it is handled: a message whose handling throws is not asked for again.
          if (id !== null) this.#lastEventId = id;
          this.#route(message);
        }
        if (!closed) problem = "The event stream ended unexpectedly.";
      }
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    } finally {
      this.#reading = false;
      this.#abort = null;
    }
    if (this.#suspended) return;
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
    const listener = this.#listeners.get(message.event_id)?.listener;
    if (listener) return listener(message);
    const early = this.#early.get(message.event_id) ?? [];
    early.push(message);
    this.#early.set(message.event_id, early);
    if (this.#early.size > EARLY_LIMIT) this.#early.delete(this.#early.keys().next().value!);
  }

  /**
   * The stream closed, so the server had nothing pending for the session: events still waiting that
   * joined before `connection` opened are over, and the messages that ended them cannot come any
   * more (they went to a connection that dropped before its first message arrived, or the session
   * is new to the server). They end in error instead of waiting forever.
   */
  #lost(connection: number): void {
    const lost = [...this.#listeners.values()].filter(({ since }) => since < connection);
    if (lost.length) this.#fail(lost.map(({ listener }) => listener), EVENT_LOST);
  }

  /** Report `text` once and end every open event with it (listeners show nothing themselves). */
  #failAll(text: string): void {
    this.#fail([...this.#listeners.values()].map(({ listener }) => listener), text);
  }

  #fail(listeners: Listener[], text: string): void {
    this.#handlers.onError(text);
    const message: ServerMessage = { msg: "unexpected_error", event_id: null, message: text };
    listeners.forEach((listener) => listener(message));
  }
}
