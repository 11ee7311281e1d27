import { describe, expect, it } from "vitest";
import { loadCatalogOrThrow } from "../../src/catalog/load.js";
import { parseQuery } from "../../src/engine/query.js";

const { synonyms } = loadCatalogOrThrow();
const parse = (text: string) => parseQuery(text, synonyms);

describe("parseQuery", () => {
  it.each([
    ["803", [{ code: 803, resource: null }]],
    [
      "803 1012",
      [
        { code: 803, resource: null },
        { code: 1012, resource: null },
      ],
    ],
    ["816 points", [{ code: 816, resource: "points" }]],
    ["points 816", [{ code: 816, resource: "points" }]],
    ["coupon/660", [{ code: 660, resource: "coupon" }]],
    ["voucher 702", [{ code: 702, resource: "coupon" }]],
    ["bill 604", [{ code: 604, resource: "transaction" }]],
    ["member 816", [{ code: 816, resource: "customer" }]],
    [
      "816 points 1012 customer",
      [
        { code: 816, resource: "points" },
        { code: 1012, resource: "customer" },
      ],
    ],
    [
      "803 1012 points",
      [
        { code: 803, resource: "points" },
        { code: 1012, resource: "points" },
      ],
    ],
    ["what does 1012 mean?", [{ code: 1012, resource: null }]],
    ["744.0", [{ code: 744, resource: null }]],
    ["803 803", [{ code: 803, resource: null }]],
    ["<@U0BOT> 803", [{ code: 803, resource: null }]],
  ])("reads %j as codes", (text, codes) => {
    const query = parse(text);
    expect(query.type).toBe("codes");
    expect(query.type === "codes" ? query.codes : null).toEqual(codes);
  });

  it("keeps the other words of a code query as clues", () => {
    expect(parse("816 customer not found")).toEqual({
      type: "codes",
      codes: [{ code: 816, resource: "customer" }],
      words: "not found",
      text: "816 customer not found",
    });
  });

  it.each(["coupon already used", "otp wrong", "not enough points"])(
    "reads %j as free text",
    (text) => {
      expect(parse(text)).toMatchObject({ type: "search", text });
    },
  );

  it("notes a single resource named in free text", () => {
    expect(parse("voucher expired")).toEqual({
      type: "search",
      text: "voucher expired",
      resource: "coupon",
    });
  });

  it.each(["", "   ", "help", "HELP", "?", "<@U0BOT>"])(
    "reads %j as a request for help",
    (text) => {
      expect(parse(text)).toEqual({ type: "help" });
    },
  );

  it("ignores numbers that cannot be codes and caps long input", () => {
    expect(parse("12 99 123456").type).toBe("search");
    const long = parse(`803 ${"x ".repeat(5000)} 1012`);
    expect(long.type === "codes" ? long.codes.map((c) => c.code) : []).toEqual([803]);
  });
});
