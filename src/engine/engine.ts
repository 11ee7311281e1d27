import type { Catalog, Entry, Resource } from "../catalog/types.js";
import { RESOURCES } from "../catalog/types.js";
import type { Answer, CodeAnswer, Diagnosis } from "./answer.js";
import { diagnosePaste } from "./diagnose.js";
import { maskText } from "./paste/mask.js";
import type { PasteRead } from "./paste/read.js";
import { readPaste } from "./paste/read.js";
import { MAX_QUERY_LENGTH, parseQuery } from "./query.js";
import type { Clues } from "./rank.js";
import { isNarrowed, rankMeanings } from "./rank.js";
import { checkResource } from "./resource-check.js";
import { CodeSearch } from "./search.js";

const NEAREST = 3;

/**
 * The answer engine: code lookup, free-text search and paste diagnosis over one
 * catalog. Built once at start-up; every call is synchronous and in memory.
 */
export class Engine {
  private readonly search: CodeSearch;
  /**
   * The customer identifiers read from each paste diagnosed, so that holding the paste
   * for a button masks it without reading it a second time. Weak: an entry lives as
   * long as its diagnosis, and never leaves the engine.
   */
  private readonly identifiersRead = new WeakMap<Diagnosis, PasteRead["facts"]["identifiers"]>();
  /** One non-success entry per code, sorted by code: all resources, then per resource. */
  private readonly numbered = new Map<Resource | null, Entry[]>();

  constructor(readonly catalog: Catalog) {
    this.search = new CodeSearch(
      catalog.entries,
      catalog.synonyms,
      new Set(catalog.envelope.keys()),
    );
    for (const resource of [null, ...RESOURCES]) {
      const seen = new Set<number>();
      const list = catalog.entries
        .filter((e) => e.kind !== "success" && (resource === null || e.resource === resource))
        .filter((e) => !seen.has(e.code) && seen.add(e.code))
        .sort((a, b) => a.code - b.code);
      this.numbered.set(resource, list);
    }
  }

  /** Answers whatever an agent typed or pasted: a paste if it holds a response, else a query. */
  answer(input: string): Answer {
    const diagnosis = this.diagnose(input);
    return diagnosis ? { type: "diagnosis", diagnosis } : this.query(input);
  }

  query(input: string): Answer {
    const query = parseQuery(input, this.catalog.synonyms);
    /** What the agent asked, as they wrote it (escaped when shown). */
    const shown = input.trim().slice(0, MAX_QUERY_LENGTH);
    switch (query.type) {
      case "help":
        return { type: "help" };
      case "codes": {
        const items = query.codes.map(({ code, resource }) =>
          this.lookup(code, { resource, words: query.words }),
        );
        if (items.some((item) => item.matches.length > 0)) {
          return {
            type: "codes",
            query: input.trim(),
            words: query.words,
            items,
            confidence: "strong",
          };
        }
        // No number is a code of any resource: it may be part of a message ("Limit cannot be
        // greater than 100"). A code documented for another resource is answered as such.
        const inCatalog = items.some((item) => item.otherResources.length > 0);
        const found =
          query.words === "" || inCatalog ? null : this.search.search(query.text, { limit: 5 });
        if (found && found.confidence !== "none") {
          return { type: "search", query: shown, resource: null, ...found };
        }
        return {
          type: "codes",
          query: input.trim(),
          words: query.words,
          items,
          confidence: "none",
        };
      }
      case "search":
        return {
          type: "search",
          query: shown,
          resource: query.resource,
          ...this.search.search(query.text, { resource: query.resource, limit: 5 }),
        };
    }
  }

  lookup(code: number, clues: Clues = {}, searchNearestByMessage = true): CodeAnswer {
    const entries = this.catalog.byCode.get(code) ?? [];
    const { matches, notDocumentedFor, otherResources } = checkResource(
      rankMeanings(entries, clues),
      clues,
    );
    return {
      code,
      requestedResource: clues.resource ?? null,
      matches,
      narrowed: isNarrowed(matches, clues),
      notDocumentedFor,
      otherResources,
      nearest: matches.length > 0 ? [] : this.nearest(code, clues, searchNearestByMessage),
    };
  }

  /**
   * Known codes near an unknown one, or near one not documented for the resource in
   * context (then of that resource): by the message or query words that came with it,
   * then by number.
   */
  private nearest(code: number, clues: Clues, byMessage: boolean): Entry[] {
    const resource = clues.resource ?? clues.inferredResource?.resource ?? null;
    const wording = clues.message ?? clues.words ?? "";
    const fromMessage =
      byMessage && wording.trim() !== ""
        ? this.search
            .search(wording, { resource })
            .hits.map((hit) => hit.entry)
            .filter((entry) => resource === null || entry.resource === resource)
            .slice(0, NEAREST)
        : [];
    const seen = new Set<string>();
    return [...fromMessage, ...this.nearestByNumber(code, resource)].filter(
      (entry) => !seen.has(entry.id) && seen.add(entry.id),
    );
  }

  /** The NEAREST codes closest in number, found by binary search in the sorted list. */
  private nearestByNumber(code: number, resource: Resource | null): Entry[] {
    const list = this.numbered.get(resource) ?? [];
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((list[middle]?.code ?? 0) < code) low = middle + 1;
      else high = middle;
    }
    const picked: Entry[] = [];
    let left = low - 1;
    let right = low;
    while (picked.length < NEAREST && (left >= 0 || right < list.length)) {
      const before = list[left];
      const after = list[right];
      if (after && (!before || after.code - code < code - before.code)) {
        picked.push(after);
        right++;
      } else if (before) {
        picked.push(before);
        left--;
      }
    }
    return picked.sort(
      (a, b) => Math.abs(a.code - code) - Math.abs(b.code - code) || a.code - b.code,
    );
  }

  /** Diagnoses a pasted response; null when the text holds no response code at all. */
  diagnose(input: string): Diagnosis | null {
    const paste = readPaste(input);
    if (!paste) return null;
    const diagnosis = diagnosePaste(paste, this.catalog, (code, clues, byMessage) =>
      this.lookup(code, clues, byMessage),
    );
    this.identifiersRead.set(diagnosis, paste.facts.identifiers);
    return diagnosis;
  }

  /**
   * The paste with its customer identifiers masked, for carrying it where it is not
   * shown but still leaves the bot (the share button's value). Diagnosing the result
   * gives the same findings.
   */
  private redact(input: string, diagnosis: Diagnosis): string {
    const identifiers =
      this.identifiersRead.get(diagnosis) ?? readPaste(input)?.facts.identifiers ?? [];
    return maskText(input, identifiers);
  }

  /**
   * What a "Share in channel" button may carry for an answer to `input`: a pasted
   * response with its customer identifiers masked, anything else as typed.
   */
  shareValue(input: string, answer: Answer): string {
    return answer.type === "diagnosis" ? this.redact(input, answer.diagnosis) : input;
  }
}
