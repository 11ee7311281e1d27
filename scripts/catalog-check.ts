/**
 * npm run catalog:check -- [--catalog DIR]
 *
 * Validates the whole catalog: schema, runbook mapping of every error and warning,
 * teams, synonyms and the customer-wording rules. Exits 1 on any problem.
 */
import { parseArgs } from "node:util";
import { loadCatalog } from "../src/catalog/load.js";
import { formatProblem } from "../src/catalog/problems.js";

function main(): number {
  const { values } = parseArgs({ options: { catalog: { type: "string" } } });
  const { catalog, problems } = loadCatalog({
    ...(values.catalog === undefined ? {} : { dir: values.catalog }),
  });
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

process.exitCode = main();
