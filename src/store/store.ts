/**
 * Everything the bot remembers between requests, behind one interface so that one
 * instance can keep it in an embedded SQLite file and several can share it in Redis.
 * It holds event ids, answers a user chose to share, counts, and which bot reply answers
 * which message; never pasted text that was not shared.
 */
import { randomBytes } from "node:crypto";
import type { Records } from "./records.js";

export const DAY_MS = 24 * 60 * 60 * 1000;

export type StoreKind = "memory" | "sqlite" | "redis";

/** Answers behind the short keys that "Share in channel" buttons carry. */
export interface SharedAnswers {
  /** Keeps `answer` for the store's answer lifetime and returns the key to fetch it with. */
  put(answer: string): Promise<string>;
  /** The answer kept under `key`, or undefined when there is none or it has expired. */
  get(key: string): Promise<string | undefined>;
}

/**
 * Named counts (usage per surface, unknown codes, codes asked about), kept per UTC day
 * for a retention period.
 */
export interface Counters {
  increment(name: string, by?: number): Promise<void>;
  /**
   * Totals per name over the last `days` UTC days, today included (at most the retention
   * period); over the whole retention period when `days` is not given.
   */
  totals(days?: number): Promise<Record<string, number>>;
}

/** A Slack message: its conversation and timestamp. */
export interface MessageRef {
  channel: string;
  ts: string;
}

/**
 * The link from a message the bot answered unasked to its reply, and the messages deleted
 * since, so that an edit or deletion seen by any instance follows the reply any posted.
 * Both are kept for the reply-link lifetime.
 */
export interface ReplyLinks {
  link(message: MessageRef, replyTs: string): Promise<void>;
  /** The ts of the bot's reply to `message`, if it answered it. */
  replyTo(message: MessageRef): Promise<string | undefined>;
  /**
   * Records that `message` was deleted and forgets its link, in one step: the ts of the
   * reply it had goes to one caller only, so that the reply is deleted once.
   */
  deleted(message: MessageRef): Promise<string | undefined>;
  wasDeleted(message: MessageRef): Promise<boolean>;
}

export interface StoreHealth {
  /** False while a shared store cannot be reached: the bot answers, with de-dup per instance only. */
  ok: boolean;
  detail: string;
}

export interface Store {
  readonly kind: StoreKind;
  /**
   * True for exactly one caller per `id` while the claim lasts (`ttlMs`), across every
   * instance sharing the store; false for every later caller. Throws when the store
   * cannot be reached: the caller decides whether to answer anyway.
   */
  claimOnce(id: string, ttlMs: number): Promise<boolean>;
  readonly answers: SharedAnswers;
  readonly counters: Counters;
  readonly replies: ReplyLinks;
  /** Answers, votes and sightings for the maintainers' report (see records.ts). */
  readonly records: Records;
  health(): StoreHealth;
  close(): Promise<void>;
}

/** How long things are kept; the defaults suit the bot, tests shorten them. */
export interface Lifetimes {
  /** A shared answer: long enough for a private answer to be shared after a meeting. */
  answerTtlMs: number;
  counterRetentionDays: number;
  /** Reply links and deletion marks; DEFAULT_REPLY_LINK_TTL_MS when not given. */
  replyLinkTtlMs?: number;
  /** Answer records, votes and sightings; DEFAULT_RECORD_RETENTION_DAYS when not given. */
  recordRetentionDays?: number;
}

export const DEFAULT_RECORD_RETENTION_DAYS = 90;

/** Edits and deletions of an answered message are followed for a week after the answer. */
export const DEFAULT_REPLY_LINK_TTL_MS = 7 * DAY_MS;

export const replyLinkTtlMs = (lifetimes: Lifetimes): number =>
  lifetimes.replyLinkTtlMs ?? DEFAULT_REPLY_LINK_TTL_MS;

/** The key of a message in a store: its conversation and timestamp. */
export const messageKey = (message: MessageRef): string => `${message.channel}/${message.ts}`;

/** The oldest time a record may have at `time` and still be kept. */
export function recordCutoff(time: number, lifetimes: Lifetimes): number {
  const days = lifetimes.recordRetentionDays ?? DEFAULT_RECORD_RETENTION_DAYS;
  return time - days * DAY_MS;
}

export const DEFAULT_LIFETIMES: Lifetimes = {
  answerTtlMs: DAY_MS,
  counterRetentionDays: 90,
  replyLinkTtlMs: DEFAULT_REPLY_LINK_TTL_MS,
  recordRetentionDays: DEFAULT_RECORD_RETENTION_DAYS,
};

/** A store that cannot be opened or used, with a message that names what and says what to do. */
export class StoreError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "StoreError";
  }
}

/** What the stores log: Bolt's logger and the console both fit. */
export interface StoreLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Random bytes drawn from the system at once, for many keys: one call per key cost 3 % of a code answer. */
const KEY_BYTES = 12;
let randomPool = Buffer.alloc(0);
let poolOffset = 0;

/**
 * A key for a held answer or a record: the time in base 36 (9 characters, so that keys
 * sort by time), then 96 random bits, URL-safe: unguessable, short enough for a button
 * value, and inserted at the end of the embedded store's index rather than at random
 * places in it, which once a week of records outgrew the page cache cost a third of a
 * code answer's throughput.
 */
export function newAnswerKey(): string {
  if (poolOffset + KEY_BYTES > randomPool.length) {
    randomPool = randomBytes(KEY_BYTES * 256);
    poolOffset = 0;
  }
  const random = randomPool.toString("base64url", poolOffset, poolOffset + KEY_BYTES);
  poolOffset += KEY_BYTES;
  return `${Date.now().toString(36).padStart(9, "0")}${random}`;
}

/** The UTC day a count belongs to, as YYYY-MM-DD. */
export function dayOf(time: number): string {
  const start = time - (time % DAY_MS);
  if (start !== lastDay.start) lastDay = { start, day: new Date(time).toISOString().slice(0, 10) };
  return lastDay.day;
}

/** The day last asked for: nearly every call is for today. */
let lastDay = { start: NaN, day: "" };

/** The UTC days from the day of `from` to the day of `to`, oldest first. */
export function daysBetween(from: number, to: number): string[] {
  const days: string[] = [];
  for (let time = Math.floor(from / DAY_MS) * DAY_MS; time <= to; time += DAY_MS) {
    days.push(dayOf(time));
  }
  return days;
}

/**
 * The days counted at `time`: the last `days` (today included) when given, at most the
 * retention period; newest first.
 */
export function countedDays(time: number, retentionDays: number, days?: number): string[] {
  return retainedDays(time, Math.min(days ?? retentionDays, retentionDays));
}

/** The days of the retention period ending with the day of `time`, newest first. */
export function retainedDays(time: number, retentionDays: number): string[] {
  return Array.from({ length: retentionDays }, (_, i) => dayOf(time - i * DAY_MS));
}
