import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { load as parse } from "js-yaml";
import { defaultCatalogDir, readCodes, readCuration, readPages } from "../../src/catalog/files.js";
import { normalizeWording } from "../../src/catalog/wording.js";

/**
 * Proves that nothing from the vendor pages is lost, with a reading of the pages that
 * is deliberately simpler than the importer's: every line that starts with a code,
 * under the last resource and kind heading.
 */
const catalogDir = defaultCatalogDir();
const sourcesDir = join(catalogDir, "sources");
const pages = readPages(catalogDir);
const { entries } = readCodes(catalogDir);
const curation = readCuration(catalogDir);

interface Listed {
  page: string;
  code: number;
  resource: string;
  kind: string;
  text: string;
}

function listedRows(): Listed[] {
  const rows: Listed[] = [];
  for (const file of readdirSync(sourcesDir).filter((f) => f.endsWith(".txt"))) {
    const meta = pages.get(file.replace(/\.txt$/, ""));
    if (!meta) throw new Error(`${file} is not registered in pages.yml`);
    let resource: string | null = meta.resource;
    let kind: string | null = null;
    for (const raw of readFileSync(join(sourcesDir, file), "utf8").split("\n")) {
      const line = raw.trim().replace(/^\|\s*/, "");
      const heading = /^(Customer|Transaction|Points|Coupons)\b/.exec(line);
      if (heading && !line.includes("|") && line.split(" ").length <= 2) {
        resource = {
          Customer: "customer",
          Transaction: "transaction",
          Points: "points",
          Coupons: "coupon",
        }[heading[1] as "Customer"];
        continue;
      }
      const kindHeading = /^(Success|Error|Warning) Codes$/.exec(line);
      if (kindHeading) {
        kind = (kindHeading[1] ?? "").toLowerCase();
        continue;
      }
      const codes = /^(\d{3,5})(?:\/\s*(\d{3,5}))?\s*\|?\s*(.*?)\s*\|?\s*$/.exec(line);
      if (!codes || !resource || !kind) continue;
      for (const code of [codes[1], codes[2]]) {
        if (code)
          rows.push({ page: meta.id, code: Number(code), resource, kind, text: codes[3] ?? "" });
      }
    }
  }
  return rows;
}

describe("catalog completeness against the vendor pages", () => {
  const rows = listedRows();

  it("reads a plausible number of rows from the five pages", () => {
    expect(rows.length).toBeGreaterThan(800);
    expect(new Set(rows.map((r) => r.page)).size).toBe(5);
  });

  it("has every (code, resource, kind) that any page lists, crediting that page", () => {
    const missing: string[] = [];
    for (const row of rows) {
      // A curated kind says the page's heading contradicts the row (see curation.yml).
      const kind =
        curation.kinds.find((k) => k.page === row.page && k.code === row.code)?.kind ?? row.kind;
      const found = entries.some(
        (e) =>
          e.code === row.code &&
          e.resource === row.resource &&
          e.kind === kind &&
          e.sources.includes(row.page),
      );
      if (!found) missing.push(`${row.page}: ${row.code} ${row.resource} ${kind}`);
    }
    expect(missing).toEqual([]);
  });

  it("keeps every wording the pages give, as a description or a variant", () => {
    const wordings = new Set(
      entries.flatMap((e) => [e.description, ...e.variants]).map(normalizeWording),
    );
    const lost = rows
      .map((row) => row.text.replace(/\\([{}])/g, "$1"))
      .filter((text) => text !== "" && !wordings.has(normalizeWording(text)))
      // A cell packing several messages is split into them; each part must be kept.
      .filter(
        (text) =>
          !text
            .split(/(?<=successful(?:ly)?\.?)\s+(?=[A-Z])/)
            .every((part) => wordings.has(normalizeWording(part))),
      )
      // A row that wraps onto the next line is kept joined with its continuation.
      .filter((text) => ![...wordings].some((w) => w.startsWith(normalizeWording(text))));
    expect(lost).toEqual([]);
  });

  it("keeps the meanings the brief names as different", () => {
    const meanings = (code: number) =>
      entries.filter((e) => e.code === code).map((e) => `${e.resource} ${e.kind}`);
    expect(meanings(660)).toEqual(["transaction error", "coupon error"]);
    expect(meanings(816)).toEqual(["customer error", "points error"]);
    expect(entries.filter((e) => e.code === 1099).map((e) => e.sources)).toEqual([
      ["v1.1-codes", "customer-v2"],
      ["customer-v1"],
    ]);
    expect(entries.filter((e) => e.code === 8014).map((e) => e.description)).toEqual([
      "Error in customer registration: Invalid Primary Id - {0}",
      "Unable to register. Country configuration is missing or invalid.",
    ]);
  });

  it("registers every source page with an id and generation in pages.yml", () => {
    const registry: unknown = parse(readFileSync(join(sourcesDir, "pages.yml"), "utf8"));
    expect(Object.keys(registry as object).sort()).toEqual(
      readdirSync(sourcesDir)
        .filter((f) => f.endsWith(".txt"))
        .map((f) => f.replace(/\.txt$/, ""))
        .sort(),
    );
  });
});
