/**
 * The loop back into search: a question that found nothing is recorded, the report lists
 * it with a synonyms.yml entry to fill in, a maintainer maps the agent's word onto the
 * catalog's, and the same question is then answered strongly.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Answer } from "../../src/engine/index.js";
import { createEngine } from "../../src/engine/index.js";
import { buildReport } from "../../src/report/report.js";
import { answerRecord } from "../../src/report/record.js";
import { synonymSnippet } from "../../src/report/text.js";
import { MemoryStore } from "../../src/store/index.js";

const catalogDir = mkdtempSync(join(tmpdir(), "loyalty-catalog-"));
afterAll(() => {
  rmSync(catalogDir, { recursive: true, force: true });
});

const confidenceOf = (answer: Answer) => (answer.type === "search" ? answer.confidence : null);

// Agents' slang for points ("stash"): the catalog's wordings never use it.
const QUESTION = "stash not divisible";

describe("a missed question mapped by a maintainer", () => {
  it("is answered strongly afterwards", async () => {
    cpSync(new URL("../../catalog", import.meta.url), catalogDir, { recursive: true });
    const before = createEngine({ dir: catalogDir }).answer(QUESTION);
    expect(["none", "weak"]).toContain(confidenceOf(before));

    const store = new MemoryStore();
    await store.records.answered(answerRecord(before, "slash", Date.now()));
    const report = buildReport(await store.records.since(0), 0, Date.now());
    expect(report.missedQueries).toMatchObject([{ query: QUESTION, count: 1 }]);

    // The maintainer fills in the snippet the report printed, under `terms:`.
    const snippet = synonymSnippet(QUESTION);
    expect(snippet).toContain("stash: [catalog words]");
    const synonyms = join(catalogDir, "synonyms.yml");
    const filled = snippet.split("\n").at(-1)?.replace("[catalog words]", "[points]");
    writeFileSync(
      synonyms,
      readFileSync(synonyms, "utf8").replace(/^terms:\n/m, `terms:\n${filled ?? ""}\n`),
    );

    const after = createEngine({ dir: catalogDir }).answer(QUESTION);
    expect(confidenceOf(after)).toBe("strong");
    if (after.type !== "search") throw new Error("expected a search answer");
    // 807: points to redeem that are not a multiple of the configured unit.
    expect(after.hits[0]?.entry).toMatchObject({ code: 807, resource: "points" });
  });
});
