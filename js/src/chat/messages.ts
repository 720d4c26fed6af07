// The Chatbot value (PROTOCOL.md §8) and the pure helpers the chat UI derives from it.

import type { FileData } from "../files";

export type { FileData };

export type Part =
  | { type: "text"; text: string }
  | { type: "file"; file: FileData; alt_text?: string | null }
  | { type: "component"; component: string; value: unknown; props?: Record<string, unknown> | null };

export interface Metadata {
  title?: string | null;
  id?: string | number | null;
  parent_id?: string | number | null;
  status?: "pending" | "done" | null;
  duration?: number | null;
  log?: string | null;
}

export interface ChatOption {
  value: string;
  label?: string | null;
}

export interface Message {
  role: "user" | "assistant";
  metadata: Metadata | null;
  content: Part[];
  options: ChatOption[] | null;
}


/** A message with its position in `value` and the messages nested under it (thoughts). */
export interface TreeNode {
  message: Message;
  index: number;
  children: TreeNode[];
}

/** Consecutive top-level messages of one role, drawn as one visual group. */
export interface Group {
  role: Message["role"];
  nodes: TreeNode[];
}

function toPart(raw: unknown): Part | null {
  if (raw == null) return null;
  if (typeof raw === "string") return { type: "text", text: raw };
  if (typeof raw !== "object") return { type: "text", text: String(raw) };
  const part = raw as Record<string, unknown>;
  if (part.type === "text" || part.type === "file" || part.type === "component") return part as unknown as Part;
  if ("file" in part) return { type: "file", file: part.file as FileData, alt_text: (part.alt_text as string) ?? null };
  if ("component" in part) return { ...(part as object), type: "component" } as Part;
  if ("path" in part) return { type: "file", file: part as unknown as FileData };
  return null;
}

/** Each wire message's normal form, by the object: a stream changes one message and keeps the others'
 * objects, so they are normalised once and keep their identity (and their components stay as they are). */
const normalized = new WeakMap<object, Message>();

/** Accept the wire value and be lenient with hand-written ones (string content, missing keys). */
export function normalizeMessages(value: unknown): Message[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((m): m is Record<string, unknown> => m !== null && typeof m === "object")
    .map((m) => {
      let message = normalized.get(m);
      if (!message) {
        message = {
          role: m.role === "user" ? "user" : "assistant",
          metadata: (m.metadata as Metadata | null) ?? null,
          content: (Array.isArray(m.content) ? m.content : [m.content]).map(toPart).filter((p) => p !== null),
          options: Array.isArray(m.options) ? (m.options as ChatOption[]) : null,
        };
        normalized.set(m, message);
      }
      return message;
    });
}

/** The node of each message that cannot hold others, kept while the message keeps its place. */
const leaves = new WeakMap<Message, TreeNode>();

/** Nest messages under the thought whose `metadata.id` their `parent_id` names (parents come first).
 * A thought gathers its children anew each call; any other message keeps its node object. */
export function buildTree(messages: Message[]): TreeNode[] {
  const thoughts = new Map<string, TreeNode>();
  const roots: TreeNode[] = [];
  messages.forEach((message, index) => {
    const id = message.metadata?.id;
    const holds = id != null && Boolean(message.metadata?.title);
    let node = holds ? undefined : leaves.get(message);
    if (!node || node.index !== index) {
      node = { message, index, children: [] };
      if (!holds) leaves.set(message, node);
    }
    const parentId = message.metadata?.parent_id;
    const parent = parentId != null ? thoughts.get(String(parentId)) : undefined;
    (parent ? parent.children : roots).push(node);
    if (holds) thoughts.set(String(id), node);
  });
  return roots;
}

export function groupNodes(roots: TreeNode[], groupConsecutive: boolean): Group[] {
  const groups: Group[] = [];
  for (const node of roots) {
    const last = groups.at(-1);
    if (groupConsecutive && last && last.role === node.message.role) last.nodes.push(node);
    else groups.push({ role: node.message.role, nodes: [node] });
  }
  return groups;
}

/** The text a user would copy: text parts joined, files by name. */
export function messageText(message: Message): string {
  return message.content
    .map((part) => {
      if (part.type === "text") return part.text;
      if (part.type === "file") return part.file.orig_name ?? part.file.url ?? part.file.path;
      return "";
    })
    .filter(Boolean)
    .join("\n\n");
}

/** The text parts alone, as the editor shows them: an edit replaces them and keeps the files. */
export function editableText(message: Message): string {
  return message.content.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("\n\n");
}

/** A message's content as event data: the text when it is only text, else the parts (Gradio's shape). */
export function messagePayload(message: Message): string | Part[] {
  return message.content.every((part) => part.type === "text") ? messageText(message) : message.content;
}

export function isThought(message: Message): boolean {
  return Boolean(message.metadata?.title);
}

/** "2.3s", "12s", "1m 5s". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m ${Math.round(seconds - minutes * 60)}s`;
}
