/// <reference types="vite/client" />
// Markdown to safe HTML: marked (GFM), highlight.js for code, KaTeX for math. KaTeX and its CSS
// are fetched by dynamic import() the first time a text contains math, so they live in their own
// chunks. Rendering is synchronous: math met before KaTeX has arrived is emitted as a placeholder
// that `typesetMath` upgrades in the DOM once the chunk loads.
import { Marked, type MarkedExtension, type Tokens } from "marked";
import DOMPurify from "dompurify";
import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import c from "highlight.js/lib/languages/c";
import cpp from "highlight.js/lib/languages/cpp";
import css from "highlight.js/lib/languages/css";
import go from "highlight.js/lib/languages/go";
import java from "highlight.js/lib/languages/java";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import markdown from "highlight.js/lib/languages/markdown";
import python from "highlight.js/lib/languages/python";
import rust from "highlight.js/lib/languages/rust";
import shell from "highlight.js/lib/languages/shell";
import sql from "highlight.js/lib/languages/sql";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";
import yaml from "highlight.js/lib/languages/yaml";
import { STANDARD_TAGS } from "./htmlTags";
import "./ui/highlight.css";

type Katex = typeof import("katex").default;

export interface LatexDelimiter {
  left: string;
  right: string;
  display: boolean;
}

export interface MarkdownOptions {
  /** Math delimiters; null/undefined means $$…$$, $…$, \(…\) and \[…\]. */
  latex_delimiters?: LatexDelimiter[] | null;
  /** Run DOMPurify over the result (Gradio's `sanitize_html`). */
  sanitize?: boolean;
  /** A single newline becomes <br> (Gradio's chatbot default). */
  line_breaks?: boolean;
  /** Tags shown as text instead of being parsed or sanitised away: these names, or (true) every tag
   * that is not standard HTML or SVG (Gradio's Chatbot `allow_tags`). */
  allow_tags?: string[] | boolean;
  /** The text and accessible name of the code blocks' copy buttons, in the page's language. */
  copy: CopyLabels;
}

export interface CopyLabels {
  text: string;
  label: string;
}

const DEFAULT_DELIMITERS: LatexDelimiter[] = [
  { left: "$$", right: "$$", display: true },
  { left: "$", right: "$", display: false },
  { left: "\\(", right: "\\)", display: false },
  { left: "\\[", right: "\\]", display: true },
];

for (const [name, language] of Object.entries({
  bash, c, cpp, css, go, java, javascript, json, markdown, python, rust, sql, typescript, xml, yaml,
  console: shell,
})) {
  hljs.registerLanguage(name, language);
}
// Gradio's gr.Code calls shell scripts "shell"; hljs's own "shell" grammar is for console sessions.
const LANGUAGE_ALIASES: Record<string, string> = { shell: "bash", sh: "bash", zsh: "bash", html: "xml", py: "python" };

// One configured DOMPurify instance, so the link hook does not leak into other users of the library.
const purifier = DOMPurify(window);
purifier.addHook("afterSanitizeAttributes", (node) => {
  if (node.tagName === "A" && node.hasAttribute("href")) {
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer");
  }
});

// The loaded KaTeX module: a cache of immutable library code, the same for every app on the page.
let katexModule: Katex | null = null;

