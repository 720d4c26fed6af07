// The event runtime: block state, dependency triggering, queue/predict calls and output updates
// (PROTOCOL.md §5, §6, §9). One Runtime per mounted app, handed to blocks by context.

import { createContext } from "svelte";
import { SvelteMap } from "svelte/reactivity";
import { EventStream, failureText, postJson } from "./api";
import { clientFunction, isThenable, slotValues } from "./clientjs";
import { applyDiff, deepEqual } from "./diff";
import { I18n, pageLanguages } from "./i18n.svelte";
import type {
  DiffOp, JoinRequest, JoinResponse, Output, ProgressUnit, RenderConfig, ServerMessage, Update,
} from "./protocol";
import { keepWhenLeaving, takeSnapshot, type Snapshot, type StoredBlock, type StoredRun } from "./resume";
import type { Toasts } from "./toasts.svelte";
import type { AppConfig, ComponentConfig, Dependency, LayoutNode } from "./types";

type ShowProgress = Dependency["show_progress"];
/** How a run ended; a cancelled run counts as a success for `.then()`/`.success()` chains. */
type Outcome = "success" | "cancelled" | "error";

/** What a running event shows on one of its outputs. */
export class Loading {
  /** "queue: 2/3" (in the page's language) while waiting in the queue. */
  queue: string | null = $state(null);
  /** True once outputs stream in: the overlay gives way to a subtle outline. */
  generating = $state(false);
  /** What the function last reported with gr.Progress, outermost level first. */
  progress: ProgressUnit[] | null = $state.raw(null);

  constructor(readonly show: ShowProgress) {}
}

/** One block's live state: its props, its value and the events it is waiting on. */
export class BlockState {
  props: Record<string, unknown> = $state.raw({});
  /** Replaced, never mutated: components assign a new value (bindable), outputs assign diffs' results. */
  value: unknown = $state.raw(null);
  loading: Loading[] = $state.raw([]);
  /** A layout's children; a render swaps them. */
  children: LayoutNode[] | undefined = $state.raw(undefined);
  /** Why a listener's validator refused this block's value, until the value changes. */
  validation: string | null = $state(null);
  /** While a `.stream` event of this block runs with a time_limit: when it ends (`performance.now()` ms). */
  streamEnds: number | null = $state(null);
  readonly key: string | number | null;
  /** The value the config gave: a reload keeps only values that changed since. */
  initial: unknown;
  /** The props the config gave, to tell which ones the page changed since. */
  initialProps: Record<string, unknown>;

  constructor(readonly id: number, readonly type: string, props: Record<string, unknown>,
    key: string | number | null | undefined) {
    const { value = null, ...rest } = props;
    this.props = rest;
    this.initialProps = rest;
    this.value = value;
    this.initial = value;
    this.key = key ?? null;
  }

  /** Whether the value is no longer the one the config gave. */
  get changed(): boolean {
    return !deepEqual(this.value, this.initial);
  }

  /** The props whose values are no longer the config's, or null if none. */
  changedProps(): Record<string, unknown> | null {
    const changed = Object.entries(this.props).filter(([name, value]) => !deepEqual(value, this.initialProps[name]));
    return changed.length ? Object.fromEntries(changed) : null;
  }
}

/** The props a block re-drawn by a render with the same key keeps from the page. */
function preservedByKey(props: Record<string, unknown>): string[] {
  const names = props.preserved_by_key ?? "value";
  return Array.isArray(names) ? names.map(String) : names === null ? [] : [String(names)];
}

/** Each node of `layout` and below it, parents first. */
function* nodes(layout: LayoutNode): Generator<LayoutNode> {
  yield layout;
  for (const child of layout.children ?? []) yield* nodes(child);
}

/** One triggered dependency, from join to completion. */
class Run {
  eventId: string | null = null;
  cancelRequested = false;
  /** Full value of each output slot as last received, the base for the next diff. */
  previous: unknown[] = [];
  started = false;
  /** A `.stream` event the page stopped: it sends no more chunks, and its close goes once it is joined. */
  closing = false;
  readonly loading: Loading;

  constructor(readonly dependency: Dependency) {
    this.loading = new Loading(dependency.show_progress ?? "full");
  }
}

