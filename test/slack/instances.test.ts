/**
 * Several instances sharing one Redis (a real redis-server on a loopback port), over the
 * wire: two bots in HTTP mode and two Socket Mode connections receive the same events
 * and their retries, in any order and at the same moment, and must post one reply each.
 * Then a Share key made on one instance is used on the other, and Redis dies mid-run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Engine } from "../../src/engine/index.js";
import { createEngine } from "../../src/engine/index.js";
import type { RunningBot } from "../../src/slack/index.js";
import { startSlack } from "../../src/slack/index.js";
import { isRecord } from "../../src/guards.js";
import type { Store } from "../../src/store/index.js";
import { openStore } from "../../src/store/index.js";
import type { RedisServer } from "../../support/redis-server.js";
import { startRedisServer } from "../../support/redis-server.js";
import { silentLogger } from "../../support/store-logger.js";
import type { CollectedRejections, SocketStandIn } from "../../support/bot.js";
import {
  collectRejections,
  socketConfig,
  startHttpBot,
  startSocketStandIn,
} from "../../support/bot.js";
import type { ApiCall } from "../../support/fake-slack.js";
import { BOT_USER_ID, FakeSlack, blocksOf, textsOf } from "../../support/fake-slack.js";
import { redeemPaste803, transactionAddPaste604 } from "../../support/pastes.js";
import type { SlackTarget } from "../../support/signed.js";
import {
  blockActionsPayload,
  eventEnvelope,
  mentionEvent,
  messageChangedEvent,
  messageDeletedEvent,
  messageEvent,
  nextEventId,
  nextTs,
  sendEvent,
  sendInteraction,
  sendSlashCommand,
} from "../../support/signed.js";

let redis: RedisServer;
let fake: FakeSlack;
let engine: Engine;
let unhandled: CollectedRejections;
const bots: RunningBot[] = [];
const dataDir = mkdtempSync(join(tmpdir(), "loyalty-instances-"));

beforeAll(async () => {
  unhandled = collectRejections();
  redis = await startRedisServer();
  fake = await FakeSlack.start();
  engine = createEngine();
}, 20_000);

afterAll(async () => {
  await Promise.all(bots.map((bot) => bot.stop()));
  await fake.close();
  await redis.stop();
  unhandled.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  fake.reset();
});

/** A store as `npm start` opens it with REDIS_URL set. */
function redisStore(): Promise<Store> {
  return openStore({ redisUrl: redis.url, dataDir }, silentLogger());
}

async function httpInstance(): Promise<SlackTarget & { healthz: () => Promise<string> }> {
  const { bot, target } = await startHttpBot(fake, engine, { store: await redisStore() });
  bots.push(bot);
  return {
    ...target,
    healthz: async () => {
      const response = await fetch(`http://127.0.0.1:${target.port}/healthz`);
      return `${response.status} ${await response.text()}`;
    },
  };
}

const repliesIn = (channel: string, threadTs?: string): ApiCall[] =>
  fake
    .posted()
    .filter(
      (call) =>
        call.body.channel === channel &&
        (threadTs === undefined || call.body.thread_ts === threadTs),
    );

const shuffled = <T>(items: T[]): T[] =>
  items
    .map((item) => ({ item, order: Math.random() }))
    .sort((a, b) => a.order - b.order)
    .map(({ item }) => item);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls an asynchronous condition until it holds, failing after `ms`. */
async function until(condition: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await sleep(50);
  }
}

