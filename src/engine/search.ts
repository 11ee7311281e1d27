import Fuse from "fuse.js";
import type { Entry, Resource, Synonyms } from "../catalog/types.js";
import { normalizeWording } from "../catalog/wording.js";

export interface SearchHit {
  entry: Entry;
  /** Relative to the best hit of the same query (1 = best). */
  score: number;
}

/** Query words past this many add nothing but cost. */
const MAX_QUERY_TOKENS = 24;
const IGNORED = new Set(
  "a an the is are was were be to of for in on at by with this that it its as and or please what does do mean means meaning why i we my our can cant could would should".split(
    " ",
  ),
);

/** Light stemming so that "points"/"point", "redeemed"/"redeem", "expired"/"expire" meet. */
export function stem(word: string): string {
  if (word === "sent") return "send";
  if (word.length > 5 && word.endsWith("ing")) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith("ied")) return word.slice(0, -3) + "y";
  if (word.length > 4 && word.endsWith("ed")) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith("ies")) return word.slice(0, -3) + "y";
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  if (word.length > 4 && word.endsWith("e")) return word.slice(0, -1);
  return word;
}

function searchTokens(text: string): string[] {
  return normalizeWording(text)
    .split(" ")
    .filter((word) => word !== "" && !IGNORED.has(word))
    .map(stem);
}

interface Posting {
  entry: number;
  weight: number;
}

/**
 * Free-text search over descriptions and variants: an inverted index with IDF
 * weights finds candidates in microseconds; fuse.js corrects misspelt query words
 * against the catalog's vocabulary (a short list of single words, where its fuzzy
 * matching is both fast and accurate).
 */
export class CodeSearch {
  private readonly postings = new Map<string, Posting[]>();
  private readonly idf = new Map<string, number>();
  private readonly phrases: string[];
  /** Description length relative to the average: long texts match more words by chance. */
  private readonly lengthFactor: number[];
  private readonly vocabulary: Fuse<string>;
  private readonly corrections = new Map<string, string[]>();
  private readonly score: Float64Array;
  private readonly matched: Float64Array;

  constructor(
    private readonly entries: readonly Entry[],
    private readonly synonyms: Synonyms,
  ) {
    this.score = new Float64Array(entries.length);
    this.matched = new Float64Array(entries.length);
    entries.forEach((entry, index) => {
      const weights = new Map<string, number>();
      for (const token of searchTokens(entry.description)) weights.set(token, 1);
      for (const variant of entry.variants) {
        for (const token of searchTokens(variant)) {
          weights.set(token, Math.max(weights.get(token) ?? 0, 0.8));
        }
      }
      for (const [token, weight] of weights) {
        const list = this.postings.get(token) ?? [];
        list.push({ entry: index, weight });
        this.postings.set(token, list);
      }
    });
    for (const [token, list] of this.postings) {
      this.idf.set(token, Math.log(1 + entries.length / list.length));
    }
    const lengths = entries.map((entry) => searchTokens(entry.description).length);
    const average = lengths.reduce((sum, n) => sum + n, 0) / Math.max(1, lengths.length);
    this.lengthFactor = lengths.map((n) => 0.75 + 0.25 * (n / average));
    this.phrases = entries.map((entry) =>
      [entry.description, ...entry.variants].map(normalizeWording).join(" | "),
    );
    this.vocabulary = new Fuse(
      [...this.postings.keys()].filter((token) => token.length >= 3),
      {
        includeScore: true,
        threshold: 0.34,
        minMatchCharLength: 3,
      },
    );
  }

  /** Words the query means, with weights: its own words, synonyms, spelling corrections. */
  private expand(text: string): Map<string, number> {
    const terms = new Map<string, number>();
    const add = (token: string, weight: number) =>
      terms.set(token, Math.max(terms.get(token) ?? 0, weight));
    const words = normalizeWording(text).split(" ").slice(0, MAX_QUERY_TOKENS);
    for (const word of words) {
      if (word === "" || IGNORED.has(word)) continue;
      const token = stem(word);
      if (this.postings.has(token)) add(token, 1);
      else for (const corrected of this.correct(token)) add(corrected, 0.7);
      const synonyms = Object.hasOwn(this.synonyms.terms, word) ? this.synonyms.terms[word] : [];
      for (const phrase of synonyms ?? []) {
        for (const synonym of searchTokens(phrase)) add(synonym, 0.9);
      }
    }
    return terms;
  }

  private correct(token: string): string[] {
    if (token.length < 4 || /^\d+$/.test(token)) return [];
    const cached = this.corrections.get(token);
    if (cached) return cached;
    const corrected = this.vocabulary.search(token, { limit: 2 }).map((hit) => hit.item);
    if (this.corrections.size < 10_000) this.corrections.set(token, corrected);
    return corrected;
  }

  search(text: string, options: { resource?: Resource | null; limit?: number } = {}): SearchHit[] {
    const terms = this.expand(text);
    if (terms.size === 0) return [];
    // Scores accumulate in preallocated arrays; only the entries touched are ranked and reset.
    const { score, matched } = this;
    const touched: number[] = [];
    let totalWeight = 0;
    for (const [token, queryWeight] of terms) {
      totalWeight += queryWeight;
      const idf = this.idf.get(token) ?? 0;
      for (const { entry, weight } of this.postings.get(token) ?? []) {
        if (matched[entry] === 0) touched.push(entry);
        score[entry] = (score[entry] ?? 0) + idf * weight * queryWeight;
        matched[entry] = (matched[entry] ?? 0) + queryWeight;
      }
    }
    const phrase = normalizeWording(text);
    const multiWord = phrase.includes(" ");
    const ranked = touched.map((index) => {
      let total =
        ((score[index] ?? 0) * Math.sqrt((matched[index] ?? 0) / totalWeight)) /
        (this.lengthFactor[index] ?? 1);
      score[index] = 0;
      matched[index] = 0;
      if (multiWord && this.phrases[index]?.includes(phrase)) total *= 1.5;
      const entry = this.entries[index];
      if (options.resource && entry?.resource === options.resource) total *= 1.5;
      if (entry?.kind === "success") total *= 0.8;
      return { index, total };
    });
    ranked.sort((a, b) => b.total - a.total || a.index - b.index);
    const best = ranked[0]?.total ?? 0;
    return ranked.slice(0, options.limit ?? 10).flatMap(({ index, total }) => {
      const entry = this.entries[index];
      return entry ? [{ entry, score: best > 0 ? total / best : 0 }] : [];
    });
  }
}
