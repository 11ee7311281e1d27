/**
 * The customer-wording rules of the product brief, as code: plain, short, second
 * person, no internal terms, no placeholders, no promises.
 */

/** Words that reveal internal states, systems or jargon. Matched as whole words. */
export const FORBIDDEN_TERMS: readonly string[] = [
  "fraud",
  "fraudulent",
  "flagged",
  "risk",
  "suspicious",
  "emf",
  "mlm",
  "solr",
  "slab",
  "till",
  "org",
  "organization",
  "organisation",
  "configuration",
  "configured",
  "config",
  "api",
  "json",
  "xml",
  "capillary",
  "vendor",
  "system",
  "server",
  "database",
  "engine",
  "wechat",
  "web engage",
  "dvs",
  "eup",
  "campaign",
  "series",
  "identifier",
  "external id",
  "custom field",
  "outlier",
  "line-item",
  "line item",
  "payload",
  "request id",
  "error code",
  "null",
  "merge",
  "source",
  "parameter",
  "batch",
];

const PROMISES =
  /\b(guarantee[sd]?|definitely|certainly|immediately|right away|will be (fixed|resolved|restored|credited|refunded|added|reversed|approved))\b/i;

export const MAX_WORDING_LENGTH = 300;
export const MAX_WORDING_SENTENCES = 3;

const forbiddenPatterns = FORBIDDEN_TERMS.map(
  (term) => [term, new RegExp(`(^|[^a-z])${term.replace(/-/g, "\\-")}([^a-z]|$)`, "i")] as const,
);

/** Every rule the wording breaks, in words a catalog maintainer can act on. */
export function customerWordingProblems(text: string): string[] {
  const problems: string[] = [];
  for (const [term, pattern] of forbiddenPatterns) {
    if (pattern.test(text)) problems.push(`uses the internal term "${term}"`);
  }
  if (/[{}]/.test(text)) problems.push("contains a raw placeholder such as {x}");
  if (/[<>]/.test(text)) problems.push('contains "<" or ">"');
  if (PROMISES.test(text)) problems.push("promises an outcome the agent cannot guarantee");
  if (!/\byou(r|rs|'re|'ll|'ve|'d)?\b/i.test(text))
    problems.push('is not in the second person ("you")');
  if (text.length > MAX_WORDING_LENGTH) {
    problems.push(`is ${text.length} characters long (at most ${MAX_WORDING_LENGTH})`);
  }
  const sentences = text.split(/(?<=[.!?])\s+/).filter((s) => s.trim() !== "").length;
  if (sentences > MAX_WORDING_SENTENCES) {
    problems.push(`has ${sentences} sentences (at most ${MAX_WORDING_SENTENCES})`);
  }
  return problems;
}
