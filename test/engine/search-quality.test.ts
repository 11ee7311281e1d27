import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/index.js";

/**
 * Search quality on realistic agent queries. A query hits when one of the entries an
 * agent would accept (resource.code) is in the top 1 / top 3. The rates are quoted in
 * the README; the bounds below stop them from sliding back.
 */
const engine = createEngine();
const cases = JSON.parse(
  readFileSync(new URL("../fixtures/search-queries.json", import.meta.url), "utf8"),
) as {
  query: string;
  expect: string[];
}[];

function ranked(query: string): string[] {
  const answer = engine.query(query);
  if (answer.type !== "search") throw new Error(`"${query}" was not read as a search`);
  return answer.hits.map((hit) => `${hit.entry.resource}.${hit.entry.code}`);
}

describe("free-text search quality", () => {
  const results = cases.map(({ query, expect: wanted }) => {
    const top = ranked(query);
    return {
      query,
      top1: wanted.includes(top[0] ?? ""),
      top3: top.slice(0, 3).some((id) => wanted.includes(id)),
      top,
    };
  });
  const rate = (key: "top1" | "top3") => results.filter((r) => r[key]).length / results.length;

  it(`finds the right code first for most of ${cases.length} agent queries`, () => {
    console.log(
      `search quality: top-1 ${(rate("top1") * 100).toFixed(1)}%, top-3 ${(rate("top3") * 100).toFixed(1)}% over ${cases.length} queries`,
    );
    expect(rate("top1")).toBeGreaterThanOrEqual(0.85);
  });

  it("has the right code in the top three for nearly all queries", () => {
    const misses = results
      .filter((r) => !r.top3)
      .map((r) => `${r.query} → ${r.top.slice(0, 3).join(", ")}`);
    expect(misses.length, misses.join("\n")).toBeLessThanOrEqual(Math.floor(cases.length * 0.05));
  });
});
