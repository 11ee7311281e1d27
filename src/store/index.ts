import { StoreWithFallback } from "./fallback.js";
import { MemoryStore } from "./memory.js";
import { RedisStore } from "./redis.js";
import { SqliteStore } from "./sqlite.js";
import type { Lifetimes, Store, StoreLogger } from "./store.js";

export type {
  Counters,
  SharedAnswers,
  Store,
  StoreHealth,
  StoreKind,
  StoreLogger,
} from "./store.js";
export { StoreError } from "./store.js";
export { MemoryStore, RedisStore, SqliteStore, StoreWithFallback };

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
      : await RedisStore.open({ url: settings.redisUrl, ...lifetimes }, logger);
  return new StoreWithFallback(store, logger);
}
