import { setTimeout } from "node:timers/promises";
/**
 * `loyalty-code report` end to end: records written by a store as the bot writes them,
 * read back by the command from the same data directory (while the bot still holds it)
 * or the same Redis, in text and in JSON.
 */
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { isRecord } from "../../src/guards.js";
import type { Store } from "../../src/store/index.js";
import { SqliteStore } from "../../src/store/index.js";
import { RedisStore } from "../../src/store/redis.js";
import { useStoreFixtures } from "../../support/store-fixtures.js";
import { silentLogger } from "../../support/store-logger.js";

const DAY_MS = 24 * 60 * 60 * 1000;

const { redis, tempDir } = useStoreFixtures("loyalty-report");

async function report(args: string[], env: Record<string, string>) {
  let stdout = "";
  let stderr = "";
  const status = await main(["report", ...args], {
    stdin: Object.assign(Readable.from([]), { isTTY: true }),
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text) },
    env,
  });
  return { status, stdout, stderr };
}

/** A week of traffic as the bot records it, plus one answer from ten days ago. */
async function recordTraffic(store: Store): Promise<void> {
  const now = Date.now();
  const r = store.records;
  const pointsAnswer = await r.answered({
    time: now - DAY_MS,
    surface: "slash",
    entries: [{ code: 803, resource: "points" }],
    confidence: null,
    query: null,
  });
  await r.answered({
    time: now - 2 * DAY_MS,
    surface: "mention",
    entries: [{ code: 803, resource: "points" }],
    confidence: null,
    query: null,
  });
  await r.vote({
    answerId: pointsAnswer,
    userId: "U0AGENT1",
    vote: "not_right",
    reason: "wrong_resource",
    comment: "this was a coupon call <!channel>",
  });
  await r.vote({
    answerId: pointsAnswer,
    userId: "U0AGENT2",
    vote: "helpful",
    reason: null,
    comment: null,
  });
  for (const query of ["gift card stuck at till", "Gift card  stuck at till"]) {
    await r.answered({ time: now, surface: "slash", entries: [], confidence: "none", query });
  }
  await r.answered({
    time: now - 10 * DAY_MS,
    surface: "slash",
    entries: [],
    confidence: "none",
    query: "a question from before the period",
  });
  await r.sighted({
    kind: "unknown",
    code: 8899,
    resource: "points",
    message: "Points ledger locked for ******4321",
    catalogMessage: null,
  });
  await r.sighted({
    kind: "differing",
    code: 804,
    resource: "points",
    message: "Not enough current points",
    catalogMessage: "Insufficient current points.",
  });
}

function expectWeekReport(json: unknown): void {
  if (!isRecord(json)) throw new Error("expected a JSON object");
  // "Not right" first: what needs a maintainer comes first.
  expect(json.votes).toEqual([
    {
      code: 803,
      resource: "points",
      vote: "not_right",
      reason: "wrong_resource",
      count: 1,
      comments: ["this was a coupon call <!channel>"],
    },
    { code: 803, resource: "points", vote: "helpful", reason: null, count: 1, comments: [] },
  ]);
  const unknown: unknown = Array.isArray(json.unknownCodes) ? json.unknownCodes[0] : null;
  if (!isRecord(unknown)) throw new Error("expected an unknown code");
  expect(unknown.firstSeen).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(unknown.lastSeen).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(json).toMatchObject({
    answers: { total: 4 },
    unknownCodes: [
      {
        code: 8899,
        resource: "points",
        message: "Points ledger locked for ******4321",
        count: 1,
      },
    ],
    differingMessages: [
      {
        code: 804,
        message: "Not enough current points",
        catalogMessage: "Insufficient current points.",
        count: 1,
      },
    ],
    // The same question in other spacing and case is counted once; the older one is out of the period.
    missedQueries: [{ query: "gift card stuck at till", confidence: "none", count: 2 }],
  });
}

describe("loyalty-code report", () => {
  it("reads the embedded store while the bot holds it, and lists what the issue asks for", async () => {
    const dir = tempDir();
    const bot = new SqliteStore(dir);
    await recordTraffic(bot);
    // The bot commits its writes within moments; the report reads what is committed.
    await setTimeout(100);
    const { status, stdout, stderr } = await report(["--since", "7d", "--json"], {
      LOYALTY_DATA_DIR: dir,
    });
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expectWeekReport(JSON.parse(stdout));
    await bot.close();
  });

  it("reads the bot's Redis when REDIS_URL is set", async () => {
    const bot = await RedisStore.open({ url: redis().url }, silentLogger());
    await recordTraffic(bot);
    const { status, stdout } = await report(["--json"], { REDIS_URL: redis().url });
    expect(status).toBe(0);
    expectWeekReport(JSON.parse(stdout));
    await bot.close();
  });

  it("prints snippets a maintainer can paste into the catalog, and the reasons in words", async () => {
    const dir = tempDir();
    const bot = new SqliteStore(dir);
    await recordTraffic(bot);
    await bot.close();
    const { stdout } = await report([], { LOYALTY_DATA_DIR: dir });
    // A row as the vendor pages print them: the import turns it into an entry.
    expect(stdout).toContain("\n  8899Points ledger locked for ******4321\n");
    expect(stdout).toContain("\n  804Not enough current points\n");
    expect(stdout).toContain("Meaning of another resource");
    expect(stdout).toMatch(/synonyms\.yml[^\n]*\n {2}gift: \[catalog words\]/);
    expect(stdout).not.toContain("a question from before the period");
    expect(stdout).not.toContain("U0AGENT");
  });

  it("goes back further with --since 30d", async () => {
    const dir = tempDir();
    const bot = new SqliteStore(dir);
    await recordTraffic(bot);
    await bot.close();
    const { stdout } = await report(["--since=30d", "--json"], { LOYALTY_DATA_DIR: dir });
    expect(JSON.parse(stdout)).toMatchObject({ answers: { total: 5 } });
  });

  it("says what to fix for a period it cannot read, and for a folder without records", async () => {
    const bad = await report(["--since", "a week"], {});
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--since needs a period such as 7d or 24h");
    const empty = tempDir();
    const missing = await report([], { LOYALTY_DATA_DIR: empty });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("LOYALTY_DATA_DIR");
  });
});
