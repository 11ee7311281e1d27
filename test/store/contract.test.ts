/**
 * What every store promises the bot, run against each implementation: the in-memory one,
 * the embedded SQLite store on a real file, and Redis on a real redis-server.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/index.js";
import { MemoryStore, RedisStore, SqliteStore } from "../../src/store/index.js";
import type { RedisServer } from "../../support/redis-server.js";
import { startRedisServer } from "../../support/redis-server.js";
import { silentLogger } from "../../support/store-logger.js";

/** Short lifetimes, so that expiry is observed in real time. */
const LIFETIMES = { answerTtlMs: 300, counterRetentionDays: 2 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let redis: RedisServer;
const dirs: string[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const implementations: [string, () => Promise<Store>][] = [
  ["memory", () => Promise.resolve(new MemoryStore({ lifetimes: LIFETIMES }))],
  [
    "sqlite",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "loyalty-store-"));
      dirs.push(dir);
      return Promise.resolve(new SqliteStore(dir, { lifetimes: LIFETIMES }));
    },
  ],
  [
    "redis",
    () =>
      RedisStore.open(
        // A prefix per store keeps the tests of one file apart on the shared server.
        {
          url: redis.url,
          keyPrefix: `test-${String(Math.random()).slice(2)}:`,
          lifetimes: LIFETIMES,
        },
        silentLogger(),
      ),
  ],
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
    expect(key).toMatch(/^[A-Za-z0-9_-]{16}$/);
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

  it("reports itself healthy while it works", async () => {
    const store = await open();
    expect(store.health().ok).toBe(true);
    await store.close();
  });
});
