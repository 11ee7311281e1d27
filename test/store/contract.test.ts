/**
 * What every store promises the bot, run against each implementation: the in-memory one,
 * the embedded SQLite store on a real file, and Redis on a real redis-server.
 */
import { describe, expect, it } from "vitest";
import type { Lifetimes, Store } from "../../src/store/index.js";
import { MemoryStore, SqliteStore } from "../../src/store/index.js";
import { RedisStore } from "../../src/store/redis.js";
import { useStoreFixtures } from "../../support/store-fixtures.js";
import { silentLogger } from "../../support/store-logger.js";

/** Short lifetimes, so that expiry is observed in real time. */
const LIFETIMES: Lifetimes = { answerTtlMs: 300, counterRetentionDays: 2, replyLinkTtlMs: 300 };

const DAY_MS = 24 * 60 * 60 * 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const { redis, tempDir } = useStoreFixtures("loyalty-store");

interface StoreOptions {
  lifetimes?: Lifetimes;
  /** The clock of the day counts (and, in memory and SQLite, of expiry). */
  now?: () => number;
}

/** Where a store keeps what it holds: a data directory, or a key prefix on the server. */
type Place = string;

const newPrefix = () => `test-${String(Math.random()).slice(2)}:`;

const openSqlite = (dir: Place, options: StoreOptions) =>
  Promise.resolve(new SqliteStore(dir, { lifetimes: LIFETIMES, ...options }));

const openRedis = (keyPrefix: Place, options: StoreOptions) =>
  RedisStore.open(
    { url: redis().url, keyPrefix, lifetimes: LIFETIMES, ...options },
    silentLogger(),
  );

const implementations: [string, (options?: StoreOptions) => Promise<Store>][] = [
  ["memory", (options) => Promise.resolve(new MemoryStore({ lifetimes: LIFETIMES, ...options }))],
  ["sqlite", (options = {}) => openSqlite(tempDir(), options)],
  // A prefix per store keeps the tests of one file apart on the shared server.
  ["redis", (options = {}) => openRedis(newPrefix(), options)],
];

