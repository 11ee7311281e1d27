import { describe, expect, it } from "vitest";
import { nextTurn } from "../../src/slack/turns.js";

describe("answers take turns on the event loop", () => {
  it("lets work queued during one turn (a request being read, an ack) run before the next turn", async () => {
    const order: string[] = [];
    const first = nextTurn().then(() => {
      order.push("first answer");
      setImmediate(() => order.push("a request read meanwhile"));
    });
    const second = nextTurn().then(() => order.push("second answer"));
    await Promise.all([first, second]);
    // With a plain setImmediate both answers would run back to back in one turn.
    expect(order).toEqual(["first answer", "a request read meanwhile", "second answer"]);
  });

  it("keeps the order of the callers", async () => {
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((n) => nextTurn().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3, 4]);
  });
});