interface Trigger {
  eventData: unknown;
  triggerId: number | null;
}

function randomHash(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from(crypto.getRandomValues(new Uint8Array(11)), (byte) => alphabet[byte % 36]).join("");
}

function isUpdate(value: unknown): value is Update {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    && (value as Record<string, unknown>).__type__ === "update";
}

export class Runtime {
  /** config.root, without trailing slash: the base of every request and file URL. */
  readonly root: string;
  /** The session's id on the server: a page reloaded while its events ran keeps its predecessor's. */
  readonly sessionHash: string;
  /** config.max_file_size in bytes, null for no limit. */
  readonly maxFileSize: number | null;
  /** True while the event stream is lost and being retried: the page says so. */
  reconnecting = $state(false);
  /** The page's layout tree; the dev mode replaces it when the app's code changes. */
  layout: LayoutNode = $state.raw({ id: -1 });
  /** The API's base URL: root plus the API prefix. */
  readonly api: string;
  /** The app's config; the dev mode replaces it when the app's code changes. */
  config: AppConfig = $state.raw() as AppConfig;
  /** The page's language, and the app's translations of its `gr.I18n` keys. */
  readonly i18n: I18n;
  readonly #toasts: Toasts;
  /** Reactive: a render or a reload replaces blocks, and the page redraws those it shows. */
  readonly #blocks = new SvelteMap<number, BlockState>();
  #dependencies: Dependency[] = [];
  readonly #byTarget = new Map<string, Dependency[]>();
  /** Render ids (`@gr.render`s) that have drawn their subtree on this page. */
  readonly #rendered = new Set<number>();
  readonly #runs = new Set<Run>();
  /** always_last: the one trigger to run once the current run of that dependency ends. */
  readonly #waiting = new Map<number, Trigger>();
  /** The latest chunk each streaming input sent: its `.stream` listeners read it as the block's value. */
  readonly #chunks = new Map<number, unknown>();
  readonly #stream: EventStream;
  #heartbeat: EventSource | null = null;
  /** The events the page before this one left running, picked up by `start`. */
  #resumed: StoredRun[] = [];

