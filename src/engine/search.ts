import Fuse from "fuse.js";
import type { Entry, Resource, Synonyms } from "../catalog/types.js";
import { normalizeWording } from "../catalog/wording.js";

/**
 * How sure a free-text answer is. `strong`: the query's words are (nearly) all in one
 * meaning and it stands out; `weak`: plausible candidates, none clearly the one;
 * `none`: nothing documented matches what was asked.
 */
export type Confidence = "strong" | "weak" | "none";

export interface SearchHit {
  entry: Entry;
  /** Relative to the best hit of the same query (1 = best). */
  score: number;
  /** Share of the query's content words this entry accounts for (0–1). */
  coverage: number;
  /** The query, as typed, is part of one of the entry's wordings. */
  phrase: boolean;
}

export interface SearchResult {
  confidence: Confidence;
  /** Best first; empty when the confidence is `none`. */
  hits: SearchHit[];
}

/** Query words past this many add nothing but cost. */
const MAX_QUERY_TOKENS = 24;

/**
 * Words that never match on their own: English function words, question words,
 * greetings, thanks and acknowledgements. Negations are not here: they are a word class
 * of their own (below), because "not received" and "unable to issue" say the same.
 */
const IGNORED = new Set(
  (
    "a an the is are was were be been being am to of for in on at by with this that these those it its as and or but if so than then " +
    "please pls plz kindly what whats which who whom whose why how when where does do did doing done mean means meaning " +
    "i im ive we our ours us you your yours he she they them their his her him me my mine " +
    "can could would should shall will may might must has have had having just also still even again ever " +
    "there here some any all each every much very really quite too about into onto from up out off " +
    "thanks thank thx ty tnx cheers hi hello hey hiya morning evening afternoon good great nice cool fine ok okay k kk " +
    "sure yes yeah yep yup nope np noted got it ack alright lol today tomorrow yesterday now team guys folks everyone someone anyone " +
    "say says said tell told know let lets see seeing look looking check checking think getting help"
  ).split(" "),
);

/** Words that negate: agents write "not received", vendors "unable to issue". */
const NEGATIONS = new Set(
  "not no cannot cant unable never didnt doesnt dont isnt wont wasnt arent havent hasnt couldnt nothing none".split(
    " ",
  ),
);
const NEGATION = "~not";

/** A resource named in the query is covered by every meaning of that resource. */
const RESOURCE_PREFIX = "~resource:";
const resourceToken = (resource: Resource) => `${RESOURCE_PREFIX}${resource}`;
const hasResource = (word: QueryWord) =>
  word.terms.some(({ token }) => token.startsWith(RESOURCE_PREFIX));

/** Ranking weights: a message wording is the evidence; the runbook explanation helps. */
const VARIANT_WEIGHT = 0.9;
const EXPLANATION_WEIGHT = 0.3;
/** Coverage credit for a word found only in the explanation. */
const EXPLANATION_COVERAGE = 0.5;
const RESOURCE_WEIGHT = 0.5;
const SYNONYM_WEIGHT = 0.9;
const CORRECTION_WEIGHT = 0.7;
/** BM25 saturation and length normalisation: a long note matches words by chance. */
const K1 = 1.2;
const B = 0.75;

/** Confidence rules (see `confidence` below). */
const STRONG_COVERAGE = 0.7;
const WEAK_COVERAGE = 0.35;
/** Meanings that account for less of the query than this are not candidates at all. */
const MIN_COVERAGE = 0.2;
/** The best hit must lead the next different meaning by this factor to be strong. */
const STRONG_LEAD = 1.25;

/** Irregular forms that regular stemming cannot bring together. */
const IRREGULAR: ReadonlyMap<string, string> = new Map([
  ["sent", "send"],
  ["used", "use"],
  ["found", "find"],
  ["got", "get"],
  ["paid", "pay"],
  ["bought", "buy"],
]);

/** Light stemming so that "points"/"point", "redeemed"/"redeem", "expired"/"expire" meet. */
export function stem(word: string): string {
  const irregular = IRREGULAR.get(word);
  if (irregular) return irregular;
  if (word.length > 5 && word.endsWith("ing")) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith("ied")) return word.slice(0, -3) + "y";
  if (word.length > 4 && word.endsWith("ed")) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith("ies")) return word.slice(0, -3) + "y";
  const singular =
    word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;
  if (singular.length > 4 && singular.endsWith("e")) return singular.slice(0, -1);
  return singular;
}

