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

/**
 * Undoes what Slack and chat clients do to pasted text: entities, link and mailto
 * wrapping, smart quotes, code fences, non-breaking and zero-width spaces.
 */
export function cleanPaste(input: string): string {
  return (
    input
      .slice(0, MAX_PASTE_LENGTH)
      // Lone surrogates (broken UTF-16) become U+FFFD, like invalid UTF-8 does.
      .toWellFormed()
      // <mailto:a@b.c|a@b.c>, <http://x|label>, <http://x>: keep what the user typed.
      .replace(/<(?:mailto:|tel:|https?:\/\/)[^<>|\s]*\|([^<>]*)>/g, "$1")
      .replace(/<((?:https?:\/\/|mailto:)[^<>|\s]*)>/g, (_, url: string) =>
        url.replace(/^mailto:/, ""),
      )
      .replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => PREDEFINED_ENTITIES[name] ?? "")
      .replace(/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"')
      .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
      .replace(/[\u00a0\u2007\u202f]/g, " ")
      .replace(/[\u200b-\u200d\u2060\ufeff]/g, "")
      .replace(/^\s*```[a-z]*\s*$/gim, "")
      .replace(/```/g, "")
  );
}
