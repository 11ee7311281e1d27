/**
 * `npm start`'s entry as a process, in HTTP mode against the fake Web API: graceful
 * shutdown on SIGTERM and SIGINT (also both at once, as a process group gets them), and
 * the embedded store's start-up refusals (a second instance, a damaged file).
 */
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DATABASE_FILE } from "../../src/store/sqlite.js";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../../support/bot.js";
import { BOT_USER_ID, FakeSlack } from "../../support/fake-slack.js";
import type { SlackTarget } from "../../support/signed.js";
import { mentionEvent, nextTs, sendEvent } from "../../support/signed.js";

const entry = fileURLToPath(new URL("../../dist/src/index.js", import.meta.url));

let fake: FakeSlack;
let dir: string;
beforeAll(async () => {
  fake = await FakeSlack.start();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  dir = mkdtempSync(join(tmpdir(), "loyalty-lifecycle-"));
  return () => {
    rmSync(dir, { recursive: true, force: true });
  };
});

interface BotProcess {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs the bot in HTTP mode with its embedded store in `dataDir`. */
function launch(dataDir: string): BotProcess {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(SLACK_|PORT$|LOG_LEVEL$|REDIS_URL$|LOYALTY_)/.test(name)) {
      env[name] = value;
    }
  }
  const child = spawn(process.execPath, [entry], {
    cwd: dir,
    env: {
      ...env,
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      PORT: "0",
      SLACK_API_URL: fake.apiUrl,
      LOG_LEVEL: "info",
      LOYALTY_DATA_DIR: dataDir,
    },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { child, output: () => output, exited };
}

async function listening(bot: BotProcess): Promise<SlackTarget> {
  const port = await fake.waitFor(() => /listening on port (\d+)/.exec(bot.output())?.[1], 20_000);
  return { port: Number(port), signingSecret: TEST_SIGNING_SECRET };
}

async function healthz(target: SlackTarget): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${target.port}/healthz`);
  await response.text();
  return response.status;
}

describe("graceful shutdown", () => {
  it("on SIGTERM then SIGINT: /healthz 503 first, replies waiting on a rate limit finished, exit 0 once", async () => {
    const bot = launch(join(dir, "data"));
    const target = await listening(bot);
    expect(await healthz(target)).toBe(200);
    const channel = "C0DRAIN01";
    // Every first attempt is rate-limited for 2 s, so all replies are waiting when the signal comes.
    fake.failNextWhere(
      "chat.postMessage",
      (body) => body.channel === channel,
      { kind: "rate_limited", retryAfter: 2 },
      20,
    );
    const threads = Array.from({ length: 20 }, () => nextTs());
    await Promise.all(
      threads.map((ts) =>
        sendEvent(target, mentionEvent({ channel, ts, text: `<@${BOT_USER_ID}> 803` })),
      ),
    );
    await fake.waitFor(() => fake.callsTo("chat.postMessage").length >= 1, 15_000);

    const signalledAt = Date.now();
    bot.child.kill("SIGTERM");
    bot.child.kill("SIGINT");
    await fake.waitFor(() => bot.output().includes("received: stopping"), 3000);
    expect(await healthz(target)).toBe(503);
    // New events are refused, so that Slack redelivers them to another instance.
    const late = await sendEvent(
      target,
      mentionEvent({ channel: "C0LATE01", text: `<@${BOT_USER_ID}> 803` }),
    );
    expect(late.response.status).toBe(503);

    expect(await bot.exited).toBe(0);
    const tookMs = Date.now() - signalledAt;
    expect(tookMs).toBeLessThan(8000);
    const delivered = fake.posted().filter((call) => call.body.channel === channel);
    expect(new Set(delivered.map((call) => call.body.thread_ts))).toEqual(new Set(threads));
    expect(delivered).toHaveLength(threads.length);
    expect(fake.posted().filter((call) => call.body.channel === "C0LATE01")).toHaveLength(0);
    expect(bot.output().match(/received: stopping/g)).toHaveLength(1);
    // The signals may arrive in either order; the second only says it is still stopping.
    expect(bot.output()).toMatch(/SIG(TERM|INT) received while stopping/);
  }, 40_000);

  it("stops waiting after 10 s, logs each unfinished reply with its event id and channel, and exits 0", async () => {
    const bot = launch(join(dir, "data"));
    const target = await listening(bot);
    const channel = "C0STUCK01";
    fake.failNextWhere(
      "chat.postMessage",
      (body) => body.channel === channel,
      { kind: "rate_limited", retryAfter: 30 },
      3,
    );
    const sent = await Promise.all(
      Array.from({ length: 3 }, () =>
        sendEvent(target, mentionEvent({ channel, text: `<@${BOT_USER_ID}> 1012` })),
      ),
    );
    // The first reply is rate-limited for 30 s; the other two wait for the channel with it.
    await fake.waitFor(() => fake.callsTo("chat.postMessage").length >= 1, 15_000);
    const signalledAt = Date.now();
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    const tookMs = Date.now() - signalledAt;
    expect(tookMs).toBeGreaterThanOrEqual(9500);
    expect(tookMs).toBeLessThan(13_000);
    const unfinished = bot
      .output()
      .split("\n")
      .filter((line) => line.includes("was not delivered"));
    expect(unfinished).toHaveLength(3);
    for (const { eventId } of sent) {
      expect(unfinished.some((line) => line.includes(eventId) && line.includes(channel))).toBe(
        true,
      );
    }
  }, 45_000);
});

describe("the embedded store at start-up", () => {
  it("refuses a second instance on the same data directory with a clear message", async () => {
    const dataDir = join(dir, "shared");
    const first = launch(dataDir);
    await listening(first);
    const second = launch(dataDir);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(
      `Another loyalty-code instance is already using the embedded store in ${dataDir}`,
    );
    expect(second.output()).toContain("REDIS_URL");
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
  }, 40_000);

  it("refuses a damaged store file, naming it", async () => {
    const dataDir = join(dir, "damaged");
    const first = launch(dataDir);
    await listening(first);
    first.child.kill("SIGTERM");
    await first.exited;
    writeFileSync(join(dataDir, DATABASE_FILE), "not a database ".repeat(500));
    const second = launch(dataDir);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(join(dataDir, DATABASE_FILE));
    expect(second.output()).toContain("move it aside");
  }, 40_000);

  it("keeps its de-dup keys across a restart: a redelivery after it is not answered again", async () => {
    const dataDir = join(dir, "restart");
    const channel = "C0RESTART";
    const ts = nextTs();
    const event = mentionEvent({ channel, ts, text: `<@${BOT_USER_ID}> 803` });
    const first = launch(dataDir);
    const { eventId } = await sendEvent(await listening(first), event);
    await fake.waitFor(() => fake.posted().some((call) => call.body.channel === channel), 5000);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);

    const second = launch(dataDir);
    const target = await listening(second);
    await sendEvent(target, event, { eventId, retryNum: 1, retryReason: "http_timeout" });
    // A new event after the redelivery: once it is answered, the redelivery has been handled.
    const probe = nextTs();
    await sendEvent(target, mentionEvent({ channel, ts: probe, text: `<@${BOT_USER_ID}> 803` }));
    await fake.waitFor(() => fake.posted().some((call) => call.body.thread_ts === probe), 5000);
    expect(fake.posted().filter((call) => call.body.thread_ts === ts)).toHaveLength(1);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 40_000);
});
