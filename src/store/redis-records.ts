import type { Redis } from "ioredis";
import type { Lifetimes } from "./store.js";
import { DAY_MS, dayOf, daysBetween, newAnswerKey, recordCutoff } from "./store.js";
import type { AnswerRecord, Records, SightingTotal, VoteSeen } from "./records.js";
import {
  addSighting,
  answerRecordFrom,
  sightingIdentity,
  storedVote,
  storedVoteFrom,
  voteOutcome,
} from "./records.js";

/**
 * Checks that the answer is still kept, swaps the user's vote and notes the day's voted
 * answers, atomically: two instances handling a double click see one another's vote.
 * KEYS: answer, votes of the answer, voted answers of the day.
 * ARGV: user id, vote, answer id, expiry of the votes (ms since the epoch), of the day's set.
 */
const VOTE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {0, false} end
local previous = redis.call('HGET', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('PEXPIREAT', KEYS[2], ARGV[4])
redis.call('SADD', KEYS[3], ARGV[3])
redis.call('PEXPIREAT', KEYS[3], ARGV[5])
return {1, previous}`;

/**
 * Records in Redis, every key expiring with the retention period: an answer under its id
 * and in its day's list, votes in a hash per answer (user id → vote), and sightings in a
 * hash per day (count, first and last seen per sighting).
 */
export class RedisRecords implements Records {
  constructor(
    private readonly client: Redis,
    private readonly lifetimes: Lifetimes,
  ) {}

  private get retentionMs(): number {
    return Date.now() - recordCutoff(Date.now(), this.lifetimes);
  }

  async answered(record: AnswerRecord): Promise<string> {
    const id = newAnswerKey();
    const json = JSON.stringify(record);
    const expiresAt = record.time + this.retentionMs;
    const day = `records:answers:${dayOf(record.time)}`;
    await this.client
      .multi()
      .set(`records:answer:${id}`, json, "PXAT", expiresAt)
      .rpush(day, json)
      .pexpireat(day, expiresAt + DAY_MS)
      .exec();
    return id;
  }

  async vote(vote: Parameters<Records["vote"]>[0]): ReturnType<Records["vote"]> {
    const next = storedVote(vote);
    const now = Date.now();
    const reply: unknown = await this.client.eval(
      VOTE_SCRIPT,
      3,
      `records:answer:${vote.answerId}`,
      `records:votes:${vote.answerId}`,
      `records:voted:${dayOf(now)}`,
      vote.userId,
      JSON.stringify(next),
      vote.answerId,
      now + this.retentionMs,
      now + this.retentionMs + DAY_MS,
    );
    if (!Array.isArray(reply) || reply[0] !== 1) return "expired";
    const previous: unknown = reply[1];
    return voteOutcome(typeof previous === "string" ? storedVoteFrom(parse(previous)) : null, next);
  }

  async sighted(sighting: Parameters<Records["sighted"]>[0]): Promise<void> {
    const now = Date.now();
    const identity = sightingIdentity(sighting);
    const day = `records:sightings:${dayOf(now)}`;
    await this.client
      .multi()
      .hincrby(day, `count:${identity}`, 1)
      .hsetnx(day, `first:${identity}`, now)
      .hset(day, `last:${identity}`, now)
      .pexpire(day, this.retentionMs + DAY_MS)
      .exec();
  }

  async since(since: number): ReturnType<Records["since"]> {
    const now = Date.now();
    const from = Math.max(since, recordCutoff(now, this.lifetimes));
    const days = daysBetween(from, now);
    const pipeline = this.client.pipeline();
    for (const day of days) {
      pipeline.lrange(`records:answers:${day}`, 0, -1);
      pipeline.smembers(`records:voted:${day}`);
      pipeline.hgetall(`records:sightings:${day}`);
    }
    const replies = (await pipeline.exec()) ?? [];
    const answers: AnswerRecord[] = [];
    const voted = new Set<string>();
    const totals = new Map<string, SightingTotal>();
    for (const [index, [error, value]] of replies.entries()) {
      if (error) throw error;
      if (index % 3 === 0 && Array.isArray(value)) {
        for (const json of value) {
          const answer = typeof json === "string" ? answerRecordFrom(parse(json)) : null;
          if (answer && answer.time >= from) answers.push(answer);
        }
      } else if (index % 3 === 1 && Array.isArray(value)) {
        for (const id of value) if (typeof id === "string") voted.add(id);
      } else if (index % 3 === 2) {
        addDaySightings(totals, value, from);
      }
    }
    return {
      answers,
      votes: await this.votesOf([...voted], from),
      sightings: [...totals.values()],
    };
  }

  private async votesOf(ids: string[], from: number): Promise<VoteSeen[]> {
    if (ids.length === 0) return [];
    const pipeline = this.client.pipeline();
    for (const id of ids) {
      pipeline.get(`records:answer:${id}`);
      pipeline.hvals(`records:votes:${id}`);
    }
    const replies = (await pipeline.exec()) ?? [];
    const votes: VoteSeen[] = [];
    for (let index = 0; index + 1 < replies.length; index += 2) {
      const [answerError, json] = replies[index] ?? [null, null];
      const [votesError, values] = replies[index + 1] ?? [null, null];
      if (answerError) throw answerError;
      if (votesError) throw votesError;
      const answer = typeof json === "string" ? answerRecordFrom(parse(json)) : null;
      if (!answer || answer.time < from || !Array.isArray(values)) continue;
      for (const value of values) {
        const vote = typeof value === "string" ? storedVoteFrom(parse(value)) : null;
        if (vote) votes.push({ answer, ...vote });
      }
    }
    return votes;
  }
}

/** Adds one day's hash of sightings (count:, first:, last: per identity) to the totals. */
function addDaySightings(totals: Map<string, SightingTotal>, hash: unknown, from: number): void {
  if (typeof hash !== "object" || hash === null) return;
  const fields = new Map(Object.entries(hash));
  for (const [field, count] of fields) {
    if (!field.startsWith("count:")) continue;
    const identity = field.slice("count:".length);
    const firstSeen = Number(fields.get(`first:${identity}`));
    const lastSeen = Number(fields.get(`last:${identity}`));
    if (!(lastSeen >= from)) continue;
    addSighting(totals, identity, Number(count), firstSeen, lastSeen);
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
