/**
 * Remembers which Slack deliveries were already handled, so that a retried event
 * (same event_id) never produces a second reply. Behind an interface so that several
 * instances can later share one store.
 */
export interface DedupeStore {
  /** True the first time an id is claimed within the time limit, false after. */
  claim(id: string): boolean;
}

/** In-memory store, bounded in size and age: it holds ids, never message content. */
export class MemoryDedupeStore implements DedupeStore {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly ttlMs = 10 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  claim(id: string): boolean {
    const time = this.now();
    const claimedAt = this.seen.get(id);
    if (claimedAt !== undefined && time - claimedAt < this.ttlMs) return false;
    this.seen.delete(id);
    this.seen.set(id, time);
    this.evict(time);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  /** Oldest first (Map keeps insertion order): drop expired ids and any over the size limit. */
  private evict(time: number): void {
    for (const [id, claimedAt] of this.seen) {
      if (this.seen.size <= this.maxEntries && time - claimedAt < this.ttlMs) break;
      this.seen.delete(id);
    }
  }
}
