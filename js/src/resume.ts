// A page reloaded while its events run picks them up again: as it leaves, the page keeps its session,
// its running events and the blocks it changed in sessionStorage (per tab, per app page); the page
// that loads next in the tab resumes from there, and the session's stream replays what it missed.

import type { ProgressUnit } from "./protocol";

/** A queued event that was running, as its run stood when the last message it applied arrived. */
export interface StoredRun {
  dependency: number;
  eventId: string;
  started: boolean;
  cancelRequested: boolean;
  /** Full value of each output slot, the base of the next diff; null for a `shared` slot. */
  previous: unknown[];
  /** Slots whose previous value is the output block's value, stored once with the block. */
  shared: number[];
  queue: string | null;
  progress: ProgressUnit[] | null;
}

/** A block the page changed: its value if no longer the config's, and the props that differ. */
export interface StoredBlock {
  id: number;
  type: string;
  value?: unknown;
  props?: Record<string, unknown>;
}

export interface Snapshot {
  /** The config's app_id: another app (or the same one restarted) knows neither session nor event. */
  app: number;
  session: string;
  /** The stream's last message id when the values were taken: the diffs that follow start there. */
  lastEventId: string | null;
  /** Date.now() when it was taken. */
  saved: number;
  runs: StoredRun[];
  blocks: StoredBlock[];
}

/**
 * How old a snapshot may be to resume from: about as long as the server keeps a session whose page
 * left (60 s by default) and the messages of its finished events (60 s).
 */
const MAX_AGE = 60_000;
/** Characters stored at most (sessionStorage holds about 5 million per origin): past it, no resume. */
const MAX_CHARS = 1_000_000;

/** The tab's sessionStorage, or null where the page may not use it (disabled, sandboxed frame). */
function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function key(): string {
  return `reblocks:resume:${location.pathname}`;
}

/**
 * The snapshot the previous page of this tab left for `app`, if it is recent and has running events;
 * taken out of storage either way, so that only the one page that loads next resumes from it.
 */
export function takeSnapshot(app: number): Snapshot | null {
  const store = storage();
  try {
    const text = store?.getItem(key());
    if (!text) return null;
    store!.removeItem(key());
    const snapshot = JSON.parse(text) as Snapshot;
    const fresh = Date.now() - snapshot.saved < MAX_AGE && snapshot.saved <= Date.now();
    return snapshot.app === app && fresh && typeof snapshot.session === "string" && snapshot.runs.length > 0
      && Array.isArray(snapshot.blocks) ? snapshot : null;
  } catch {
    return null; // unreadable, or not ours: start afresh
  }
}

/** Store `snapshot`, or clear what is stored when there is none (nothing runs) or it does not fit. */
function keep(snapshot: Snapshot | null): void {
  const store = storage();
  try {
    const text = snapshot && JSON.stringify(snapshot);
    if (text && text.length <= MAX_CHARS) store?.setItem(key(), text);
    else store?.removeItem(key());
  } catch {
    // full, or a value that is not JSON: this page will not resume
    try {
      store?.removeItem(key());
    } catch {
      // storage unavailable: nothing is stored either
    }
  }
}

/** What the page does as it leaves and comes back. */
export interface Leaving {
  /** What a page loading in this tab needs to go on with the running events; null if none runs. */
  snapshot(): Snapshot | null;
  /** The page is being unloaded, or kept in the back/forward cache: it stops handling messages. */
  leave(): void;
  /** The page came back from the back/forward cache. */
  back(): void;
}

/**
 * Store the page's snapshot whenever it may be leaving: unloaded (a reload), or hidden (a hidden tab
 * may be discarded without unloading). A page shown again is alive and forgets it, so a tab
 * duplicated from it starts its own session. Returns the teardown.
 */
export function keepWhenLeaving(page: Leaving): () => void {
  // Past the snapshot, the page handles no more messages: whatever they would start (listeners
  // chained to an event's end) is the next page's to start, once.
  const hide = () => {
    keep(page.snapshot());
    page.leave();
  };
  const show = (event: PageTransitionEvent) => {
    if (!event.persisted) return;
    keep(null);
    page.back();
  };
  const visibility = () => keep(document.visibilityState === "hidden" ? page.snapshot() : null);
  window.addEventListener("pagehide", hide);
  window.addEventListener("pageshow", show);
  document.addEventListener("visibilitychange", visibility);
  return () => {
    window.removeEventListener("pagehide", hide);
    window.removeEventListener("pageshow", show);
    document.removeEventListener("visibilitychange", visibility);
  };
}
