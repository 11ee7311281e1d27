import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { load as parse } from "js-yaml";
import { defaultCatalogDir, readCodes, readPages } from "../../src/catalog/files.js";
import type { CodeEntry } from "../../src/catalog/types.js";

/**
 * Proves, row by row, that the catalog says what the vendor pages say, word for word.
 * The pages are read here with a reader of their own, deliberately simpler than the
 * importer's: a line that starts with a code is a row of that code; a line of text
 * alone is a row of the code above it (a further message, or the rest of a wrapped one).
 */
const catalogDir = defaultCatalogDir();
const sourcesDir = join(catalogDir, "sources");
const pages = readPages(catalogDir);
const { entries } = readCodes(catalogDir);

interface PageRow {
  page: string;
  line: number;
  code: number;
  resource: string;
  kind: string;
  /** The text as the page prints it: placeholders unescaped, spacing folded. */
  text: string;
}

const RESOURCE_HEADINGS: Record<string, string> = {
  Customer: "customer",
  Transaction: "transaction",
  Points: "points",
  Coupons: "coupon",
};
const KIND_HEADING = /^(Success|Error|Warning) Codes$/;
/** Headings that name no resource or kind, table headers and separator rows. */
const NOT_A_ROW =
  /^(Response Codes|Status Codes|Customer \(V1\)|.*Code ?\|? ?Description ?\|?|[|:-]+)$/i;

/** Markdown escapes placeholders as `\{x\}`; a reader of the page sees `{x}`. */
const printed = (cell: string) =>
  cell
    .replace(/\\([{}])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();

/** Every row of every page, and every line that is neither a row nor a heading. */
function readRows(): { rows: PageRow[]; unread: string[] } {
  const rows: PageRow[] = [];
  const unread: string[] = [];
  for (const file of readdirSync(sourcesDir).filter((f) => f.endsWith(".txt"))) {
    const meta = pages.get(file.replace(/\.txt$/, ""));
    if (!meta) throw new Error(`${file} is not registered in pages.yml`);
    let resource: string | null = meta.resource;
    let kind: string | null = null;
    let codes: number[] = [];
    readFileSync(join(sourcesDir, file), "utf8")
      .split("\n")
      .forEach((raw, index) => {
        const line = raw.trim();
        const where = `${meta.id} line ${index + 1}`;
        if (line === "" || NOT_A_ROW.test(line)) return;
        if (line in RESOURCE_HEADINGS) {
          resource = RESOURCE_HEADINGS[line] ?? null;
          kind = null;
          return;
        }
        const kindHeading = KIND_HEADING.exec(line);
        if (kindHeading) {
          kind = (kindHeading[1] ?? "").toLowerCase();
          codes = [];
          return;
        }
        const cells = line.replace(/^\|/, "").split("|");
        const coded = /^\s*(\d{3,5}(?:\/\s*\d{3,5})*)\s*(?:\||(?=\D))(.*)$/.exec(
          line.replace(/^\|/, ""),
        );
        if (coded) codes = (coded[1] ?? "").split("/").map(Number);
        const text = printed(coded ? (coded[2] ?? "").replace(/\|\s*$/, "") : (cells[0] ?? ""));
        if (!resource || !kind || codes.length === 0 || text === "") {
          unread.push(`${where}: ${line}`);
          return;
        }
        for (const code of codes) {
          rows.push({ page: meta.id, line: index + 1, code, resource, kind, text });
        }
      });
  }
  return { rows, unread };
}

/** Whether the entry holds this exact text among its wordings, printed by this page. */
const holds = (entry: CodeEntry, row: PageRow) =>
  entry.wordings.some((w) => w.text === row.text && w.sources.includes(row.page));

/**
 * Whether a note of the entry names the page and explains why the row's text is not
 * held as it stands: its kind or code curated, a wrapped row joined, a packed cell split.
 * The entry must still hold the page's words, joined with or split from the row's.
 */
const coveredByNote = (entry: CodeEntry, row: PageRow) =>
  entry.notes.some(
    (note) =>
      note.startsWith(`${row.page}: `) &&
      (entry.code === row.code || note.includes(`listed under ${String(row.code)};`)),
  ) &&
  entry.wordings.some(
    (w) => w.sources.includes(row.page) && (w.text.includes(row.text) || row.text.includes(w.text)),
  );

describe("catalog completeness against the vendor pages, row by row", () => {
  const { rows, unread } = readRows();

  it("reads every line of the five pages as a heading, a table header or a row", () => {
    expect(unread).toEqual([]);
    expect(new Set(rows.map((r) => r.page)).size).toBe(5);
    // 855 rows as captured: the 1008/1038 row counts once per code, a packed cell once.
    expect(rows.length).toBeGreaterThan(850);
  });

  it("holds each page's own text for that code, resource and kind, or a note naming the page", () => {
    const unfaithful = rows
      .filter((row) => {
        const sameTriple = entries.filter(
          (e) => e.code === row.code && e.resource === row.resource && e.kind === row.kind,
        );
        if (sameTriple.some((entry) => holds(entry, row))) return false;
        return !entries.some((e) => e.resource === row.resource && coveredByNote(e, row));
      })
      .map(
        (row) =>
          `${row.page} line ${row.line}: ${row.code} ${row.resource} ${row.kind} "${row.text}"`,
      );
    expect(unfaithful).toEqual([]);
  });

  it("keeps the customer-v1 wordings that were once lost to their look-alikes (issue 20)", () => {
    const wordingsOf = (code: number) =>
      entries
        .filter((e) => e.code === code && e.resource === "customer")
        .flatMap((e) => e.wordings.filter((w) => w.sources.includes("customer-v1")))
        .map((w) => w.text);
    expect(wordingsOf(1007)).toEqual([
      "Unable to register customer. No valid primary identifier (mobile number, email ID, or external ID) passed.",
    ]);
    expect(wordingsOf(1062)).toEqual(["Invalid test and control status."]);
    expect(wordingsOf(1109)).toEqual(["Unable to add, update, or fetch subscription details."]);
    expect(wordingsOf(91017)).toEqual(["Web Engage profile is not available for the customer."]);
  });

  it("cites a page only for wordings that page prints, whole, packed in a cell or wrapped", () => {
    const cells = new Map<string, string[]>();
    rows.forEach((row, index) => {
      const key = `${row.page}|${row.resource}`;
      const next = rows[index + 1];
      const texts = cells.get(key) ?? [];
      texts.push(row.text);
      if (next?.page === row.page && next.code === row.code) texts.push(`${row.text} ${next.text}`);
      cells.set(key, texts);
    });
    const unprinted = entries.flatMap((e) =>
      e.wordings.flatMap((w) =>
        w.sources
          .filter(
            (page) => !(cells.get(`${page}|${e.resource}`) ?? []).some((t) => t.includes(w.text)),
          )
          .map((page) => `${e.id}: ${page} does not print "${w.text}"`),
      ),
    );
    expect(unprinted).toEqual([]);
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
