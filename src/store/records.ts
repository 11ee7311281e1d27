/**
 * What the bot records so that maintainers can improve the catalog: answers (never a raw
 * paste, never a customer identifier), votes on them, and codes or messages seen in real
 * responses that the catalog does not know. User ids are kept only beside votes, to allow
 * one vote per user per answer; nothing read out of the store carries them.
 */

import { isRecord } from "../guards.js";

/** Where an answer was given. */
export const SURFACES = [
  "slash",
  "mention",
  "paste",
  "dm",
  "shortcut",
  "share",
  /** A candidate opened from a "did you mean" or "nearest codes" button. */
  "candidate",
] as const;
export type Surface = (typeof SURFACES)[number];

const isSurface = (value: unknown): value is Surface =>
  typeof value === "string" && (SURFACES as readonly string[]).includes(value);

/** How sure a free-text answer is; null for code queries and pastes. */
export type Confidence = "strong" | "weak" | "none";

export const VOTE_VALUES = ["helpful", "not_right"] as const;
export type VoteValue = (typeof VOTE_VALUES)[number];

/** What was wrong with an answer, as the "Not right" form offers it. */
export const VOTE_REASONS = [
  "wrong_meaning",
  "wrong_resource",
  "wording",
  "escalation",
  "other",
] as const;
export type VoteReason = (typeof VOTE_REASONS)[number];

export const isVoteReason = (value: unknown): value is VoteReason =>
  typeof value === "string" && (VOTE_REASONS as readonly string[]).includes(value);

/** Comments are cut to this length before they are kept. */
export const MAX_COMMENT_LENGTH = 2000;

export interface AnsweredEntry {
  code: number;
  resource: string | null;
}

export interface AnswerRecord {
  time: number;
  surface: Surface;
  /** The codes answered, with the resource of the meaning given first (null when several). */
  entries: AnsweredEntry[];
  confidence: Confidence | null;
  /** A free-text question with customer identifiers masked; null for codes and pastes. */
  query: string | null;
}

export interface NewVote {
  answerId: string;
  /** Kept only to make a second click change the user's vote rather than add one. */
  userId: string;
  vote: VoteValue;
  reason: VoteReason | null;
  comment: string | null;
}

/** What happened to a vote: the first, a changed one, the same again, or too late. */
export type VoteOutcome = "recorded" | "changed" | "unchanged" | "expired";

/** A vote as reports see it: with its answer, without its user. */
export interface VoteSeen {
  answer: AnswerRecord;
  vote: VoteValue;
  reason: VoteReason | null;
  comment: string | null;
}

/**
 * A code in a real response that the catalog does not know ("unknown"), or a known
 * code whose message is none of the catalog's wordings ("differing").
 */
export interface Sighting {
  kind: "unknown" | "differing";
  code: number;
  resource: string | null;
  /** The message that came with it, customer identifiers masked. */
  message: string;
  /** The catalog's wording for the code, for a differing message; null otherwise. */
  catalogMessage: string | null;
}

export interface SightingTotal extends Sighting {
  count: number;
  firstSeen: number;
  lastSeen: number;
}

/** Everything recorded since a time, for the maintainers' report. */
export interface RecordsSince {
  answers: AnswerRecord[];
  votes: VoteSeen[];
  sightings: SightingTotal[];
}

export interface Records {
  /** Keeps an answer for the retention period and returns the id votes refer to. */
  answered(record: AnswerRecord): Promise<string>;
  /** One vote per user per answer: a second vote replaces the first. */
  vote(vote: NewVote): Promise<VoteOutcome>;
  sighted(sighting: Sighting): Promise<void>;
  /** What was recorded at or after `since` (and within the retention period). */
  since(since: number): Promise<RecordsSince>;
}

/** One key per distinct sighting, so that repeats are counted together. */
export function sightingIdentity(sighting: Sighting): string {
  return JSON.stringify([
    sighting.kind,
    sighting.code,
    sighting.resource,
    sighting.message,
    sighting.catalogMessage,
  ]);
}

/** Reads back a sighting identity; null for one that is not (a damaged row). */
export function sightingFromIdentity(identity: string): Sighting | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(identity);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 5) return null;
  const [kind, code, resource, message, catalogMessage] = parsed as unknown[];
  if (kind !== "unknown" && kind !== "differing") return null;
  if (typeof code !== "number" || typeof message !== "string") return null;
  if (resource !== null && typeof resource !== "string") return null;
  if (catalogMessage !== null && typeof catalogMessage !== "string") return null;
  return { kind, code, resource, message, catalogMessage };
}

/** A comment as it is kept: trimmed, cut to MAX_COMMENT_LENGTH, null when empty. */
export function keptComment(comment: string | null): string | null {
  const trimmed = comment?.trim() ?? "";
  return trimmed === "" ? null : trimmed.slice(0, MAX_COMMENT_LENGTH);
}

/** Adds a sighting to totals keyed by identity. */
export function addSighting(
  totals: Map<string, SightingTotal>,
  identity: string,
  count: number,
  firstSeen: number,
  lastSeen: number,
): void {
  const known = totals.get(identity);
  if (known) {
    known.count += count;
    known.firstSeen = Math.min(known.firstSeen, firstSeen);
    known.lastSeen = Math.max(known.lastSeen, lastSeen);
    return;
  }
  const sighting = sightingFromIdentity(identity);
  if (sighting) totals.set(identity, { ...sighting, count, firstSeen, lastSeen });
}

/** An answer record read back from storage; null for one that is not (a damaged row). */
export function answerRecordFrom(value: unknown): AnswerRecord | null {
  if (!isRecord(value)) return null;
  const { time, surface, entries, confidence, query } = value;
  if (typeof time !== "number" || !isSurface(surface) || !Array.isArray(entries)) {
    return null;
  }
  if (query !== null && typeof query !== "string") return null;
  return {
    time,
    surface,
    entries: entries.flatMap((entry: unknown) =>
      isRecord(entry) && typeof entry.code === "number"
        ? [
            {
              code: entry.code,
              resource: typeof entry.resource === "string" ? entry.resource : null,
            },
          ]
        : [],
    ),
    confidence:
      confidence === "strong" || confidence === "weak" || confidence === "none" ? confidence : null,
    query,
  };
}

/** A vote as kept beside its answer (without the user, which is its key). */
export interface StoredVote {
  vote: VoteValue;
  reason: VoteReason | null;
  comment: string | null;
}

export function storedVoteFrom(value: unknown): StoredVote | null {
  if (!isRecord(value)) return null;
  const { vote, reason, comment } = value;
  if (vote !== "helpful" && vote !== "not_right") return null;
  return {
    vote,
    reason: isVoteReason(reason) ? reason : null,
    comment: typeof comment === "string" ? comment : null,
  };
}

/** The outcome of a vote given the user's previous one on the same answer. */
export function voteOutcome(previous: StoredVote | null, next: StoredVote): VoteOutcome {
  if (previous === null) return "recorded";
  return previous.vote === next.vote &&
    previous.reason === next.reason &&
    previous.comment === next.comment
    ? "unchanged"
    : "changed";
}

/** The vote as kept, from what the user sent. */
export function storedVote(vote: NewVote): StoredVote {
  return { vote: vote.vote, reason: vote.reason, comment: keptComment(vote.comment) };
}
