/** The in-memory surface memory with an injected clock: links, deletions, counts, expiry. */
import { describe, expect, it } from "vitest";
import { MemoryAskedCodes, MemoryReplyLinks } from "../../src/slack/surface-memory.js";

const DAY = 24 * 60 * 60 * 1000;

function manualClock(start = Date.UTC(2026, 10, 30, 12)) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("MemoryReplyLinks", () => {
  it("finds the reply to a paste, forgets it on deletion and remembers the deletion", async () => {
    const links = new MemoryReplyLinks();
    const paste = { channel: "C1", ts: "1.000001" };
    await links.link(paste, "2.000001");
    expect(await links.replyTo(paste)).toBe("2.000001");
    // The same ts in another channel is another message.
    expect(await links.replyTo({ channel: "C2", ts: "1.000001" })).toBeUndefined();
    expect(await links.deleted(paste)).toBe("2.000001");
    expect(await links.replyTo(paste)).toBeUndefined();
    expect(await links.wasDeleted(paste)).toBe(true);
    // A second deletion event (a retry) finds no reply to delete again.
    expect(await links.deleted(paste)).toBeUndefined();
  });

  it("keeps at most its size bound, oldest first, and forgets links after their lifetime", async () => {
    const clock = manualClock();
    const links = new MemoryReplyLinks(2, DAY, clock.now);
    await links.link({ channel: "C", ts: "1" }, "r1");
    await links.link({ channel: "C", ts: "2" }, "r2");
    await links.link({ channel: "C", ts: "3" }, "r3");
    expect(await links.replyTo({ channel: "C", ts: "1" })).toBeUndefined();
    expect(await links.replyTo({ channel: "C", ts: "3" })).toBe("r3");
    clock.advance(DAY);
    expect(await links.replyTo({ channel: "C", ts: "3" })).toBeUndefined();
  });
});

describe("MemoryAskedCodes", () => {
  it("ranks the codes of the last 7 days, most asked first, and drops older days", async () => {
    const clock = manualClock();
    const asked = new MemoryAskedCodes(7, clock.now);
    await asked.record([1012]);
    await asked.record([1012]);
    clock.advance(DAY);
    await asked.record([803, 1012]);
    await asked.record([803]);
    await asked.record([803]);
    expect(await asked.top(7, 10)).toEqual([
      { code: 803, count: 3 },
      { code: 1012, count: 3 },
    ]);
    expect(await asked.top(7, 1)).toEqual([{ code: 803, count: 3 }]);
    // Six days later the first day is out of the window.
    clock.advance(6 * DAY);
    expect(await asked.top(7, 10)).toEqual([
      { code: 803, count: 3 },
      { code: 1012, count: 1 },
    ]);
  });
});
