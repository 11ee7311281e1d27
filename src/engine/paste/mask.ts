import type { IdentifierKind } from "./walk.js";

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
/** Runs of 7+ digits, with the separators phone and card numbers are written with. */
const LONG_NUMBER = /\+?\d(?:[\d\s-]{5,}\d)/g;

/**
 * Masks customer identifiers in text that is echoed back: every identifier value the
 * payload held, then anything shaped like an email, phone or card number.
 */
export function maskText(
  text: string,
  identifiers: readonly { kind: IdentifierKind; value: string }[],
): string {
  let masked = text;
  for (const { kind, value } of [...identifiers].sort((a, b) => b.value.length - a.value.length)) {
    if (value.length >= 3) masked = masked.split(value).join(maskIdentifier(kind, value));
  }
  return masked
    .replace(EMAIL, (email) => maskIdentifier("email", email))
    .replace(LONG_NUMBER, (run) =>
      run.replace(/\D/g, "").length >= 7 ? maskIdentifier("mobile", run) : run,
    );
}
