// The Markdown renderer (marked, DOMPurify, highlight.js: the page's biggest chunk) is fetched the
// first time some text needs it, not with the page: an empty chat paints without it.

type MarkdownModule = typeof import("../markdown");

const markdown = $state<{ module: MarkdownModule | null }>({ module: null });
let loading: Promise<MarkdownModule> | null = null;

/** The renderer once loaded (reactive), else null; the first call starts loading it. */
export function markdownModule(): MarkdownModule | null {
  loading ??= import("../markdown").then((module) => (markdown.module = module));
  return markdown.module;
}