  constructor(config: AppConfig, toasts: Toasts, root: string) {
    this.config = config;
    this.#toasts = toasts;
    this.root = root;
    this.i18n = new I18n(pageLanguages(), config.i18n_translations);
    this.maxFileSize = config.max_file_size ?? null;
    this.api = root + (config.api_prefix ?? "/gradio_api");
    this.#place(config.components, config.layout, new Map());
    this.layout = config.layout;
    this.#listen(config.dependencies);
    const snapshot = takeSnapshot(config.app_id);
    this.sessionHash = snapshot?.session ?? randomHash();
    if (snapshot) this.#restore(snapshot);
    this.#stream = new EventStream(`${this.api}/queue/data?session_hash=${this.sessionHash}`, {
      onError: (text) => toasts.error("Error", text),
      onRetrying: (retrying) => (this.reconnecting = retrying),
    }, snapshot?.lastEventId ?? null);
  }

  /**
   * Open the heartbeat, pick up the events the previous page left running, and fire `load`
   * listeners; returns the teardown.
   */
  start(): () => void {
    if (this.config.connect_heartbeat) {
      this.#heartbeat = new EventSource(`${this.api}/heartbeat/${this.sessionHash}`);
    }
    this.#resumed.splice(0).forEach((stored) => this.#resume(stored));
    this.#load(this.config.dependencies);
    const stopKeeping = keepWhenLeaving({
      snapshot: () => this.#snapshot(),
      leave: () => this.#stream.suspend(),
      back: () => this.#stream.resume(),
    });
    return () => {
      stopKeeping();
      this.#heartbeat?.close();
    };
  }

  /** What a page loading in this tab needs to go on with the running events; null if none runs. */
  #snapshot(): Snapshot | null {
    const runs = [...this.#runs].flatMap((run): StoredRun[] => {
      if (run.eventId === null) return []; // not joined yet, or not queued: nothing to follow
      const shared = run.dependency.outputs.flatMap((id, slot) =>
        slot in run.previous && this.#blocks.get(id)?.value === run.previous[slot] ? [slot] : []);
      return [{
        dependency: run.dependency.id, eventId: run.eventId, started: run.started,
        cancelRequested: run.cancelRequested, shared,
        previous: run.previous.map((value, slot) => (shared.includes(slot) ? null : value)),
        queue: run.loading.queue, progress: run.loading.progress,
      }];
    });
    if (!runs.length) return null;
    const blocks = [...this.#blocks.values()].flatMap((block): StoredBlock[] => {
      if (block.type === "state") return [];
      const props = block.changedProps();
      const stored: StoredBlock = { id: block.id, type: block.type };
      if (block.changed) stored.value = block.value;
      if (props) stored.props = props;
      return block.changed || props ? [stored] : [];
    });
    return {
      app: this.config.app_id, session: this.sessionHash, lastEventId: this.#stream.lastEventId,
      saved: Date.now(), runs, blocks,
    };
  }

  /** Give the blocks what the previous page had changed, before anything is drawn. */
  #restore(snapshot: Snapshot): void {
    for (const stored of snapshot.blocks) {
      const block = this.#blocks.get(stored.id);
      if (!block || block.type !== stored.type) continue;
      if ("value" in stored) block.value = stored.value;
      if (stored.props) block.props = { ...block.props, ...stored.props };
    }
    this.#resumed = snapshot.runs;
  }

  /** Follow a running event of the previous page: its messages go on from where that page stopped. */
  #resume(stored: StoredRun): void {
    const dependency = this.#dependencies.find((candidate) => candidate.id === stored.dependency);
    if (!dependency?.backend_fn || stored.previous.length > dependency.outputs.length) return;
    const run = new Run(dependency);
    run.eventId = stored.eventId;
    run.started = stored.started;
    run.cancelRequested = stored.cancelRequested;
    run.previous = stored.previous.map((value, slot) =>
      stored.shared.includes(slot) ? this.#blocks.get(dependency.outputs[slot])?.value ?? null : value);
    run.loading.queue = stored.queue;
    run.loading.progress = stored.progress;
    run.loading.generating = stored.started;
    if (run.cancelRequested) this.#sendCancel(run);
    void this.#run(run, null);
  }

  /** Trigger those of `dependencies` that listen to the page loading. */
  #load(dependencies: Dependency[]): void {
    for (const dependency of dependencies) {
      const load = dependency.targets.find(([, event]) => event === "load");
      if (load) this.trigger(dependency, null, load[0]);
    }
  }

  /**
   * Make blocks for `components` and give layouts their children from `layout`. A block that was on
   * the page with the same id, or the same key, and type keeps what the page holds: after a render,
   * the props its `preserved_by_key` names (its value, by default); after a reload (`reload`), its
   * value if that is no longer the one its config gave. Marked strings in the props (gr.I18n keys) are
   * translated here, once: what the config holds is static text.
   */
  #place(components: ComponentConfig[], layout: LayoutNode, byKey: Map<string | number, BlockState>,
    reload = false): void {
    for (const entry of components) {
      const props = this.i18n.props(entry.props ?? {});
      const same = this.#blocks.get(entry.id);
      const old = same ?? (entry.key == null ? undefined : byKey.get(entry.key));
      const preserved = reload ? ["value"] : preservedByKey(props);
      const keep = !!old && old.type === entry.type && entry.type !== "state" && preserved.includes("value")
        && !(reload && !old.changed);
      const { value = null, ...rest } = props;
      if (old && old.type === entry.type && !reload) {
        for (const name of preserved) if (name !== "value" && name in old.props) rest[name] = old.props[name];
      }
      if (same && same.type === entry.type && same.key === (entry.key ?? null)) {
        // The same block: new props, and the page's value if it keeps it (State lives on the server).
        same.props = same.initialProps = rest;
        same.initial = value;
        if (!keep) this.#setValue(same, value);
        continue;
      }
      const block = new BlockState(entry.id, entry.type, { ...rest, value }, entry.key);
      if (keep) block.value = old.value;
      this.#blocks.set(entry.id, block);
    }
    for (const node of nodes(layout)) {
      const block = this.#blocks.get(node.id);
      if (block && node.children) block.children = node.children;
    }
  }

  /** Add `dependencies` to those the page runs and routes events to. */
  #listen(dependencies: Dependency[]): void {
    this.#dependencies = [...this.#dependencies, ...dependencies];
    for (const dependency of dependencies) {
      for (const [id, event] of dependency.targets) {
        const key = `${id}:${event}`;
        this.#byTarget.set(key, [...(this.#byTarget.get(key) ?? []), dependency]);
      }
    }
  }

  /** Drop the dependencies `drop` selects from those the page runs. */
  #unlisten(drop: (dependency: Dependency) => boolean): void {
    this.#dependencies = this.#dependencies.filter((dependency) => !drop(dependency));
    for (const [key, dependencies] of this.#byTarget) {
      const kept = dependencies.filter((dependency) => !drop(dependency));
      if (kept.length) this.#byTarget.set(key, kept);
      else this.#byTarget.delete(key);
    }
  }

  /**
   * Swap in a render run's subtree (`output.render_config`): the container's children and the
   * listeners of the render's previous run are replaced, blocks that left the page are forgotten,
   * and blocks kept by key keep their values. Load listeners of the new subtree then run.
   */
  #applyRender(config: RenderConfig): void {
    const container = this.#blocks.get(config.layout.id);
    const old = (container?.children ?? []).flatMap((child) => [...nodes(child)]).map((node) => node.id);
    const byKey = new Map<string | number, BlockState>();
    for (const id of old) {
      const block = this.#blocks.get(id);
      if (block && block.key !== null) byKey.set(block.key, block);
    }
    const fresh = new Set(config.components.map((entry) => entry.id));
    old.filter((id) => !fresh.has(id)).forEach((id) => this.#blocks.delete(id));
    this.#unlisten((dependency) => dependency.rendered_in === config.render_id);
    // The container's own entry keeps what the page set on it (its visibility, for one).
    this.#place(config.components.filter((entry) => entry.id !== config.layout.id), config.layout, byKey);
    this.#listen(config.dependencies);
    this.#rendered.add(config.render_id);
    this.#load(config.dependencies);
  }

  /**
   * Swap in a new config of the app (the dev mode, after an edit), keeping what the page holds: the
   * value of each block whose id or key is still there. Renders that had drawn run again.
   */
  reload(config: AppConfig): void {
    const byKey = new Map<string | number, BlockState>();
    for (const block of this.#blocks.values()) if (block.key !== null) byKey.set(block.key, block);
    const fresh = new Set(config.components.map((entry) => entry.id));
    for (const id of [...this.#blocks.keys()]) if (!fresh.has(id)) this.#blocks.delete(id);
    this.#unlisten(() => true);
    this.#waiting.clear();
    this.config = config;
    this.i18n.useTranslations(config.i18n_translations);
    this.#place(config.components, config.layout, byKey, true);
    this.layout = config.layout;
    this.#listen(config.dependencies);
    const renders = config.dependencies.filter((dependency) => this.#rendered.has(dependency.renderable ?? -1));
    this.#rendered.clear();
    renders.forEach((dependency) => this.trigger(dependency, null, null));
  }

  block(id: number): BlockState | undefined {
    return this.#blocks.get(id);
  }

  /** Merge `patch` into a block's props (layouts use it to remember what the user opened/selected). */
  setProps(id: number, patch: Record<string, unknown>): void {
    const block = this.#blocks.get(id);
    if (block) block.props = { ...block.props, ...patch };
  }

  listens(id: number, event: string): boolean {
    return this.#byTarget.has(`${id}:${event}`);
  }

  /**
   * A block's event. Dispatched after the current task step, so bound values have settled and a
   * batch of outputs is fully applied before listeners read their inputs.
   */
  emit(id: number, event: string, data: unknown = null): void {
    const dependencies = this.#byTarget.get(`${id}:${event}`);
    if (!dependencies) return;
    queueMicrotask(() => dependencies.forEach((dependency) => this.trigger(dependency, data, id)));
  }

  /** The seconds between the chunks a streaming input sends: its `.stream` listener's `stream_every`. */
  streamEvery(id: number): number {
    return this.#byTarget.get(`${id}:stream`)?.[0]?.stream_every ?? 0.5;
  }

  /**
   * A streaming input's next chunk (a webcam frame, a microphone chunk): its `.stream` listeners
   * start an event with the first, and each later one goes to the event they run.
   */
  sendChunk(id: number, chunk: unknown): void {
    this.#chunks.set(id, chunk);
    this.emit(id, "stream");
  }

  /** The input stopped streaming: its `.stream` events end, freeing their slots on the server. */
  closeStream(id: number): void {
    this.#chunks.delete(id);
    for (const run of this.#runs) {
      if (run.closing || !run.dependency.targets.some(([target, event]) => target === id && event === "stream")) continue;
      run.closing = true;
      if (run.eventId) this.#sendClose(run); // else: sent as soon as the join answers
    }
  }

  #sendClose(run: Run): void {
    postJson(`${this.api}/stream/${run.eventId}/close`, { session_hash: this.sessionHash }).catch(() => {});
  }

  /** Post a chunk to the `.stream` event `run` follows (dropped while it is joining or closing). */
  #sendChunk(run: Run, eventData: unknown, triggerId: number | null): void {
    if (!run.eventId || run.closing) return;
    const { dependency } = run;
    const request: JoinRequest = {
      data: dependency.inputs.map((id) => this.#inputValue(id)), event_data: eventData ?? null,
      fn_index: dependency.id, trigger_id: triggerId, session_hash: this.sessionHash,
    };
    // 404: the event just ended (its time_limit); the next chunk starts another.
    postJson(`${this.api}/stream/${run.eventId}`, request).then(async (response) => {
      if (!response.ok && response.status !== 404) this.#toasts.error("Error", await failureText(response));
    }).catch(() => {});
  }

  trigger(dependency: Dependency, eventData: unknown, triggerId: number | null): void {
    if (dependency.connection === "stream") {
      const run = [...this.#runs].find((other) => other.dependency === dependency);
      if (run) return this.#sendChunk(run, eventData, triggerId);
    }
    this.#cancel(dependency.cancels ?? []);
    if (!dependency.backend_fn && !dependency.js) {
      this.#chain(dependency, "success");
      return;
    }
    const busy = [...this.#runs].some((run) => run.dependency === dependency);
    if (busy && dependency.trigger_mode !== "multiple") {
      if (dependency.trigger_mode === "always_last") this.#waiting.set(dependency.id, { eventData, triggerId });
      return; // "once" (the default): ignore triggers while it runs
    }
    void this.#run(new Run(dependency), { eventData, triggerId });
  }

  /** Carry out `run`, or with no `trigger` follow its event, already joined; then chain its listeners. */
  async #run(run: Run, trigger: Trigger | null): Promise<void> {
    const { dependency } = run;
    this.#runs.add(run);
    // A listener with only `js` runs in the page and is over at once: no spinner over its outputs.
    const watched = dependency.backend_fn
      ? [...new Set(dependency.show_progress_on ?? dependency.outputs)].flatMap((id) => this.#blocks.get(id) ?? [])
      : [];
    if (run.loading.show !== "hidden") watched.forEach((block) => (block.loading = [...block.loading, run.loading]));
    let outcome: Outcome = "error";
    try {
      if (!trigger) {
        outcome = await this.#follow(run);
      } else {
        let data = dependency.inputs.map((id) => this.#inputValue(id));
        if (dependency.js) {
          // Awaited only when it is a promise, so a synchronous function's run ends before the next
          // event is dispatched and trigger_mode never finds it busy.
          let result = clientFunction(dependency.id)(...data);
          if (isThenable(result)) result = await result;
          if (!dependency.backend_fn) {
            // undefined: the function returned nothing, and the outputs keep their values (as in Gradio)
            if (result !== undefined) {
              this.#applyOutputs(run, { data: slotValues(result, dependency.outputs.length, "outputs") }, false);
            }
            outcome = "success";
          } else if (result !== undefined) {
            data = slotValues(result, dependency.inputs.length, "inputs"); // Gradio: js preprocesses the inputs
          }
        }
        if (dependency.backend_fn) {
          const request: JoinRequest = {
            data,
            event_data: trigger.eventData ?? null,
            fn_index: dependency.id,
            trigger_id: trigger.triggerId,
            session_hash: this.sessionHash,
          };
          const queued = dependency.queue ?? this.config.enable_queue ?? true;
          outcome = queued ? await this.#viaQueue(run, request) : await this.#viaPredict(run, request);
        }
      }
    } catch (error) {
      this.#toasts.error("Error", error instanceof Error ? error.message : String(error));
    } finally {
      this.#runs.delete(run);
      watched.forEach((block) => (block.loading = block.loading.filter((item) => item !== run.loading)));
    }
    this.#chain(dependency, outcome);
    const next = this.#waiting.get(dependency.id);
    if (next && ![...this.#runs].some((other) => other.dependency === dependency)) {
      this.#waiting.delete(dependency.id);
      void this.#run(new Run(dependency), next);
    }
  }

  #inputValue(id: number): unknown {
    if (this.#chunks.has(id)) return this.#chunks.get(id);
    const block = this.#blocks.get(id);
    return !block || block.type === "state" ? null : block.value ?? null;
  }

  async #viaPredict(run: Run, request: JoinRequest): Promise<Outcome> {
    // The page's query string goes along: gr.Request.query_params are the page's, as in Gradio.
    const response = await postJson(`${this.api}/run/predict${location.search}`, request);
    // A failed function answers 500 with {error, title, visible}; anything else is a plain failure.
    const output = (await response.clone().json().catch(() => null)) as Output | null;
    if (output && "error" in output) return this.#failed(output, output.title);
    if (!response.ok || !output) {
      if (await this.#refused(run, response)) return "error";
      this.#toasts.error("Error", await failureText(response));
      return "error";
    }
    this.#applyOutputs(run, output, false);
    if (output.render_config) this.#applyRender(output.render_config);
    return "success";
  }

  async #viaQueue(run: Run, request: JoinRequest): Promise<Outcome> {
    const response = await postJson(`${this.api}/queue/join${location.search}`, request);
    if (!response.ok) {
      if (await this.#refused(run, response)) return "error";
      this.#toasts.error("Error", await failureText(response));
      return "error";
    }
    const { event_id: eventId } = (await response.json()) as JoinResponse;
    run.eventId = eventId;
    if (run.cancelRequested) this.#sendCancel(run);
    if (run.closing) this.#sendClose(run);
    return this.#follow(run);
  }

  /** Apply the stream's messages for `run`'s event (joined) until it is over. */
  #follow(run: Run): Promise<Outcome> {
    const eventId = run.eventId!;
    return new Promise((resolve) => {
      this.#stream.listen(eventId, (message) => {
        const outcome = this.#onMessage(run, message);
        if (outcome) {
          this.#stream.forget(eventId);
          resolve(outcome);
        }
      });
    });
  }

  /**
   * Whether `response` is the listener's validator refusing its inputs (a 422 listing each input's
   * validation, as Gradio sends it); if so, each refused input shows its message.
   */
  async #refused(run: Run, response: Response): Promise<boolean> {
    if (response.status !== 422) return false;
    const body = (await response.clone().json().catch(() => null)) as { detail?: unknown } | null;
    const checks = Array.isArray(body?.detail) ? (body.detail as { is_valid?: boolean; message?: string }[]) : null;
    if (!checks?.every((check) => check && typeof check === "object" && "is_valid" in check)) return false;
    run.dependency.inputs.forEach((id, index) => {
      const block = this.#blocks.get(id);
      if (block) block.validation = checks[index]?.is_valid === false ? checks[index].message ?? "" : null;
    });
    return true;
  }

  /** Handle one stream message of `run`; returns the outcome once the event is over. */
  #onMessage(run: Run, message: ServerMessage): Outcome | null {
    switch (message.msg) {
      case "estimation":
        // rank counts from 0 on the wire; people count from 1
        run.loading.queue = this.i18n.t("common.queue", { rank: message.rank + 1, size: message.queue_size });
        return null;
      case "process_starts":
        run.loading.queue = null;
        return null;
      case "progress":
        run.loading.progress = message.progress_data;
        return null;
      case "log":
        if (message.visible !== false) {
          const title = message.title ?? message.level[0].toUpperCase() + message.level.slice(1);
          this.#toasts.push(message.level, title, message.log, message.duration === undefined ? 8 : message.duration);
        }
        return null;
      case "process_generating":
        run.loading.queue = null;
        run.loading.generating = true;
        this.#applyOutputs(run, message.output, run.started && run.dependency.connection !== "stream");
        run.started = true;
        return null;
      case "process_streaming":
        run.loading.queue = null;
        run.loading.generating = true;
        this.#applyOutputs(run, message.output, false); // whole values: streams send no diffs
        this.#streamEnds(run, message.time_limit == null ? null : performance.now() + message.time_limit * 1000);
        return null;
      case "process_completed":
        this.#streamEnds(run, null);
        if (!message.success) return this.#failed(message.output, message.title);
        if (!message.output?.data) return "cancelled"; // cancelled: keep the last streamed values
        this.#applyOutputs(run, message.output, false);
        if (message.output.render_config) this.#applyRender(message.output.render_config);
        return "success";
      case "unexpected_error":
        return "error"; // the stream reports it once for the whole session
      default:
        return null;
    }
  }

  /**
   * Show on the streaming inputs of `run` when its time_limit ends the stream (null: it ended, or has
   * no limit); the first message of a stream sets it, so the bar empties once, smoothly.
   */
  #streamEnds(run: Run, ends: number | null): void {
    if (run.dependency.connection !== "stream") return;
    for (const [id, event] of run.dependency.targets) {
      const block = this.#blocks.get(id);
      if (event === "stream" && block && (ends === null || block.streamEnds === null)) block.streamEnds = ends;
    }
  }

  #failed(output: Output | undefined, title: string | null | undefined): Outcome {
    if (output?.visible !== false) {
      this.#toasts.error(title || output?.title || "Error", output?.error ?? "Error");
    }
    return "error";
  }

  /** Set each output slot; `diffs` means the slots hold diff lists against the previous values. */
  #applyOutputs(run: Run, output: Output, diffs: boolean): void {
    const data = output.data ?? [];
    run.dependency.outputs.forEach((id, slot) => {
      let value = data[slot];
      if (diffs && Array.isArray(value)) value = applyDiff(run.previous[slot], value as DiffOp[]);
      run.previous[slot] = value;
      this.#setOutput(id, value);
    });
    output.changed_state_ids?.forEach((id) => this.emit(id, "change"));
  }

  #setOutput(id: number, value: unknown): void {
    const block = this.#blocks.get(id);
    if (!block || (value === null && block.type === "state")) return; // state lives on the server
    if (isUpdate(value)) {
      const { __type__: _, value: newValue, ...props } = value;
      if (Object.keys(props).length) block.props = { ...block.props, ...props };
      if ("value" in value && block.type !== "state") this.#setValue(block, newValue);
      return;
    }
    if (block.type !== "state") this.#setValue(block, value);
  }

  #setValue(block: BlockState, value: unknown): void {
    const old = block.value;
    block.value = value;
    if (!deepEqual(old, value)) this.emit(block.id, "change");
  }

  #chain(dependency: Dependency, outcome: Outcome): void {
    const ok = outcome !== "error";
    for (const next of this.#dependencies) {
      if (next.trigger_after !== dependency.id) continue;
      if ((next.trigger_only_on_success && !ok) || (next.trigger_only_on_failure && ok)) continue;
      this.trigger(next, null, null);
    }
  }

  #cancel(fnIndexes: number[]): void {
    for (const fnIndex of fnIndexes) {
      this.#waiting.delete(fnIndex);
      for (const run of this.#runs) {
        if (run.dependency.id !== fnIndex || run.cancelRequested) continue;
        run.cancelRequested = true;
        if (run.eventId) this.#sendCancel(run); // else: sent as soon as the join answers
      }
    }
  }

  #sendCancel(run: Run): void {
    const eventId = run.eventId!;
    const body = { event_id: eventId, session_hash: this.sessionHash, fn_index: run.dependency.id };
    postJson(`${this.api}/cancel`, body)
      .then(() => postJson(`${this.api}/reset`, { event_id: eventId }))
      .catch((error: unknown) => this.#toasts.error("Error", `Could not cancel: ${String(error)}`));
  }
}

export const [getRuntime, setRuntime] = createContext<Runtime>();
