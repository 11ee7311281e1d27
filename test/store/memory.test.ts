/**
 * The in-memory store (unit tests of code that uses a store, and the fallback during a
 * shared store's outage), with a clock the test moves: expiry and the size bound.
 */
import { describe, expect, it } from "vitest";
import { MemoryStore } from "../../src/store/index.js";

const TTL = 60_000;

/** A clock the test moves by hand. */
function manualClock(start = 1_700_000_000_000) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("the memory store", () => {
  it("counts a claim's time from the first claim: refusals do not extend it", () => {
    const clock = manualClock();
    const store = new MemoryStore({ now: clock.now });
    expect(store.claimNow("Ev1", TTL)).toBe(true);
    for (let i = 0; i < 5; i++) {
      clock.advance(TTL / 10);
      expect(store.claimNow("Ev1", TTL)).toBe(false);
    }
    clock.advance(TTL / 2);
    expect(store.claimNow("Ev1", TTL)).toBe(true);
  });

  it("drops expired claims, holding only those still within their time", () => {
    const clock = manualClock();
    const store = new MemoryStore({ now: clock.now });
    for (let i = 0; i < 50; i++) store.claimNow(`old-${i}`, TTL);
    clock.advance(TTL / 2);
    for (let i = 0; i < 10; i++) store.claimNow(`newer-${i}`, TTL);
    expect(store.claimCount).toBe(60);
    clock.advance(TTL / 2);
    expect(store.claimNow("latest", TTL)).toBe(true);
    expect(store.claimCount).toBe(11);
    for (let i = 0; i < 10; i++) expect(store.claimNow(`newer-${i}`, TTL)).toBe(false);
  });

  it("forgets the oldest claims at its bound, and never holds more", () => {
    const clock = manualClock();
    const store = new MemoryStore({ maxEntries: 5, now: clock.now });
    for (let i = 0; i < 200; i++) {
      expect(store.claimNow(`Ev${i}`, TTL)).toBe(true);
      expect(store.claimCount).toBeLessThanOrEqual(5);
      clock.advance(1);
    }
    for (let i = 199; i >= 195; i--) expect(store.claimNow(`Ev${i}`, TTL)).toBe(false);
    expect(store.claimNow("Ev0", TTL)).toBe(true);
    expect(store.claimCount).toBe(5);
  });

  it("stays within the default bound of 10,000 claims under a flood of distinct events", () => {
    const store = new MemoryStore();
    for (let i = 0; i < 10_050; i++) store.claimNow(`bulk-${i}`, TTL);
    expect(store.claimCount).toBe(10_000);
    expect(store.claimNow("bulk-10049", TTL)).toBe(false);
  });

  it("keeps shared answers for their lifetime only", async () => {
    const clock = manualClock();
    const store = new MemoryStore({
      now: clock.now,
      lifetimes: { answerTtlMs: 15 * 60_000, counterRetentionDays: 1 },
    });
    const key = await store.answers.put("816 points");
    clock.advance(15 * 60_000 - 1);
    expect(await store.answers.get(key)).toBe("816 points");
    clock.advance(1);
    expect(await store.answers.get(key)).toBeUndefined();
  });

  it("bounds held answers by their characters, since a held paste can be 50,000 long", async () => {
    const store = new MemoryStore({ maxAnswerChars: 120_000 });
    const paste = (n: number) => `{"status":{"code":${String(n)}}}`.padEnd(50_000, " ");
    const keys: string[] = [];
    for (let i = 0; i < 5; i++) keys.push(await store.answers.put(paste(i)));
    // Two pastes fit in 120,000 characters; the oldest went first.
    const kept = await Promise.all(keys.map((key) => store.answers.get(key)));
    expect(kept.map((answer) => answer !== undefined)).toEqual([false, false, false, true, true]);
    expect(kept[4]).toBe(paste(4));
  });
});