/** One word as the index stores it: negations folded into one class, others stemmed. */
function indexToken(word: string): string {
  return NEGATIONS.has(word) ? NEGATION : stem(word);
}

/**
 * API identifiers in vendor messages and in queries ("startDate", "WEB_ENGAGE",
 * "line-item") are read as their parts and as one word, so "start date", "webengage"
 * and "line item" all meet them.
 */
function splitIdentifiers(text: string): string {
  return text.replace(
    /\b[A-Za-z]+(?:[_-][A-Za-z]+)+\b|\b[a-z]+(?:[A-Z][a-z]+)+\b/g,
    (identifier) => {
      const parts = identifier
        .replace(/([a-z])([A-Z])/g, "$1 $2")
        .split(/[\s_-]+/)
        .filter((part) => part !== "");
      return `${parts.join(" ")} ${parts.join("")}`;
    },
  );
}

function searchTokens(text: string): string[] {
  return normalizeWording(splitIdentifiers(text))
    .split(" ")
    .filter((word) => word !== "" && !IGNORED.has(word))
    .map(indexToken);
}

interface Posting {
  entry: number;
  /** Field weight times the BM25 term factor of the wording the token is in. */
  weight: number;
  /** Coverage credit when a query word is found through this posting. */
  covers: number;
}

/** The postings of one token as parallel typed arrays: the search loop's hot data. */
interface PostingList {
  entries: Int32Array;
  /** IDF times the posting's weight: what the token adds to the entry's score. */
  scores: Float64Array;
  covers: Float64Array;
}

/** An entry's standing for one query, before meanings are made distinct. */
interface Ranked {
  index: number;
  total: number;
  covered: number;
  isPhrase: boolean;
}

/** A content word of the query and the index terms that stand for it. */
interface QueryWord {
  word: string;
  terms: { token: string; weight: number }[];
  /** The word (or the catalog word its typo stands for) is about loyalty. */
  loyalty: boolean;
}

/**
 * Stems of the words that make a query about loyalty: the synonyms file's `loyalty`
 * list, the resource words, and agent words whose catalog words are among those.
 */
function loyaltyWords(synonyms: Synonyms): Set<string> {
  const words = new Set([...synonyms.loyalty, ...Object.keys(synonyms.resources)].map(stem));
  for (const [word, phrases] of Object.entries(synonyms.terms)) {
    const meanings = phrases.flatMap((phrase) => normalizeWording(phrase).split(" ")).map(stem);
    if (meanings.some((meaning) => words.has(meaning))) words.add(stem(word));
  }
  return words;
}

/** Edit distance, for accepting a fuzzy correction only when it is a plausible typo. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Free-text search over the catalog's wordings and the runbook's explanations: an
 * inverted index with IDF and BM25 weights finds candidates in microseconds; fuse.js
 * proposes spelling corrections against the catalog's vocabulary (a short list of
 * single words, where its fuzzy matching is fast). Every answer carries a confidence
 * decided from evidence: how much of the query the best meaning accounts for, whether
 * the query is part of a vendor message, and whether it stands out from the rest.
 */
export class CodeSearch {
  private readonly postings = new Map<string, PostingList>();
  private readonly idf = new Map<string, number>();
  /** Normalised wordings of each entry, for phrase hits (a pasted or cut-off message). */
  private readonly wordings: string[][];
  /** Words of the catalog's messages and of the agent vocabulary: what a typo can be corrected to. */
  private readonly vocabulary: Fuse<string>;
  private readonly corrections = new Map<string, string[]>();
  /** Agent word (as typed and stemmed) → the catalog's index tokens for it. */
  private readonly meanings = new Map<string, string[]>();
  /** Stems of the words that make a query about loyalty (see `loyaltyWords`). */
  private readonly loyalty: ReadonlySet<string>;
  private readonly score: Float64Array;
  private readonly coverage: Float64Array;
  private readonly wordScore: Float64Array;
  private readonly wordCover: Float64Array;
  private readonly softWeight: Float64Array;
  private readonly isTouched: Uint8Array;
  /** What a query word the catalog does not know weighs in coverage: as much as a fairly rare word. */
  private readonly unknownIdf: number;

