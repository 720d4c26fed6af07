// A Row or Column with show_progress: covered while a listener writing to a block inside it runs.
import type { Loading, Runtime } from "../runtime.svelte";
import type { LayoutNode } from "../types";

/** The runs under way that write to a block below `nodes` (the layout's own ones are drawn by Block). */
export function childLoading(runtime: Runtime, nodes: LayoutNode[]): Loading[] {
  const found = new Set<Loading>();
  const stack = [...nodes];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const block = runtime.block(node.id);
    for (const loading of block?.loading ?? []) found.add(loading);
    stack.push(...(block?.children ?? node.children ?? []));
  }
  return [...found];
}
