import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/index.js";

const engine = createEngine();
const codesAnswer = (text: string) => {
  const answer = engine.query(text);
  if (answer.type !== "codes") throw new Error(`expected a code answer for ${text}`);
  return answer;
};
const ranking = (text: string, index = 0) =>
  codesAnswer(text).items[index]?.matches.map((m) => `${m.entry.resource} ${m.entry.kind}`) ?? [];

describe("code lookup", () => {
  it("answers a code with one meaning, narrowed", () => {
    const [item] = codesAnswer("803").items;
    expect(item?.narrowed).toBe(true);
    expect(item?.matches.map((m) => m.entry.id)).toEqual(["points.803.error"]);
  });

  it("puts the named resource first and keeps every other meaning", () => {
    expect(ranking("816 points")).toEqual(["points error", "customer error"]);
    expect(ranking("816 customer")).toEqual(["customer error", "points error"]);
    expect(ranking("coupon/660")).toEqual(["coupon error", "transaction error"]);
    expect(ranking("transaction 660")).toEqual(["transaction error", "coupon error"]);
    expect(codesAnswer("816 points").items[0]?.narrowed).toBe(true);
  });

  it("shows every meaning, undecided, when nothing narrows it", () => {
    const [item] = codesAnswer("816").items;
    expect(item?.narrowed).toBe(false);
    expect(item?.matches).toHaveLength(2);
  });

  it("never drops a meaning: every code returns all its entries", () => {
    for (const [code, entries] of engine.catalog.byCode) {
      const answer = engine.lookup(code);
      expect(answer.matches.map((m) => m.entry.id).sort()).toEqual(entries.map((e) => e.id).sort());
    }
  });

  it("ranks by the message that came with the code", () => {
    const ids = (message: string) =>
      engine.lookup(1099, { message }).matches.map((m) => m.entry.id);
    expect(ids("Points processing failed.")).toEqual([
      "customer.1099.error.2",
      "customer.1099.error",
    ]);
    expect(ids("Unable to fetch tracker data for the customer.")).toEqual([
      "customer.1099.error",
      "customer.1099.error.2",
    ]);
    const top = engine.lookup(1099, { message: "Points processing failed." }).matches[0];
    expect(top?.messageMatches).toBe(true);
    expect(top?.reasons).toContain("message matches this wording");
  });

  it("ranks by the query's other words", () => {
    expect(ranking("8014 country configuration")).toEqual(["customer error", "customer error"]);
    expect(codesAnswer("8014 country configuration").items[0]?.matches[0]?.entry.id).toBe(
      "customer.8014.error.2",
    );
  });

  it("names the nearest known codes for an unknown one, in the named resource first", () => {
    const [item] = codesAnswer("8999 customer").items;
    expect(item?.matches).toEqual([]);
    expect(item?.nearest.length).toBeGreaterThan(0);
    expect(item?.nearest.every((e) => e.resource === "customer")).toBe(true);
    expect(item?.nearest.map((e) => e.code)).toContain(9028);
  });

  it("finds nearest codes by message for an unknown code that came with one", () => {
    const answer = engine.lookup(7777, { message: "Coupon has expired" });
    expect(answer.nearest[0]?.id).toBe("coupon.713.error");
  });
});
