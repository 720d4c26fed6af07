// gr.HTML's templates: `${expression}` as in a JavaScript template string, and the Handlebars syntax
// Gradio documents ({{path}}, {{{raw}}}, {{#if}}/{{else}}/{{#unless}}, {{#each}} with @index/@key/
// @first/@last, {{#with}}, ../ and @root paths, {{lookup}}, comments and ~ whitespace control).
// Gradio runs Handlebars first and then evaluates its output as a template string, so a value that
// Handlebars inserted is evaluated as code; here only the app's template is code: each `${...}` is
// cut out of it when parsed and evaluated as one expression over the props, and values are only data.
// Handlebars itself compiles templates with `new Function`, which the page's CSP forbids, hence this
// interpreter.

import { compileFunction } from "./script";

export type Scope = Record<string, unknown>;

type Node =
  | { kind: "text"; text: string }
  | { kind: "expression"; source: string }
  | { kind: "mustache"; name: Argument; params: Argument[]; raw: boolean }
  | { kind: "block"; helper: string; params: Argument[]; body: Node[]; inverse: Node[] };

type Argument = { kind: "path"; up: number; data: boolean; parts: string[] } | { kind: "literal"; value: unknown };

interface Frame {
  context: unknown;
  data: Record<string, unknown>;
  parent: Frame | null;
}

/** A template's error, with what the app author needs to find the mistake. */
export class TemplateError extends Error {}

const ESCAPES: Record<string, string> = {
  "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;", "`": "&#x60;", "=": "&#x3D;",
};

