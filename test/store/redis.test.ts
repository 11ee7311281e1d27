/**
 * The Redis store against a real redis-server on a free loopback port: several instances
 * sharing it, its keys, and what happens when Redis dies mid-run and comes back.
 */
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StoreWithFallback } from "../../src/store/index.js";
import { RedisStore } from "../../src/store/redis.js";
import type { RedisServer } from "../../support/redis-server.js";
import {
  REDIS_MISSING_MESSAGE,
  requireRedisServer,
  startRedisServer,
} from "../../support/redis-server.js";
import { silentLogger } from "../../support/store-logger.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `condition` holds, failing after `ms`. */
async function eventually(condition: () => boolean | Promise<boolean>, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await sleep(50);
  }
}

let redis: RedisServer;
const opened: RedisStore[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});
afterAll(async () => {
  await redis.stop();
});

async function instance(keyPrefix: string, logger = silentLogger()): Promise<RedisStore> {
  const store = await RedisStore.open({ url: redis.url, keyPrefix, connectWaitMs: 1000 }, logger);
  opened.push(store);
  return store;
}

describe("the Redis store", () => {
  it("grants a claim to exactly one of two instances claiming the same event at once", async () => {
    const a = await instance("shared-claims:");
    const b = await instance("shared-claims:");
    for (let event = 0; event < 50; event++) {
      const results = await Promise.all([
        a.claimOnce(`Ev${event}`, 60_000),
        b.claimOnce(`Ev${event}`, 60_000),
        b.claimOnce(`Ev${event}`, 60_000),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
    }
  });

  it("finds a Share key put by another instance", async () => {
    const a = await instance("shared-answers:");
    const b = await instance("shared-answers:");
    const key = await a.answers.put("816 points");
    expect(await b.answers.get(key)).toBe("816 points");
  });

  it("writes only prefixed keys, each with an expiry", async () => {
    const store = await instance("expiring:");
    await store.claimOnce("Ev1", 60_000);
    await store.answers.put("803");
    await store.counters.increment("usage:slash");
    await store.replies.link({ channel: "C1", ts: "1.000001" }, "2.000001");
    await store.replies.deleted({ channel: "C1", ts: "3.000001" });
    const raw = new Redis(redis.url);
    const keys = await raw.keys("*");
    const ours = keys.filter((key) => key.startsWith("expiring:"));
    expect(ours.map((key) => key.replace(/[^:]+$/, ""))).toEqual(
      expect.arrayContaining([
        "expiring:claim:",
        "expiring:answer:",
        "expiring:counters:",
        "expiring:reply:",
        "expiring:deleted:",
      ]),
    );
    for (const key of ours) expect(await raw.pttl(key)).toBeGreaterThan(0);
    raw.disconnect();
  });

  it("keeps instances with different prefixes apart", async () => {
    const a = await instance("team-a:");
    const b = await instance("team-b:");
    expect(await a.claimOnce("Ev1", 60_000)).toBe(true);
    expect(await b.claimOnce("Ev1", 60_000)).toBe(true);
  });

  it("fails fast while Redis is down, reports degraded, logs the outage once, and recovers", async () => {
    const logger = silentLogger();
    const store = await instance("outage:", logger);
    expect(await store.claimOnce("EvBefore", 60_000)).toBe(true);

    await redis.kill();
    await eventually(() => !store.health().ok);
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      await expect(store.claimOnce(`EvDuring${i}`, 60_000)).rejects.toThrow();
      // Never queued until Redis is back: the caller can answer at once.
      expect(Date.now() - started).toBeLessThan(100);
      await sleep(100);
    }
    expect(store.health().detail).toMatch(/^Redis at 127\.0\.0\.1:\d+ is \w+/);
    const outages = logger.lines.filter((line) => line.includes("is unreachable"));
    expect(outages).toHaveLength(1);

    await redis.restart();
    await eventually(() => store.health().ok);
    expect(await store.claimOnce("EvAfter", 60_000)).toBe(true);
    expect(await store.claimOnce("EvAfter", 60_000)).toBe(false);
    expect(logger.lines.some((line) => line.includes("reachable again"))).toBe(true);
  });

  it("behind its fallback, keeps answering through an outage: local de-dup, Share keys, reply links, counts", async () => {
    const logger = silentLogger();
    const store = new StoreWithFallback(await instance("fallback:", logger), logger);
    expect(await store.claimOnce("EvBefore", 60_000)).toBe(true);
    const before = { channel: "C0SUPPORT", ts: "1764500020.000100" };
    await store.replies.link(before, "1764500021.000200");
    await redis.kill();
    await eventually(() => !store.health().ok);
    // This instance still refuses what it claimed before and during the outage.
    expect(await store.claimOnce("EvBefore", 60_000)).toBe(false);
    expect(await store.claimOnce("EvDuring", 60_000)).toBe(true);
    expect(await store.claimOnce("EvDuring", 60_000)).toBe(false);
    const key = await store.answers.put("803");
    expect(await store.answers.get(key)).toBe("803");
    await expect(store.counters.increment("usage:slash")).resolves.toBeUndefined();
    // Counts made during the outage are shown by this instance while it lasts.
    await store.counters.increment("asked:803");
    expect(await store.counters.totals(7)).toEqual({ "usage:slash": 1, "asked:803": 1 });
    // A paste answered during the outage is followed here: its edit and its deletion.
    const during = { channel: "C0SUPPORT", ts: "1764500022.000300" };
    await store.replies.link(during, "1764500023.000400");
    expect(await store.replies.replyTo(during)).toBe("1764500023.000400");
    expect(await store.replies.deleted(during)).toBe("1764500023.000400");
    expect(await store.replies.wasDeleted(during)).toBe(true);
    // A deletion during the outage of a message answered before it is remembered here.
    expect(await store.replies.deleted(before)).toBeUndefined();
    expect(await store.replies.wasDeleted(before)).toBe(true);
    expect(
      logger.lines.some((line) => line.startsWith("debug: redis store: claiming EvDuring failed")),
    ).toBe(true);
    await redis.restart();
    await eventually(() => store.health().ok);
    expect(await store.claimOnce("EvAfter", 60_000)).toBe(true);
    // The restarted Redis is empty; this instance still knows the deletion it saw.
    expect(await store.replies.wasDeleted(before)).toBe(true);
  });

  it("starts degraded when Redis is not there yet, and connects when it comes", async () => {
    await redis.kill();
    const logger = silentLogger();
    const started = Date.now();
    const store = await instance("late:", logger);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(store.health().ok).toBe(false);
    expect(logger.lines.join("\n")).toContain("starting degraded");
    await redis.restart();
    await eventually(() => store.health().ok);
    expect(await store.claimOnce("Ev1", 60_000)).toBe(true);
  });

  it("never logs the password of the Redis URL", async () => {
    const logger = silentLogger();
    const store = await RedisStore.open(
      { url: `redis://user:hunter2-secret@127.0.0.1:1/0`, connectWaitMs: 300 },
      logger,
    );
    await sleep(300);
    await store.close();
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(logger.lines.join("\n")).not.toContain("hunter2");
    expect(store.health().detail).not.toContain("hunter2");
  });
});

describe("the Redis tests' server", () => {
  it("fails with how to install redis-server when it is missing, rather than skipping", () => {
    expect(() => {
      requireRedisServer({ PATH: "/nonexistent" });
    }).toThrow(REDIS_MISSING_MESSAGE);
    expect(REDIS_MISSING_MESSAGE).toContain("apt-get install redis-server");
  });
});
