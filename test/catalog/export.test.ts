import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defaultCatalogDir } from "../../src/catalog/files.js";

/**
 * `loyalty-code catalog --json` is how people outside the bot read the catalog, and
 * catalog/README.md is how they learn what it holds: the two must agree field by field.
 */
const catalogDir = defaultCatalogDir();
const bin = fileURLToPath(new URL("../../dist/src/cli/bin.js", import.meta.url));
const readme = readFileSync(join(catalogDir, "README.md"), "utf8");

/** The rows of the README table whose header starts so: field name and meaning. */
function documentedRows(header: string): { field: string; meaning: string }[] {
  const lines = readme.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`| ${header} `));
  if (start < 0) throw new Error(`catalog/README.md has no table headed "${header}"`);
  const rows: { field: string; meaning: string }[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    const cells = line.split(/(?<!\\)\|/);
    const field = /^\s*`([^`]+)`/.exec(cells[1] ?? "")?.[1];
    if (field === undefined) throw new Error(`no field name in README row: ${line}`);
    rows.push({ field, meaning: cells[3] ?? "" });
  }
  return rows;
}

const documentedFields = (header: string) => documentedRows(header).map((row) => row.field);

/** The sub-fields the README lists for an exported `escalation`, before the colon. */
function documentedEscalationFields(): string[] {
  const row = documentedRows("export field").find((r) => r.field === "escalation");
  const [listed = ""] = (row?.meaning ?? "").split(":");
  return [...listed.matchAll(/`(\w+)`/g)].map((m) => m[1] ?? "");
}

const exported = (() => {
  const result = spawnSync(process.execPath, [bin, "catalog", "--json"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`catalog --json failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, unknown>[];
})();
const codes = JSON.parse(readFileSync(join(catalogDir, "codes.json"), "utf8")) as Record<
  string,
  unknown
>[];

describe("catalog --json against catalog/README.md", () => {
  const entryFields = documentedFields("field");
  const exportFields = documentedFields("export field");

  it("documents exactly the fields codes.json entries have", () => {
    for (const entry of codes) expect(Object.keys(entry).sort()).toEqual([...entryFields].sort());
  });

  it("exports every documented field and nothing undocumented, for every entry", () => {
    const documented = [...entryFields, ...exportFields].sort();
    expect(exported).toHaveLength(codes.length);
    for (const entry of exported) expect(Object.keys(entry).sort()).toEqual(documented);
  });

  it("exports each codes.json field unchanged, notes and wordings included", () => {
    const byId = new Map(exported.map((entry) => [entry.id, entry]));
    for (const entry of codes) {
      const out = byId.get(entry.id);
      for (const field of entryFields)
        expect(out?.[field], `${String(entry.id)} ${field}`).toEqual(entry[field]);
    }
    // The curation decisions a reader of the export must be able to see (issue 20).
    const notesOf = (id: string) => byId.get(id)?.notes;
    expect(notesOf("coupon.731.success")).toEqual([
      "coupon-v2: listed as error; curated as success",
    ]);
    expect(notesOf("coupon.745.success")).toEqual([
      "coupon-v2: listed as error; curated as success",
    ]);
    expect(notesOf("customer.1000.success")).toContain(
      'customer-v2: "Referrals are invited successfully." listed under 1040; curated to 1000',
    );
  });

  it("documents the fields of an exported escalation", () => {
    const escalation = exported.find((entry) => entry.escalation !== null)?.escalation;
    expect(Object.keys(escalation ?? {}).sort()).toEqual(documentedEscalationFields().sort());
  });
});
