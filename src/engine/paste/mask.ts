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

/**
 * Replaces every email address in `text`, as `/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g`
 * finds them, in one pass from each "@": that pattern, tried at every position of a
 * 40,000-character paste, was a third of the time taken to mask it.
 */
export function replaceEmails(text: string, replace: (email: string) => string): string {
  let at = text.indexOf("@");
  if (at < 0) return text;
  let out = "";
  let done = 0;
  while (at >= 0) {
    let start = at;
    while (start > done && isLocalPart(text.charCodeAt(start - 1))) start--;
    const end = start < at ? emailDomainEnd(text, at + 1) : -1;
    if (end < 0) {
      at = text.indexOf("@", at + 1);
      continue;
    }
    out += text.slice(done, start) + replace(text.slice(start, end));
    done = end;
    at = text.indexOf("@", end);
  }
  return out + text.slice(done);
}

/**
 * Where the domain starting at `from` ends: after the letters of its last "." followed
 * by two letters or more (with something before that dot), or -1 when there is none.
 */
function emailDomainEnd(text: string, from: number): number {
  let runEnd = from;
  while (runEnd < text.length && isDomainPart(text.charCodeAt(runEnd))) runEnd++;
  for (let dot = runEnd - 1; dot > from; dot--) {
    if (text.charCodeAt(dot) !== DOT_CODE) continue;
    if (!isLetter(text.charCodeAt(dot + 1)) || !isLetter(text.charCodeAt(dot + 2))) continue;
    let end = dot + 3;
    while (isLetter(text.charCodeAt(end))) end++;
    return end;
  }
  return -1;
}

const DOT_CODE = 46;
const isLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isAlphanumeric = (code: number) => isLetter(code) || (code >= 48 && code <= 57);
/** `.`, `-`, letters and digits. */
const isDomainPart = (code: number) => isAlphanumeric(code) || code === DOT_CODE || code === 45;
/** The domain's characters, and `_`, `%`, `+`. */
const isLocalPart = (code: number) =>
  isDomainPart(code) || code === 95 || code === 37 || code === 43;
/**
 * Runs of 7+ digits, with the separators phone and card numbers are written with, that
 * stand on their own: not part of a longer token such as a request id or UUID.
 */
const LONG_NUMBER = /(?<![\w-])\+?\d(?:[\d\s-]{5,}\d)(?![\w-])/g;

type Identifier = { kind: IdentifierKind; value: string };

/** Texts one masker remembers: a paste's distinct messages, paths and facts are far fewer. */
const MASKED_TEXTS_PER_PASTE = 10_000;

type Mask = (text: string) => string;
/**
 * A paste's identifier values, lower-cased, with each value's first identifier: by their
 * first two characters, and there by length (longest first), so that a text is
 * searched for all of them in one pass, with a map look-up per character and a set
 * look-up per length of the values starting there, instead of a pattern of every value.
 * (A bulk paste's values share their starts: `customer1@…`, `customer2@…`.)
 */
type KnownValues = {
  byStart: Map<number, ValuesFrom>;
  /** Every value, longest first, for long texts (see LONG_TEXT); built on the first. */
  pattern?: RegExp;
};

/**
 * Texts from this length on (a whole paste, held for its buttons) are searched with one
 * pattern of the values instead: the regular expression engine scans long text faster
 * than the index, which is quicker to build and to run on the short texts a diagnosis
 * masks (messages, paths, facts). Both find the same values.
 */
const LONG_TEXT = 2_000;
type ValuesFrom = { lengths: number[]; values: Map<string, Identifier> };

/**
 * A masking function for one paste: every identifier value the payload held (whatever
 * its case) is replaced by its masked form, then, unless `exactOnly`, anything shaped
 * like an email, phone or card number.
 */
export function createMasker(identifiers: readonly Identifier[], exactOnly = false): Mask {
  return createMaskers(identifiers)[exactOnly ? "exact" : "all"];
}

/**
 * Both maskers of one paste (see createMasker), sharing one index of its identifier
 * values. A paste holds an identifier per item but only a few distinct messages, paths
 * and facts to mask: the index is built on the first text masked, masked forms only
 * for the values found, and each distinct text is masked once.
 */
