// The dev mode's side in the page: follow the server's reload stream, swap in each new config
// without reloading the page, and hold the error of an edit that failed to run until it is fixed.

import type { DevError, DevReload } from "./generated/wire";
import type { Runtime } from "./runtime.svelte";
import type { AppConfig } from "./types";

/** The error of the last edit, shown over the page while the previous version keeps serving. */
export class DevState {
  error: DevError | null = $state(null);
}

/** What of `config` the page runs as scripts of its own, as one comparable string. */
function scripts(config: AppConfig): string {
  const functions = config.dependencies.flatMap((dependency) => (dependency.js ? [[dependency.id, dependency.js]] : []));
  return JSON.stringify([functions, config.js, config.head]);
}

/** Follow `/dev/reload` for `runtime`'s app; returns the teardown. */
export function followReloads(runtime: Runtime, api: string, dev: DevState): () => void {
  const source = new EventSource(`${api}/dev/reload`);
  let latest = 0;
  source.onmessage = (event: MessageEvent<string>) => {
    const message = JSON.parse(event.data) as DevReload | DevError;
    if (message.msg === "error") {
      dev.error = message;
      return;
    }
    latest = message.version;
    // A page of a multipage app swaps in its own part of the new config.
    const page = runtime.config.current_page ? `?page=${encodeURIComponent(runtime.config.current_page)}` : "";
    void fetch(`${runtime.root}/config${page}`).then(async (response) => {
      if (!response.ok || message.version !== latest) return; // a newer edit is on its way
      const config = (await response.json()) as AppConfig;
      dev.error = null;
      // The page's own scripts (listeners' js=, the app's js= and head) run only as the page loads.
      if (scripts(config) !== scripts(runtime.config)) return location.reload();
      runtime.reload(config);
      const style = document.getElementById("reblocks-css");
      if (style) style.textContent = config.css ?? "";
    });
  };
  return () => source.close();
}
