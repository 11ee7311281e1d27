import { randomBytes } from "node:crypto";

/**
 * Answers behind the short keys that "Share in channel" buttons carry, so that an answer
 * of any size can be shared (a button value holds at most 2,000 characters). Kept as the
 * text that produces the answer, customer identifiers already masked. Asynchronous so
 * that a store shared by several instances can stand behind it.
 */
export interface SharedAnswers {
  /** Keeps `answer` for the store's lifetime and returns the key to fetch it with. */
  put(answer: string): Promise<string>;
  /** The answer kept under `key`, or undefined when there is none or it has expired. */
  get(key: string): Promise<string | undefined>;
}

/** Long enough to share a private answer after a short conversation; at least 15 minutes. */
export const SHARED_ANSWER_TTL_MS = 30 * 60 * 1000;

/** 96 random bits, URL-safe: unguessable, and short enough for a button value. */
export const newAnswerKey = (): string => randomBytes(12).toString("base64url");

/** In-process store, bounded in age and count; oldest answers go first when it is full. */
export class MemorySharedAnswers implements SharedAnswers {
  private readonly answers = new Map<string, { answer: string; keptAt: number }>();

  constructor(
    private readonly ttlMs = SHARED_ANSWER_TTL_MS,
    private readonly maxAnswers = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  put(answer: string): Promise<string> {
    const key = newAnswerKey();
    const time = this.now();
    this.answers.set(key, { answer, keptAt: time });
    // Map keeps insertion order: the first entries are the oldest.
    for (const [old, { keptAt }] of this.answers) {
      if (this.answers.size <= this.maxAnswers && time - keptAt < this.ttlMs) break;
      this.answers.delete(old);
    }
    return Promise.resolve(key);
  }

  get(key: string): Promise<string | undefined> {
    const kept = this.answers.get(key);
    if (kept === undefined) return Promise.resolve(undefined);
    if (this.now() - kept.keptAt >= this.ttlMs) {
      this.answers.delete(key);
      return Promise.resolve(undefined);
    }
    return Promise.resolve(kept.answer);
  }

  get size(): number {
    return this.answers.size;
  }
}
