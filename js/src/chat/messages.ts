// The Chatbot value (PROTOCOL.md §8) and the pure helpers the chat UI derives from it.

import { fileUrl, isFileData, type FileData } from "../files";

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

/** `text` as the clipboard gets it: with the chat's watermark after a blank line, when it has one. */
export function withWatermark(text: string, watermark: string | null | undefined): string {
  return watermark ? `${text}\n\n${watermark}` : text;
}

/** The first file a message shows (a file part, or a media component's file), offered for download. */
export function firstFile(message: Message): FileData | null {
  for (const part of message.content) {
    if (part.type === "file" && part.file) return part.file;
    if (part.type === "component") {
      const value = Array.isArray(part.value) ? part.value[0] : part.value;
      if (isFileData(value)) return value;
    }
  }
  return null;
}

/** The whole conversation as text, as Gradio's "copy all" gives it: one "role: content" paragraph per
 * text or file, files by URL. */
export function conversationText(messages: Message[], root: string): string {
  return messages
    .flatMap((message) =>
      message.content.flatMap((part) => {
        if (part.type === "text") return [`${message.role}: ${part.text}`];
        const file = part.type === "file" ? part.file : firstFile({ ...message, content: [part] });
        const url = file ? fileUrl(file, root) : undefined;
        return url ? [`${message.role}: ${url}`] : [];
      }),
    )
    .join("\n\n");
}

/** The feedback `feedback_value` gives each message, by its index: its n-th entry is for the n-th group
 * of answers, and marks that group's last message (Gradio's LikeData: true, false or a flag's name). */
export function presetFeedback(groups: Group[], values: (string | null)[] | null | undefined): Map<number, boolean | string> {
  const preset = new Map<number, boolean | string>();
  if (!values?.length) return preset;
  let answer = 0;
  for (const group of groups) {
    if (group.role !== "assistant") continue;
    const value = values[answer++];
    if (value) preset.set(group.nodes.at(-1)!.index, value === "Like" ? true : value === "Dislike" ? false : value);
  }
  return preset;
}

/** The longest description a shared conversation gets: it travels in a URL. */
const SHARE_LIMIT = 1800;

/** The conversation as a Hugging Face discussion's text, as Gradio writes it: "😃: …" for the user and
 * "🤖: …" for the assistant, files by URL; a long one keeps its first and last messages, then shortens them. */
export function shareText(messages: Message[], root: string): string {
  const format = (chosen: Message[], cut = Infinity) =>
    chosen
      .map((message) => {
        const speaker = message.role === "user" ? "😃" : "🤖";
        const text = conversationText([message], root).replace(/^(user|assistant): /gm, "");
        return `${speaker}: ${text.length > cut ? `${text.slice(0, cut)}...` : text}`;
      })
      .join("\n");
  let chosen = messages;
  let text = format(chosen);
  if (text.length > SHARE_LIMIT && chosen.length > 2) {
    chosen = [chosen[0], chosen[chosen.length - 1]];
    text = format(chosen);
  }
  if (text.length > SHARE_LIMIT && chosen.length) text = format(chosen, Math.floor(SHARE_LIMIT / chosen.length) - 20);
  return text;
}
