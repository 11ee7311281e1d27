import { describe, expect, it } from "vitest";
import { MemorySharedAnswers, SHARED_ANSWER_TTL_MS } from "../../src/slack/shared-answers.js";

const MINUTE = 60_000;

describe("answers kept behind Share keys (in memory)", () => {
  it("keeps an answer for at least 15 minutes behind a short, unguessable key", async () => {
    let now = 0;
    const store = new MemorySharedAnswers(SHARED_ANSWER_TTL_MS, 100, () => now);
    const key = await store.put("a pasted response of any size ".repeat(500));
    expect(key).toMatch(/^[\w-]{16}$/);
    expect(await store.put("803")).not.toBe(key);
    now = 15 * MINUTE;
    expect(await store.get(key)).toContain("a pasted response of any size");
  });

  it("forgets an answer once its time is up, and never knew a made-up key", async () => {
    let now = 0;
    const store = new MemorySharedAnswers(20 * MINUTE, 100, () => now);
    const key = await store.put("803");
    now = 20 * MINUTE;
    expect(await store.get(key)).toBeUndefined();
    expect(await store.get("803")).toBeUndefined();
  });

  it("holds at most its bound, dropping the oldest answers first", async () => {
    const store = new MemorySharedAnswers(SHARED_ANSWER_TTL_MS, 3, () => 0);
    const keys = [];
    for (const answer of ["1", "2", "3", "4"]) keys.push(await store.put(answer));
    expect(store.size).toBe(3);
    expect(await store.get(keys[0] ?? "")).toBeUndefined();
    expect(await store.get(keys[3] ?? "")).toBe("4");
  });
});
