/** MemoryDedupeStore with an injected clock: claims, expiry, and the size bound. */
import { describe, expect, it } from "vitest";
import { MemoryDedupeStore } from "../../src/slack/dedupe.js";

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

describe("MemoryDedupeStore", () => {
  it("claims an id the first time and refuses it after", () => {
    const clock = manualClock();
    const store = new MemoryDedupeStore(100, TTL, clock.now);
    expect(store.claim("Ev1")).toBe(true);
    expect(store.claim("Ev1")).toBe(false);
    clock.advance(TTL - 1);
    expect(store.claim("Ev1")).toBe(false);
    expect(store.claim("Ev2")).toBe(true);
    expect(store.size).toBe(2);
  });

  it("counts the time limit from the first claim: refusals do not extend it", () => {
    const clock = manualClock();
    const store = new MemoryDedupeStore(100, TTL, clock.now);
    expect(store.claim("Ev1")).toBe(true);
    for (let i = 0; i < 5; i++) {
      clock.advance(TTL / 10);
      expect(store.claim("Ev1")).toBe(false);
    }
    clock.advance(TTL / 2);
    expect(store.claim("Ev1")).toBe(true);
  });

  it("lets an id be claimed again once the time limit has passed, then refuses it again", () => {
    const clock = manualClock();
    const store = new MemoryDedupeStore(100, TTL, clock.now);
    expect(store.claim("Ev1")).toBe(true);
    clock.advance(TTL);
    expect(store.claim("Ev1")).toBe(true);
    expect(store.claim("Ev1")).toBe(false);
    expect(store.size).toBe(1);
  });

  it("drops expired ids, so the store holds only those still within the time limit", () => {
    const clock = manualClock();
    const store = new MemoryDedupeStore(100, TTL, clock.now);
    for (let i = 0; i < 50; i++) store.claim(`old-${i}`);
    clock.advance(TTL / 2);
    for (let i = 0; i < 10; i++) store.claim(`newer-${i}`);
    expect(store.size).toBe(60);
    clock.advance(TTL / 2);
    // The first 50 are now expired; the next claim drops them.
    expect(store.claim("latest")).toBe(true);
    expect(store.size).toBe(11);
    for (let i = 0; i < 10; i++) expect(store.claim(`newer-${i}`)).toBe(false);
    expect(store.size).toBe(11);
  });

  it("evicts the oldest ids at the size limit and never holds more than the limit", () => {
    const clock = manualClock();
    const max = 5;
    const store = new MemoryDedupeStore(max, TTL, clock.now);
    for (let i = 0; i < 200; i++) {
      expect(store.claim(`Ev${i}`)).toBe(true);
      expect(store.size).toBeLessThanOrEqual(max);
      clock.advance(1);
    }
    expect(store.size).toBe(max);
    // The newest five are remembered (checked newest first: a refusal changes nothing) ...
    for (let i = 199; i >= 195; i--) expect(store.claim(`Ev${i}`)).toBe(false);
    // ... and the oldest were forgotten.
    expect(store.claim("Ev0")).toBe(true);
    expect(store.size).toBe(max);
    // Claiming Ev0 evicted the oldest remaining one, Ev195.
    expect(store.claim("Ev195")).toBe(true);
    expect(store.claim("Ev199")).toBe(false);
  });

  it("stays within the limit when many ids arrive at the same instant", () => {
    const clock = manualClock();
    const store = new MemoryDedupeStore(100, TTL, clock.now);
    for (let i = 0; i < 10_000; i++) store.claim(`Ev${i}`);
    expect(store.size).toBe(100);
    expect(store.claim("Ev9999")).toBe(false);
    expect(store.claim("Ev0")).toBe(true);
  });

  it("defaults to the wall clock and a 10-minute, 10,000-id bound", () => {
    const store = new MemoryDedupeStore();
    expect(store.claim("Ev1")).toBe(true);
    expect(store.claim("Ev1")).toBe(false);
    for (let i = 0; i < 10_050; i++) store.claim(`bulk-${i}`);
    expect(store.size).toBe(10_000);
  });
});
