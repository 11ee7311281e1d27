/**
 * End-to-end tests of the bot in HTTP mode: signed requests in, as Slack sends them, and
 * assertions on what the fake Slack Web API (and response_url) received.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Engine } from "../../src/engine/index.js";
import { createEngine } from "../../src/engine/index.js";
import type { RunningBot } from "../../src/slack/index.js";
import type { CollectedRejections } from "../../support/bot.js";
import {
  TEST_BOT_TOKEN,
  collectRejections,
  replyBarrier,
  startHttpBot,
} from "../../support/bot.js";
import type { ApiCall, JsonObject } from "../../support/fake-slack.js";
import { isRecord } from "../../src/guards.js";
import {
  BOT_ID,
  BOT_USER_ID,
  FakeSlack,
  blockText,
  blocksOf,
  textsOf,
} from "../../support/fake-slack.js";
import {
  CUSTOMER_EMAIL,
  CUSTOMER_PHONE,
  customerGetPaste1012,
  hugeCustomerAddPaste,
  redeemPaste803,
} from "../../support/pastes.js";
import type { SlackTarget } from "../../support/signed.js";
import {
  blockActionsPayload,
  mentionEvent,
  messageEvent,
  nextTs,
  sendEvent,
  sendInteraction,
  sendSlashCommand,
  sendUrlVerification,
} from "../../support/signed.js";

let fake: FakeSlack;
let engine: Engine;
let bot: RunningBot | null = null;
let target: SlackTarget;
let startupCalls: ApiCall[] = [];
let unhandled: CollectedRejections;

beforeAll(async () => {
  unhandled = collectRejections();
  fake = await FakeSlack.start();
  engine = createEngine();
  ({ bot, target } = await startHttpBot(fake, engine));
  // startSlack has verified the token with auth.test before it returned.
  expect(fake.calls.some((call) => call.method === "auth.test")).toBe(true);
  startupCalls = [...fake.calls];
}, 15_000);

afterAll(async () => {
  await bot?.stop();
  await fake.close();
  unhandled.stop();
});

beforeEach(() => {
  fake.reset();
});

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

let channelCounter = 0;
/** A channel id of its own for each scenario, so that replies cannot be confused. */
function freshChannel(): string {
  channelCounter++;
  return `C0TEST${String(channelCounter).padStart(4, "0")}`;
}

function postsTo(channel: string): ApiCall[] {
  return fake.posted().filter((call) => call.body.channel === channel);
}

function allPostsAndAttempts(channel: string): ApiCall[] {
  return fake.callsTo("chat.postMessage").filter((call) => call.body.channel === channel);
}

/** Waits until `count` messages were posted in `channel` and returns them. */
function waitForPosts(channel: string, count = 1, timeoutMs = 3000): Promise<ApiCall[]> {
  return fake.waitFor(() => {
    const posts = postsTo(channel);
    return posts.length >= count ? posts : undefined;
  }, timeoutMs);
}

/** Waits until every request sent so far has been handled: see replyBarrier. */
function barrier(to: SlackTarget = target): Promise<void> {
  return replyBarrier(fake, to, 5000);
}

/** Every text a message body would show: `text`, and every block's text. */
function shownText(body: JsonObject): string {
  return textsOf(body).join("\n");
}

function actionsBlocks(body: unknown): JsonObject[] {
  return blocksOf(body).filter((block) => block.type === "actions");
}

function buttonsOf(body: unknown): JsonObject[] {
  return actionsBlocks(body).flatMap((block) =>
    Array.isArray(block.elements) ? (block.elements as unknown[]).filter(isRecord) : [],
  );
}

/** The verdict: the first block, which names the codes and what to do. */
function verdictOf(body: unknown): string {
  const [first] = blocksOf(body);
  return first === undefined ? "" : blockText(first);
}

