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

/** Typographic quotes and spaces, and invisible characters, that chat clients put in. */
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032]/g;
const SPACES = /[\u00a0\u2007\u202f]/g;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
/** Any of the last three: one scan decides whether their three passes are needed. */
const RARE = /[\u2018\u2019\u201a\u201b\u2032\u00a0\u2007\u202f\u200b-\u200d\u2060\ufeff]/;

/**
 * Undoes what Slack and chat clients do to pasted text: entities, link and mailto
 * wrapping, smart quotes, code fences, non-breaking and zero-width spaces. Each pass
 * runs only when its characters are in the text: most pastes need two or three.
 */
export function cleanPaste(input: string): string {
  // Lone surrogates (broken UTF-16) become U+FFFD, like invalid UTF-8 does.
  let text = input.slice(0, MAX_PASTE_LENGTH).toWellFormed();
  if (text.includes("<")) {
    // <mailto:a@b.c|a@b.c>, <http://x|label>, <http://x>: keep what the user typed.
    text = text
      .replace(/<(?:mailto:|tel:|https?:\/\/)[^<>|\s]*\|([^<>]*)>/g, "$1")
      .replace(/<((?:https?:\/\/|mailto:)[^<>|\s]*)>/g, (_, url: string) =>
        url.replace(/^mailto:/, ""),
      );
  }
  if (text.includes("&")) {
    text = text.replace(
      /&(amp|lt|gt|quot|apos);/g,
      (_, name: string) => PREDEFINED_ENTITIES[name] ?? "",
    );
  }
  text = text.replace(DOUBLE_QUOTES, '"');
  if (RARE.test(text)) {
    text = text.replace(SINGLE_QUOTES, "'").replace(SPACES, " ").replace(INVISIBLE, "");
  }
  return removeFences(text);
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
