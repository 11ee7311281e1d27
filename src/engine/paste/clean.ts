/** Longest paste the engine reads; Slack's own message limit is 40,000 characters. */
const MAX_PASTE_LENGTH = 50_000;

/** The five entities XML predefines; Slack escapes &, < and > with three of them. */
export const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

/** What fixOf says of a character that is kept as it is, or that goes. */
const KEEP = 0;
const DROP = -1;

/**
 * What the character pass writes for a non-ASCII character that chat clients put in:
 * typographic quotes and spaces become their ASCII forms, invisible characters go.
 * A switch, not a map: it runs for every smart quote of a paste.
 */
function fixOf(c: number): number {
  switch (c) {
    case 0x201c:
    case 0x201d:
    case 0x201e:
    case 0x201f:
    case 0x2033:
    case 0x00ab:
    case 0x00bb:
      return 0x22;
    case 0x2018:
    case 0x2019:
    case 0x201a:
    case 0x201b:
    case 0x2032:
      return 0x27;
    case 0x00a0:
    case 0x2007:
    case 0x202f:
      return 0x20;
    case 0x200b:
    case 0x200c:
    case 0x200d:
    case 0x2060:
    case 0xfeff:
      return DROP;
    default:
      return KEEP;
  }
}
const AMPERSAND = 0x26;
const REPLACEMENT_CHARACTER = 0xfffd;
/** Where the character pass must look: an entity's `&` or a character outside ASCII. */
const NEEDS_A_LOOK = /[&\u0080-\uffff]/;

/**
 * Scratch memory of the character pass, reused by every paste (the engine is
 * synchronous), so its size is fixed: 250 kB for MAX_PASTE_LENGTH characters. The
 * paste's UTF-16 code units are copied into `units` natively (a typed array is read
 * several times faster than charCodeAt), and the result is written one byte a character
 * while every character fits (JSON.parse reads such a string fastest), else two.
 */
const units = new Uint16Array(MAX_PASTE_LENGTH);
const narrowOut = new Uint8Array(MAX_PASTE_LENGTH);
const wideOut = new Uint16Array(MAX_PASTE_LENGTH);
/** Buffer writes and reads UTF-16 little-endian; typed arrays use the machine's order. */
const BIG_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 0;

/**
 * Undoes what Slack and chat clients do to pasted text: entities, link and mailto
 * wrapping, smart quotes, code fences, non-breaking and zero-width spaces. Links are
 * unwrapped only where there is a `<`, fences found with indexOf; everything else is one
 * pass over the character codes, and a paste with nothing to undo is not copied.
 */
export function cleanPaste(input: string): string {
  let text = input.length > MAX_PASTE_LENGTH ? input.slice(0, MAX_PASTE_LENGTH) : input;
  if (text.includes("<")) {
    // <mailto:a@b.c|a@b.c>, <http://x|label>, <http://x>: keep what the user typed.
    text = text
      .replace(/<(?:mailto:|tel:|https?:\/\/)[^<>|\s]*\|([^<>]*)>/g, "$1")
      .replace(/<((?:https?:\/\/|mailto:)[^<>|\s]*)>/g, (_, url: string) =>
        url.replace(/^mailto:/, ""),
      );
  }
  return removeFences(fixCharacters(text));
}

/** `amp;`, `lt;`…: what follows the `&` of each entity, and its character. */
const ENTITY_CODES: readonly (readonly [string, number])[] = Object.entries(
  PREDEFINED_ENTITIES,
).map(([name, value]) => [`${name};`, value.charCodeAt(0)] as const);

