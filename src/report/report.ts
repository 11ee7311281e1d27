/**
 * The maintainers' report: what the bot's records say about the catalog over a period.
 * Pure: it reads what the store gives back and returns figures and lists, most frequent first.
 */
import type { Confidence, RecordsSince, SightingTotal, Surface } from "../store/index.js";
import type { VoteReason, VoteValue } from "../store/index.js";

export interface VoteGroup {
  code: number;
  resource: string | null;
  vote: VoteValue;
  reason: VoteReason | null;
  count: number;
  /** The voters' comments, as written (the report escapes them where it shows them). */
  comments: string[];
}

export interface SeenCode {
  code: number;
  resource: string | null;
  message: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
}

export interface DifferingMessage extends SeenCode {
  catalogMessage: string | null;
}

export interface MissedQuery {
  /** As recorded: customer identifiers masked. */
  query: string;
  confidence: "none" | "weak";
  count: number;
}

export interface Report {
  since: string;
  until: string;
  answers: {
    total: number;
    bySurface: { surface: Surface; count: number }[];
    byConfidence: { confidence: Confidence | "code"; count: number }[];
  };
  topCodes: { code: number; resource: string | null; count: number }[];
  votes: VoteGroup[];
  unknownCodes: SeenCode[];
  differingMessages: DifferingMessage[];
  missedQueries: MissedQuery[];
}

/** How many of the most asked codes the report lists. */
const TOP_CODES = 10;

export function buildReport(records: RecordsSince, since: number, until: number): Report {
  const bySurface = new Counted<Surface>();
  const byConfidence = new Counted<Confidence | "code">();
  const codes = new Counted<{ code: number; resource: string | null }>();
  const missed = new Counted<{ query: string; confidence: "none" | "weak" }>();
  for (const answer of records.answers) {
    bySurface.add(answer.surface, answer.surface);
    byConfidence.add(answer.confidence ?? "code", answer.confidence ?? "code");
    for (const entry of answer.entries)
      codes.add(JSON.stringify([entry.code, entry.resource]), entry);
    if (answer.query !== null && (answer.confidence === "none" || answer.confidence === "weak")) {
      // The same question asked in other case or spacing is one question, shown in lower case.
      const query = answer.query.trim().replace(/\s+/g, " ").toLowerCase();
      missed.add(JSON.stringify([query, answer.confidence]), {
        query,
        confidence: answer.confidence,
      });
    }
  }
  const votes = new Map<string, VoteGroup>();
  for (const seen of records.votes) {
    for (const entry of seen.answer.entries) {
      const key = JSON.stringify([entry.code, entry.resource, seen.vote, seen.reason]);
      const group = votes.get(key) ?? {
        code: entry.code,
        resource: entry.resource,
        vote: seen.vote,
        reason: seen.reason,
        count: 0,
        comments: [],
      };
      group.count += 1;
      if (seen.comment !== null) group.comments.push(seen.comment);
      votes.set(key, group);
    }
  }
  const seenCode = (sighting: SightingTotal): SeenCode => ({
    code: sighting.code,
    resource: sighting.resource,
    message: sighting.message,
    count: sighting.count,
    firstSeen: new Date(sighting.firstSeen).toISOString(),
    lastSeen: new Date(sighting.lastSeen).toISOString(),
  });
  const sightings = [...records.sightings].sort(
    (a, b) => b.count - a.count || a.code - b.code || b.lastSeen - a.lastSeen,
  );
  return {
    since: new Date(since).toISOString(),
    until: new Date(until).toISOString(),
    answers: {
      total: records.answers.length,
      bySurface: bySurface.ranked().map(([surface, count]) => ({ surface, count })),
      byConfidence: byConfidence.ranked().map(([confidence, count]) => ({ confidence, count })),
    },
    topCodes: codes
      .ranked()
      .slice(0, TOP_CODES)
      .map(([entry, count]) => ({ ...entry, count })),
    // "Not right" first: they are what needs a maintainer.
    votes: [...votes.values()].sort(
      (a, b) =>
        Number(b.vote === "not_right") - Number(a.vote === "not_right") ||
        b.count - a.count ||
        a.code - b.code,
    ),
    unknownCodes: sightings.filter((s) => s.kind === "unknown").map(seenCode),
    differingMessages: sightings
      .filter((s) => s.kind === "differing")
      .map((s) => ({ ...seenCode(s), catalogMessage: s.catalogMessage })),
    missedQueries: missed.ranked().map(([query, count]) => ({ ...query, count })),
  };
}

/** Counts by key, remembering the first value seen for each; ranked most frequent first. */
class Counted<T> {
  private readonly counts = new Map<string, { value: T; count: number }>();

  add(key: string, value: T): void {
    const known = this.counts.get(key);
    if (known) known.count += 1;
    else this.counts.set(key, { value, count: 1 });
  }

  ranked(): [T, number][] {
    return [...this.counts.values()]
      .sort((a, b) => b.count - a.count)
      .map(({ value, count }) => [value, count]);
  }
}
