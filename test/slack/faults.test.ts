/**
 * Slack API faults over the wire: a 429 with Retry-After, 5xx answers and a slow API,
 * against the real app and the fake Web API. Replies must survive them within bounds,
 * a rate limit on one channel must not hold up the others, and a reply finally given
 * up must be logged with its event id, channel and error.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/index.js";
import type { RunningBot } from "../../src/slack/index.js";
import type { CollectedRejections } from "../../support/bot.js";
import { collectRejections, startHttpBot } from "../../support/bot.js";
import type { CapturedLogs } from "../../support/capture-logs.js";
import { captureLogs } from "../../support/capture-logs.js";
import type { ApiCall } from "../../support/fake-slack.js";
import { BOT_USER_ID, FakeSlack } from "../../support/fake-slack.js";
import type { SlackTarget } from "../../support/signed.js";
import { mentionEvent, nextTs, sendEvent } from "../../support/signed.js";

let fake: FakeSlack;
let bot: RunningBot;
let target: SlackTarget;
let unhandled: CollectedRejections;
let logs: CapturedLogs;

beforeAll(async () => {
  unhandled = collectRejections();
  fake = await FakeSlack.start();
  ({ bot, target } = await startHttpBot(fake, createEngine(), {
    // The production policy, with a rate-limit budget a test can exhaust in seconds.
    outbox: { retries: 3, backoffMs: 200, maxRateLimitWaitMs: 2500 },
  }));
}, 15_000);

afterAll(async () => {
  await bot.stop();
  await fake.close();
  unhandled.stop();
});

beforeEach(() => {
  fake.reset();
  logs = captureLogs();
  return () => {
    logs.restore();
  };
});

let channels = 0;
const freshChannel = () => `C0FAULT${String(++channels).padStart(3, "0")}`;

const attemptsIn = (channel: string): ApiCall[] =>
  fake.callsTo("chat.postMessage").filter((call) => call.body.channel === channel);

const deliveredIn = (channel: string): ApiCall[] =>
  attemptsIn(channel).filter((call) => call.failedWith === null);

const mention = (channel: string, text = "803") =>
  sendEvent(target, mentionEvent({ channel, ts: nextTs(), text: `<@${BOT_USER_ID}> ${text}` }));

describe("a 429 with Retry-After", () => {
  it("holds only its own channel: replies to other channels go out at once", async () => {
    const limited = freshChannel();
    fake.failNextWhere("chat.postMessage", (body) => body.channel === limited, {
      kind: "rate_limited",
      retryAfter: 2,
    });
    await mention(limited);
    const limitedAt = (await fake.waitFor(() => attemptsIn(limited)[0])).at;

    const others = Array.from({ length: 5 }, () => freshChannel());
    const sentAt = Date.now();
    await Promise.all(others.map((channel) => mention(channel)));
    await fake.waitFor(() => others.every((channel) => deliveredIn(channel).length === 1), 3000);
    const slowest = Math.max(...others.map((channel) => deliveredIn(channel)[0]?.at ?? Infinity));
    expect(slowest - sentAt).toBeLessThan(1000);

    // The limited channel's reply waited for Retry-After, then went out once.
    const [reply] = await fake.waitFor(() => {
      const delivered = deliveredIn(limited);
      return delivered.length > 0 ? delivered : undefined;
    }, 5000);
    expect((reply?.at ?? 0) - limitedAt).toBeGreaterThanOrEqual(1900);
    expect(deliveredIn(limited)).toHaveLength(1);
  });

  it("holds later replies to the same channel until Retry-After has passed, as Slack requires", async () => {
    const limited = freshChannel();
    fake.failNextWhere("chat.postMessage", (body) => body.channel === limited, {
      kind: "rate_limited",
      retryAfter: 2,
    });
    await mention(limited);
    const limitedAt = (await fake.waitFor(() => attemptsIn(limited)[0])).at;
    await Promise.all([mention(limited, "1012"), mention(limited, "8015")]);
    await fake.waitFor(() => deliveredIn(limited).length === 3, 6000);
    const after = attemptsIn(limited).slice(1);
    for (const call of after) expect(call.at - limitedAt).toBeGreaterThanOrEqual(1900);
  });

  it("gives a reply up once the rate-limit budget is spent, and logs its event id, channel and error", async () => {
    const limited = freshChannel();
    fake.failNextWhere(
      "chat.postMessage",
      (body) => body.channel === limited,
      { kind: "rate_limited", retryAfter: 1 },
      10,
    );
    const { eventId } = await mention(limited);
    const line = await fake.waitFor(
      () => logs.matching(/giving up/).find((entry) => entry.includes(limited)),
      8000,
    );
    expect(line).toContain(eventId);
    expect(line).toContain(limited);
    expect(line).toContain("rate");
    expect(deliveredIn(limited)).toHaveLength(0);
    // Bounded: a 2.5 s budget allows three 1 s waits at most.
    expect(attemptsIn(limited).length).toBeLessThanOrEqual(4);
  });
});

describe("HTTP 5xx answers", () => {
  it("are retried with backoff until the reply goes out, once", async () => {
    const channel = freshChannel();
    fake.failNextWhere(
      "chat.postMessage",
      (body) => body.channel === channel,
      { kind: "http", status: 503 },
      2,
    );
    await mention(channel);
    await fake.waitFor(() => deliveredIn(channel).length === 1, 5000);
    const tries = attemptsIn(channel);
    expect(tries.map((call) => call.failedWith?.kind ?? "ok")).toEqual(["http", "http", "ok"]);
    const [first, second, third] = tries.map((call) => call.at);
    // Backoff doubles: 200 ms, then 400 ms.
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(180);
    expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(380);
  });

  it("are given up after the bounded retries, logged with event id, channel and status", async () => {
    const channel = freshChannel();
    fake.failNextWhere(
      "chat.postMessage",
      (body) => body.channel === channel,
      { kind: "http", status: 500 },
      10,
    );
    const { eventId } = await mention(channel);
    const line = await fake.waitFor(
      () => logs.matching(/giving up/).find((entry) => entry.includes(channel)),
      8000,
    );
    expect(line).toContain(eventId);
    expect(line).toContain("500");
    expect(attemptsIn(channel)).toHaveLength(4);
  });

  it("ok:false errors from Slack are not retried, and are logged the same way", async () => {
    const channel = freshChannel();
    fake.failNextWhere("chat.postMessage", (body) => body.channel === channel, {
      kind: "error",
      error: "not_in_channel",
    });
    const { eventId } = await mention(channel);
    const line = await fake.waitFor(
      () => logs.matching(/giving up/).find((entry) => entry.includes(channel)),
      3000,
    );
    expect(line).toContain(eventId);
    expect(line).toContain("not_in_channel");
    expect(attemptsIn(channel)).toHaveLength(1);
  });
});

describe("a slow Slack API", () => {
  it("never delays the ack, and the reply still arrives", async () => {
    const channel = freshChannel();
    fake.delay("chat.postMessage", 2000);
    const { response } = await mention(channel);
    expect(response.status).toBe(200);
    expect(response.elapsedMs).toBeLessThan(500);
    await fake.waitFor(() => deliveredIn(channel).length === 1, 5000);
  });
});

describe("the whole file", () => {
  it("caused no unhandled promise rejection", () => {
    expect(unhandled.rejections).toEqual([]);
  });
});
