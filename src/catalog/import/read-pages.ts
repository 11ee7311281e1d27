import { readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import type { PageMeta } from "../types.js";
import type { SourceRow } from "./parse-page.js";
import { parsePage } from "./parse-page.js";

/** The vendor pages kept in the catalog: every .txt in catalog/sources/, in name order. */
export function sourceFiles(catalogDir: string): string[] {
  const dir = join(catalogDir, "sources");
  return readdirSync(dir)
    .filter((name) => name.endsWith(".txt"))
    .sort()
    .map((name) => join(dir, name));
}

export interface PagesRead {
  pages: PageMeta[];
  rows: SourceRow[];
  /** Pages missing from pages.yml or without tables, and what the parser could not place. */
  problems: string[];
}

/**
 * Reads and parses vendor pages, matched to pages.yml by file name. Throws when a file
 * cannot be read.
 */
export function readSourcePages(
  files: readonly string[],
  registry: ReadonlyMap<string, PageMeta>,
): PagesRead {
  const result: PagesRead = { pages: [], rows: [], problems: [] };
  for (const file of files) {
    const stem = basename(file).replace(/\.[^.]+$/, "");
    const meta = registry.get(stem) ?? { id: stem, resource: null, generation: null };
    if (!registry.has(stem)) {
      result.problems.push(
        `${file}: not in catalog/sources/pages.yml; imported as page "${stem}" with no generation`,
      );
    }
    const parsed = parsePage(readFileSync(file, "utf8"), meta);
    if (parsed.rows.length === 0) {
      result.problems.push(`${file}: no code tables found; skipped`);
      continue;
    }
    result.pages.push(meta);
    result.rows.push(...parsed.rows);
    result.problems.push(...parsed.problems);
  }
  return result;
}
