import type { Kind, Resource } from "./types.js";

/**
 * The customer-wording rules of the product brief, as code: plain, short, second
 * person, no internal terms, no unfilled placeholders, no promises, no "contact us",
 * channels as brand placeholders, no retry advice for what only the store or system sends.
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
  /\b(guarantee[sd]?|definitely|certainly|immediately|right away|as soon as|will be (fixed|resolved|restored|credited|refunded|added|reversed|approved|sorted)|(we|someone|our team|they)( will|'ll) \w+|will (contact|call|update|email|get back to|be in touch with) you)\b/i;

/** Sending someone who is already talking to support back to "contact us". */
const CONTACT_US =
  /\b(contact us|get in touch|reach out|let us know|call us|email us|write to us)\b/i;

/** Retry advice; wrong where only the store or the system can resend (a bill, a return). */
const RETRY = /\b(try again|try it again|retry|resend|re-send|send it again|submit it again)\b/i;

/** Channels are the company's: {app}, {website}, {store}, filled from the brand file. */
const CHANNEL =
  /\b((the|our) (mobile )?app|(the|our) (website|web site|online store|shop)|account page|in[- ]store|(the|a|any|our|one of our) stores?|online)\b/i;

/** An error told as a success. */
const WENT_THROUGH = /\b((has|have) gone through|went through|was successful|successfully)\b/i;

/** A hand-over sentence; true only where the entry always escalates. */
const HANDED_OVER = /\b(I've|I have|we've|we have) passed (this|it)\b/i;

/** Ids of catalog entries (`customer.1099.error.2`): internal, never shown to people. */
const INTERNAL_ID =
  /\b(customer|transaction|points|coupon)\.\d+\.(success|error|warning)(\.\d+)?\b/;

/** The problem with text shown to people (agents or customers) that shows an entry id. */
export function internalIdProblem(text: string): string | null {
  const id = INTERNAL_ID.exec(text)?.[0];
  return id === undefined ? null : `shows the internal entry id "${id}"`;
}

export const MAX_WORDING_LENGTH = 300;
export const MAX_WORDING_SENTENCES = 3;

const PLACEHOLDER = /\{(\w*)\}/g;

/**
 * The wording with every brand placeholder filled (capitalised where it starts a
 * sentence); a placeholder the brand does not define stays as it is.
 */
export function fillBrand(text: string, brand: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string, offset: number) => {
    const value = brand[name];
    if (value === undefined) return whole;
    const startsSentence = offset === 0 || /[.!?]\s+$/.test(text.slice(0, offset));
    return startsSentence ? value.charAt(0).toUpperCase() + value.slice(1) : value;
  });
}

/** What the wording is about, for the rules that depend on it. */
export interface WordingContext {
  resource: Resource;
  kind: Kind;
  /** Escalated every time (its `when` says "Always"), not only on a condition. */
  alwaysEscalates: boolean;
}

const forbiddenPatterns = FORBIDDEN_TERMS.map(
  (term) => [term, new RegExp(`(^|[^a-z])${term.replace(/-/g, "\\-")}([^a-z]|$)`, "i")] as const,
);

const phrase = (pattern: RegExp, text: string) => `"${pattern.exec(text)?.[0] ?? ""}"`;

/**
 * Every rule the wording breaks, each naming the rule and the phrase. The wording is
 * checked as written, with `placeholders` (the brand file's neutral values) filled; with a
 * context, the rules that depend on the resource, kind and escalation apply too.
 */
export function customerWordingProblems(
  template: string,
  placeholders: Readonly<Record<string, string>> = {},
  context?: WordingContext,
): string[] {
  const problems: string[] = [];
  if (CHANNEL.test(template)) {
    problems.push(
      `names a channel (${phrase(CHANNEL, template)}); use {app}, {website} or {store}, which the brand file fills`,
    );
  }
  const text = fillBrand(template, placeholders);
  for (const [term, pattern] of forbiddenPatterns) {
    if (pattern.test(text)) problems.push(`uses the internal term "${term}"`);
  }
  const unknown = [...text.matchAll(PLACEHOLDER)].map(([whole]) => whole);
  if (unknown.length > 0) {
    problems.push(
      `contains a raw placeholder such as {x} (${unknown.join(", ")}; the brand file fills ${
        Object.keys(placeholders)
          .map((name) => `{${name}}`)
          .join(", ") || "none"
      })`,
    );
  } else if (/[{}]/.test(text)) {
    problems.push("contains a raw placeholder such as {x}");
  }
  if (/[<>]/.test(text)) problems.push('contains "<" or ">"');
  const id = internalIdProblem(text);
  if (id !== null) problems.push(id);
  if (PROMISES.test(text)) {
    problems.push(`promises an outcome the agent cannot guarantee (${phrase(PROMISES, text)})`);
  }
  if (CONTACT_US.test(text)) {
    problems.push(
      `asks someone already talking to support to contact them (${phrase(CONTACT_US, text)})`,
    );
  }
  if (!/\byou(r|rs|'re|'ll|'ve|'d)?\b/i.test(text))
    problems.push('is not in the second person ("you")');
  if (text.length > MAX_WORDING_LENGTH) {
    problems.push(`is ${text.length} characters long (at most ${MAX_WORDING_LENGTH})`);
  }
  const sentences = text.split(/(?<=[.!?])\s+/).filter((s) => s.trim() !== "").length;
  if (sentences > MAX_WORDING_SENTENCES) {
    problems.push(`has ${sentences} sentences (at most ${MAX_WORDING_SENTENCES})`);
  }
  if (context) problems.push(...contextProblems(text, context));
  return problems;
}

function contextProblems(
  text: string,
  { resource, kind, alwaysEscalates }: WordingContext,
): string[] {
  const problems: string[] = [];
  if (resource === "transaction" && RETRY.test(text)) {
    problems.push(
      `asks the customer to retry a bill or return that only the store or system sends (${phrase(RETRY, text)})`,
    );
  }
  if (kind === "error" && WENT_THROUGH.test(text)) {
    problems.push(`tells the customer an error went through (${phrase(WENT_THROUGH, text)})`);
  }
  if (!alwaysEscalates && HANDED_OVER.test(text)) {
    problems.push(
      `says it was handed over (${phrase(HANDED_OVER, text)}), but the entry does not always escalate`,
    );
  }
  return problems;
}