/** Asks privately, as `/loyalty-code <text>` does, and returns the Share button's key. */
async function shareKeyFor(text: string): Promise<string> {
  const response = await sendSlashCommand(target, { text });
  const share = buttonsOf(response.json).find((b) => b.action_id === "share_answer");
  if (typeof share?.value !== "string") throw new Error(`no share button for ${text}`);
  return share.value;
}

async function healthz(): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${target.port}/healthz`, {
    signal: AbortSignal.timeout(5000),
  });
  await response.text();
  return response.status;
}

// ---------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------

describe("endpoint basics", () => {
  it("answers url_verification with the challenge", async () => {
    const response = await sendUrlVerification(
      target,
      "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
    );
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
    });
  });

  it("serves GET /healthz with 200 once started", async () => {
    expect(await healthz()).toBe(200);
  });

  it("verified the bot token at start-up against SLACK_API_URL", () => {
    const authTests = startupCalls.filter((call) => call.method === "auth.test");
    expect(authTests.length).toBeGreaterThanOrEqual(1);
    const call = authTests[0];
    const sentToken =
      call?.headers.authorization === `Bearer ${TEST_BOT_TOKEN}` ||
      call?.body.token === TEST_BOT_TOKEN;
    expect(sentToken).toBe(true);
  });
});

describe("/loyalty-code", () => {
  it("answers `/loyalty-code 803` in the HTTP response, privately, with a share button", async () => {
    const response = await sendSlashCommand(target, { text: "803" });
    expect(response.status).toBe(200);
    expect(response.contentType).toMatch(/application\/json/);
    const body = response.json;
    if (!isRecord(body)) throw new Error(`expected a JSON object, got ${response.text}`);
    expect(body.response_type).toBe("ephemeral");
    const blocks = blocksOf(body);
    expect(blocks.length).toBeGreaterThan(1);
    const shown = blocks.map(blockText).join("\n");
    expect(shown).toContain("803");
    expect(shown.toLowerCase()).toContain("points");
    const [share, helpful, notRight, ...others] = buttonsOf(body);
    expect(others).toEqual([]);
    // The button carries a short key to the query kept in the store, not the query itself.
    expect(share).toMatchObject({ type: "button", action_id: "share_answer" });
    expect(share?.value).toMatch(/^[0-9a-z]{9}[A-Za-z0-9_-]{16}$/);
    // The feedback buttons carry the id of the answer's record, recorded before the reply.
    expect(helpful).toMatchObject({ action_id: "feedback_helpful", text: { text: "Helpful" } });
    expect(notRight).toMatchObject({
      action_id: "feedback_not_right",
      text: { text: "Not right" },
    });
    expect(helpful?.value).toMatch(/^[0-9a-z]{9}[A-Za-z0-9_-]{16}$/);
    expect(notRight?.value).toBe(helpful?.value);
    expect(typeof body.text).toBe("string");
    // An answer in the acknowledgement: nothing goes through the Web API.
    expect(fake.callsTo("chat.postMessage")).toHaveLength(0);
    expect(fake.callsTo("chat.postEphemeral")).toHaveLength(0);
  });

  it.each([
    ["empty text", ""],
    ["help", "help"],
  ])("answers usage for %s, without a share button", async (_label, text) => {
    const response = await sendSlashCommand(target, { text });
    expect(response.status).toBe(200);
    const body = response.json;
    if (!isRecord(body)) throw new Error(`expected a JSON object, got ${response.text}`);
    expect(body.response_type).toBe("ephemeral");
    const shown = shownText(body);
    expect(shown).toContain("/loyalty-code 803");
    // Every way to ask, with an example each, in under 12 lines.
    expect(shown).toContain("`@loyalty-code explain` in a thread");
    expect(shown).toContain("`/loyalty-code 816 points`");
    expect(shown).toContain("`/loyalty-code coupon already used`");
    expect(verdictOf(body).split("\n").length).toBeLessThan(12);
    expect(actionsBlocks(body)).toHaveLength(0);
    expect(response.text).not.toContain("share_answer");
  });
});

describe("share button", () => {
  it("posts the answer in the channel, naming who shared it, and deletes the ephemeral", async () => {
    const channel = freshChannel();
    const response = await sendInteraction(
      target,
      blockActionsPayload({
        channel,
        user: "U0AGENT7",
        responseUrl: fake.respondUrl("share-ok"),
        actionId: "share_answer",
        value: await shareKeyFor("803"),
      }),
    );
    expect(response.status).toBe(200);
    const [post] = await waitForPosts(channel);
    if (post === undefined) throw new Error("unreachable");
    expect(post.body.thread_ts).toBeUndefined();
    const blocks = blocksOf(post.body).map(blockText);
    expect(blocks.some((text) => text.includes("Shared by <@U0AGENT7>"))).toBe(true);
    expect(blocks.join("\n")).toContain("803");
    // No Share on a shared answer; its readers in the channel can rate it.
    expect(buttonsOf(post.body).map((button) => button.action_id)).toEqual([
      "feedback_helpful",
      "feedback_not_right",
    ]);
    const deleted = await fake.waitFor(() => fake.responds.find((r) => r.id === "share-ok"));
    expect(deleted.body).toEqual({ delete_original: true });
    expect(postsTo(channel)).toHaveLength(1);
  });
});

describe("share keys", () => {
  it("shares a pasted response longer than a button value can hold (2,000 characters)", async () => {
    const paste = hugeCustomerAddPaste([1012, 618, 803], 5000);
    expect(paste.length).toBeGreaterThan(2000);
    const key = await shareKeyFor(paste);
    expect(key.length).toBeLessThan(30);
    const channel = freshChannel();
    await sendInteraction(
      target,
      blockActionsPayload({
        channel,
        user: "U0AGENT7",
        responseUrl: fake.respondUrl("share-long"),
        actionId: "share_answer",
        value: key,
      }),
    );
    const [post] = await waitForPosts(channel);
    expect(verdictOf(post?.body)).toBe("Shared by <@U0AGENT7>");
    expect(post?.body.text).toMatch(/^\d+ item errors?: 1012 customer/);
  });

  it("answers a key no longer kept with a polite private 'expired, ask again', posting nothing", async () => {
    const channel = freshChannel();
    await sendInteraction(
      target,
      blockActionsPayload({
        channel,
        user: "U0AGENT7",
        responseUrl: fake.respondUrl("share-expired"),
        actionId: "share_answer",
        value: "803",
      }),
    );
    const told = await fake.waitFor(() => fake.responds.find((r) => r.id === "share-expired"));
    if (!isRecord(told.body)) throw new Error("expected a JSON body");
    expect(told.body.response_type).toBe("ephemeral");
    expect(told.body.replace_original).toBe(false);
    expect(told.body.text).toMatch(/this answer has expired.*ask again/i);
    await barrier();
    expect(allPostsAndAttempts(channel)).toHaveLength(0);
  });
});

describe("follow-up hints where the user is", () => {
  it("suggests `/loyalty-code 660 …` in a slash-command answer", async () => {
    const response = await sendSlashCommand(target, { text: "660" });
    expect(shownText(response.json as JsonObject)).toContain("`/loyalty-code 660 ");
  });

  it("suggests `@loyalty-code 660 …` in a thread, where Slack allows no slash command", async () => {
    const channel = freshChannel();
    await sendEvent(
      target,
      mentionEvent({ channel, thread_ts: nextTs(), text: `<@${BOT_USER_ID}> 660` }),
    );
    const [post] = await waitForPosts(channel);
    const shown = shownText(post?.body ?? {});
    expect(shown).toContain("`@loyalty-code 660 ");
    expect(shown).not.toContain("/loyalty-code");
  });
});

