import type { IdentifierKind } from "./findings.js";

const DOT = "\u2022";

/** A masked form that helps an agent match a customer without revealing them: 91••••••554. */
export function maskIdentifier(kind: IdentifierKind, value: string): string {
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

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

type Identifier = { kind: IdentifierKind; value: string };

/**
 * A masking function for one paste: every identifier value the payload held (whatever
 * its case) is replaced by its masked form, then, unless `exactOnly`, anything shaped
 * like an email, phone or card number. Built once per paste: one pattern for all
 * values, and each distinct text masked once.
 */
export function createMasker(
  identifiers: readonly Identifier[],
  exactOnly = false,
): (text: string) => string {
  const masked = new Map<string, string>();
  for (const { kind, value } of identifiers) {
    if (value.length >= 3 && !masked.has(value.toLowerCase())) {
      masked.set(value.toLowerCase(), maskIdentifier(kind, value));
    }
  }
  const values = [...masked.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const known = values.length > 0 ? new RegExp(values.join("|"), "gi") : null;
  const cache = new Map<string, string>();
  return (text) => {
    const cached = cache.get(text);
    if (cached !== undefined) return cached;
    let result = known
      ? text.replace(known, (value) => masked.get(value.toLowerCase()) ?? value)
      : text;
    if (!exactOnly) {
      result = result
        .replace(EMAIL, (email) => maskIdentifier("email", email))
        .replace(LONG_NUMBER, (run) =>
          run.replace(/\D/g, "").length >= 7 ? maskIdentifier("mobile", run) : run,
        );
    }
    if (cache.size < 10_000) cache.set(text, result);
    return result;
  };
}

/** Masks customer identifiers in one text (see createMasker). */
export function maskText(text: string, identifiers: readonly Identifier[]): string {
  return createMasker(identifiers)(text);
}
