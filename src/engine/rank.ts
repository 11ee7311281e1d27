import type { Entry, Generation, Kind, Resource } from "../catalog/types.js";
import { RESOURCES } from "../catalog/types.js";
import type { WordingForm } from "../catalog/wording.js";
import { sameForms, wordingForm, wordingTokens } from "../catalog/wording.js";

/** Everything that can tell one meaning of a code from another. */
export interface Clues {
  /** Named by the user ("816 points"): decisive. */
  resource?: Resource | null;
  /** Inferred from a paste (path, keys, API path): strong but not decisive. */
  inferredResource?: { resource: Resource; from: string } | null;
  /** The message that came with the code. */
  message?: string | null;
  kind?: Kind | null;
  generation?: Generation | null;
  /** Other words of the query ("816 customer not found"). */
  words?: string | null;
}

export interface RankedMatch {
  entry: Entry;
  score: number;
  /** Why this meaning ranks where it does, for the agent. */
  reasons: string[];
  /** Whether the message that came with the code is one of the entry's wordings (null: no message). */
  messageMatches: boolean | null;
}

/**
 * Each entry's wordings (description, then variants), normalised once: ranking compares
 * a message with them on every look-up. Held per catalog entry object, so it is as large
 * as the catalog and goes with it.
 */
const entryWordings = new WeakMap<Entry, WordingForm[]>();

function wordingsOf(entry: Entry): WordingForm[] {
  let forms = entryWordings.get(entry);
  if (!forms) {
    forms = [entry.description, ...entry.variants].map(wordingForm);
    entryWordings.set(entry, forms);
  }
  return forms;
}

/** How much of the wanted vocabulary an entry's wordings share (0–1). */
function overlap(wanted: ReadonlySet<string>, entry: Entry): number {
  if (wanted.size === 0) return 0;
  let best = 0;
  for (const { tokens: have } of wordingsOf(entry)) {
    let shared = 0;
    for (const word of wanted) if (have.has(word)) shared++;
    best = Math.max(best, shared / Math.max(wanted.size, have.size));
  }
  return best;
}

function isDocumentedWording(message: WordingForm, entry: Entry): boolean {
  return wordingsOf(entry).some((w) => w.normalized === message.normalized);
}

/** Orders every meaning of one code, best first. Never drops one. */
export function rankMeanings(entries: readonly Entry[], clues: Clues = {}): RankedMatch[] {
  const message = clues.message ? wordingForm(clues.message) : null;
  const words = clues.words ? wordingTokens(clues.words) : null;
  const ranked = entries.map((entry): RankedMatch => {
    const reasons: string[] = [];
    let score = entry.sources.length;
    if (clues.resource) {
      if (entry.resource === clues.resource) {
        score += 100;
        reasons.push("resource named in the query");
      }
    } else if (clues.inferredResource?.resource === entry.resource) {
      score += 60;
      reasons.push(`resource inferred from ${clues.inferredResource.from}`);
    }
    if (clues.kind && entry.kind === clues.kind) {
      score += 20;
      reasons.push(`reported as ${clues.kind}`);
    }
    let messageMatches: boolean | null = null;
    if (message) {
      messageMatches = wordingsOf(entry).some((w) => sameForms(w, message));
      const similarity = messageMatches ? 1 : overlap(message.tokens, entry);
      // The documented wording itself outweighs a resource inferred from a paste (60); a short
      // message that only shares its words ("Customer not found") does not.
      const documented = messageMatches && isDocumentedWording(message, entry);
      score += documented ? 50 + 60 : 50 * similarity;
      if (messageMatches) reasons.push("message matches this wording");
      else if (similarity >= 0.3) reasons.push("message resembles this wording");
    }
    if (words) {
      const similarity = overlap(words, entry);
      score += 30 * similarity;
      if (similarity >= 0.3) reasons.push("query words match this wording");
    }
    if (clues.generation && entry.generations.includes(clues.generation)) score += 3;
    return { entry, score, reasons, messageMatches };
  });
  return ranked.sort(
    (a, b) =>
      b.score - a.score ||
      RESOURCES.indexOf(a.entry.resource) - RESOURCES.indexOf(b.entry.resource) ||
      a.entry.id.localeCompare(b.entry.id, "en", { numeric: true }),
  );
}

/** True when the clues settle which meaning it is: only one, or a resource was named or inferred. */
export function isNarrowed(matches: readonly RankedMatch[], clues: Clues): boolean {
  const resources = new Set(matches.map((m) => m.entry.resource));
  if (resources.size <= 1) return true;
  const resource = clues.resource ?? clues.inferredResource?.resource ?? null;
  return resource !== null && resources.has(resource);
}