describe("candidate buttons", () => {
  it("opens a candidate's full answer privately, one click from the list", async () => {
    const response = await sendSlashCommand(target, { text: "customer not found" });
    const candidate = buttonsOf(response.json).find(
      (b) => typeof b.action_id === "string" && b.action_id.startsWith("open_answer"),
    );
    expect(candidate?.value).toBe("816 customer");
    const channel = freshChannel();
    await sendInteraction(
      target,
      blockActionsPayload({
        channel,
        user: "U0AGENT7",
        responseUrl: fake.respondUrl("open-816"),
        actionId: String(candidate?.action_id),
        value: String(candidate?.value),
      }),
    );
    const opened = await fake.waitFor(() => fake.responds.find((r) => r.id === "open-816"));
    if (!isRecord(opened.body)) throw new Error("expected a JSON body");
    expect(opened.body.response_type).toBe("ephemeral");
    expect(opened.body.text).toMatch(/^\*816 · customer, points\*: Customer not found/);
    expect(shownText(opened.body)).toContain("Tell the customer:");
    expect(buttonsOf(opened.body).map((b) => b.action_id)).toContain("share_answer");
    expect(allPostsAndAttempts(channel)).toHaveLength(0);
  });
});

describe("app_mention", () => {
  it("answers `@bot 816 points` once, in a thread under the mention", async () => {
    const channel = freshChannel();
    const ts = nextTs();
    const { response } = await sendEvent(
      target,
      mentionEvent({ channel, ts, text: `<@${BOT_USER_ID}> 816 points` }),
    );
    expect(response.status).toBe(200);
    const [post] = await waitForPosts(channel);
    if (post === undefined) throw new Error("unreachable");
    expect(post.body.thread_ts).toBe(ts);
    expect(shownText(post.body)).toContain("816");
    expect(blocksOf(post.body).map(blockText).join("\n").toLowerCase()).toContain("points");
    await barrier();
    expect(allPostsAndAttempts(channel)).toHaveLength(1);
  });

  it("answers a mention inside a thread in that thread", async () => {
    const channel = freshChannel();
    const parentTs = nextTs();
    const ts = nextTs();
    await sendEvent(
      target,
      mentionEvent({ channel, ts, thread_ts: parentTs, text: `<@${BOT_USER_ID}> 816 points` }),
    );
    const [post] = await waitForPosts(channel);
    expect(post?.body.thread_ts).toBe(parentTs);
    expect(shownText(post?.body ?? {})).toContain("816");
  });

  it("`@bot explain` in a thread diagnoses the pasted response that started the thread", async () => {
    const channel = freshChannel();
    const parentTs = nextTs();
    fake.setReplies(parentTs, [
      {
        type: "message",
        user: "U0AGENT2",
        text: customerGetPaste1012(),
        ts: parentTs,
        thread_ts: parentTs,
        reply_count: 1,
      },
    ]);
    await sendEvent(
      target,
      mentionEvent({ channel, thread_ts: parentTs, text: `<@${BOT_USER_ID}> explain` }),
    );
    const [post] = await waitForPosts(channel);
    if (post === undefined) throw new Error("unreachable");
    expect(post.body.thread_ts).toBe(parentTs);
    expect(verdictOf(post.body)).toMatch(/^\d+ item errors?: 1012 customer/);
    const lookups = fake.callsTo("conversations.replies");
    expect(lookups).toHaveLength(1);
    expect(lookups[0]?.body).toMatchObject({ channel, ts: parentTs });
  });
});