  constructor(
    private readonly entries: readonly Entry[],
    private readonly synonyms: Synonyms,
    /** Codes of generic envelope statuses (catalog/envelope.yml), ranked below item codes. */
    private readonly envelopeCodes: ReadonlySet<number> = new Set(),
  ) {
    const n = entries.length;
    this.score = new Float64Array(n);
    this.coverage = new Float64Array(n);
    this.wordScore = new Float64Array(n);
    this.wordCover = new Float64Array(n);
    this.softWeight = new Float64Array(n);
    this.isTouched = new Uint8Array(n);
    this.unknownIdf = Math.log(1 + n / 10);
    const messages = entries.map((entry) =>
      [entry.description, ...entry.variants].map((text) => searchTokens(text)),
    );
    const explanations = entries.map((entry) => searchTokens(entry.explain));
    const average = (lists: string[][]) =>
      lists.reduce((sum, list) => sum + list.length, 0) / Math.max(1, lists.length);
    const messageAverage = average(messages.flat());
    const explanationAverage = average(explanations);
    const factor = (length: number, mean: number) =>
      (K1 + 1) / (1 + K1 * (1 - B + (B * length) / Math.max(1, mean)));

    const lists = new Map<string, Posting[]>();
    entries.forEach((entry, index) => {
      const best = new Map<string, Omit<Posting, "entry">>();
      const offer = (token: string, weight: number, covers: number) => {
        const known = best.get(token);
        if (!known || known.weight < weight) best.set(token, { weight, covers });
      };
      messages[index]?.forEach((tokens, i) => {
        const weight = (i === 0 ? 1 : VARIANT_WEIGHT) * factor(tokens.length, messageAverage);
        for (const token of tokens) offer(token, weight, 1);
      });
      const explanation = explanations[index] ?? [];
      const explanationWeight = EXPLANATION_WEIGHT * factor(explanation.length, explanationAverage);
      for (const token of explanation) offer(token, explanationWeight, EXPLANATION_COVERAGE);
      offer(resourceToken(entry.resource), RESOURCE_WEIGHT, 1);
      for (const [token, posting] of best) {
        const list = lists.get(token) ?? [];
        list.push({ entry: index, ...posting });
        lists.set(token, list);
      }
    });
    for (const [token, list] of lists) {
      const idf = Math.log(1 + n / list.length);
      this.idf.set(token, idf);
      this.postings.set(token, {
        entries: Int32Array.from(list, (posting) => posting.entry),
        scores: Float64Array.from(list, (posting) => idf * posting.weight),
        covers: Float64Array.from(list, (posting) => posting.covers),
      });
    }
    this.wordings = entries.map((entry) =>
      [entry.description, ...entry.variants].map(normalizeWording),
    );
    const words = new Set<string>();
    for (const tokens of messages.flat()) for (const token of tokens) words.add(token);
    for (const word of [...Object.keys(synonyms.terms), ...Object.keys(synonyms.resources)])
      words.add(stem(word));
    this.loyalty = loyaltyWords(synonyms);
    for (const [word, phrases] of Object.entries(synonyms.terms)) {
      const tokens = phrases.flatMap((phrase) => searchTokens(phrase));
      for (const key of [word, stem(word)]) {
        this.meanings.set(key, [...new Set([...(this.meanings.get(key) ?? []), ...tokens])]);
      }
    }
    this.vocabulary = new Fuse(
      [...words].filter((token) => token.length >= 3 && !/\d/.test(token)),
      { includeScore: true, threshold: 0.34, minMatchCharLength: 3 },
    );
  }