describe("two HTTP instances sharing Redis", () => {
  let a: Awaited<ReturnType<typeof httpInstance>>;
  let b: Awaited<ReturnType<typeof httpInstance>>;
  beforeAll(async () => {
    a = await httpInstance();
    b = await httpInstance();
  }, 20_000);

  it("post exactly one reply per event, whichever instance gets it and its retries, in any order", async () => {
    const channel = "C0TWOHTTP1";
    const events = Array.from({ length: 50 }, () => {
      const ts = nextTs();
      return {
        ts,
        eventId: nextEventId(),
        event: mentionEvent({ channel, ts, text: `<@${BOT_USER_ID}> 803` }),
      };
    });
    // Each event reaches both instances at once, then Slack's two retries reach either.
    const deliveries = events.flatMap(({ eventId, event }) =>
      shuffled([
        () => sendEvent(a, event, { eventId }),
        () => sendEvent(b, event, { eventId }),
        () =>
          sendEvent(Math.random() < 0.5 ? a : b, event, {
            eventId,
            retryNum: 1,
            retryReason: "http_timeout",
          }),
        () =>
          sendEvent(Math.random() < 0.5 ? a : b, event, {
            eventId,
            retryNum: 2,
            retryReason: "http_timeout",
          }),
      ]),
    );
    const sent = await Promise.all(deliveries.map((deliver) => deliver()));
    expect(sent.map((s) => s.response.status)).toEqual(sent.map(() => 200));
    expect(Math.max(...sent.map((s) => s.response.elapsedMs))).toBeLessThan(3000);

    await fake.waitFor(() => repliesIn(channel).length >= events.length, 10_000);
    // Anything a second instance would have posted has had time to arrive.
    await sleep(500);
    expect(events.map(({ ts }) => repliesIn(channel, ts).length)).toEqual(events.map(() => 1));
    expect(
      fake.callsTo("chat.postMessage").filter((call) => call.body.channel === channel),
    ).toHaveLength(events.length);
  }, 30_000);

  it("shares an answer whose Share button was made on the other instance", async () => {
    const channel = "C0SHARE01";
    const slash = await sendSlashCommand(a, { text: "816 points", channel_id: channel });
    const button = blocksOf(slash.json)
      .filter((block) => block.type === "actions")
      .flatMap((block) => (Array.isArray(block.elements) ? (block.elements as unknown[]) : []))
      .find((element) => isRecord(element) && element.action_id === "share_answer");
    if (!isRecord(button) || typeof button.value !== "string") throw new Error("no Share button");
    // The button carries a short key, not the query or the answer.
    expect(button.value).not.toContain("816");

    const click = await sendInteraction(
      b,
      blockActionsPayload({
        channel,
        user: "U0SHARER",
        responseUrl: fake.respondUrl("share-across"),
        actionId: "share_answer",
        value: button.value,
      }),
    );
    expect(click.status).toBe(200);
    const [post] = await fake.waitFor(() => {
      const posts = repliesIn(channel);
      return posts.length > 0 ? posts : undefined;
    }, 5000);
    const shown = textsOf(post?.body ?? {}).join("\n");
    expect(shown).toContain("816");
    expect(shown).toContain("<@U0SHARER>");
  });

  it("follow on one instance the reply another posted: an edit updates it, a deletion deletes it", async () => {
    const channel = "C0EDITS01";
    const ts = nextTs();
    await sendEvent(a, messageEvent({ channel, ts, text: redeemPaste803() }));
    const reply = await fake.waitForCall(
      "chat.postMessage",
      (body) => body.channel === channel && body.thread_ts === ts,
    );
    const replyTs = reply.result?.ts;
    // The paste is corrected; Slack delivers the edit to the other instance.
    await sendEvent(
      b,
      messageChangedEvent({
        channel,
        ts,
        text: transactionAddPaste604(),
        previousText: redeemPaste803(),
      }),
    );
    const update = await fake.waitForCall("chat.update", (body) => body.channel === channel);
    expect(update.body.ts).toBe(replyTs);
    expect(textsOf(update.body).join("\n")).toContain("604 · transaction");
    await sendEvent(b, messageDeletedEvent({ channel, ts }));
    const deletion = await fake.waitForCall("chat.delete", (body) => body.channel === channel);
    expect(deletion.body.ts).toBe(replyTs);
    // One reply, never a second one for the edit.
    expect(repliesIn(channel)).toHaveLength(1);
  });

  it("keep acking and answering while Redis is down, report it on /healthz, and recover", async () => {
    expect(await a.healthz()).toBe("200 ok");
    await redis.kill();
    await until(async () => (await a.healthz()).startsWith("200 degraded"), 5000, "degraded");
    expect(await a.healthz()).toMatch(/^200 degraded: Redis at 127\.0\.0\.1:\d+ is \w+/);

    const channel = "C0OUTAGE1";
    const during = Array.from({ length: 10 }, () => nextTs());
    const sent = await Promise.all(
      during.map((ts, i) =>
        sendEvent(
          i % 2 === 0 ? a : b,
          mentionEvent({ channel, ts, text: `<@${BOT_USER_ID}> 1012` }),
        ),
      ),
    );
    expect(sent.map((s) => s.response.status)).toEqual(during.map(() => 200));
    expect(Math.max(...sent.map((s) => s.response.elapsedMs))).toBeLessThan(3000);
    // Nothing is lost: each event is answered by the instance that got it.
    await fake.waitFor(() => repliesIn(channel).length >= during.length, 10_000);
    expect(during.map((ts) => repliesIn(channel, ts).length)).toEqual(during.map(() => 1));

    await redis.restart();
    await until(
      async () => (await a.healthz()) === "200 ok" && (await b.healthz()) === "200 ok",
      10_000,
      "recovery on /healthz",
    );
    const after = nextTs();
    const eventId = nextEventId();
    const event = mentionEvent({ channel, ts: after, text: `<@${BOT_USER_ID}> 803` });
    await Promise.all([sendEvent(a, event, { eventId }), sendEvent(b, event, { eventId })]);
    await fake.waitFor(() => repliesIn(channel, after).length > 0, 5000);
    await sleep(300);
    expect(repliesIn(channel, after)).toHaveLength(1);
    expect(unhandled.rejections).toEqual([]);
  }, 40_000);
});

