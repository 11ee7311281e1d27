/**
 * Comparing vendor wordings: the importer uses it to merge wordings that differ only
 * in punctuation or phrasing, the engine to tell whether a pasted message is the
 * catalog's text.
 */

const STOPWORDS = new Set(
  "a an the is are was were be been to of for in on at by with this that it its as or and please your you from has have had".split(
    " ",
  ),
);

/** Lower case, plain quotes, placeholders unified, punctuation dropped, spaces folded. */
export function normalizeWording(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u201b\u2032]/g, "'")
    .replace(/\\?\{\s*\w*\s*\\?\}/g, " x ")
    .replace(/e-mail/g, "email")
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9']+/g, " ")
    .replace(/'/g, "")
    .trim();
}

/** The meaningful words of a wording, for set comparison. */
export function wordingTokens(text: string): Set<string> {
  return tokensOf(normalizeWording(text));
}

function tokensOf(normalized: string): Set<string> {
  return new Set(normalized.split(" ").filter((word) => word !== "" && !STOPWORDS.has(word)));
}

/** A wording normalised once, with its words, for comparing it many times. */
export interface WordingForm {
  normalized: string;
  tokens: Set<string>;
}

export function wordingForm(text: string): WordingForm {
  const normalized = normalizeWording(text);
  return { normalized, tokens: tokensOf(normalized) };
}

/**
 * Whether two wordings say the same thing: equal once normalised, nearly the same
 * words (Jaccard ≥ 0.6), or one is the other with more detail added.
 */
export function sameWording(a: string, b: string): boolean {
  return sameForms(wordingForm(a), wordingForm(b));
}

/** sameWording of wordings already normalised. */
export function sameForms(a: WordingForm, b: WordingForm): boolean {
  if (a.normalized === b.normalized) return true;
  const [small, large] =
    a.tokens.size <= b.tokens.size ? [a.tokens, b.tokens] : [b.tokens, a.tokens];
  let shared = 0;
  for (const word of small) if (large.has(word)) shared++;
  if (small.size >= 2 && shared === small.size) return true;
  const union = a.tokens.size + b.tokens.size - shared;
  return union > 0 && shared / union >= 0.6;
}
