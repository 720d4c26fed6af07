// Shapes shared by the runtime and every block component. They mirror reblocks/renderer/protocol.py.

/** One entry of config.components: a block's type, props and identity. */
export interface ComponentConfig {
  id: number;
  type: string;
  props: Record<string, unknown>;
  skip_api?: boolean;
  key?: string | number | null;
}

/** A node of config.layout: a block id and, for layouts, its children in order. */
export interface LayoutNode {
  id: number;
  children?: LayoutNode[];
}

/** One entry of config.dependencies: an event listener the runtime wires. */
export interface Dependency {
  id: number;
  targets: [number, string][];
  inputs: number[];
  outputs: number[];
  backend_fn: boolean;
  js: string | null;
  queue: boolean;
  api_name: string | null;
  cancels: number[];
  types: { generator: boolean; cancel: boolean };
  trigger_after: number | null;
  trigger_only_on_success: boolean;
  trigger_only_on_failure: boolean;
  trigger_mode: "once" | "multiple" | "always_last";
  show_progress: "full" | "minimal" | "hidden";
  api_visibility: "public" | "private" | "undocumented";
  connection: "sse" | "stream";
  rendered_in: number | null;
}

/** The whole app as served inline in the page (window.gradio_config). */
export interface AppConfig {
  version: string;
  protocol: "sse_v3";
  api_prefix: string;
  root: string;
  app_id: number;
  title: string;
  theme: string;
  css: string | null;
  show_error: boolean;
  connect_heartbeat: boolean;
  max_file_size: number | null;
  /** Fallback for dependencies whose `queue` is null. */
  enable_queue?: boolean;
  fill_height?: boolean;
  fill_width?: boolean;
  components: ComponentConfig[];
  layout: LayoutNode;
  dependencies: Dependency[];
}

/**
 * What every block component receives besides its own props (spread, snake_case as in Python):
 * `value` is bindable; `emit` fires an event by its Gradio name ("change", "click", "select", ...)
 * with optional event data; `listens` says whether any dependency targets that event, so a
 * component can hide controls (retry, undo, ...) nobody handles; `root` prefixes file URLs.
 */
export interface BlockContract {
  id: number;
  emit: (event: string, data?: unknown) => void;
  listens: (event: string) => boolean;
  root: string;
  /** config.max_file_size: components that upload refuse bigger files before sending them. */
  max_file_size?: number | null;
}
