import type {
  Counters,
  Lifetimes,
  ReplyLinks,
  SharedAnswers,
  Store,
  StoreHealth,
} from "./store.js";
import {
  DEFAULT_LIFETIMES,
  countedDays,
  dayOf,
  messageKey,
  newAnswerKey,
  replyLinkTtlMs,
} from "./store.js";
import { MemoryRecords } from "./memory-records.js";
import type { Records } from "./records.js";

/**
 * In-process store for unit tests of code that uses a store, and the de-dup fallback
 * while a shared store is unreachable. Bounded: the oldest entries go first.
 */
export class MemoryStore implements Store {
  readonly kind = "memory";
  readonly answers: SharedAnswers;
  readonly counters: Counters;
  readonly replies: ReplyLinks;
  readonly records: Records;
  private readonly claims = new Map<string, number>();
  private readonly kept = new Map<string, { answer: string; expiresAt: number }>();
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly links = new Map<string, { replyTs: string; expiresAt: number }>();
  private readonly deletions = new Map<string, number>();

  constructor(
    private readonly options: {
      maxEntries?: number;
      lifetimes?: Lifetimes;
      now?: () => number;
    } = {},
  ) {
    const now = options.now ?? Date.now;
    const lifetimes = options.lifetimes ?? DEFAULT_LIFETIMES;
    this.records = new MemoryRecords(lifetimes, now, options.maxEntries ?? 10_000);
    this.answers = {
      put: (answer) => {
        const key = newAnswerKey();
        this.kept.set(key, { answer, expiresAt: now() + lifetimes.answerTtlMs });
        this.evict(this.kept, now(), (entry) => entry.expiresAt);
        return Promise.resolve(key);
      },
      get: (key) => {
        const entry = this.kept.get(key);
        return Promise.resolve(entry && entry.expiresAt > now() ? entry.answer : undefined);
      },
    };
    this.counters = {
      increment: (name, by = 1) => {
        const day = dayOf(now());
        let counts = this.counts.get(day);
        if (counts === undefined) {
          counts = new Map<string, number>();
          this.counts.set(day, counts);
          // A new day: the days past the retention period go.
          const kept = new Set(countedDays(now(), lifetimes.counterRetentionDays));
          for (const old of this.counts.keys()) if (!kept.has(old)) this.counts.delete(old);
        }
        counts.set(name, (counts.get(name) ?? 0) + by);
        return Promise.resolve();
      },
      totals: (days) => {
        const totals: Record<string, number> = {};
        for (const day of countedDays(now(), lifetimes.counterRetentionDays, days)) {
          for (const [name, count] of this.counts.get(day) ?? []) {
            totals[name] = (totals[name] ?? 0) + count;
          }
        }
        return Promise.resolve(totals);
      },
    };
    const linkTtlMs = replyLinkTtlMs(lifetimes);
    const liveLink = (key: string) => {
      const link = this.links.get(key);
      return link && link.expiresAt > now() ? link.replyTs : undefined;
    };
    this.replies = {
      link: (message, replyTs) => {
        const key = messageKey(message);
        this.links.delete(key);
        this.links.set(key, { replyTs, expiresAt: now() + linkTtlMs });
        this.evict(this.links, now(), (entry) => entry.expiresAt);
        return Promise.resolve();
      },
      replyTo: (message) => Promise.resolve(liveLink(messageKey(message))),
      deleted: (message) => {
        const key = messageKey(message);
        const replyTs = liveLink(key);
        this.links.delete(key);
        this.deletions.delete(key);
        this.deletions.set(key, now() + linkTtlMs);
        this.evict(this.deletions, now(), (expiresAt) => expiresAt);
        return Promise.resolve(replyTs);
      },
      wasDeleted: (message) =>
        Promise.resolve((this.deletions.get(messageKey(message)) ?? 0) > now()),
    };
  }

  claimOnce(id: string, ttlMs: number): Promise<boolean> {
    return Promise.resolve(this.claimNow(id, ttlMs));
  }

  /** The synchronous claim, for the de-dup fallback that must not wait. */
  claimNow(id: string, ttlMs: number): boolean {
    const time = (this.options.now ?? Date.now)();
    const expiresAt = this.claims.get(id);
    if (expiresAt !== undefined && expiresAt > time) return false;
    this.claims.delete(id);
    this.claims.set(id, time + ttlMs);
    this.evict(this.claims, time, (entry) => entry);
    return true;
  }

  /** Claims currently held, expired or not yet evicted. */
  get claimCount(): number {
    return this.claims.size;
  }

  health(): StoreHealth {
    return { ok: true, detail: "in memory" };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Oldest first (a Map keeps insertion order): drop expired entries and any over the bound. */
  private evict<T>(entries: Map<string, T>, time: number, expiry: (entry: T) => number): void {
    const max = this.options.maxEntries ?? 10_000;
    for (const [key, entry] of entries) {
      if (entries.size <= max && expiry(entry) > time) break;
      entries.delete(key);
    }
  }
}
