import { MemoryStore } from "./memory.js";
import type { Records } from "./records.js";
import type {
  Counters,
  ReplyLinks,
  SharedAnswers,
  Store,
  StoreHealth,
  StoreLogger,
} from "./store.js";

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
  readonly replies: ReplyLinks;
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
          await local.counters.increment(name, by);
        }
      },
      totals: async (days) => {
        try {
          return await shared.counters.totals(days);
        } catch (error) {
          this.failed("reading the counts", error);
          return local.counters.totals(days);
        }
      },
    };
    this.replies = {
      link: async (message, replyTs) => {
        try {
          await shared.replies.link(message, replyTs);
        } catch (error) {
          this.failed("linking a reply", error);
          await local.replies.link(message, replyTs);
        }
      },
      replyTo: async (message) => {
        try {
          const replyTs = await shared.replies.replyTo(message);
          if (replyTs !== undefined) return replyTs;
        } catch (error) {
          this.failed("finding a reply", error);
        }
        return local.replies.replyTo(message);
      },
      deleted: async (message) => {
        // Marked here too, so that this instance knows of the deletion during a later outage.
        const localReply = await local.replies.deleted(message);
        try {
          return (await shared.replies.deleted(message)) ?? localReply;
        } catch (error) {
          this.failed("marking a message deleted", error);
          return localReply;
        }
      },
      wasDeleted: async (message) => {
        try {
          if (await shared.replies.wasDeleted(message)) return true;
        } catch (error) {
          this.failed("asking whether a message was deleted", error);
        }
        return local.replies.wasDeleted(message);
      },
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