describe("pasted responses (message events)", () => {
  it("diagnoses a pasted v1.1 response with one reply in its thread", async () => {
    const channel = freshChannel();
    const ts = nextTs();
    const { response } = await sendEvent(
      target,
      messageEvent({ channel, ts, text: redeemPaste803() }),
    );
    expect(response.status).toBe(200);
    const [post] = await waitForPosts(channel);
    if (post === undefined) throw new Error("unreachable");
    expect(post.body.thread_ts).toBe(ts);
    expect(verdictOf(post.body)).toMatch(/^1 item error: 803 points/);
    await barrier();
    expect(allPostsAndAttempts(channel)).toHaveLength(1);
  });

  it("diagnoses a paste as Slack delivers it (smart quotes, mailto links, &lt; entities)", async () => {
    const text = readFileSync(
      new URL("../fixtures/pastes/v11-customer-add-slack.txt", import.meta.url),
      "utf8",
    );
    const channel = freshChannel();
    const ts = nextTs();
    await sendEvent(target, messageEvent({ channel, ts, text }));
    const [post] = await waitForPosts(channel);
    if (post === undefined) throw new Error("unreachable");
    expect(post.body.thread_ts).toBe(ts);
    const verdict = verdictOf(post.body);
    expect(verdict).toContain("1012 customer");
    expect(verdict).toContain("618 customer");
    const raw = JSON.stringify(post.body);
    for (const identifier of [
      "919876543554",
      "919812345678",
      "919800000001",
      "priya.k@example.com",
      "mailto:",
      "<@U0123>",
    ]) {
      expect(raw).not.toContain(identifier);
    }
  });

  it("answers a paste sent as a thread reply in that thread", async () => {
    const channel = freshChannel();
    const parentTs = nextTs();
    await sendEvent(target, messageEvent({ channel, thread_ts: parentTs, text: redeemPaste803() }));
    const [post] = await waitForPosts(channel);
    expect(post?.body.thread_ts).toBe(parentTs);
  });

  it.each([
    ["an Express error body", '{"statusCode":500,"error":"Internal Server Error"}'],
    ["our own service's log line", '{"level":"error","code":1001,"msg":"db timeout"}'],
  ])(
    "stays quiet on %s: 500 and 1001 are Capillary numbers, but not a Capillary response",
    async (_, text) => {
      const channel = freshChannel();
      await sendEvent(
        target,
        messageEvent({ channel, text: `prod is down:\n\`\`\`${text}\`\`\`` }),
      );
      await barrier();
      expect(allPostsAndAttempts(channel)).toHaveLength(0);
    },
  );

  it("asked about the log line, diagnoses it and says it does not look like a Capillary response", async () => {
    const channel = freshChannel();
    const ts = nextTs();
    await sendEvent(
      target,
      mentionEvent({
        channel,
        ts,
        text: `<@${BOT_USER_ID}> {"level":"error","code":1001,"msg":"db timeout"}`,
      }),
    );
    const [post] = await waitForPosts(channel);
    if (post === undefined) throw new Error("unreachable");
    expect(shownText(post.body)).toMatch(/does not look like a Capillary response/);
    expect(shownText(post.body)).toContain("1001");
  });
});