  /** The query's content words, each with the index terms that stand for it. */
  private queryWords(text: string): QueryWord[] {
    const words: QueryWord[] = [];
    const seen = new Set<string>();
    for (const word of normalizeWording(splitIdentifiers(text))
      .split(" ")
      .slice(0, MAX_QUERY_TOKENS)) {
      if (word === "" || IGNORED.has(word)) continue;
      const token = indexToken(word);
      if (seen.has(token)) continue;
      seen.add(token);
      const terms = new Map<string, number>();
      const add = (term: string, weight: number) =>
        terms.set(term, Math.max(terms.get(term) ?? 0, weight));
      const addMeanings = (spelling: string, weight: number) => {
        for (const key of [spelling, stem(spelling)]) {
          const resource = Object.hasOwn(this.synonyms.resources, key)
            ? this.synonyms.resources[key]
            : undefined;
          if (resource) add(resourceToken(resource), weight);
          for (const synonym of this.meanings.get(key) ?? []) add(synonym, weight * SYNONYM_WEIGHT);
        }
      };
      let loyalty = this.loyalty.has(token);
      if (this.postings.has(token)) add(token, 1);
      addMeanings(word, 1);
      if (terms.size === 0) {
        for (const corrected of this.correct(token)) {
          if (this.postings.has(corrected)) add(corrected, CORRECTION_WEIGHT);
          addMeanings(corrected, CORRECTION_WEIGHT);
          loyalty ||= this.loyalty.has(corrected);
        }
      }
      words.push({
        word,
        terms: [...terms].map(([term, weight]) => ({ token: term, weight })),
        loyalty,
      });
    }
    return words;
  }

  /** Catalog words the query word is a plausible typo of: same first letter, one or two edits. */
  private correct(token: string): string[] {
    if (token.length < 4 || /\d/.test(token) || token.startsWith("~")) return [];
    const cached = this.corrections.get(token);
    if (cached) return cached;
    const allowed = token.length <= 5 ? 1 : 2;
    const corrected = this.vocabulary
      .search(token, { limit: 3 })
      .map((hit) => hit.item)
      .filter((word) => word[0] === token[0] && editDistance(word, token) <= allowed)
      .slice(0, 2);
    if (this.corrections.size < 10_000) this.corrections.set(token, corrected);
    return corrected;
  }

  search(text: string, options: { resource?: Resource | null; limit?: number } = {}): SearchResult {
    const words = this.queryWords(text);
    const none: SearchResult = { confidence: "none", hits: [] };
    if (!words.some((word) => word.terms.length > 0)) return none;
    // Scores accumulate in preallocated arrays; only the entries touched are ranked and reset.
    const { score, coverage, wordScore, wordCover, softWeight } = this;
    const touched: number[] = [];
    const { isTouched } = this;
    // Coverage counts words by their information (IDF): "customer" is in almost every
    // query and says little. A negation only counts where it matches: vendors often word
    // a failure without one ("queued and will be updated later").
    let needed = 0;
    // Words that name a resource go last: their resource term only credits meanings the
    // other words found, instead of touching every meaning of the resource.
    const ordered = [...words].sort((a, b) => Number(hasResource(a)) - Number(hasResource(b)));
    for (const { word, terms } of ordered) {
      const soft = NEGATIONS.has(word);
      let importance = terms.length === 0 ? this.unknownIdf : 0;
      for (const { token } of terms) importance = Math.max(importance, this.idf.get(token) ?? 0);
      if (!soft) needed += importance;
      const seen: number[] = [];
      for (const { token, weight: queryWeight } of terms) {
        const list = this.postings.get(token);
        if (!list) continue;
        const { entries, scores, covers } = list;
        const creditOnly = token.startsWith(RESOURCE_PREFIX);
        for (let i = 0; i < entries.length; i++) {
          const entry = entries[i] ?? 0;
          const wordBest = wordScore[entry] ?? 0;
          if (creditOnly && wordBest === 0 && isTouched[entry] === 0) continue;
          if (wordBest === 0) seen.push(entry);
          wordScore[entry] = Math.max(wordBest, (scores[i] ?? 0) * queryWeight);
          wordCover[entry] = Math.max(wordCover[entry] ?? 0, (covers[i] ?? 0) * queryWeight);
        }
      }
      for (const entry of seen) {
        if (isTouched[entry] === 0) {
          isTouched[entry] = 1;
          touched.push(entry);
        }
        score[entry] = (score[entry] ?? 0) + (wordScore[entry] ?? 0);
        coverage[entry] = (coverage[entry] ?? 0) + importance * (wordCover[entry] ?? 0);
        if (soft) softWeight[entry] = (softWeight[entry] ?? 0) + importance;
        wordScore[entry] = 0;
        wordCover[entry] = 0;
      }
    }
    const phrase = ` ${normalizeWording(text)} `;
    const phraseWords = phrase.trim().split(" ").length;
    const ranked: Ranked[] = [];
    for (const index of touched) {
      const denominator = needed + (softWeight[index] ?? 0);
      const covered = denominator > 0 ? (coverage[index] ?? 0) / denominator : 0;
      let total = (score[index] ?? 0) * covered * covered;
      softWeight[index] = 0;
      isTouched[index] = 0;
      score[index] = 0;
      coverage[index] = 0;
      if (covered < MIN_COVERAGE) continue;
      const entry = this.entries[index];
      // A phrase hit needs every word of the query in the wording: check only those.
      const isPhrase =
        phraseWords >= 3 &&
        covered > 0.95 &&
        (this.wordings[index] ?? []).some((w) => ` ${w} `.includes(phrase));
      if (isPhrase) total *= 2;
      if (options.resource && entry?.resource === options.resource) total *= 1.2;
      if (entry?.kind === "success") total *= 0.8;
      // Envelope statuses (500 "all requests failed") say nothing specific: item codes first.
      if (entry && this.envelopeCodes.has(entry.code)) total *= 0.5;
      ranked.push({ index, total, covered, isPhrase });
    }
    ranked.sort((a, b) => b.total - a.total || a.index - b.index);
    const hits = this.distinct(ranked, options.limit ?? 10);
    const confidence = this.confidence(hits, {
      aboutLoyalty: words.some((word) => word.loyalty),
      words: words.length,
    });
    if (confidence === "none") return none;
    return {
      confidence,
      hits: hits.map(({ entry, score, coverage, phrase }) => ({ entry, score, coverage, phrase })),
    };
  }

