import type { IdentifierKind } from "./findings.js";

const DOT = "\u2022";

/** A masked form that helps an agent match a customer without revealing them: 91••••••554. */
export function maskIdentifier(kind: IdentifierKind, value: string): string {
  // Already masked (a masked paste diagnosed again): masking twice would hide the hint.
  if (value.includes(DOT)) return value;
  if (kind === "email" || value.includes("@")) {
    const [local = "", domain = ""] = value.split("@");
    return `${local.slice(0, 1)}${DOT.repeat(3)}@${domain}`;
  }
  const digits = value.replace(/\D/g, "");
  if ((kind === "mobile" || kind === "card") && digits.length >= 7) {
    return `${digits.slice(0, 2)}${DOT.repeat(digits.length - 5)}${digits.slice(-3)}`;
  }
  if (value.length <= 2) return DOT.repeat(3);
  return `${value.slice(0, 1)}${DOT.repeat(Math.min(value.length - 2, 6))}${value.slice(-1)}`;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/**
 * Runs of 7+ digits, with the separators phone and card numbers are written with, that
 * stand on their own: not part of a longer token such as a request id or UUID.
 */
const LONG_NUMBER = /(?<![\w-])\+?\d(?:[\d\s-]{5,}\d)(?![\w-])/g;

const SPECIAL = /[.*+?^${}()|[\]\\]/;
const SPECIALS = new RegExp(SPECIAL.source, "g");

type Identifier = { kind: IdentifierKind; value: string };

/** Texts one masker remembers: a paste's distinct messages, paths and facts are far fewer. */
const MASKED_TEXTS_PER_PASTE = 10_000;

type Mask = (text: string) => string;
type KnownValues = { pattern: RegExp | null; first: Map<string, Identifier> };

/**
 * A masking function for one paste: every identifier value the payload held (whatever
 * its case) is replaced by its masked form, then, unless `exactOnly`, anything shaped
 * like an email, phone or card number.
 */
export function createMasker(identifiers: readonly Identifier[], exactOnly = false): Mask {
  return createMaskers(identifiers)[exactOnly ? "exact" : "all"];
}

/**
 * Both maskers of one paste (see createMasker), sharing one pattern of its identifier
 * values. A paste holds an identifier per item but only a few distinct messages, paths
 * and facts to mask: the pattern is built on the first text masked, masked forms only
 * for the values found, and each distinct text is masked once.
 */
export function createMaskers(identifiers: readonly Identifier[]): { all: Mask; exact: Mask } {
  let known: KnownValues | undefined;
  const maskedValues = new Map<string, string>();
  const maskValue = (found: string) => {
    const lower = found.toLowerCase();
    let masked = maskedValues.get(lower);
    if (masked === undefined) {
      const identifier = known?.first.get(lower);
      masked = identifier ? maskIdentifier(identifier.kind, identifier.value) : found;
      maskedValues.set(lower, masked);
    }
    return masked;
  };
  const masker = (exactOnly: boolean): Mask => {
    const cache = new Map<string, string>();
    return (text) => {
      const cached = cache.get(text);
      if (cached !== undefined) return cached;
      known ??= valuePattern(identifiers);
      let result = known.pattern ? text.replace(known.pattern, maskValue) : text;
      if (!exactOnly) {
        result = result
          .replace(EMAIL, (email) => maskIdentifier("email", email))
          .replace(LONG_NUMBER, (run) =>
            run.replace(/\D/g, "").length >= 7 ? maskIdentifier("mobile", run) : run,
          );
      }
      if (cache.size < MASKED_TEXTS_PER_PASTE) cache.set(text, result);
      return result;
    };
  };
  return { all: masker(false), exact: masker(true) };
}

/** One pattern for every identifier value (longest first), and each value's first identifier. */
function valuePattern(identifiers: readonly Identifier[]): KnownValues {
  const first = new Map<string, Identifier>();
  for (const identifier of identifiers) {
    if (identifier.value.length < 3) continue;
    const lower = identifier.value.toLowerCase();
    if (!first.has(lower)) first.set(lower, identifier);
  }
  const values = [...first.keys()]
    .sort((a, b) => b.length - a.length)
    .map((value) => (SPECIAL.test(value) ? value.replace(SPECIALS, "\\$&") : value));
  return { pattern: values.length > 0 ? new RegExp(values.join("|"), "gi") : null, first };
}

/** Masks customer identifiers in one text (see createMasker). */
export function maskText(text: string, identifiers: readonly Identifier[]): string {
  return createMasker(identifiers)(text);
}

/** Masks anything shaped like an email, phone or card number in text an agent typed. */
export function maskCustomerText(text: string): string {
  return createMasker([])(text);
}
