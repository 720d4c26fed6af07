// Saved conversations (ChatInterface(save_history=True)) as kept in localStorage:
// {chats: [{id, title, updated, messages}] newest first, current: id | null}.

import { messageText, normalizeMessages, type Message } from "./messages";

export interface SavedChat {
  id: string;
  title: string;
  /** Milliseconds since the epoch of the last change. */
  updated: number;
  messages: Message[];
}

export interface SavedChats {
  chats: SavedChat[];
  current: string | null;
}

/** The outcome of a write: the chats it kept, how many old ones quota made it drop, and whether it stuck. */
export interface WriteResult {
  chats: SavedChat[];
  dropped: number;
  /** null when written; else why not ("full": even the current chat alone does not fit). */
  failure: "full" | string | null;
}

const TITLE_LENGTH = 40;

/** Per page path too, so two apps on one host with the same title keep separate lists. */
export function storageKey(key: string): string {
  return `reblocks:saved-chats:${location.pathname}:${key}`;
}

/** What is stored under `key`; anything unreadable counts as no chats. */
export function readSaved(storage: Storage, key: string): SavedChats {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(key) ?? "null");
  } catch {
    return { chats: [], current: null };
  }
  const record = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const chats = (Array.isArray(record.chats) ? record.chats : [])
    .filter((chat): chat is Record<string, unknown> => chat !== null && typeof chat === "object"
      && typeof chat.id === "string")
    .map((chat) => {
      const messages = normalizeMessages(chat.messages);
      return {
        id: chat.id as string,
        title: typeof chat.title === "string" && chat.title ? chat.title : chatTitle(messages),
        updated: typeof chat.updated === "number" ? chat.updated : 0,
        messages,
      };
    })
    .filter((chat) => chat.messages.length > 0);
  const current = typeof record.current === "string" ? record.current : null;
  return { chats, current };
}

/** The first user message's text on one line, shortened; "New chat" without one. */
export function chatTitle(messages: Message[]): string {
  const first = messages.find((message) => message.role === "user");
  const text = first ? messageText(first).replace(/\s+/g, " ").trim() : "";
  if (!text) return "New chat";
  return text.length > TITLE_LENGTH ? `${text.slice(0, TITLE_LENGTH - 1).trimEnd()}…` : text;
}

export function newChatId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException
    && (error.name === "QuotaExceededError" || error.name === "NS_ERROR_DOM_QUOTA_REACHED");
}

/**
 * Store `saved`. When storage is full, drop the oldest chats other than the current one, one at a
 * time, until it fits; when even that fails nothing is dropped (the last good copy stays stored).
 */
export function writeSaved(storage: Storage, key: string, saved: SavedChats): WriteResult {
  const chats = [...saved.chats];
  let dropped = 0;
  for (;;) {
    try {
      storage.setItem(key, JSON.stringify({ chats, current: saved.current }));
      return { chats, dropped, failure: null };
    } catch (error) {
      if (!isQuotaError(error)) return { chats: saved.chats, dropped: 0, failure: String(error) };
      let oldest = chats.length - 1;
      while (oldest >= 0 && chats[oldest].id === saved.current) oldest -= 1;
      if (oldest < 0) return { chats: saved.chats, dropped: 0, failure: "full" };
      chats.splice(oldest, 1);
      dropped += 1;
    }
  }
}
