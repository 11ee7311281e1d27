/**
 * npm run catalog:check -- [--catalog DIR]
 *
 * Validates the whole catalog: schema, runbook mapping of every error and warning,
 * teams, synonyms, the customer-wording rules, and that every page an entry cites
 * prints the wording it is cited for. Reads LOYALTY_CATALOG_DIR, LOYALTY_TEAMS_FILE and
 * LOYALTY_BRAND_FILE (from the environment or .env) as the bot does. Exits 1 on any problem.
 */
import { parseArgs } from "node:util";
import { defaultCatalogDir, readCodes, readCuration, readPages } from "../src/catalog/files.js";
import { provenanceProblems } from "../src/catalog/import/provenance.js";
import { readSourcePages, sourceFiles } from "../src/catalog/import/read-pages.js";
import { loadCatalog } from "../src/catalog/load.js";
import type { Problem } from "../src/catalog/problems.js";
import { loadSettings } from "../src/settings.js";
import { formatProblem } from "../src/catalog/problems.js";

function main(): number {
  const { values } = parseArgs({ options: { catalog: { type: "string" } } });
  // The same catalog, teams and brand overrides as the bot and the command-line tool.
  const settings = loadSettings().catalog;
  const dir = values.catalog ?? settings.dir ?? defaultCatalogDir();
  const { catalog, problems } = loadCatalog({ ...settings, dir });
  problems.push(...sourceProblems(dir));
  if (problems.length > 0) {
    console.error(`catalog:check found ${problems.length} problem(s):`);
    for (const problem of problems) console.error(`  - ${formatProblem(problem)}`);
    return 1;
  }
  const perClass = new Map<string, number>();
  for (const entry of catalog.entries) {
    perClass.set(entry.class.id, (perClass.get(entry.class.id) ?? 0) + 1);
  }
  const summary = [...perClass].map(([id, count]) => `${id} ${count}`).join(", ");
  console.log(`catalog:check OK: ${catalog.entries.length} entries (${summary}).`);
  return 0;
}

/** Entries citing pages for wordings those pages (catalog/sources/*.txt) do not print. */
function sourceProblems(dir: string): Problem[] {
  try {
    const { rows } = readSourcePages(sourceFiles(dir), readPages(dir));
    return provenanceProblems(readCodes(dir).entries, rows, readCuration(dir));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [
      { file: "catalog/sources/", entry: null, message: `cannot read the pages: ${message}` },
    ];
  }
}

process.exitCode = main();