describe.each(implementations)("the %s store", (_name, open) => {
  it("lets the first claim of an event id through and refuses its redeliveries", async () => {
    const store = await open();
    expect(await store.claimOnce("Ev1", 60_000)).toBe(true);
    expect(await store.claimOnce("Ev1", 60_000)).toBe(false);
    expect(await store.claimOnce("Ev2", 60_000)).toBe(true);
    await store.close();
  });

  it("grants exactly one of many simultaneous claims of the same id", async () => {
    const store = await open();
    const results = await Promise.all(
      Array.from({ length: 25 }, () => store.claimOnce("EvBurst", 60_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    await store.close();
  });

  it("lets an id be claimed again once its claim has expired, and not before", async () => {
    const store = await open();
    expect(await store.claimOnce("EvShort", 200)).toBe(true);
    expect(await store.claimOnce("EvShort", 200)).toBe(false);
    await sleep(300);
    expect(await store.claimOnce("EvShort", 200)).toBe(true);
    await store.close();
  });

  it("gives a shared answer back by its key, 40 kB and non-ASCII text intact", async () => {
    const store = await open();
    const answer = `803 · points — “not enough points” ${"x".repeat(40_000)}`;
    const key = await store.answers.put(answer);
    expect(key).toMatch(/^[0-9a-z]{9}[A-Za-z0-9_-]{16}$/);
    expect(await store.answers.get(key)).toBe(answer);
    await store.close();
  });

  it("gives each shared answer its own unguessable key", async () => {
    const store = await open();
    const keys = await Promise.all(Array.from({ length: 50 }, () => store.answers.put("803")));
    expect(new Set(keys).size).toBe(50);
    await store.close();
  });

  it("knows no answer for an unknown key, nor for an expired one", async () => {
    const store = await open();
    expect(await store.answers.get("no-such-key")).toBeUndefined();
    const key = await store.answers.put("1012");
    await sleep(400);
    expect(await store.answers.get(key)).toBeUndefined();
    await store.close();
  });

  it("adds up counters by name", async () => {
    const store = await open();
    await store.counters.increment("usage:slash");
    await store.counters.increment("usage:slash");
    await store.counters.increment("unknown-code:9999", 3);
    expect(await store.counters.totals()).toEqual({ "usage:slash": 2, "unknown-code:9999": 3 });
    await store.close();
  });

  it("totals counts over the last days asked for, within the retention period", async () => {
    let now = Date.parse("2026-11-01T12:00:00Z");
    const store = await open({
      lifetimes: { ...LIFETIMES, counterRetentionDays: 7 },
      now: () => now,
    });
    await store.counters.increment("asked:803", 4);
    now += 3 * DAY_MS;
    await store.counters.increment("asked:803");
    await store.counters.increment("asked:604", 2);
    now += 5 * DAY_MS;
    await store.counters.increment("asked:604");
    // Today only; then the last 7 days (the first day is 8 days back); 30 is capped at 7.
    expect(await store.counters.totals(1)).toEqual({ "asked:604": 1 });
    expect(await store.counters.totals(7)).toEqual({ "asked:803": 1, "asked:604": 3 });
    expect(await store.counters.totals(30)).toEqual({ "asked:803": 1, "asked:604": 3 });
    expect(await store.counters.totals()).toEqual({ "asked:803": 1, "asked:604": 3 });
    await store.close();
  });

  it("finds the reply to an answered message, and forgets it when the message is deleted", async () => {
    const store = await open();
    const paste = { channel: "C0SUPPORT", ts: "1764500000.000100" };
    await store.replies.link(paste, "1764500001.000200");
    expect(await store.replies.replyTo(paste)).toBe("1764500001.000200");
    // The same ts in another conversation is another message.
    expect(await store.replies.replyTo({ channel: "C0OTHER", ts: paste.ts })).toBeUndefined();
    expect(await store.replies.wasDeleted(paste)).toBe(false);
    expect(await store.replies.deleted(paste)).toBe("1764500001.000200");
    expect(await store.replies.replyTo(paste)).toBeUndefined();
    expect(await store.replies.wasDeleted(paste)).toBe(true);
    // A redelivered deletion finds no reply to delete again.
    expect(await store.replies.deleted(paste)).toBeUndefined();
    // A deleted message the bot never answered is still known as deleted (for Escalate).
    const question = { channel: "D0AGENT", ts: "1764500002.000300" };
    expect(await store.replies.deleted(question)).toBeUndefined();
    expect(await store.replies.wasDeleted(question)).toBe(true);
    await store.close();
  });

  it("gives the reply of a deleted message to exactly one of simultaneous deletions", async () => {
    const store = await open();
    const paste = { channel: "C0SUPPORT", ts: "1764500003.000400" };
    await store.replies.link(paste, "1764500004.000500");
    const replies = await Promise.all(
      Array.from({ length: 10 }, () => store.replies.deleted(paste)),
    );
    expect(replies.filter((reply) => reply !== undefined)).toEqual(["1764500004.000500"]);
    await store.close();
  });

  it("forgets reply links and deletion marks after their lifetime", async () => {
    const store = await open();
    const answered = { channel: "C0SUPPORT", ts: "1764500005.000600" };
    const gone = { channel: "C0SUPPORT", ts: "1764500006.000700" };
    await store.replies.link(answered, "1764500007.000800");
    await store.replies.deleted(gone);
    await sleep(400);
    expect(await store.replies.replyTo(answered)).toBeUndefined();
    expect(await store.replies.wasDeleted(gone)).toBe(false);
    await store.close();
  });

  it("reports itself healthy while it works", async () => {
    const store = await open();
    expect(store.health().ok).toBe(true);
    await store.close();
  });
});

/**
 * Two instances on what one store keeps: at once on one Redis; one after the other on one
 * SQLite file (a restart, since the embedded store is held by one instance at a time).
 */
const sharedImplementations: [
  string,
  () => Promise<{ first: Store; second: () => Promise<Store> }>,
][] = [
  [
    "sqlite",
    async () => {
      const dir = tempDir();
      const first = await openSqlite(dir, {});
      const second = async () => {
        await first.close();
        return openSqlite(dir, {});
      };
      return { first, second };
    },
  ],
  [
    "redis",
    async () => {
      const prefix = newPrefix();
      return { first: await openRedis(prefix, {}), second: () => openRedis(prefix, {}) };
    },
  ],
];

describe.each(sharedImplementations)("two instances on one %s store", (_name, open) => {
  it("follow from one the reply the other posted: an edit finds it, a deletion takes it", async () => {
    const { first: a, second } = await open();
    const paste = { channel: "C0SUPPORT", ts: "1764500010.000100" };
    await a.replies.link(paste, "1764500011.000200");
    const b = await second();
    expect(await b.replies.replyTo(paste)).toBe("1764500011.000200");
    expect(await b.replies.deleted(paste)).toBe("1764500011.000200");
    expect(await b.replies.wasDeleted(paste)).toBe(true);
    await a.close();
    await b.close();
  });

  it("add up the codes asked about on each", async () => {
    const { first: a, second } = await open();
    await a.counters.increment("asked:803");
    await a.counters.increment("asked:803");
    const b = await second();
    await b.counters.increment("asked:803");
    await b.counters.increment("asked:604");
    expect(await b.counters.totals(7)).toEqual({ "asked:803": 3, "asked:604": 1 });
    await a.close();
    await b.close();
  });
});