describe("messages the bot must ignore", () => {
  const paste = redeemPaste803();
  const cases: [string, (channel: string) => Record<string, unknown>][] = [
    [
      "a message from another bot",
      (channel) => ({
        ...messageEvent({ channel, text: paste }),
        bot_id: "B0OTHER",
        app_id: "A0OTHER",
      }),
    ],
    [
      "a message from the bot itself",
      (channel) => ({
        ...messageEvent({ channel, text: paste, user: BOT_USER_ID }),
        bot_id: BOT_ID,
      }),
    ],
    [
      "a message from the bot's user without bot_id",
      (channel) => messageEvent({ channel, text: paste, user: BOT_USER_ID }),
    ],
    [
      "an edit (message_changed)",
      (channel) => {
        const ts = nextTs();
        const original = messageEvent({ channel, text: paste });
        return {
          type: "message",
          subtype: "message_changed",
          hidden: true,
          channel,
          ts,
          event_ts: ts,
          channel_type: "channel",
          message: { ...original, text: paste, edited: { user: "U0AGENT1", ts } },
          previous_message: { ...original, text: "placeholder" },
        };
      },
    ],
    [
      "a deletion (message_deleted)",
      (channel) => {
        const ts = nextTs();
        return {
          type: "message",
          subtype: "message_deleted",
          hidden: true,
          channel,
          ts,
          event_ts: ts,
          deleted_ts: nextTs(),
          channel_type: "channel",
          previous_message: messageEvent({ channel, text: paste }),
        };
      },
    ],
    [
      "a channel join (with a paste in its text, so only the subtype stops a reply)",
      (channel) => ({
        ...messageEvent({
          channel,
          text: `<@U0NEWBIE> has joined the channel\n${paste}`,
          user: "U0NEWBIE",
        }),
        subtype: "channel_join",
      }),
    ],
  ];

  it.each(cases)("does not reply to %s", async (_label, build) => {
    const channel = freshChannel();
    const { response } = await sendEvent(target, build(channel));
    expect(response.status).toBe(200);
    await barrier();
    expect(allPostsAndAttempts(channel)).toHaveLength(0);
  });

  it("replies once to a message that mentions the bot and holds a paste (app_mention + message)", async () => {
    const channel = freshChannel();
    const ts = nextTs();
    const text = `<@${BOT_USER_ID}> can you check this?\n${redeemPaste803()}`;
    const mention = await sendEvent(target, mentionEvent({ channel, ts, text }));
    const message = await sendEvent(target, messageEvent({ channel, ts, text }));
    expect(mention.response.status).toBe(200);
    expect(message.response.status).toBe(200);
    const [post] = await waitForPosts(channel);
    await barrier();
    expect(allPostsAndAttempts(channel)).toHaveLength(1);
    expect(post?.body.thread_ts).toBe(ts);
    expect(verdictOf(post?.body)).toMatch(/^1 item error: 803 points/);
  });
});

