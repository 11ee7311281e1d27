import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXAMPLES, renderExample } from "../../scripts/examples.js";
import { createEngine } from "../../src/engine/index.js";

const engine = createEngine({ teamsFile: null });

describe("the reviewed Block Kit examples in docs/examples/", () => {
  it.each(EXAMPLES.map((example) => [example.name, example] as const))(
    "%s.json is what the bot answers today (run `npm run examples` after a reviewed layout change)",
    (name, example) => {
      const file = new URL(`../../docs/examples/${name}.json`, import.meta.url);
      const committed: unknown = JSON.parse(readFileSync(file, "utf8"));
      expect(renderExample(engine, example)).toEqual(committed);
    },
  );

  it("cover every kind of answer an agent meets, the messy paste at 40 kB", () => {
    expect(EXAMPLES.map((e) => e.name)).toEqual([
      "single-code",
      "ambiguous-code",
      "free-text",
      "unknown-code",
      "clean-paste",
      "messy-paste-40kb",
    ]);
    const messy = EXAMPLES.find((e) => e.name === "messy-paste-40kb");
    expect(messy?.input.length).toBeGreaterThanOrEqual(40_000);
  });
});