  /**
   * The ranked entries as hits, one per meaning: a code listed as both error and warning
   * with the same text takes one place.
   */
  private distinct(ranked: readonly Ranked[], limit: number): (SearchHit & { total: number })[] {
    const best = ranked[0]?.total ?? 0;
    const seen = new Set<string>();
    const hits: (SearchHit & { total: number })[] = [];
    for (const { index, total, covered, isPhrase } of ranked) {
      if (hits.length >= limit) break;
      const entry = this.entries[index];
      if (!entry) continue;
      const key = `${entry.resource}|${String(entry.code)}|${this.wordings[index]?.[0] ?? ""}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push({
        entry,
        score: best > 0 ? total / best : 0,
        coverage: Math.min(1, covered),
        phrase: isPhrase,
        total,
      });
    }
    return hits;
  }

  /**
   * Strong: the query is part of a vendor message, or the best meaning accounts for
   * nearly all its words and leads every differently worded meaning clearly. Weak: the
   * best accounts for a fair share. None: less than that, or a query with no loyalty
   * word that no meaning accounts for almost entirely.
   */
  private confidence(
    hits: readonly (SearchHit & { total: number })[],
    query: { aboutLoyalty: boolean; words: number },
  ): Confidence {
    const top = hits[0];
    if (!top || top.total <= 0) return "none";
    const topWording = normalizeWording(top.entry.description);
    const rival = hits.find((hit) => normalizeWording(hit.entry.description) !== topWording);
    // Part of one vendor message is decisive; part of several ("customer not found") is not.
    if (top.phrase) return rival?.phrase ? "weak" : "strong";
    if (top.coverage < WEAK_COVERAGE) return "none";
    // Without a loyalty word, only API jargon that a meaning accounts for almost entirely
    // ("client signature required") is worth offering, and never as a sure answer.
    if (!query.aboutLoyalty) {
      return query.words >= 2 && top.coverage >= STRONG_COVERAGE ? "weak" : "none";
    }
    const leads = !rival || top.total >= rival.total * STRONG_LEAD;
    return top.coverage >= STRONG_COVERAGE && leads ? "strong" : "weak";
  }
}