describe("two Socket Mode connections sharing Redis", () => {
  let slack: SocketStandIn;
  const socketBots: RunningBot[] = [];
  beforeAll(async () => {
    slack = await startSocketStandIn(fake);
    for (let i = 0; i < 2; i++) {
      const bot = await startSlack(socketConfig(fake), engine, {
        store: await redisStore(),
        handleSignals: false,
      });
      socketBots.push(bot);
      bots.push(bot);
    }
    await fake.waitFor(() => slack.sockets.size === 2, 5000);
  }, 20_000);
  afterAll(async () => {
    await slack.close();
  });

  it("post exactly one reply per event that Slack sends, and resends, to both connections", async () => {
    const channel = "C0TWOSOCK1";
    const sockets = [...slack.sockets];
    const events = Array.from({ length: 30 }, () => {
      const ts = nextTs();
      return {
        ts,
        eventId: nextEventId(),
        event: mentionEvent({ channel, ts, text: `<@${BOT_USER_ID}> 816 points` }),
      };
    });
    let envelope = 0;
    for (const { eventId, event } of events) {
      const payload: unknown = JSON.parse(eventEnvelope(event, eventId));
      for (const attempt of [0, 0, 1]) {
        for (const socket of shuffled(sockets)) {
          envelope++;
          socket.send(
            JSON.stringify({
              envelope_id: `env-${envelope}`,
              type: "events_api",
              accepts_response_payload: false,
              retry_attempt: attempt,
              retry_reason: attempt === 0 ? "" : "timeout",
              payload,
            }),
          );
        }
      }
    }
    // Every envelope is acknowledged.
    await fake.waitFor(
      () =>
        slack.received.filter((frame) => isRecord(frame) && typeof frame.envelope_id === "string")
          .length >= envelope,
      10_000,
    );
    await fake.waitFor(() => repliesIn(channel).length >= events.length, 10_000);
    await sleep(500);
    expect(events.map(({ ts }) => repliesIn(channel, ts).length)).toEqual(events.map(() => 1));
  }, 30_000);

  it("when one connection stops (a rolling deploy), closes its socket, and the other answers alone", async () => {
    await socketBots[0]?.stop();
    await fake.waitFor(() => slack.sockets.size === 1, 5000);
    const [socket] = [...slack.sockets];
    if (socket === undefined) throw new Error("no connection left");
    const channel = "C0ROLLING1";
    const ts = nextTs();
    const event = mentionEvent({ channel, ts, text: `<@${BOT_USER_ID}> 1012` });
    socket.send(
      JSON.stringify({
        envelope_id: "env-rolling",
        type: "events_api",
        accepts_response_payload: false,
        retry_attempt: 0,
        retry_reason: "",
        payload: JSON.parse(eventEnvelope(event, nextEventId())) as unknown,
      }),
    );
    await fake.waitFor(() => repliesIn(channel, ts).length === 1, 5000);
  });
});
