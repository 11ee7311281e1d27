import { StoreWithFallback } from "./fallback.js";
import { MemoryStore } from "./memory.js";
import { SqliteStore } from "./sqlite.js";
import type { Records } from "./records.js";
import { readSqliteRecords } from "./sqlite-records.js";
import type { Lifetimes, Store, StoreLogger } from "./store.js";
import { DEFAULT_LIFETIMES } from "./store.js";

export type {
  Counters,
  Lifetimes,
  MessageRef,
  ReplyLinks,
  SharedAnswers,
  Store,
  StoreHealth,
  StoreKind,
  StoreLogger,
} from "./store.js";
export {
  StoreError,
  DEFAULT_LIFETIMES,
  DEFAULT_RECORD_RETENTION_DAYS,
  DEFAULT_REPLY_LINK_TTL_MS,
} from "./store.js";
export type {
  AnswerRecord,
  AnsweredEntry,
  Confidence,
  NewVote,
  Records,
  RecordsSince,
  Sighting,
  SightingTotal,
  Surface,
  VoteOutcome,
  VoteReason,
  VoteSeen,
  VoteValue,
} from "./records.js";
export { VOTE_REASONS, VOTE_VALUES, MAX_COMMENT_LENGTH, isVoteReason } from "./records.js";
export { MemoryStore, SqliteStore, StoreWithFallback };

/** The Redis store, loaded only when configured: its client costs a sixth of a start-up. */
async function redisStore() {
  return (await import("./redis.js")).RedisStore;
}

export interface StoreSettings {
  /** Redis for several instances; null for the embedded store. */
  redisUrl: string | null;
  /** Where the embedded store keeps its file. */
  dataDir: string;
  lifetimes?: Lifetimes;
}

/**
 * Redis when a URL is configured, otherwise the embedded SQLite store in the data
 * directory; either way behind an in-process fallback, so that a failing store never
 * costs an answer. Throws a StoreError when the embedded store cannot be used.
 */
export async function openStore(settings: StoreSettings, logger: StoreLogger): Promise<Store> {
  const lifetimes = settings.lifetimes === undefined ? {} : { lifetimes: settings.lifetimes };
  const store =
    settings.redisUrl === null
      ? new SqliteStore(settings.dataDir, lifetimes)
      : await (await redisStore()).open({ url: settings.redisUrl, ...lifetimes }, logger);
  return new StoreWithFallback(store, logger);
}

/**
 * The records the running bot keeps, for the maintainers' report: in Redis when a URL is
 * configured, otherwise read-only in the embedded store's data directory (beside a running
 * bot, whose lock it does not take).
 */
export async function openRecordsReader(
  settings: StoreSettings,
  logger: StoreLogger,
): Promise<{ records: Records; close: () => Promise<void> }> {
  const lifetimes = settings.lifetimes ?? DEFAULT_LIFETIMES;
  if (settings.redisUrl === null) {
    const reader = readSqliteRecords(settings.dataDir, lifetimes);
    return {
      records: reader.records,
      close: () => {
        reader.close();
        return Promise.resolve();
      },
    };
  }
  const store = await (await redisStore()).open({ url: settings.redisUrl, lifetimes }, logger);
  return { records: store.records, close: () => store.close() };
}
