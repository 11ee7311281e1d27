import type { Catalog, Entry, Resource } from "../catalog/types.js";
import { RESOURCES } from "../catalog/types.js";
import { normalizeWording } from "../catalog/wording.js";
import type { Answer, CodeAnswer, Diagnosis, EnvelopeNote, Finding } from "./answer.js";
import { ENVELOPE_MEANINGS } from "./envelope.js";
import { createMasker, maskIdentifier, maskText } from "./paste/mask.js";
import { readPaste } from "./paste/read.js";
import { MAX_QUERY_LENGTH, parseQuery } from "./query.js";
import type { Clues } from "./rank.js";
import { isNarrowed, rankMeanings } from "./rank.js";
import { CodeSearch } from "./search.js";

/** Places listed for a repeated finding; the count says how many more. */
const MAX_PATHS = 3;
const NEAREST = 3;
/** Unknown codes in one paste whose nearest codes are also searched by message. */
const MESSAGE_SEARCHES_PER_PASTE = 10;

/**
 * The answer engine: code lookup, free-text search and paste diagnosis over one
 * catalog. Built once at start-up; every call is synchronous and in memory.
 */
export class Engine {
  private readonly search: CodeSearch;
  /** One non-success entry per code, sorted by code: all resources, then per resource. */
  private readonly numbered = new Map<Resource | null, Entry[]>();

  constructor(readonly catalog: Catalog) {
    this.search = new CodeSearch(catalog.entries, catalog.synonyms);
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
        // No number is a known code: it may be part of a message ("Limit cannot be greater than 100").
        const found = query.words === "" ? null : this.search.search(query.text, { limit: 5 });
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
    const matches = rankMeanings(entries, clues);
    return {
      code,
      requestedResource: clues.resource ?? null,
      matches,
      narrowed: isNarrowed(matches, clues),
      nearest: entries.length > 0 ? [] : this.nearest(code, clues, searchNearestByMessage),
    };
  }

  /** Known codes near an unknown one: by message if one came with it, then by number. */
  private nearest(code: number, clues: Clues, byMessage: boolean): Entry[] {
    const resource = clues.resource ?? clues.inferredResource?.resource ?? null;
    const fromMessage =
      byMessage && clues.message
        ? this.search
            .search(clues.message, { resource })
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
    const { facts, context } = paste;
    const mask = createMasker(facts.identifiers);
    // Request ids and bill numbers are for escalation: only exact customer values go.
    const maskExact = createMasker(facts.identifiers, true);
    let messageSearches = MESSAGE_SEARCHES_PER_PASTE;
    const lookups = new Map<string, CodeAnswer>();
    const envelope: EnvelopeNote[] = [];
    const groups = new Map<string, Finding>();
    const itemCount = paste.findings.filter(
      (f) => !(f.envelope && ENVELOPE_MEANINGS.has(f.code)),
    ).length;

    for (const raw of paste.findings) {
      const meaning = ENVELOPE_MEANINGS.get(raw.code);
      const message = raw.message === null ? null : mask(raw.message);
      if (raw.envelope && meaning && (itemCount > 0 || raw.code < 300)) {
        envelope.push({ code: raw.code, path: mask(raw.path), message, meaning });
        continue;
      }
      const inferred =
        raw.resource ??
        (context.resource
          ? { resource: context.resource, from: `the API path (${context.apiPath ?? ""})` }
          : null);
      // Items of a bulk response repeat the same code and message: rank each once.
      const clueKey = [raw.code, raw.message, raw.reported, inferred?.resource].join("|");
      let answer = lookups.get(clueKey);
      if (!answer) {
        const known = this.catalog.byCode.has(raw.code);
        answer = this.lookup(
          raw.code,
          {
            inferredResource: inferred,
            message: raw.message,
            kind: raw.reported,
            generation: context.generation,
          },
          !known && messageSearches-- > 0,
        );
        lookups.set(clueKey, answer);
      }
      const top = answer.matches[0];
      const key = [
        raw.code,
        top?.entry.id ?? "unknown",
        normalizeWording(message ?? ""),
        raw.reported,
      ].join("|");
      const existing = groups.get(key);
      if (existing) {
        existing.count++;
        if (existing.paths.length < MAX_PATHS) existing.paths.push(mask(raw.path));
        continue;
      }
      groups.set(key, {
        ...answer,
        paths: [mask(raw.path)],
        count: 1,
        message,
        reported: raw.reported,
        inferredResource: inferred?.resource ?? null,
        messageDiffers: top !== undefined && message !== null && top.messageMatches === false,
      });
    }
    const order = (f: Finding) => {
      const kind = f.reported ?? f.matches[0]?.entry.kind ?? "error";
      return kind === "error" ? 0 : kind === "warning" ? 1 : 2;
    };
    const findings = [...groups.values()].sort((a, b) => order(a) - order(b));
    const factList = [
      { label: "Bill number", value: facts.billNumber },
      { label: "Reference", value: facts.reference },
      { label: "Store", value: facts.store },
      { label: "Till", value: facts.till },
    ].flatMap(({ label, value }) => (value === null ? [] : [{ label, value: maskExact(value) }]));
    const customer = [
      ...new Set(
        facts.identifiers.map(({ kind, value }) => `${kind} ${maskIdentifier(kind, value)}`),
      ),
    ].slice(0, 5);
    return {
      findings,
      envelope,
      requestId: facts.requestId === null ? null : maskExact(facts.requestId),
      apiPath: context.apiPath,
      facts: factList,
      customer,
      formats: paste.formats,
      truncated: paste.truncated,
      depthCapped: paste.depthCapped,
    };
  }

  /**
   * The paste with its customer identifiers masked, for carrying it where it is not
   * shown but still leaves the bot (the share button's value). Diagnosing the result
   * gives the same findings.
   */
  redact(input: string): string {
    const paste = readPaste(input);
    return maskText(input, paste?.facts.identifiers ?? []);
  }
}