function loadKatex(): Promise<Katex> {
  return Promise.all([import("katex"), import("katex/dist/katex.min.css")]).then(([module]) => {
    katexModule = module.default;
    return katexModule;
  });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Sanitise an HTML string: no scripts, no on* handlers, no javascript: URLs; links open in a new tab. */
export function sanitize(html: string): string {
  return purifier.sanitize(html);
}

/** Highlighted, escaped HTML for `code` in `language`; plain escaped text for unknown languages. */
export function highlight(code: string, language: string | null | undefined): string {
  const name = (language ?? "").toLowerCase();
  const resolved = LANGUAGE_ALIASES[name] ?? name;
  if (resolved && hljs.getLanguage(resolved)) {
    return hljs.highlight(code, { language: resolved, ignoreIllegals: true }).value;
  }
  return escapeHtml(code);
}

function renderTex(tex: string, display: boolean, source: string): string {
  if (katexModule) {
    return katexModule.renderToString(tex, { displayMode: display, throwOnError: false });
  }
  const flag = display ? "1" : "0";
  return `<span class="math-pending" data-display="${flag}" data-tex="${escapeHtml(tex)}">${escapeHtml(source)}</span>`;
}

interface MathToken extends Tokens.Generic {
  type: "math" | "mathBlock";
  raw: string;
  text: string;
  display: boolean;
}

function matchMath(src: string, delimiters: LatexDelimiter[], block: boolean): MathToken | undefined {
  for (const { left, right, display } of delimiters) {
    if (!src.startsWith(left) || (block && !display)) continue;
    const end = src.indexOf(right, left.length);
    if (end <= left.length) continue;
    const tex = src.slice(left.length, end);
    const after = src.slice(end + right.length);
    // "$5 and $10" is money, not math: single-dollar math may not start/end with a space (pandoc's rule).
    if (left === "$" && (/^\s|\s$/.test(tex) || /^\d/.test(after))) continue;
    if (block && !/^[ \t]*(\n|$)/.test(after)) continue;
    const raw = src.slice(0, end + right.length) + (block ? (after.match(/^[ \t]*\n?/)?.[0] ?? "") : "");
    return { type: block ? "mathBlock" : "math", raw, text: tex, display };
  }
  return undefined;
}

function mathExtension(delimiters: LatexDelimiter[]): MarkedExtension {
  // Longest opener first, so "$$" wins over "$".
  const sorted = [...delimiters].sort((a, b) => b.left.length - a.left.length);
  const render = (token: Tokens.Generic) => renderTex(token.text, token.display, token.raw.trim());
  return {
    extensions: [
      { name: "mathBlock", level: "block", tokenizer: (src) => matchMath(src, sorted, true), renderer: render },
      {
        name: "math",
        level: "inline",
        start(src) {
          const found = sorted.map((d) => src.indexOf(d.left)).filter((i) => i >= 0);
          return found.length ? Math.min(...found) : undefined;
        },
        tokenizer: (src) => matchMath(src, sorted, false),
        renderer: render,
      },
    ],
  };
}

function codeRenderer(labels: CopyLabels): MarkedExtension {
  const label = escapeHtml(labels.label);
  const copy = `<button type="button" class="copy-code" aria-label="${label}">${escapeHtml(labels.text)}</button>`;
  return {
    renderer: {
      code({ text, lang }: Tokens.Code): string {
        const language = (lang ?? "").match(/^\S*/)?.[0] ?? "";
        const attributes = language ? ` class="hljs language-${escapeHtml(language)}"` : ` class="hljs"`;
        return `<div class="code-block">${copy}<pre><code${attributes}>${highlight(text, language)}</code></pre></div>`;
      },
    },
  };
}

/** Whether `text` contains an opening math delimiter (so KaTeX is worth loading). */
export function hasMath(text: string, delimiters?: LatexDelimiter[] | null): boolean {
  return (delimiters ?? DEFAULT_DELIMITERS).some((d) => text.includes(d.left));
}

/** Rendered HTML by options and text, so a finished message is parsed and sanitised once however often
 * the chat draws it; the oldest go first once the entries hold RENDERED_CHARS characters. */
const rendered = new Map<string, string>();
const RENDERED_CHARS = 4_000_000;
let renderedChars = 0;

/**
 * Markdown to HTML, sanitised unless `sanitize` is false. Math renders with KaTeX once it is loaded;
 * before that it becomes `.math-pending` placeholders for `typesetMath`.
 */
/** One line of Markdown (a thought's title: `_Thinking_` in italics), without a paragraph around it. */
export function renderInline(text: string): string {
  return sanitize(new Marked({ gfm: true, async: false }).parseInline(text) as string);
}

export function renderMarkdown(text: string, opts: MarkdownOptions): string {
  const flags = `${opts.sanitize === false ? 0 : 1}${opts.line_breaks === false ? 0 : 1}`;
  const key = `${flags}${JSON.stringify([opts.latex_delimiters ?? null, opts.copy, opts.allow_tags ?? false])}\u0000${text}`;
  let html = rendered.get(key);
  if (html === undefined) {
    html = render(text, opts);
    rendered.set(key, html);
    renderedChars += key.length + html.length;
    for (const [oldest, value] of rendered) {
      if (renderedChars <= RENDERED_CHARS) break;
      rendered.delete(oldest);
      renderedChars -= oldest.length + value.length;
    }
  }
  return html;
}

function render(text: string, opts: MarkdownOptions): string {
  const delimiters = opts.latex_delimiters ?? DEFAULT_DELIMITERS;
  const marked = new Marked({ gfm: true, breaks: opts.line_breaks ?? true, async: false }, codeRenderer(opts.copy));
  if (delimiters.length && hasMath(text, delimiters)) marked.use(mathExtension(delimiters));
  let html = marked.parse(text) as string;
  if (opts.allow_tags) html = escapeTags(html, opts.allow_tags);
  return opts.sanitize === false ? html : sanitize(html);
}

const ANY_TAG = /<\/?([a-zA-Z][a-zA-Z0-9-]*)([\s>])/g;

/** `html` with the opening and closing tags `allowed` names (true: every non-standard one) escaped,
 * so they show as text. It runs on marked's output: in code, `<` is already `&lt;` and stays as it is. */
function escapeTags(html: string, allowed: string[] | true): string {
  const names = allowed === true ? null : new Set(allowed.map((name) => name.toLowerCase()));
  const escape = (tag: string) => tag.replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return html.replace(ANY_TAG, (tag: string, name: string) => {
    const lower = name.toLowerCase();
    return (names ? names.has(lower) : !STANDARD_TAGS.has(lower)) ? escape(tag) : tag;
  });
}

/** Load KaTeX if `root` holds math placeholders, then typeset them in place. DOM work for an $effect. */
export async function typesetMath(root: HTMLElement): Promise<void> {
  if (!root.querySelector(".math-pending")) return;
  const katex = katexModule ?? (await loadKatex());
  for (const node of root.querySelectorAll<HTMLElement>(".math-pending")) {
    katex.render(node.dataset.tex ?? "", node, { displayMode: node.dataset.display === "1", throwOnError: false });
    node.classList.replace("math-pending", "math");
  }
}

