/**
 * The maintainers' records (answers, votes, unknown codes and differing messages) against
 * every store: in memory, the embedded SQLite store on a real file, and a real redis-server.
 */
import { describe, expect, it } from "vitest";
import type { AnswerRecord, NewVote, Sighting, Store } from "../../src/store/index.js";
import { MAX_COMMENT_LENGTH, MemoryStore, SqliteStore } from "../../src/store/index.js";
import { RedisStore } from "../../src/store/redis.js";
import { useStoreFixtures } from "../../support/store-fixtures.js";
import { silentLogger } from "../../support/store-logger.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Records kept for 600 ms, so that retention is observed in real time. */
const SHORT = { answerTtlMs: 60_000, counterRetentionDays: 2, recordRetentionDays: 600 / DAY_MS };
const LONG = { answerTtlMs: 60_000, counterRetentionDays: 2 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const { redis, tempDir } = useStoreFixtures("loyalty-records");

type Lifetimes = typeof SHORT | typeof LONG;
const implementations: [string, (lifetimes: Lifetimes) => Promise<Store>][] = [
  ["memory", (lifetimes) => Promise.resolve(new MemoryStore({ lifetimes }))],
  ["sqlite", (lifetimes) => Promise.resolve(new SqliteStore(tempDir(), { lifetimes }))],
  [
    "redis",
    (lifetimes) =>
      RedisStore.open(
        { url: redis().url, keyPrefix: `records-${String(Math.random()).slice(2)}:`, lifetimes },
        silentLogger(),
      ),
  ],
];

const freeText = (query: string, confidence: "strong" | "weak" | "none"): AnswerRecord => ({
  time: Date.now(),
  surface: "slash",
  entries: confidence === "none" ? [] : [{ code: 803, resource: "points" }],
  confidence,
  query,
});

const codeAnswer = (code: number, resource: string | null): AnswerRecord => ({
  time: Date.now(),
  surface: "mention",
  entries: [{ code, resource }],
  confidence: null,
  query: null,
});

const vote = (answerId: string, userId: string, overrides: Partial<NewVote> = {}): NewVote => ({
  answerId,
  userId,
  vote: "helpful",
  reason: null,
  comment: null,
  ...overrides,
});

const unknownCode: Sighting = {
  kind: "unknown",
  code: 8899,
  resource: "points",
  message: "Points ledger locked for ********",
  catalogMessage: null,
};

describe.each(implementations)("records in the %s store", (_name, open) => {
  it("gives back the answers recorded since a time, as they were recorded", async () => {
    const store = await open(LONG);
    const before = Date.now();
    const asked = freeText("points not credited after bill", "weak");
    await store.records.answered(asked);
    await store.records.answered(codeAnswer(1012, null));
    const { answers } = await store.records.since(before);
    expect(answers).toHaveLength(2);
    expect(answers).toContainEqual(asked);
    expect((await store.records.since(Date.now() + 1000)).answers).toEqual([]);
    await store.close();
  });

  it("keeps one vote per user per answer: a second click changes it, the same click changes nothing", async () => {
    const store = await open(LONG);
    const id = await store.records.answered(codeAnswer(803, "points"));
    expect(await store.records.vote(vote(id, "U0AGENT1"))).toBe("recorded");
    expect(await store.records.vote(vote(id, "U0AGENT1"))).toBe("unchanged");
    expect(
      await store.records.vote(
        vote(id, "U0AGENT1", { vote: "not_right", reason: "wrong_resource" }),
      ),
    ).toBe("changed");
    expect(await store.records.vote(vote(id, "U0AGENT2"))).toBe("recorded");
    const { votes } = await store.records.since(0);
    expect(votes.map((seen) => [seen.vote, seen.reason]).sort()).toEqual([
      ["helpful", null],
      ["not_right", "wrong_resource"],
    ]);
    expect(votes[0]?.answer.entries).toEqual([{ code: 803, resource: "points" }]);
    await store.close();
  });

  it("counts a double click sent by two requests at once as one vote", async () => {
    const store = await open(LONG);
    const id = await store.records.answered(codeAnswer(803, "points"));
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => store.records.vote(vote(id, "U0AGENT1"))),
    );
    expect(outcomes.filter((outcome) => outcome === "recorded")).toHaveLength(1);
    expect((await store.records.since(0)).votes).toHaveLength(1);
    await store.close();
  });

  it("never hands out the user ids it keeps to enforce one vote per user", async () => {
    const store = await open(LONG);
    const id = await store.records.answered(codeAnswer(803, "points"));
    await store.records.vote(vote(id, "U0SECRETUSER", { vote: "not_right", reason: "other" }));
    expect(JSON.stringify(await store.records.since(0))).not.toContain("U0SECRETUSER");
    await store.close();
  });

  it("answers a vote on an answer it never recorded with 'expired', and records nothing", async () => {
    const store = await open(LONG);
    expect(await store.records.vote(vote("AAAAAAAAAAAAAAAA", "U0AGENT1"))).toBe("expired");
    expect((await store.records.since(0)).votes).toEqual([]);
    await store.close();
  });

  it("keeps a 10,000-character comment with mentions verbatim up to the limit", async () => {
    const store = await open(LONG);
    const id = await store.records.answered(codeAnswer(803, "points"));
    const comment = `<!channel> <@U0BOSS> *bold* ${"x".repeat(10_000)}`;
    await store.records.vote(vote(id, "U0AGENT1", { vote: "not_right", reason: "other", comment }));
    const [seen] = (await store.records.since(0)).votes;
    expect(seen?.comment).toBe(comment.slice(0, MAX_COMMENT_LENGTH));
    await store.close();
  });

  it("counts repeated sightings of a code together, with first and last seen", async () => {
    const store = await open(LONG);
    const before = Date.now();
    await store.records.sighted(unknownCode);
    await sleep(5);
    await store.records.sighted(unknownCode);
    await store.records.sighted(unknownCode);
    const differing: Sighting = {
      kind: "differing",
      code: 803,
      resource: "points",
      message: "Not enough balance",
      catalogMessage: "Insufficient points",
    };
    await store.records.sighted(differing);
    const { sightings } = await store.records.since(before);
    expect(sightings).toHaveLength(2);
    const unknown = sightings.find((sighting) => sighting.kind === "unknown");
    expect(unknown).toMatchObject({ ...unknownCode, count: 3 });
    expect(unknown?.firstSeen).toBeGreaterThanOrEqual(before);
    expect(unknown?.lastSeen).toBeGreaterThan(unknown?.firstSeen ?? Infinity);
    expect(sightings.find((sighting) => sighting.kind === "differing")).toMatchObject({
      ...differing,
      count: 1,
    });
    await store.close();
  });

  it("forgets answers, votes and sightings after the retention period", async () => {
    const store = await open(SHORT);
    const id = await store.records.answered(freeText("gift card stuck", "none"));
    await store.records.vote(vote(id, "U0AGENT1"));
    await store.records.sighted(unknownCode);
    expect((await store.records.since(0)).answers).toHaveLength(1);
    await sleep(800);
    expect(await store.records.since(0)).toEqual({ answers: [], votes: [], sightings: [] });
    expect(await store.records.vote(vote(id, "U0AGENT2"))).toBe("expired");
    await store.close();
  });
});

describe("records in the embedded store", () => {
  it("survive a restart", async () => {
    const dir = tempDir();
    const first = new SqliteStore(dir);
    const id = await first.records.answered(codeAnswer(803, "points"));
    await first.records.sighted(unknownCode);
    await first.close();
    const second = new SqliteStore(dir);
    expect(await second.records.vote(vote(id, "U0AGENT1"))).toBe("recorded");
    const since = await second.records.since(0);
    expect(since.answers).toHaveLength(1);
    expect(since.sightings).toHaveLength(1);
    await second.close();
  });
});