describe("Slack retries", () => {
  it("acknowledges every redelivery of one event_id and replies exactly once", async () => {
    const channel = freshChannel();
    const event = messageEvent({ channel, text: redeemPaste803() });
    const first = await sendEvent(target, event);
    const second = await sendEvent(target, event, {
      eventId: first.eventId,
      retryNum: 1,
      retryReason: "http_timeout",
    });
    const third = await sendEvent(target, event, {
      eventId: first.eventId,
      retryNum: 2,
      retryReason: "http_timeout",
    });
    expect([first, second, third].map((sent) => sent.response.status)).toEqual([200, 200, 200]);
    await waitForPosts(channel);
    await barrier();
    expect(allPostsAndAttempts(channel)).toHaveLength(1);
  });
});

describe("request verification", () => {
  it("refuses a request signed with the wrong secret (401) and does nothing", async () => {
    const channel = freshChannel();
    const { response } = await sendEvent(
      target,
      mentionEvent({ channel, text: `<@${BOT_USER_ID}> 803` }),
      { secret: "0123456789abcdef0123456789abcdef" },
    );
    expect(response.status).toBe(401);
    await barrier();
    expect(allPostsAndAttempts(channel)).toHaveLength(0);
  });

  it("refuses a correctly signed request older than five minutes (401) and does nothing", async () => {
    const channel = freshChannel();
    const { response } = await sendEvent(
      target,
      mentionEvent({ channel, text: `<@${BOT_USER_ID}> 803` }),
      { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 },
    );
    expect(response.status).toBe(401);
    await barrier();
    expect(allPostsAndAttempts(channel)).toHaveLength(0);
  });

  it("refuses a slash command with a bad signature (401) and answers nothing", async () => {
    const response = await sendSlashCommand(target, { text: "803" }, { signature: "v0=deadbeef" });
    expect(response.status).toBe(401);
    expect(response.text).not.toContain("803");
  });
});

