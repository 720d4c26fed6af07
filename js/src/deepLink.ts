// Deep links (gr.DeepLinkButton): a link to the page as it is now. The values the user or the app
// changed travel in the link's fragment, compressed, so the server stores nothing and never sees them;
// a page opened from the link starts with them.

import { deepEqual } from "./diff";
import type { Runtime } from "./runtime.svelte";

const PARAMETER = "deep_link";

/** Block types whose values a link never sets: they hold no value to show, or would draw what the link
 * says as unsanitised HTML (a link is written by whoever sends it). */
const NOT_RESTORED: ReadonlySet<string> = new Set(["html", "state", "browserstate", "timer"]);

/** [block id, block type, value] for each block whose value differs from the config's. */
type Snapshot = [number, string, unknown][];

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

async function through(bytes: Uint8Array<ArrayBuffer>, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const response = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await response.arrayBuffer());
}

/** The page's URL with the values the user or the app changed in its fragment. */
export async function deepLink(runtime: Runtime): Promise<string> {
  const snapshot: Snapshot = [];
  for (const { id } of runtime.config.components) {
    const block = runtime.block(id);
    if (block && !NOT_RESTORED.has(block.type) && !deepEqual(block.value, block.initial)) {
      snapshot.push([id, block.type, block.value]);
    }
  }
  const json = new TextEncoder().encode(JSON.stringify(snapshot));
  const url = new URL(location.href);
  url.hash = `${PARAMETER}=${toBase64Url(await through(json, new CompressionStream("deflate-raw")))}`;
  return url.toString();
}

/** Give the page the values of the deep link it was opened from, if any; false for a link that cannot
 * be read. Each value goes only to a block of the same id and type that may show it. */
export async function restoreDeepLink(runtime: Runtime): Promise<boolean> {
  const encoded = new URLSearchParams(location.hash.slice(1)).get(PARAMETER);
  if (!encoded) return true;
  let snapshot: unknown;
  try {
    const json = await through(fromBase64Url(encoded), new DecompressionStream("deflate-raw"));
    snapshot = JSON.parse(new TextDecoder().decode(json));
  } catch {
    return false; // cut short or edited by hand: the page keeps the app's own values
  }
  if (!Array.isArray(snapshot)) return false;
  for (const entry of snapshot) {
    if (!Array.isArray(entry) || entry.length !== 3) continue;
    const [id, type, value] = entry as [unknown, unknown, unknown];
    const block = typeof id === "number" ? runtime.block(id) : undefined;
    if (!block || block.type !== type || NOT_RESTORED.has(block.type)) continue;
    if (block.props.sanitize_html === false) continue;
    block.value = value;
  }
  return true;
}
