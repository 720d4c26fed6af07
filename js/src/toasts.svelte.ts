// Notifications (gr.Info/Warning/Success, errors): one store per app, handed down by context.

import { createContext } from "svelte";
import type { LogLevel } from "./protocol";

export interface Toast {
  id: number;
  level: LogLevel;
  title: string;
  message: string;
}

const DEFAULT_SECONDS = 8;

export class Toasts {
  items: Toast[] = $state([]);
  #next = 0;

  /**
   * Show a toast. Errors stay until closed; others leave after `seconds` (default 8; `null` = stay).
   */
  push(level: LogLevel, title: string, message: string, seconds: number | null = DEFAULT_SECONDS): void {
    const id = ++this.#next;
    this.items.push({ id, level, title, message });
    if (level !== "error" && seconds !== null) setTimeout(() => this.dismiss(id), seconds * 1000);
  }

  error(title: string, message: string): void {
    this.push("error", title, message);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((toast) => toast.id !== id);
  }
}

export const [getToasts, setToasts] = createContext<Toasts>();
