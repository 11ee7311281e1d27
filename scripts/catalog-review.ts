/**
 * npm run catalog:review -- [--catalog DIR] [--out FILE]
 *
 * Writes the catalog as one Markdown table a support lead can read in one sitting
 * (docs/catalog-review.md by default) and prints how many entries share each wording.
 * Exits 1, writing nothing, when the catalog is invalid.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { defaultCatalogDir } from "../src/catalog/files.js";
import { loadCatalog } from "../src/catalog/load.js";
import { formatProblem } from "../src/catalog/problems.js";
import { reviewMarkdown, sharedWordings } from "../src/catalog/review.js";

function main(): number {
  const { values } = parseArgs({
    options: { catalog: { type: "string" }, out: { type: "string" } },
  });
  const dir = values.catalog ?? defaultCatalogDir();
  const { catalog, problems } = loadCatalog({ dir });
  if (problems.length > 0) {
    console.error(
      `catalog:review: the catalog has ${problems.length} problem(s); run catalog:check.`,
    );
    for (const problem of problems.slice(0, 20)) console.error(`  - ${formatProblem(problem)}`);
    return 1;
  }
  const out = values.out ?? join(dir, "..", "docs", "catalog-review.md");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, reviewMarkdown(catalog));
  console.log(`Wrote ${out}: ${catalog.entries.length} entries.`);
  for (const shared of sharedWordings(catalog)) {
    const mixed = shared.situations.length > 1 ? `  [${shared.situations.join("; ")}]` : "";
    console.log(`  ${String(shared.entries.length).padStart(4)} × ${shared.wording}${mixed}`);
  }
  return 0;
}

process.exitCode = main();
