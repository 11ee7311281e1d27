import type { Lifetimes } from "./store.js";
import { newAnswerKey, recordCutoff } from "./store.js";
import type { AnswerRecord, Records, SightingTotal, StoredVote } from "./records.js";
import { addSighting, sightingIdentity, storedVote, voteOutcome } from "./records.js";

interface Sighted {
  identity: string;
  time: number;
}

/** Records in process memory, bounded, oldest first out; for tests and a store's outage. */
export class MemoryRecords implements Records {
  private readonly answers = new Map<string, AnswerRecord>();
  private readonly votes = new Map<string, Map<string, StoredVote>>();
  private readonly sightings: Sighted[] = [];

  constructor(
    private readonly lifetimes: Lifetimes,
    private readonly now: () => number,
    private readonly maxEntries: number,
  ) {}

  answered(record: AnswerRecord): Promise<string> {
    const id = newAnswerKey();
    this.answers.set(id, record);
    this.purge();
    return Promise.resolve(id);
  }

  vote(vote: Parameters<Records["vote"]>[0]): ReturnType<Records["vote"]> {
    this.purge();
    if (!this.answers.has(vote.answerId)) return Promise.resolve("expired");
    const votes = this.votes.get(vote.answerId) ?? new Map<string, StoredVote>();
    const next = storedVote(vote);
    const outcome = voteOutcome(votes.get(vote.userId) ?? null, next);
    votes.set(vote.userId, next);
    this.votes.set(vote.answerId, votes);
    return Promise.resolve(outcome);
  }

  sighted(sighting: Parameters<Records["sighted"]>[0]): Promise<void> {
    this.sightings.push({ identity: sightingIdentity(sighting), time: this.now() });
    this.purge();
    return Promise.resolve();
  }

  since(since: number): ReturnType<Records["since"]> {
    this.purge();
    const answers = [...this.answers.values()].filter((answer) => answer.time >= since);
    const votes = [...this.votes].flatMap(([answerId, byUser]) => {
      const answer = this.answers.get(answerId);
      if (!answer || answer.time < since) return [];
      return [...byUser.values()].map((vote) => ({ answer, ...vote }));
    });
    const totals = new Map<string, SightingTotal>();
    for (const { identity, time } of this.sightings) {
      if (time >= since) addSighting(totals, identity, 1, time, time);
    }
    return Promise.resolve({ answers, votes, sightings: [...totals.values()] });
  }

  /** Drops what is past the retention period, and the oldest beyond the bound. */
  private purge(): void {
    const cutoff = recordCutoff(this.now(), this.lifetimes);
    for (const [id, answer] of this.answers) {
      if (answer.time >= cutoff && this.answers.size <= this.maxEntries) break;
      this.answers.delete(id);
      this.votes.delete(id);
    }
    const stale = this.sightings.findIndex((sighted) => sighted.time >= cutoff);
    this.sightings.splice(0, stale === -1 ? this.sightings.length : stale);
    if (this.sightings.length > this.maxEntries) {
      this.sightings.splice(0, this.sightings.length - this.maxEntries);
    }
  }
}