/** The entity at `at` (an `&`) as [character, its whole length], or null when none is. */
function entityAt(text: string, at: number): [number, number] | null {
  for (const [name, value] of ENTITY_CODES) {
    if (text.startsWith(name, at + 1)) return [value, name.length + 1];
  }
  return null;
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Entities, typographic quotes and spaces, invisible characters and broken UTF-16 (a
 * lone surrogate becomes U+FFFD, as invalid UTF-8 does), in one pass. Entities are
 * decoded once: `&amp;lt;` reads `&lt;`.
 */
function fixCharacters(text: string): string {
  const first = text.search(NEEDS_A_LOOK);
  if (first === -1) return text;
  const length = text.length;
  const unitBytes = Buffer.from(units.buffer, 0, length * 2);
  unitBytes.write(text, "utf16le");
  if (BIG_ENDIAN) unitBytes.swap16();
  // A character above U+00FF in the result: write it again two bytes a character.
  const narrow = fixUnits(text, first, length, narrowOut);
  const written = narrow ?? fixUnits(text, first, length, wideOut);
  if (written === null || written === NOTHING_FIXED) return text;
  if (narrow !== null) return Buffer.from(narrowOut.buffer, 0, written).toString("latin1");
  const wideBytes = Buffer.from(wideOut.buffer, 0, written * 2);
  if (BIG_ENDIAN) wideBytes.swap16();
  return wideBytes.toString("utf16le");
}

const NOTHING_FIXED = -1;

/**
 * The pass itself, over `units` from `first` (all before it is ASCII) into `out`: how
 * many characters it wrote, NOTHING_FIXED, or null when a character does not fit `out`.
 */
function fixUnits(
  text: string,
  first: number,
  length: number,
  out: Uint8Array | Uint16Array,
): number | null {
  out.set(units.subarray(0, first));
  const limit = out === narrowOut ? 0xff : 0xffff;
  let n = first;
  let changed = false;
  for (let i = first; i < length; i++) {
    let c = units[i] ?? 0;
    // Nearly every character: written as it is, with as few tests as possible.
    if (c < 0x80 && c !== AMPERSAND) {
      out[n++] = c;
      continue;
    }
    if (c === AMPERSAND) {
      const entity = entityAt(text, i);
      if (entity) {
        c = entity[0];
        i += entity[1] - 1;
        changed = true;
      }
    } else {
      const fix = fixOf(c);
      if (fix === DROP) {
        changed = true;
        continue;
      }
      if (fix !== KEEP) {
        c = fix;
        changed = true;
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < length ? (units[i + 1] ?? 0) : 0;
        if (c <= 0xdbff && isLowSurrogate(next)) {
          if (next > limit) return null;
          out[n++] = c;
          c = next;
          i++;
        } else {
          c = REPLACEMENT_CHARACTER;
          changed = true;
        }
      }
      if (c > limit) return null;
    }
    out[n++] = c;
  }
  return changed ? n : NOTHING_FIXED;
}

const SPACE = /\s/;
const isSpace = (ch: string | undefined) => ch !== undefined && SPACE.test(ch);
const isLineEnd = (ch: string | undefined) =>
  ch === "\n" || ch === "\r" || ch === "\u2028" || ch === "\u2029";
const isLetter = (ch: string | undefined) => ch !== undefined && /[a-z]/i.test(ch);

/**
 * Drops code fences: a line that is only a fence (with a language name) goes whole,
 * any other ``` goes alone. The same as replacing /^\s*```[a-z]*\s*$/gim and then
 * /```/g, but visiting only the fences instead of every line start of the paste.
 */
function removeFences(text: string): string {
  let fence = text.indexOf("```");
  if (fence === -1) return text;
  let out = "";
  let copied = 0;
  let lineFenceEnd = 0;
  while (fence !== -1) {
    // A fence line starts at the first line start of the white space before the fence.
    let from = fence;
    while (from > lineFenceEnd && isSpace(text[from - 1])) from--;
    let lineStart = -1;
    for (let x = from; x <= fence && lineStart === -1; x++) {
      if (x === 0 || isLineEnd(text[x - 1])) lineStart = x;
    }
    if (lineStart !== -1) {
      // …and ends at the last line end of the white space after its language name.
      let y = fence + 3;
      while (isLetter(text[y])) y++;
      let end = -1;
      for (; y < text.length && isSpace(text[y]); y++) if (isLineEnd(text[y])) end = y;
      if (y === text.length) end = y;
      if (end !== -1) {
        out += text.slice(copied, lineStart);
        copied = end;
        lineFenceEnd = end;
        fence = text.indexOf("```", end);
        continue;
      }
    }
    out += text.slice(copied, fence);
    copied = fence + 3;
    fence = text.indexOf("```", fence + 3);
  }
  return out + text.slice(copied);
}
