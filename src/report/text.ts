import { REASON_LABELS } from "../render/feedback.js";
import type { DifferingMessage, Report, SeenCode } from "./report.js";

/** Free text from a vote or a response, on one line: no control characters, no terminal escapes. */
function oneLine(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const where = (code: number, resource: string | null) =>
  resource === null ? String(code) : `${String(code)} (${resource})`;

/**
 * A row for the vendor page of the code's resource in catalog/sources/, as the pages print
 * them (code, then text); `npm run catalog:import` turns it into an entry or a variant.
 */
export function sourceRowSnippet(seen: SeenCode | DifferingMessage): string {
  const page = seen.resource === null ? "the page of its resource" : `the ${seen.resource} page`;
  return [
    `  # catalog/sources: in ${page}, under its Error Codes heading (only if the vendor documents it),`,
    `  # then npm run catalog:import and npm run catalog:check`,
    `  ${String(seen.code)}${oneLine(seen.message, 500)}`,
  ].join("\n");
}

/** A synonyms.yml entry for a missed question: the agent's word mapped to the catalog's. */
export function synonymSnippet(query: string): string {
  const word = query.toLowerCase().match(/[a-z]{3,}/g)?.[0] ?? "word";
  return `  # catalog/synonyms.yml, under terms: (the catalog's words for "${oneLine(query, 80)}")\n  ${word}: [catalog words]`;
}

export function reportText(report: Report): string {
  const lines: string[] = [`Report from ${report.since} to ${report.until}`, ""];
  const { answers } = report;
  lines.push(`Answers: ${String(answers.total)}`);
  lines.push(
    `  by surface: ${answers.bySurface.map((s) => `${s.surface} ${String(s.count)}`).join(", ") || "none"}`,
  );
  lines.push(
    `  by confidence: ${answers.byConfidence.map((c) => `${c.confidence} ${String(c.count)}`).join(", ") || "none"}`,
  );
  section(lines, "Most asked codes", report.topCodes, (c) => [
    `${where(c.code, c.resource)}: ${String(c.count)}`,
  ]);
  section(
    lines,
    '"Not right" votes',
    report.votes.filter((v) => v.vote === "not_right"),
    (v) => [
      `${where(v.code, v.resource)}: ${String(v.count)} × ${v.reason === null ? "no reason" : REASON_LABELS[v.reason]}`,
      ...v.comments.map((comment) => `    "${oneLine(comment)}"`),
    ],
  );
  const helpful = report.votes
    .filter((v) => v.vote === "helpful")
    .reduce((sum, v) => sum + v.count, 0);
  lines.push("", `"Helpful" votes: ${String(helpful)}`);
  section(
    lines,
    "Codes the catalog does not know, seen in real responses",
    report.unknownCodes,
    (u) => [
      `${where(u.code, u.resource)}: ${String(u.count)}× "${oneLine(u.message)}" (first ${u.firstSeen}, last ${u.lastSeen})`,
      sourceRowSnippet(u),
    ],
  );
  section(lines, "Messages that differ from the catalog", report.differingMessages, (d) => [
    `${where(d.code, d.resource)}: ${String(d.count)}× "${oneLine(d.message)}"${d.catalogMessage === null ? "" : ` (catalog: "${oneLine(d.catalogMessage)}")`}`,
    sourceRowSnippet(d),
  ]);
  section(lines, "Questions with no or weak answers", report.missedQueries, (m) => [
    `${String(m.count)}× "${oneLine(m.query)}" (${m.confidence})`,
    synonymSnippet(m.query),
  ]);
  return lines.join("\n") + "\n";
}

function section<T>(lines: string[], title: string, items: T[], show: (item: T) => string[]): void {
  lines.push("", `${title}:`);
  if (items.length === 0) lines.push("  none");
  for (const item of items) {
    const [first = "", ...rest] = show(item);
    lines.push(`  ${first}`, ...rest);
  }
}

/** The --json form: the report as is (JSON escapes any control characters in comments). */
export function reportJson(report: Report): string {
  return JSON.stringify(report, null, 2) + "\n";
}
