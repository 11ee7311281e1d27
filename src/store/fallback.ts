import { MemoryStore } from "./memory.js";
import type { Records } from "./records.js";
import type { Counters, SharedAnswers, Store, StoreHealth, StoreLogger } from "./store.js";

/**
 * Puts an in-process store behind a shared one for the moments the shared one fails,
 * so that an outage never costs an answer: claims fall back to this instance's own
 * (a redelivery to another instance may then be answered twice), Share keys made
 * meanwhile work on this instance only, and counts and sightings made meanwhile are lost
 * (answers recorded meanwhile are kept here, so that votes on them still count here). Each
 * failure is logged at debug level; the outage itself is logged by the shared store.
 */
export class StoreWithFallback implements Store {
  readonly answers: SharedAnswers;
  readonly counters: Counters;
  readonly records: Records;
  private readonly local: MemoryStore;

  constructor(
    private readonly shared: Store,
    private readonly logger: StoreLogger,
    local = new MemoryStore(),
  ) {
    this.local = local;
    this.answers = {
      put: async (answer) => {
        try {
          return await shared.answers.put(answer);
        } catch (error) {
          this.failed("keeping a shared answer", error);
          return local.answers.put(answer);
        }
      },
      get: async (key) => {
        try {
          const answer = await shared.answers.get(key);
          if (answer !== undefined) return answer;
        } catch (error) {
          this.failed("fetching a shared answer", error);
        }
        return local.answers.get(key);
      },
    };
    this.counters = {
      increment: async (name, by) => {
        try {
          await shared.counters.increment(name, by);
        } catch (error) {
          this.failed(`counting ${name}`, error);
        }
      },
      totals: () => shared.counters.totals(),
    };
    this.records = {
      answered: async (record) => {
        try {
          return await shared.records.answered(record);
        } catch (error) {
          this.failed("recording an answer", error);
          return local.records.answered(record);
        }
      },
      vote: async (vote) => {
        try {
          const outcome = await shared.records.vote(vote);
          if (outcome !== "expired") return outcome;
        } catch (error) {
          this.failed("recording a vote", error);
        }
        return local.records.vote(vote);
      },
      sighted: async (sighting) => {
        try {
          await shared.records.sighted(sighting);
        } catch (error) {
          this.failed("recording a sighting", error);
        }
      },
      since: (since) => shared.records.since(since),
    };
  }

  get kind() {
    return this.shared.kind;
  }

  async claimOnce(id: string, ttlMs: number): Promise<boolean> {
    try {
      const claimed = await this.shared.claimOnce(id, ttlMs);
      // Remembered here too, so that this instance still refuses it during a later outage.
      if (claimed) this.local.claimNow(id, ttlMs);
      return claimed;
    } catch (error) {
      this.failed(`claiming ${id}`, error);
      return this.local.claimNow(id, ttlMs);
    }
  }

  health(): StoreHealth {
    return this.shared.health();
  }

  close(): Promise<void> {
    return this.shared.close();
  }

  private failed(doing: string, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.debug(
      `${this.shared.kind} store: ${doing} failed (${reason}); going on without it`,
    );
  }
}
