import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/load.js";
import { reviewMarkdown, sharedWordings } from "../../src/catalog/review.js";

const { catalog } = loadCatalog();
const markdown = reviewMarkdown(catalog);
const entryRows = markdown
  .slice(markdown.indexOf("## Entries"))
  .split("\n")
  .filter((line) => /^\| \d+ \|/.test(line));

describe("the review table a support lead reads (npm run catalog:review)", () => {
  it("has one row per entry, with code, resource, kind, class, escalation and wording", () => {
    expect(entryRows).toHaveLength(catalog.entries.length);
    // The duplicate bill: an integration error that escalates only when the bill is missing.
    const duplicateBill = entryRows.find((row) => row.startsWith("| 604 | transaction | error |"));
    expect(duplicateBill).toContain("| integration |");
    expect(duplicateBill).toContain("Only if the bill is missing");
    expect(duplicateBill).toContain("(why: ");
  });

  it("counts how many entries share each wording, and names the classes and kinds they span", () => {
    const shared = sharedWordings(catalog);
    for (const { wording, entries } of shared) {
      const showing = catalog.entries.filter(
        (e) => (e.customerWording ?? "(no customer message needed)") === wording,
      );
      expect(entries.length, wording).toBe(showing.length);
      expect(entries.length, wording).toBeGreaterThan(1);
    }
    const noMessage = shared.find((s) => s.wording === "(no customer message needed)");
    expect(noMessage?.situations).toContain("success success");
    expect(markdown).toContain(`| ${String(noMessage?.entries.length)} | `);
  });

  it("keeps a pipe in wording from breaking the table", () => {
    const first = catalog.entries[0];
    if (!first) throw new Error("empty catalog");
    const piped = reviewMarkdown({
      ...catalog,
      entries: [{ ...first, customerWording: "You can pick a | b." }],
    });
    expect(piped).toContain("You can pick a \\| b.");
  });
});
