import type { Kind, PageMeta, Resource } from "../types.js";
import { resourceFromWord } from "../types.js";

/** How a row was read, kept so that the import report can explain itself. */
export type RowOrigin =
  | "row"
  | "continuation" // a text-only row that belongs to the code of the row above
  | "split" // one of several messages packed into one cell
  | "wrapped"; // a row whose text went on to the next line

export interface SourceRow {
  code: number;
  resource: Resource;
  kind: Kind;
  text: string;
  page: string;
  line: number;
  origin: RowOrigin;
}

export interface PageParse {
  rows: SourceRow[];
  /** Things a person should look at: rows without a resource, guesses made. */
  problems: string[];
}

const RESOURCE_HEADING =
  /^(customers?|transactions?|points?|coupons?)(\s*\(?\s*v(?:1(?:\.1)?|2)\s*\)?)?$/i;
const KIND_HEADING = /^(success|error|warning)\s+codes$/i;
const NEUTRAL_HEADING = /^(status|response)\s+codes$/i;
const TABLE_HEADER = /^\|?\s*(?:warning\s+|error\s+)?code\s*\|?\s*description\s*\|?$/i;
const SEPARATOR = /^\|?[\s|:-]+$/;
const CODE_CELL = /^\d{3,5}(?:\s*\/\s*\d{3,5})*$/;
const SQUASHED_ROW = /^(\d{3,5})(\D.*)$/;
/** Some cells pack several success messages: split after each "…successful(ly)". */
const SUCCESS_MESSAGE_BOUNDARY = /(?<=successful(?:ly)?\.?)\s+(?=[A-Z])/;

/** Vendor pages escape placeholders as `\{x\}`; the catalog keeps them as `{x}`. */
export function unescapeCell(text: string): string {
  return text
    .replace(/\\([{}])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The resource a page without headings is about, from its introductory prose:
 * the resource word it mentions most. Returns null when the prose names none.
 */
function guessResourceFromProse(lines: readonly string[]): Resource | null {
  const counts = new Map<Resource, number>();
  for (const line of lines) {
    for (const match of line.matchAll(/\b(customers?|transactions?|points?|coupons?)\b/gi)) {
      const resource = resourceFromWord(match[1] ?? "");
      if (resource) counts.set(resource, (counts.get(resource) ?? 0) + 1);
    }
  }
  let best: Resource | null = null;
  let bestCount = 0;
  for (const [resource, count] of counts) {
    if (count > bestCount) [best, bestCount] = [resource, count];
  }
  return best;
}

function splitCells(line: string): string[] {
  const cells = line.split("|").map((cell) => unescapeCell(cell));
  if (line.trimStart().startsWith("|")) cells.shift();
  while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
  return cells;
}

/**
 * Reads one vendor page: pipe rows, Markdown tables or squashed `1001Unable…` cells,
 * with resource and kind taken from section headings. Prose before the first
 * kind heading is skipped.
 */
export function parsePage(text: string, meta: PageMeta): PageParse {
  const rows: SourceRow[] = [];
  const problems: string[] = [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let resource: Resource | null = meta.resource;
  let kind: Kind | null = null;
  let previous: SourceRow[] = [];
  const prose: string[] = [];

  const emit = (codes: readonly number[], cellText: string, line: number, origin: RowOrigin) => {
    if (resource === null) {
      resource = guessResourceFromProse(prose);
      if (resource === null) {
        problems.push(
          `${meta.id} line ${line}: no resource known for this row; add the page to catalog/sources/pages.yml or give it a heading such as "Coupons"`,
        );
        return;
      }
      problems.push(
        `${meta.id}: resource "${resource}" guessed from the page's prose; confirm it in catalog/sources/pages.yml`,
      );
    }
    if (kind === null) return;
    const messages = cellText.split(SUCCESS_MESSAGE_BOUNDARY);
    const emitted: SourceRow[] = [];
    for (const code of codes) {
      for (const message of messages) {
        const row: SourceRow = {
          code,
          resource,
          kind,
          text: message.trim(),
          page: meta.id,
          line,
          origin: messages.length > 1 ? "split" : origin,
        };
        if (row.text !== "") emitted.push(row);
      }
    }
    rows.push(...emitted);
    previous = emitted;
  };

  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    const line = raw.trim();
    if (line === "") return;
    const heading = RESOURCE_HEADING.exec(line);
    if (heading) {
      resource = resourceFromWord(heading[1] ?? "") ?? resource;
      kind = null;
      previous = [];
      return;
    }
    const kindHeading = KIND_HEADING.exec(line);
    if (kindHeading) {
      kind = (kindHeading[1] ?? "").toLowerCase() as Kind;
      previous = [];
      return;
    }
    if (NEUTRAL_HEADING.test(line)) return;
    if (kind === null) {
      prose.push(line);
      return;
    }
    if (TABLE_HEADER.test(line) || /^(error\s+)?codedescription$/i.test(line)) return;
    if (SEPARATOR.test(line)) return;

    if (line.includes("|")) {
      const [first = "", rest = ""] = splitCells(line);
      if (CODE_CELL.test(first)) {
        const codes = first.split("/").map((code) => Number(code.trim()));
        emit(codes, rest, lineNumber, "row");
      } else if (previous.length > 0) {
        emit(
          codesOf(previous),
          [first, rest].filter(Boolean).join(" "),
          lineNumber,
          "continuation",
        );
      } else {
        problems.push(`${meta.id} line ${lineNumber}: text row with no code above it: "${first}"`);
      }
      return;
    }

    const squashed = SQUASHED_ROW.exec(line);
    if (squashed) {
      emit([Number(squashed[1])], unescapeCell(squashed[2] ?? ""), lineNumber, "row");
      return;
    }
    if (previous.length === 0) {
      problems.push(`${meta.id} line ${lineNumber}: text row with no code above it: "${line}"`);
      return;
    }
    // Squashed tables have no cell marks: in success sections a code-less line is one
    // more message of the code above (as the pipe pages show); elsewhere it is a wrap.
    if (kind === "success") {
      emit(codesOf(previous), unescapeCell(line), lineNumber, "continuation");
    } else {
      for (const row of previous) {
        row.text = `${row.text} ${unescapeCell(line)}`;
        row.origin = "wrapped";
      }
    }
  });
  return { rows, problems };
}

function codesOf(rows: readonly SourceRow[]): number[] {
  return [...new Set(rows.map((row) => row.code))];
}