describe("when the Slack API fails", () => {
  it.each([
    ["HTTP 500", { kind: "http", status: 500 } as const],
    ["HTTP 429 with Retry-After", { kind: "rate_limited", retryAfter: 1 } as const],
    ["ok:false channel_not_found", { kind: "error", error: "channel_not_found" } as const],
  ])("survives chat.postMessage answering %s", async (_label, failure) => {
    const before = unhandled.rejections.length;
    const failing = freshChannel();
    fake.failNext("chat.postMessage", failure);
    const { response } = await sendEvent(
      target,
      mentionEvent({ channel: failing, text: `<@${BOT_USER_ID}> 803` }),
    );
    expect(response.status).toBe(200);
    const attempt = await fake.waitFor(() =>
      allPostsAndAttempts(failing).find((call) => call.failedWith !== null),
    );
    expect(attempt.failedWith).toEqual(failure);

    // The app is still up and working.
    const working = freshChannel();
    const ts = nextTs();
    const next = await sendEvent(
      target,
      mentionEvent({ channel: working, ts, text: `<@${BOT_USER_ID}> 803` }),
    );
    expect(next.response.status).toBe(200);
    const [post] = await waitForPosts(working, 1, 8000);
    expect(post?.body.thread_ts).toBe(ts);
    expect(await healthz()).toBe(200);
    const slash = await sendSlashCommand(target, { text: "803" });
    expect(slash.status).toBe(200);
    expect(unhandled.rejections.slice(before)).toEqual([]);
  });
});

describe("a 40,000-character paste", () => {
  it("is acknowledged well under 3 s and answered within Slack's block limits", async () => {
    const codes = [...engine.catalog.byCode.keys()].filter((code) => code >= 300);
    const paste = hugeCustomerAddPaste([...codes, 9901, 9902, 803, 1012, 618]);
    expect(paste.length).toBeGreaterThanOrEqual(40_000);
    expect(paste.match(/"item_status"/g)?.length ?? 0).toBeGreaterThanOrEqual(200);
    const channel = freshChannel();
    const ts = nextTs();
    const { response } = await sendEvent(target, messageEvent({ channel, ts, text: paste }));
    expect(response.status).toBe(200);
    expect(response.elapsedMs).toBeLessThan(3000);

    const [post] = await waitForPosts(channel, 1, 8000);
    if (post === undefined) throw new Error("unreachable");
    expect(post.body.thread_ts).toBe(ts);
    const blocks = blocksOf(post.body);
    expect(blocks.length).toBeGreaterThan(0);
    // The paste budget, well inside Slack's 50.
    expect(blocks.length).toBeLessThanOrEqual(15);
    for (const block of blocks) {
      const text = blockText(block);
      if (block.type === "section") expect(text.length).toBeLessThanOrEqual(3000);
      if (block.type === "context") {
        for (const element of Array.isArray(block.elements) ? (block.elements as unknown[]) : []) {
          if (isRecord(element) && typeof element.text === "string") {
            expect(element.text.length).toBeLessThanOrEqual(3000);
          }
        }
      }
    }
    expect(typeof post.body.text).toBe("string");
    expect(String(post.body.text).length).toBeLessThanOrEqual(4000);
    // None of the customers' phone numbers comes back.
    const phones = paste.match(/91987\d{7}/g) ?? [];
    expect(phones.length).toBeGreaterThanOrEqual(200);
    const raw = JSON.stringify(post.body);
    expect(phones.filter((phone) => raw.includes(phone))).toEqual([]);
  });
});

