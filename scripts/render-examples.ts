/**
 * npm run examples: writes the reviewed Block Kit examples to docs/examples/ (see
 * scripts/examples.ts). Paste a file's blocks into Slack's Block Kit Builder to see it.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createEngine } from "../src/engine/index.js";
import { EXAMPLES, renderExample } from "./examples.js";

/** docs/examples/ of the repository, from build/scripts/. */
const EXAMPLES_DIR = fileURLToPath(new URL("../../docs/examples/", import.meta.url));

function main(): number {
  const engine = createEngine({ teamsFile: null });
  mkdirSync(EXAMPLES_DIR, { recursive: true });
  for (const example of EXAMPLES) {
    const file = join(EXAMPLES_DIR, `${example.name}.json`);
    writeFileSync(file, JSON.stringify(renderExample(engine, example), null, 2) + "\n");
    console.log(`wrote docs/examples/${example.name}.json`);
  }
  return 0;
}

process.exitCode = main();
