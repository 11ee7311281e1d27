/**
 * What the message shortcut, DMs, App Home, Escalate and edit-following need to remember
 * between requests, behind small asynchronous interfaces so that a shared store can back
 * them; the in-memory implementations here are bounded in size and age. They hold message
 * timestamps, codes and masked answer inputs, never unmasked pasted text.
 */

/** A Slack message: its conversation and timestamp. */
export interface MessageRef {
  channel: string;
  ts: string;
}

/** The link from a message the bot answered unasked to its reply, and deleted messages. */
export interface ReplyLinks {
  link(message: MessageRef, replyTs: string): Promise<void>;
  /** The ts of the bot's reply to `message`, if it answered it. */
  replyTo(message: MessageRef): Promise<string | undefined>;
  /** Records that `message` was deleted; returns the ts of the reply it had, forgetting the link. */
  deleted(message: MessageRef): Promise<string | undefined>;
  wasDeleted(message: MessageRef): Promise<boolean>;
}

/** How often each code was asked about, per UTC day. */
export interface AskedCodes {
  record(codes: readonly number[]): Promise<void>;
  /** The most asked codes of the last `days` days (today included), most asked first. */
  top(days: number, limit: number): Promise<{ code: number; count: number }[]>;
}

export interface SurfaceMemory {
  replies: ReplyLinks;
  asked: AskedCodes;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** A home tab is published at most this often per user. */
export const HOME_REFRESH_MS = 60 * 1000;

const refKey = (message: MessageRef) => `${message.channel}/${message.ts}`;

/** A map whose entries expire and whose oldest entries go first when it is full. */
class ExpiringMap<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  get(key: string): V | undefined {
    const found = this.entries.get(key);
    if (!found) return undefined;
    if (this.now() - found.at >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return found.value;
  }

  set(key: string, value: V): void {
    const time = this.now();
    this.entries.delete(key);
    this.entries.set(key, { value, at: time });
    for (const [oldKey, { at }] of this.entries) {
      if (this.entries.size <= this.maxEntries && time - at < this.ttlMs) break;
      this.entries.delete(oldKey);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

export class MemoryReplyLinks implements ReplyLinks {
  private readonly replies: ExpiringMap<string>;
  private readonly gone: ExpiringMap<true>;

  /** Edits and deletions are followed for a week after the answer. */
  constructor(maxEntries = 50_000, ttlMs = 7 * DAY_MS, now: () => number = Date.now) {
    this.replies = new ExpiringMap(maxEntries, ttlMs, now);
    this.gone = new ExpiringMap(maxEntries, ttlMs, now);
  }

  link(message: MessageRef, replyTs: string): Promise<void> {
    this.replies.set(refKey(message), replyTs);
    return Promise.resolve();
  }

  replyTo(message: MessageRef): Promise<string | undefined> {
    return Promise.resolve(this.replies.get(refKey(message)));
  }

  deleted(message: MessageRef): Promise<string | undefined> {
    const key = refKey(message);
    const reply = this.replies.get(key);
    this.replies.delete(key);
    this.gone.set(key, true);
    return Promise.resolve(reply);
  }

  wasDeleted(message: MessageRef): Promise<boolean> {
    return Promise.resolve(this.gone.get(refKey(message)) === true);
  }
}

export class MemoryAskedCodes implements AskedCodes {
  /** UTC day (YYYY-MM-DD) → code → count, oldest day first. */
  private readonly days = new Map<string, Map<number, number>>();

  constructor(
    private readonly retentionDays = 7,
    private readonly now: () => number = Date.now,
  ) {}

  record(codes: readonly number[]): Promise<void> {
    const day = dayOf(this.now());
    let counts = this.days.get(day);
    if (!counts) {
      counts = new Map();
      this.days.set(day, counts);
      const kept = new Set(lastDays(this.now(), this.retentionDays));
      for (const old of this.days.keys()) if (!kept.has(old)) this.days.delete(old);
    }
    for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
    return Promise.resolve();
  }

  top(days: number, limit: number): Promise<{ code: number; count: number }[]> {
    const totals = new Map<number, number>();
    for (const day of lastDays(this.now(), Math.min(days, this.retentionDays))) {
      for (const [code, count] of this.days.get(day) ?? []) {
        totals.set(code, (totals.get(code) ?? 0) + count);
      }
    }
    return Promise.resolve(
      [...totals]
        .map(([code, count]) => ({ code, count }))
        .sort((a, b) => b.count - a.count || a.code - b.code)
        .slice(0, limit),
    );
  }
}

export function memorySurfaceMemory(now: () => number = Date.now): SurfaceMemory {
  return {
    replies: new MemoryReplyLinks(undefined, undefined, now),
    asked: new MemoryAskedCodes(undefined, now),
  };
}

function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** The UTC days of the `count` days ending today, newest first. */
function lastDays(time: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => dayOf(time - i * DAY_MS));
}