/** Handlebars' escapeExpression: null and undefined are empty, anything else its text, HTML-escaped. */
function escape(value: unknown): string {
  return value == null ? "" : String(value).replace(/[&<>"'`=]/g, (ch) => ESCAPES[ch]);
}

/** Handlebars' emptiness for {{#if}}, {{#with}} and {{else}}: falsy (0 too) or an empty list. */
function isEmpty(value: unknown): boolean {
  return !value || (Array.isArray(value) && value.length === 0);
}

const SIMPLE_PATH = /^\s*([A-Za-z_$][\w$]*)((?:\s*\.\s*[A-Za-z_$][\w$]*)*)\s*$/;

/**
 * `source` evaluated with the props in scope, as the template string of Gradio would: a bare path
 * (`value`, `item.name`) is read directly; anything else is compiled once by the page (see script.ts).
 */
function evaluate(source: string, scope: Scope): unknown {
  const simple = SIMPLE_PATH.exec(source);
  if (!simple) return (compileFunction(["__scope"], `with (__scope) { return (\n${source}\n); }`) as (s: Scope) => unknown)(scope);
  const [, head, rest] = simple;
  const globals = globalThis as unknown as Scope;
  if (!(head in scope) && !(head in globals)) throw new ReferenceError(`${head} is not defined`);
  let value = head in scope ? scope[head] : globals[head];
  for (const name of rest.split(".").slice(1).map((part) => part.trim())) {
    if (value == null) throw new TypeError(`Cannot read properties of ${value} (reading '${name}')`);
    value = (value as Scope)[name];
  }
  return value;
}

/** The index just past the `}` closing a `${` whose expression starts at `start` (JavaScript-aware). */
function expressionEnd(text: string, start: number): number {
  let depth = 1;
  let index = start;
  let previous = "(";
  while (index < text.length) {
    const ch = text[index];
    if (ch === "'" || ch === '"') {
      index = stringEnd(text, index + 1, ch);
    } else if (ch === "`") {
      index = templateEnd(text, index + 1);
    } else if (ch === "/" && text[index + 1] === "/") {
      index = text.indexOf("\n", index) === -1 ? text.length : text.indexOf("\n", index);
      continue;
    } else if (ch === "/" && text[index + 1] === "*") {
      const close = text.indexOf("*/", index + 2);
      index = close === -1 ? text.length : close + 2;
      continue;
    } else if (ch === "/" && /[(,=:[!&|?{};+\-*%<>~^]/.test(previous)) {
      index = regexEnd(text, index + 1);
    } else {
      if (ch === "{") depth++;
      else if (ch === "}" && --depth === 0) return index + 1;
      index++;
    }
    if (!/\s/.test(ch)) previous = text[index - 1];
  }
  throw new TemplateError("a `${` is not closed by its `}`");
}

function stringEnd(text: string, index: number, quote: string): number {
  while (index < text.length && text[index] !== quote) index += text[index] === "\\" ? 2 : 1;
  return index + 1;
}

function templateEnd(text: string, index: number): number {
  while (index < text.length && text[index] !== "`") {
    if (text[index] === "\\") index += 2;
    else if (text.startsWith("${", index)) index = expressionEnd(text, index + 2);
    else index++;
  }
  return index + 1;
}

function regexEnd(text: string, index: number): number {
  let inClass = false;
  while (index < text.length && (inClass || text[index] !== "/") && text[index] !== "\n") {
    if (text[index] === "\\") index++;
    else if (text[index] === "[") inClass = true;
    else if (text[index] === "]") inClass = false;
    index++;
  }
  return index + 1;
}

type Token =
  | { kind: "text"; text: string }
  | { kind: "expression"; source: string }
  | { kind: "tag"; body: string; raw: boolean; trimBefore: boolean; trimAfter: boolean };

/** The template cut into text, `${...}` expressions and `{{...}}` tags (comments dropped). */
function tokenize(template: string): Token[] {
  const tokens: Token[] = [];
  let text = "";
  let index = 0;
  const flush = () => {
    if (text) tokens.push({ kind: "text", text });
    text = "";
  };
  while (index < template.length) {
    // \${ \` and \{{ stand for themselves, as in a template string and in Handlebars
    if (template[index] === "\\" && /^(\$\{|`|\{\{)/.test(template.slice(index + 1, index + 3))) {
      const escaped = template[index + 1] === "`" ? "`" : template.slice(index + 1, index + 3);
      text += escaped;
      index += 1 + escaped.length;
    } else if (template.startsWith("${", index)) {
      const end = expressionEnd(template, index + 2);
      flush();
      tokens.push({ kind: "expression", source: template.slice(index + 2, end - 1) });
      index = end;
    } else if (template.startsWith("{{", index)) {
      const raw = template.startsWith("{{{", index) || template.startsWith("{{~{", index);
      const comment = /^\{\{~?!--/.test(template.slice(index, index + 6));
      const close = comment ? template.indexOf("--", index + 4) : index;
      const end = template.indexOf(raw ? "}}}" : "}}", close === -1 ? index : close);
      if (end === -1) throw new TemplateError(`a \`{{\` is not closed: ${template.slice(index, index + 30)}`);
      let body = template.slice(index + 2, end);
      const trimBefore = body.startsWith("~");
      const trimAfter = body.endsWith("~") || (raw && template[end + 3] === "~");
      body = body.replace(/^~/, "").replace(/~$/, "");
      if (raw) body = body.replace(/^\{/, "").replace(/\}~?$/, "");
      flush();
      if (!body.startsWith("!")) tokens.push({ kind: "tag", body: body.trim(), raw, trimBefore, trimAfter });
      else if (trimBefore || trimAfter) tokens.push({ kind: "tag", body: "!", raw, trimBefore, trimAfter });
      index = end + (raw ? 3 : 2) + (raw && template[end + 3] === "~" ? 1 : 0);
    } else {
      text += template[index++];
    }
  }
  flush();
  // ~ trims the whitespace on its side of the tag
  tokens.forEach((token, position) => {
    if (token.kind !== "tag") return;
    const before = tokens[position - 1];
    const after = tokens[position + 1];
    if (token.trimBefore && before?.kind === "text") before.text = before.text.trimEnd();
    if (token.trimAfter && after?.kind === "text") after.text = after.text.trimStart();
  });
  return tokens.filter((token) => token.kind !== "tag" || token.body !== "!");
}

/** The words of a tag: quoted strings stay whole. */
function words(body: string): string[] {
  return body.match(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s]+/g) ?? [];
}

function argument(word: string): Argument {
  if (/^(["']).*\1$/s.test(word)) return { kind: "literal", value: word.slice(1, -1).replace(/\\(.)/g, "$1") };
  if (/^-?\d+(\.\d+)?$/.test(word)) return { kind: "literal", value: Number(word) };
  const literals: Record<string, unknown> = { true: true, false: false, null: null, undefined: undefined };
  if (word in literals) return { kind: "literal", value: literals[word] };
  if (word.includes("=") || word.startsWith("(")) throw new TemplateError(`unsupported Handlebars syntax: ${word}`);
  let rest = word;
  let up = 0;
  while (rest.startsWith("../")) {
    up++;
    rest = rest.slice(3);
  }
  const data = rest.startsWith("@");
  if (data) rest = rest.slice(1);
  const parts = (rest.match(/\[[^\]]*\]|[^./]+/g) ?? []).map((part) => part.replace(/^\[(.*)\]$/, "$1"));
  if (parts[0] === "this" && !rest.startsWith("[")) parts.shift();
  return { kind: "path", up, data, parts };
}

const BLOCK_HELPERS = new Set(["if", "unless", "each", "with"]);

/** The tree of `tokens` from `position`, up to the `{{/name}}` closing the block `name` (or the end). */
function parse(tokens: Token[], position: { index: number }, closing: string | null): { body: Node[]; inverse: Node[] } {
  const body: Node[] = [];
  const inverse: Node[] = [];
  let target = body;
  while (position.index < tokens.length) {
    const token = tokens[position.index++];
    if (token.kind !== "tag") {
      target.push(token);
      continue;
    }
    const tag = token.body;
    if (tag.startsWith("/")) {
      if (tag.slice(1).trim() !== closing) throw new TemplateError(`{{${tag}}} does not close ${closing ? `{{#${closing}}}` : "a block"}`);
      return { body, inverse };
    }
    if (tag === "else" || tag === "^") {
      if (closing === null) throw new TemplateError("{{else}} outside a block");
      target = inverse;
    } else if (/^else\s+(if|unless)\s/.test(tag)) {
      // {{else if x}}: the rest of this block is the inverse's own block
      if (closing === null) throw new TemplateError("{{else if}} outside a block");
      const [, helper, ...params] = words(tag);
      const nested = parse(tokens, position, closing);
      inverse.push({ kind: "block", helper, params: params.map(argument), ...nested });
      return { body, inverse };
    } else if (tag.startsWith("#")) {
      const [helper, ...params] = words(tag.slice(1));
      if (!BLOCK_HELPERS.has(helper)) throw new TemplateError(`unknown block helper {{#${helper}}}`);
      target.push({ kind: "block", helper, params: params.map(argument), ...parse(tokens, position, helper) });
    } else {
      const raw = token.raw || tag.startsWith("&");
      const [name, ...params] = words(tag.replace(/^&/, ""));
      target.push({ kind: "mustache", name: argument(name ?? ""), params: params.map(argument), raw });
    }
  }
  if (closing !== null) throw new TemplateError(`{{#${closing}}} is not closed`);
  return { body, inverse };
}

function resolve(argument: Argument, frame: Frame): unknown {
  if (argument.kind === "literal") return argument.value;
  let at = frame;
  for (let level = 0; level < argument.up && at.parent; level++) at = at.parent;
  let value: unknown;
  let parts = argument.parts;
  if (argument.data) {
    value = at.data[parts[0]];
    parts = parts.slice(1);
  } else {
    value = at.context;
  }
  for (const part of parts) {
    if (value == null) return undefined;
    value = (value as Scope)[part];
  }
  return value;
}

/** A parsed template, rendered against the props as many times as they change. */
export class Template {
  readonly #nodes: Node[];

  constructor(source: string) {
    this.#nodes = parse(tokenize(source), { index: 0 }, null).body;
  }

  /** The text of the template for these props; throws what the template's code throws. */
  render(scope: Scope): string {
    return this.#render(this.#nodes, { context: scope, data: { root: scope }, parent: null }, scope);
  }

  #render(nodes: Node[], frame: Frame, scope: Scope): string {
    let out = "";
    for (const node of nodes) {
      if (node.kind === "text") out += node.text;
      else if (node.kind === "expression") out += String(evaluate(node.source, scope));
      else if (node.kind === "mustache") out += this.#mustache(node, frame);
      else out += this.#block(node, frame, scope);
    }
    return out;
  }

  #mustache(node: Extract<Node, { kind: "mustache" }>, frame: Frame): string {
    let value: unknown;
    if (node.params.length) {
      const name = node.name.kind === "path" ? node.name.parts.join(".") : "";
      if (name !== "lookup" || node.params.length !== 2) throw new TemplateError(`unknown helper {{${name}}}`);
      const [object, key] = node.params.map((param) => resolve(param, frame));
      value = object == null ? undefined : (object as Scope)[String(key)];
    } else {
      value = resolve(node.name, frame);
    }
    return node.raw ? (value == null ? "" : String(value)) : escape(value);
  }

  #block(node: Extract<Node, { kind: "block" }>, frame: Frame, scope: Scope): string {
    const value = node.params.length ? resolve(node.params[0], frame) : undefined;
    const child = (context: unknown, data: Record<string, unknown>): Frame =>
      ({ context, data: { ...frame.data, ...data }, parent: frame });
    switch (node.helper) {
      case "if":
      case "unless":
        return isEmpty(value) === (node.helper === "unless")
          ? this.#render(node.body, frame, scope) : this.#render(node.inverse, frame, scope);
      case "with":
        return isEmpty(value) ? this.#render(node.inverse, frame, scope) : this.#render(node.body, child(value, {}), scope);
      default: {
        const entries: [string | number, unknown][] = Array.isArray(value)
          ? value.map((item, index) => [index, item])
          : value !== null && typeof value === "object" ? Object.entries(value) : [];
        if (!entries.length) return this.#render(node.inverse, frame, scope);
        return entries.map(([key, item], index) => this.#render(node.body, child(item, {
          index, key, first: index === 0, last: index === entries.length - 1,
        }), scope)).join("");
      }
    }
  }
}
