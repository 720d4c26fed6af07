// Shapes shared by the runtime and every block component. The config's types are generated from
// reblocks/wire.py; the names here are the ones the runtime and components use.

export type {
  AppConfig, ComponentEntry as ComponentConfig, DependencyEntry as Dependency, LayoutNode,
} from "./generated/wire";

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