describe("mention and link injection, customer data", () => {
  const FORBIDDEN = ["<!channel>", "<!here>", "<@U999>", "<http://evil"];

  it("never echoes <!channel>, <!here> or another user's mention from a query", async () => {
    const channel = freshChannel();
    await sendEvent(
      target,
      mentionEvent({ channel, text: `<@${BOT_USER_ID}> <!channel> <!here> <@U999> 803` }),
    );
    const [post] = await waitForPosts(channel);
    if (post === undefined) throw new Error("unreachable");
    const texts = textsOf(post.body);
    expect(texts.join("\n")).toContain("803");
    for (const text of texts) {
      for (const bad of FORBIDDEN) expect(text).not.toContain(bad);
    }
  });

  it.each([
    ["a word search", "<!here> coupon <http://evil|already used>"],
    ["a user-group mention", "<!subteam^S0ONCALL|@oncall> 803"],
    ["an unknown code", "9999 <!channel>"],
  ])("never echoes special mentions or links from %s", async (_label, query) => {
    const channel = freshChannel();
    await sendEvent(target, mentionEvent({ channel, text: `<@${BOT_USER_ID}> ${query}` }));
    const [post] = await waitForPosts(channel);
    if (post === undefined) throw new Error("unreachable");
    for (const text of textsOf(post.body)) {
      for (const bad of [...FORBIDDEN, "<!subteam^S0ONCALL", "<http"]) {
        expect(text).not.toContain(bad);
      }
    }
  });

  it("never echoes mentions, links or the customer's phone and email from a paste", async () => {
    const channel = freshChannel();
    const paste = redeemPaste803("<!channel> please *bold* <http://evil|click>");
    expect(paste).toContain(CUSTOMER_PHONE);
    expect(paste).toContain(CUSTOMER_EMAIL);
    await sendEvent(target, messageEvent({ channel, text: paste }));
    const [post] = await waitForPosts(channel);
    if (post === undefined) throw new Error("unreachable");
    const texts = textsOf(post.body);
    expect(blocksOf(post.body).map(blockText).join("\n")).toContain("803");
    for (const text of texts) {
      for (const bad of [...FORBIDDEN, CUSTOMER_PHONE, CUSTOMER_EMAIL]) {
        expect(text).not.toContain(bad);
      }
    }
    // Not hidden anywhere else in the call either.
    const raw = JSON.stringify(post.body);
    expect(raw).not.toContain(CUSTOMER_PHONE);
    expect(raw).not.toContain(CUSTOMER_EMAIL);
  });

  it("keeps the paste's customer data out of a shared answer too", async () => {
    const channel = freshChannel();
    await sendInteraction(
      target,
      blockActionsPayload({
        channel,
        user: "U0AGENT7",
        responseUrl: fake.respondUrl("share-paste"),
        actionId: "share_answer",
        value: await shareKeyFor(redeemPaste803("<!channel> please *bold* <http://evil|click>")),
      }),
    );
    const [post] = await waitForPosts(channel);
    if (post === undefined) throw new Error("unreachable");
    const raw = JSON.stringify(post.body);
    for (const bad of [...FORBIDDEN, CUSTOMER_PHONE, CUSTOMER_EMAIL]) {
      expect(raw).not.toContain(bad);
    }
    expect(raw).toContain("Shared by <@U0AGENT7>");
  });
});

describe("with PASTE_CHANNELS set", () => {
  const PASTE_CHANNEL = "C0PASTES01";
  let limited: RunningBot | null = null;
  let limitedTarget: SlackTarget;

  beforeAll(async () => {
    ({ bot: limited, target: limitedTarget } = await startHttpBot(fake, engine, {
      env: { PASTE_CHANNELS: `${PASTE_CHANNEL}, G0PASTES02` },
    }));
  }, 15_000);

  afterAll(async () => {
    await limited?.stop();
  });

  it("diagnoses pastes in a listed channel", async () => {
    const ts = nextTs();
    await sendEvent(
      limitedTarget,
      messageEvent({ channel: PASTE_CHANNEL, ts, text: redeemPaste803() }),
    );
    const posts = await fake.waitFor(() => {
      const found = postsTo(PASTE_CHANNEL).filter((call) => call.body.thread_ts === ts);
      return found.length > 0 ? found : undefined;
    });
    expect(posts).toHaveLength(1);
  });

  it("ignores unasked pastes elsewhere but still answers mentions there", async () => {
    const channel = freshChannel();
    await sendEvent(limitedTarget, messageEvent({ channel, text: redeemPaste803() }));
    await barrier(limitedTarget);
    expect(allPostsAndAttempts(channel)).toHaveLength(0);
    const ts = nextTs();
    await sendEvent(
      limitedTarget,
      mentionEvent({ channel, ts, text: `<@${BOT_USER_ID}> ${redeemPaste803()}` }),
    );
    const [post] = await waitForPosts(channel);
    expect(post?.body.thread_ts).toBe(ts);
  });
});

describe("the whole file", () => {
  it("caused no unhandled promise rejection", () => {
    expect(unhandled.rejections).toEqual([]);
  });
});
