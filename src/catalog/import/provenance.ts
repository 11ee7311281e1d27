import type { Problem } from "../problems.js";
import type { CodeEntry, Curation } from "../types.js";
import { curateRows, tripleId, verbatimKey } from "./build.js";
import type { SourceRow } from "./parse-page.js";

/**
 * An entry may cite a page only for a wording that page prints for the entry's code,
 * resource and kind (after the curation in curation.yml): checks every wording's
 * sources against the pages themselves.
 */
export function provenanceProblems(
  entries: readonly CodeEntry[],
  rows: SourceRow[],
  curation: Curation,
): Problem[] {
  const printed = new Set(
    curateRows(rows, curation).map(
      (row) => `${row.page}|${tripleId(row)}|${verbatimKey(row.text)}`,
    ),
  );
  const problems: Problem[] = [];
  for (const entry of entries) {
    for (const { text, sources } of entry.wordings) {
      for (const page of sources) {
        if (printed.has(`${page}|${tripleId(entry)}|${text}`)) continue;
        problems.push({
          file: "catalog/codes.json",
          entry: entry.id,
          message: `cites ${page} for "${text}", which ${page} does not print for ${entry.code} (${entry.resource} ${entry.kind}); run npm run catalog:import`,
        });
      }
    }
  }
  return problems;
}
