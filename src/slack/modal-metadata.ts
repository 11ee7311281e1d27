import { isRecord } from "../guards.js";

/**
 * What a modal remembers in its private_metadata: the key of the held input it answers,
 * and the message it is about (conversation, ts, thread; null where there is none).
 */
export interface ModalMetadata {
  key: string;
  channel: string;
  ts: string | null;
  threadTs: string | null;
  link: string | null;
  /** The record of the answer the modal shows, for the feedback buttons of its posted copy. */
  recordId?: string | null;
}

/**
 * How long a modal's one-time actions (send the escalation, post in the thread) stay
 * claimed: a modal lives at most a day, and a second submit must not post twice.
 */
export const MODAL_CLAIM_TTL_MS = 24 * 60 * 60 * 1000;

export const writeMetadata = (metadata: ModalMetadata): string => JSON.stringify(metadata);

export function readMetadata(text: unknown): ModalMetadata | null {
  if (typeof text !== "string") return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(parsed) || typeof parsed.key !== "string" || typeof parsed.channel !== "string") {
    return null;
  }
  const optional = (value: unknown) => (typeof value === "string" ? value : null);
  return {
    key: parsed.key,
    channel: parsed.channel,
    ts: optional(parsed.ts),
    threadTs: optional(parsed.threadTs),
    link: optional(parsed.link),
    recordId: optional(parsed.recordId),
  };
}

/**
 * What the "Not right" form remembers: the answer's record, and where to thank the voter
 * (the response URL of the click, which reaches private answers too, and the conversation
 * and thread of the answer, for when that URL has expired).
 */
export interface FeedbackMetadata {
  answerId: string;
  responseUrl: string | null;
  channel: string | null;
  threadTs: string | null;
}

export const writeFeedbackMetadata = (metadata: FeedbackMetadata): string =>
  JSON.stringify(metadata);

export function readFeedbackMetadata(text: unknown): FeedbackMetadata | null {
  let parsed: unknown;
  try {
    parsed = typeof text === "string" ? JSON.parse(text) : null;
  } catch {
    return null;
  }
  if (!isRecord(parsed) || typeof parsed.answerId !== "string") return null;
  const optional = (value: unknown) => (typeof value === "string" ? value : null);
  return {
    answerId: parsed.answerId,
    responseUrl: optional(parsed.responseUrl),
    channel: optional(parsed.channel),
    threadTs: optional(parsed.threadTs),
  };
}
