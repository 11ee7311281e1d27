/**
 * npm run catalog:import -- [--dry-run] [--catalog DIR] [files...]
 *
 * Rebuilds catalog/codes.json from vendor pages (default: catalog/sources/*.txt),
 * keeping the ids that runbook mappings use, and prints what changed and what a
 * person must settle in catalog/curation.yml.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  CODES_FILE,
  defaultCatalogDir,
  readCodes,
  readCuration,
  readPages,
} from "../src/catalog/files.js";
import { buildEntries, diffEntries } from "../src/catalog/import/build.js";
import type { PagesRead } from "../src/catalog/import/read-pages.js";
import { readSourcePages, sourceFiles } from "../src/catalog/import/read-pages.js";
import type { CodeEntry } from "../src/catalog/types.js";
import { loadSettings } from "../src/settings.js";

const USAGE = `Usage: npm run catalog:import -- [--dry-run] [--catalog DIR] [page.txt ...]
Reads vendor response-code pages (default: every .txt in catalog/sources/) and rewrites
catalog/codes.json. Pages are matched to catalog/sources/pages.yml by file name.`;

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      "dry-run": { type: "boolean", default: false },
      catalog: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const catalogDir = values.catalog ?? loadSettings().catalog.dir ?? defaultCatalogDir();
  const files = positionals.length > 0 ? positionals : sourceFiles(catalogDir);
  let read: PagesRead;
  try {
    read = readSourcePages(files, readPages(catalogDir));
  } catch (error) {
    console.error(
      `catalog:import: cannot read a page: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
  const { pages, rows, problems } = read;

  const { entries: before, reader } = readCodes(catalogDir);
  if (reader.problems.length > 0) {
    console.error(`catalog/${CODES_FILE} could not be read cleanly; ids may change.`);
  }
  const { entries, report } = buildEntries(rows, pages, readCuration(catalogDir), before);
  const diff = diffEntries(before, entries);

  console.log(`Read ${rows.length} rows from ${pages.length} pages: ${entries.length} entries.`);
  printDiff(diff);
  for (const line of report.info) console.log(`  note: ${line}`);
  const settle = [...problems, ...report.settle];
  if (settle.length > 0) {
    console.log(`\nTo settle (${settle.length}):`);
    for (const line of settle) console.log(`  - ${line}`);
  }
  if (!values["dry-run"]) {
    writeFileSync(join(catalogDir, CODES_FILE), serialize(entries));
    console.log(`\nWrote catalog/${CODES_FILE}.`);
  }
  return 0;
}

function printDiff(diff: ReturnType<typeof diffEntries>): void {
  const name = (entry: CodeEntry) => `${entry.id} "${entry.description}"`;
  if (diff.added.length + diff.removed.length + diff.changed.length === 0) {
    console.log("No changes.");
    return;
  }
  console.log(
    `Changes: ${diff.added.length} added, ${diff.changed.length} changed, ${diff.removed.length} removed.`,
  );
  for (const entry of diff.added) console.log(`  + ${name(entry)}`);
  for (const { after, fields } of diff.changed)
    console.log(`  ~ ${name(after)} (${fields.join(", ")})`);
  for (const entry of diff.removed) console.log(`  - ${name(entry)}`);
}

/** One entry per line block, stable key order, so that diffs of the file read well. */
export function serialize(entries: readonly CodeEntry[]): string {
  return `[\n${entries.map((entry) => "  " + JSON.stringify(entry)).join(",\n")}\n]\n`;
}

process.exitCode = main();