export function createMaskers(identifiers: readonly Identifier[]): { all: Mask; exact: Mask } {
  let known: KnownValues | undefined;
  const maskedValues = new Map<string, string>();
  const maskValue = (found: string) => {
    const lower = found.toLowerCase();
    let masked = maskedValues.get(lower);
    if (masked === undefined) {
      const identifier = known?.byStart.get(pairCode(lower, 0))?.values.get(lower);
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
      known ??= indexValues(identifiers);
      let result = text;
      if (known.byStart.size > 0 && text.length >= LONG_TEXT) {
        known.pattern ??= valuePattern(known);
        result = text.replace(known.pattern, maskValue);
      } else if (known.byStart.size > 0) result = replaceValues(text, known, maskValue);
      if (!exactOnly) {
        result = replaceEmails(result, (email) => maskIdentifier("email", email));
        result = result.replace(LONG_NUMBER, (run) =>
          run.replace(/\D/g, "").length >= 7 ? maskIdentifier("mobile", run) : run,
        );
      }
      if (cache.size < MASKED_TEXTS_PER_PASTE) cache.set(text, result);
      return result;
    };
  };
  return { all: masker(false), exact: masker(true) };
}

function indexValues(identifiers: readonly Identifier[]): KnownValues {
  const byStart = new Map<number, ValuesFrom>();
  for (const identifier of identifiers) {
    if (identifier.value.length < 3) continue;
    const lower = identifier.value.toLowerCase();
    const start = pairCode(lower, 0);
    let from = byStart.get(start);
    if (!from) byStart.set(start, (from = { lengths: [], values: new Map() }));
    if (from.values.has(lower)) continue;
    from.values.set(lower, identifier);
    if (!from.lengths.includes(lower.length)) from.lengths.push(lower.length);
  }
  for (const { lengths } of byStart.values()) lengths.sort((a, b) => b - a);
  return { byStart };
}

const SPECIALS = /[.*+?^${}()|[\]\\]/g;

function valuePattern({ byStart }: KnownValues): RegExp {
  const values = [...byStart.values()]
    .flatMap(({ values }) => [...values.keys()])
    .sort((a, b) => b.length - a.length)
    .map((value) => value.replace(SPECIALS, "\\$&"));
  return new RegExp(values.join("|"), "gi");
}

/** Two characters as one number: the key of byStart. */
const pairCode = (text: string, at: number) =>
  text.charCodeAt(at) * 0x10000 + text.charCodeAt(at + 1);

/**
 * Replaces every occurrence of the values (whatever its case) by `replace` of what was
 * found, leftmost first and the longest value where several start at one place, as an
 * alternation of the values, longest first, with the `i` flag would.
 */
function replaceValues(
  text: string,
  { byStart }: KnownValues,
  replace: (found: string) => string,
): string {
  const lower = lowerInPlace(text);
  let out = "";
  let copied = 0;
  for (let i = 0; i + 2 < lower.length; i++) {
    const from = byStart.get(pairCode(lower, i));
    if (!from) continue;
    let length = 0;
    for (const each of from.lengths) {
      if (from.values.has(lower.slice(i, i + each))) {
        length = each;
        break;
      }
    }
    if (length === 0) continue;
    out += text.slice(copied, i) + replace(text.slice(i, i + length));
    copied = i + length;
    i = copied - 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** The text lower-cased character by character, so that its indexes stay the text's. */
function lowerInPlace(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  // A few characters lower-case to two ("İ"): those keep their case.
  let kept = "";
  for (const ch of text) {
    const each = ch.toLowerCase();
    kept += each.length === ch.length ? each : ch;
  }
  return kept;
}

/** Masks customer identifiers in one text (see createMasker). */
export function maskText(text: string, identifiers: readonly Identifier[]): string {
  return createMasker(identifiers)(text);
}

/** Masks anything shaped like an email, phone or card number in text an agent typed. */
export function maskCustomerText(text: string): string {
  return createMasker([])(text);
}
