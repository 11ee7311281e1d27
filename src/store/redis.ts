import { Redis } from "ioredis";
import type {
  Counters,
  MessageRef,
  Lifetimes,
  ReplyLinks,
  SharedAnswers,
  Store,
  StoreHealth,
  StoreLogger,
} from "./store.js";
import type { Records } from "./records.js";
import { RedisRecords } from "./redis-records.js";
import {
  DAY_MS,
  DEFAULT_LIFETIMES,
  countedDays,
  dayOf,
  messageKey,
  newAnswerKey,
  replyLinkTtlMs,
} from "./store.js";

export const DEFAULT_KEY_PREFIX = "loyalty-code:";

export interface RedisStoreOptions {
  url: string;
  keyPrefix?: string;
  lifetimes?: Lifetimes;
  /** How long start-up waits for a first connection before going on degraded. */
  connectWaitMs?: number;
  /** A command that takes longer fails, so that a stalled Redis never holds up a reply. */
  commandTimeoutMs?: number;
  /** The clock that says which UTC day a count belongs to; tests move it. */
  now?: () => number;
}

/**
 * The shared store, for several instances: claim-once is one atomic `SET NX PX`, every
 * key is prefixed and expires (counters per day, after the retention period; reply links
 * and deletion marks after their lifetime).
 *
 * Commands are never queued while Redis is unreachable: they fail at once, the caller
 * answers anyway (a possible duplicate is better than a lost answer), and the client
 * reconnects in the background, logging each outage once and its end.
 */
export class RedisStore implements Store {
  readonly kind = "redis";
  readonly answers: SharedAnswers;
  readonly counters: Counters;
  readonly replies: ReplyLinks;
  readonly records: Records;
  private readonly client: Redis;
  private readonly where: string;
  private outageSince: number | null = null;
  private closing = false;

  private constructor(
    options: RedisStoreOptions,
    private readonly logger: StoreLogger,
  ) {
    this.where = describeUrl(options.url);
    const lifetimes = options.lifetimes ?? DEFAULT_LIFETIMES;
    this.client = new Redis(options.url, {
      keyPrefix: options.keyPrefix ?? DEFAULT_KEY_PREFIX,
      lazyConnect: true,
      enableOfflineQueue: false,
      // A command cut off by a dropped connection is not resent later: its reply is long gone.
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 1000,
      connectTimeout: 2000,
      // Reconnect for ever, at most every 2 s.
      retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
      // Commands issued in one tick (an answer's share key, counts and record) go to
      // Redis in one write.
      enableAutoPipelining: true,
    });
    this.client.on("error", (error: Error) => {
      this.markDown(error.message);
    });
    this.client.on("close", () => {
      this.markDown("connection closed");
    });
    this.client.on("ready", () => {
      if (this.outageSince !== null) {
        const seconds = ((Date.now() - this.outageSince) / 1000).toFixed(1);
        this.logger.info(`Redis at ${this.where} is reachable again after ${seconds} s.`);
      }
      this.outageSince = null;
    });
    this.records = new RedisRecords(this.client, lifetimes);
    this.answers = {
      put: async (answer) => {
        const key = newAnswerKey();
        await this.client.set(`answer:${key}`, answer, "PX", lifetimes.answerTtlMs);
        return key;
      },
      get: async (key) => (await this.client.get(`answer:${key}`)) ?? undefined,
    };
    const now = options.now ?? Date.now;
    const retentionMs = lifetimes.counterRetentionDays * DAY_MS;
    this.counters = {
      increment: async (name, by = 1) => {
        const day = `counters:${dayOf(now())}`;
        // Two commands, not a transaction, so that an answer's counts share one write.
        await Promise.all([
          this.client.hincrby(day, name, by),
          this.client.pexpire(day, retentionMs),
        ]);
      },
      totals: async (days) => {
        const pipeline = this.client.pipeline();
        for (const day of countedDays(now(), lifetimes.counterRetentionDays, days)) {
          pipeline.hgetall(`counters:${day}`);
        }
        const totals: Record<string, number> = {};
        for (const [error, counts] of (await pipeline.exec()) ?? []) {
          if (error) throw error;
          for (const [name, count] of Object.entries(counts as Record<string, string>)) {
            totals[name] = (totals[name] ?? 0) + Number(count);
          }
        }
        return totals;
      },
    };
    const linkTtlMs = replyLinkTtlMs(lifetimes);
    const linkKey = (message: MessageRef) => `reply:${messageKey(message)}`;
    const deletedKey = (message: MessageRef) => `deleted:${messageKey(message)}`;
    this.replies = {
      link: async (message, replyTs) => {
        await this.client.set(linkKey(message), replyTs, "PX", linkTtlMs);
      },
      replyTo: async (message) => (await this.client.get(linkKey(message))) ?? undefined,
      deleted: async (message) => {
        // One transaction: of two instances handling the deletion, one gets the reply.
        const results = await this.client
          .multi()
          .get(linkKey(message))
          .del(linkKey(message))
          .set(deletedKey(message), "1", "PX", linkTtlMs)
          .exec();
        const [error, reply] = results?.[0] ?? [null, null];
        if (error) throw error;
        return typeof reply === "string" ? reply : undefined;
      },
      wasDeleted: async (message) => (await this.client.exists(deletedKey(message))) === 1,
    };
  }

  /**
   * Connects, waiting a short while for Redis. An unreachable Redis does not stop the
   * bot: it starts degraded and keeps trying (the URL's form is checked by the configuration).
   */
  static async open(options: RedisStoreOptions, logger: StoreLogger): Promise<RedisStore> {
    const store = new RedisStore(options, logger);
    const connected = store.client.connect().then(
      () => true,
      () => false,
    );
    const waited = new Promise<boolean>((resolve) =>
      setTimeout(resolve, options.connectWaitMs ?? 3000, false).unref(),
    );
    if (!(await Promise.race([connected, waited]))) {
      logger.error(
        `Redis at ${store.where} is not reachable: starting degraded (each instance de-duplicates only its own events, and Share keys from other instances cannot be found) while it keeps trying.`,
      );
    }
    return store;
  }

  async claimOnce(id: string, ttlMs: number): Promise<boolean> {
    return (await this.client.set(`claim:${id}`, "1", "PX", ttlMs, "NX")) === "OK";
  }

  health(): StoreHealth {
    const ok = this.client.status === "ready";
    return {
      ok,
      detail: ok ? `Redis at ${this.where}` : `Redis at ${this.where} is ${this.client.status}`,
    };
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.client.status === "ready") {
      await this.client.quit().catch(() => undefined);
    }
    this.client.disconnect();
  }

  private markDown(reason: string): void {
    if (this.closing || this.outageSince !== null) return;
    this.outageSince = Date.now();
    this.logger.error(
      `Redis at ${this.where} is unreachable (${reason}): answering without shared de-dup until it is back.`,
    );
  }
}

/** host:port/db of a Redis URL, without its user name or password. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "6379"}${parsed.pathname.length > 1 ? parsed.pathname : ""}`;
  } catch {
    return "the configured URL";
  }
}
