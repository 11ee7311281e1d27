/**
 * Feedback on answers over the wire, against the embedded SQLite store and a real Redis:
 * signed clicks on "Helpful" and "Not right" and submissions of the form go into the real
 * app in HTTP mode; assertions are on what the clicker sees (the fake Slack API and the
 * response URLs record it) and on what the store then holds, read back as the report is.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/index.js";
import { isRecord } from "../../src/guards.js";
import { buildReport } from "../../src/report/report.js";
import type { RunningBot } from "../../src/slack/index.js";
import type { Store } from "../../src/store/index.js";
import {
  DEFAULT_LIFETIMES,
  MAX_COMMENT_LENGTH,
  MemoryStore,
  SqliteStore,
} from "../../src/store/index.js";
import { RedisStore } from "../../src/store/redis.js";
import type { CollectedRejections } from "../../support/bot.js";
import { collectRejections, startHttpBot } from "../../support/bot.js";
import { captureLogs } from "../../support/capture-logs.js";
import type { JsonObject } from "../../support/fake-slack.js";
import { BOT_USER_ID, FakeSlack, blocksOf } from "../../support/fake-slack.js";
import type { RedisServer } from "../../support/redis-server.js";
import { startRedisServer } from "../../support/redis-server.js";
import type { SlackResponse, SlackTarget } from "../../support/signed.js";
import { redeemPaste803 } from "../../support/pastes.js";
import {
  directMessageEvent,
  mentionEvent,
  messageButtonPayload,
  messageEvent,
  messageShortcutPayload,
  nextTs,
  sendEvent,
  sendInteraction,
  sendSlashCommand,
  viewButtonPayload,
  viewSubmissionPayload,
} from "../../support/signed.js";
import { silentLogger } from "../../support/store-logger.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const RETENTION_DAYS = 30;
const engine = createEngine({ teamsFile: null });

let redis: RedisServer;
const dirs: string[] = [];
let unhandled: CollectedRejections;

beforeAll(async () => {
  unhandled = collectRejections();
  redis = await startRedisServer();
}, 15_000);

afterAll(async () => {
  await redis.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  unhandled.stop();
  // No click or form below, however bad, left an unhandled rejection.
  expect(unhandled.rejections).toEqual([]);
});

/** The store's clock, moved by hand to make records expire (SQLite reads it; Redis cannot). */
let clockOffsetMs = 0;

/** The store keeps records as long as the bot is configured to (LOYALTY_RECORD_RETENTION_DAYS). */
const lifetimes = { ...DEFAULT_LIFETIMES, recordRetentionDays: RETENTION_DAYS };

const stores: [string, () => Promise<Store>][] = [
  [
    "sqlite",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "loyalty-feedback-"));
      dirs.push(dir);
      return Promise.resolve(
        new SqliteStore(dir, { lifetimes, now: () => Date.now() + clockOffsetMs }),
      );
    },
  ],
  [
    "redis",
    () =>
      RedisStore.open(
        { url: redis.url, keyPrefix: `feedback-${String(Math.random()).slice(2)}:`, lifetimes },
        silentLogger(),
      ),
  ],
];

describe.each(stores)("feedback with the %s store", (storeName, open) => {
  let fake: FakeSlack;
  let bot: RunningBot | null = null;
  let store: Store;
  let target: SlackTarget;
  let counter = 0;
  const fresh = (prefix: string) => `${prefix}${String(++counter).padStart(4, "0")}`;

  beforeAll(async () => {
    fake = await FakeSlack.start();
    store = await open();
    ({ bot, target } = await startHttpBot(fake, engine, {
      store,
      env: { LOYALTY_RECORD_RETENTION_DAYS: String(RETENTION_DAYS), LOG_LEVEL: "warn" },
    }));
  }, 15_000);

  afterAll(async () => {
    await bot?.stop();
    await fake.close();
  });

  beforeEach(() => {
    fake.reset();
    clockOffsetMs = 0;
  });

  /** The buttons of a message, by action id. */
  function buttons(body: unknown): Map<string, JsonObject> {
    const found = new Map<string, JsonObject>();
    for (const block of blocksOf(body)) {
      if (block.type !== "actions" || !Array.isArray(block.elements)) continue;
      for (const element of block.elements as unknown[]) {
        if (isRecord(element) && typeof element.action_id === "string") {
          found.set(element.action_id, element);
        }
      }
    }
    return found;
  }

  /** The record id the feedback buttons of a private /loyalty-code answer carry. */
  async function slashAnswer(text: string): Promise<string> {
    const response = await sendSlashCommand(target, { text });
    const helpful = buttons(response.json).get("feedback_helpful");
    const notRight = buttons(response.json).get("feedback_not_right");
    if (typeof helpful?.value !== "string") throw new Error(`no Helpful button: ${response.text}`);
    expect(notRight?.value).toBe(helpful.value);
    return helpful.value;
  }

  function click(
    actionId: "feedback_helpful" | "feedback_not_right",
    recordId: string,
    where: { user: string; responseId: string; channel?: string; messageTs?: string },
    thread?: string,
  ): Promise<SlackResponse> {
    const ephemeral = where.messageTs === undefined;
    return sendInteraction(
      target,
      messageButtonPayload({
        channel: where.channel ?? "C0SUPPORT1",
        messageTs: where.messageTs ?? "1700000000.000001",
        ...(thread === undefined ? {} : { threadTs: thread }),
        ephemeral,
        user: where.user,
        responseUrl: fake.respondUrl(where.responseId),
        actionId,
        value: recordId,
      }),
    );
  }

  /** Clicks "Not right" and returns the form Slack was asked to open. */
  async function openForm(
    recordId: string,
    where: Parameters<typeof click>[2],
    thread?: string,
  ): Promise<JsonObject> {
    const response = await click("feedback_not_right", recordId, where, thread);
    expect(response.status).toBe(200);
    const call = await fake.waitForCall("views.open");
    const view = call.body.view;
    if (!isRecord(view)) throw new Error("views.open without a view");
    return view;
  }

  function submitForm(
    form: JsonObject,
    user: string,
    reason: string | null,
    comment: string | null = null,
    viewId = fresh("V0FORM"),
  ): Promise<SlackResponse> {
    return sendInteraction(
      target,
      viewSubmissionPayload({
        id: viewId,
        callbackId: String(form.callback_id),
        privateMetadata: String(form.private_metadata),
        user,
        values: {
          reason: {
            reason: {
              type: "radio_buttons",
              selected_option: reason === null ? null : { value: reason },
            },
          },
          comment: { comment: { type: "plain_text_input", value: comment } },
        },
      }),
    );
  }

  const respondBody = async (id: string) =>
    (await fake.waitFor(() => fake.responds.find((call) => call.id === id))).body;

  async function votesOn(code: number) {
    const { votes } = await store.records.since(0);
    return votes.filter((seen) => seen.answer.entries.some((entry) => entry.code === code));
  }

  it("Helpful thanks only the clicker, keeps the vote, and leaves the answer as it is", async () => {
    const recordId = await slashAnswer("1012");
    const response = await click("feedback_helpful", recordId, {
      user: "U0VOTER01",
      responseId: "helpful-1",
    });
    expect(response.status).toBe(200);
    expect(await respondBody("helpful-1")).toEqual({
      response_type: "ephemeral",
      replace_original: false,
      text: "Thanks, noted.",
    });
    // Nothing was changed or posted for anyone else.
    expect(fake.calls.map((call) => call.method)).toEqual([]);
    const votes = await votesOn(1012);
    expect(votes.map(({ vote, reason }) => ({ vote, reason }))).toEqual([
      { vote: "helpful", reason: null },
    ]);
  });

  it("a second click by the same user changes the vote; another user's adds one", async () => {
    const recordId = await slashAnswer("1213");
    await click("feedback_helpful", recordId, { user: "U0VOTER02", responseId: "change-1" });
    await respondBody("change-1");
    const form = await openForm(recordId, { user: "U0VOTER02", responseId: "change-2" });
    expect((await submitForm(form, "U0VOTER02", "wrong_resource")).status).toBe(200);
    await click("feedback_helpful", recordId, { user: "U0VOTER03", responseId: "change-3" });
    await respondBody("change-3");
    const votes = await votesOn(1213);
    expect(votes.map(({ vote, reason }) => `${vote}:${String(reason)}`).sort()).toEqual([
      "helpful:null",
      "not_right:wrong_resource",
    ]);
  });

  it("Not right opens the form with the reasons in words; sent, it keeps reason and comment, closes, and thanks the voter", async () => {
    const recordId = await slashAnswer("803 points");
    const form = await openForm(recordId, { user: "U0VOTER04", responseId: "form-1" });
    expect(form.callback_id).toBe("feedback_not_right");
    const [reasonInput] = blocksOf(form);
    expect(reasonInput).toMatchObject({ type: "input", block_id: "reason", optional: false });
    const submitted = await submitForm(
      form,
      "U0VOTER04",
      "wrong_meaning",
      "  This is the redeem limit, not the balance.  ",
    );
    // An empty acknowledgement closes the form.
    expect(submitted.status).toBe(200);
    expect(submitted.text).toBe("");
    expect(await respondBody("form-1")).toEqual({
      response_type: "ephemeral",
      replace_original: false,
      text: "Thanks, noted.",
    });
    const until = Date.now();
    const report = buildReport(
      await store.records.since(until - 7 * DAY_MS),
      until - 7 * DAY_MS,
      until,
    );
    expect(report.votes).toContainEqual({
      code: 803,
      resource: "points",
      vote: "not_right",
      reason: "wrong_meaning",
      count: 1,
      comments: ["This is the redeem limit, not the balance."],
    });
  });

  it("a form sent twice keeps one vote and thanks once", async () => {
    const recordId = await slashAnswer("1101");
    const form = await openForm(recordId, { user: "U0VOTER05", responseId: "twice-1" });
    const viewId = fresh("V0TWICE");
    const first = await submitForm(form, "U0VOTER05", "wording", "Say the coupon is used.", viewId);
    const second = await submitForm(
      form,
      "U0VOTER05",
      "wording",
      "Say the coupon is used.",
      viewId,
    );
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.text).toBe("");
    await respondBody("twice-1");
    expect(await votesOn(1101)).toHaveLength(1);
    expect(fake.responds.filter((call) => call.id === "twice-1")).toHaveLength(1);
  });

  it("a form sent without a reason gets a field error, not a failed request, and keeps nothing", async () => {
    const recordId = await slashAnswer("1308");
    const form = await openForm(recordId, { user: "U0VOTER06", responseId: "noreason-1" });
    const response = await submitForm(form, "U0VOTER06", null, "no idea");
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      response_action: "errors",
      errors: { reason: "Pick what was wrong." },
    });
    expect(await votesOn(1308)).toEqual([]);
  });

  it("a 10,000-character comment with mentions is kept cut and is never posted anywhere", async () => {
    const recordId = await slashAnswer("604");
    const form = await openForm(recordId, { user: "U0VOTER07", responseId: "long-1" });
    const comment = `<@U123> <!channel> *wrong* ${"x".repeat(10_000)}`;
    expect((await submitForm(form, "U0VOTER07", "other", comment)).status).toBe(200);
    await respondBody("long-1");
    const [seen] = await votesOn(604);
    expect(seen?.comment?.length).toBe(MAX_COMMENT_LENGTH);
    expect(seen?.comment?.startsWith("<@U123> <!channel>")).toBe(true);
    // Neither the thanks nor any call carries the comment: nobody is pinged.
    const sent = JSON.stringify([fake.calls.map((call) => call.body), fake.responds]);
    expect(sent).not.toContain("<@U123>");
    expect(sent).not.toContain("<!channel>");
    expect(sent).not.toContain("xxxxxxxxxx");
  });

  it("the thanks for a threaded answer goes beside it when the response URL has expired", async () => {
    const channel = fresh("C0THREAD");
    const ts = nextTs();
    await sendEvent(target, mentionEvent({ channel, ts, text: `<@${BOT_USER_ID}> 1012` }));
    const reply = await fake.waitForCall("chat.postMessage", (body) => body.channel === channel);
    const recordId = buttons(reply.body).get("feedback_not_right")?.value;
    if (typeof recordId !== "string") throw new Error("the thread reply has no feedback buttons");
    const replyTs = String(reply.result?.ts);
    const where = { user: "U0VOTER08", responseId: "gone-1", channel, messageTs: replyTs };
    const form = await openForm(recordId, where, ts);
    fake.failNext("respond", { kind: "http", status: 404 });
    const logs = captureLogs();
    try {
      expect((await submitForm(form, "U0VOTER08", "escalation")).status).toBe(200);
      const ephemeral = await fake.waitForCall("chat.postEphemeral");
      expect(ephemeral.body).toMatchObject({
        channel,
        user: "U0VOTER08",
        thread_ts: ts,
        text: "Thanks, noted.",
      });
    } finally {
      logs.restore();
    }
    // The thread reply itself was never touched.
    expect(fake.callsTo("chat.update")).toEqual([]);
  });

  it("a vote on an answer whose record has expired is refused plainly, and logged", async () => {
    // SQLite: a real answer, with the store's clock moved past the retention period.
    // Redis expires keys on its own clock: there, an id it no longer holds.
    const recordId =
      storeName === "sqlite" ? await slashAnswer("1012 points") : "kEyExpiredLongAgo";
    clockOffsetMs = (RETENTION_DAYS + 1) * DAY_MS;
    const logs = captureLogs();
    try {
      await click("feedback_helpful", recordId, { user: "U0VOTER09", responseId: "old-1" });
      expect(await respondBody("old-1")).toMatchObject({
        response_type: "ephemeral",
        replace_original: false,
        text: expect.stringContaining(
          `This answer is older than ${String(RETENTION_DAYS)} days; its record has expired`,
        ) as unknown,
      });
      const form = await openForm(recordId, { user: "U0VOTER09", responseId: "old-2" });
      const response = await submitForm(form, "U0VOTER09", "other");
      expect(response.json).toMatchObject({ response_action: "update" });
      expect(JSON.stringify(response.json)).toContain("its record has expired");
      expect(logs.matching(/record has expired/)).toHaveLength(2);
    } finally {
      logs.restore();
    }
  });
});

describe("feedback with recording off", () => {
  let fake: FakeSlack;
  let bot: RunningBot | null = null;
  let target: SlackTarget;

  beforeAll(async () => {
    fake = await FakeSlack.start();
    ({ bot, target } = await startHttpBot(fake, engine, { env: { LOYALTY_RECORDING: "off" } }));
  }, 15_000);

  afterAll(async () => {
    await bot?.stop();
    await fake.close();
  });

  it("answers carry no feedback buttons: there is no record for a vote to attach to", async () => {
    const response = await sendSlashCommand(target, { text: "803" });
    expect(response.text).toContain("share_answer");
    expect(response.text).not.toContain("feedback_");
  });

  it("a click on an answer from before recording was turned off says the vote was not kept", async () => {
    for (const actionId of ["feedback_helpful", "feedback_not_right"]) {
      const responseId = `off-${actionId}`;
      await sendInteraction(
        target,
        messageButtonPayload({
          channel: "C0SUPPORT1",
          messageTs: "1700000000.000001",
          ephemeral: true,
          responseUrl: fake.respondUrl(responseId),
          actionId,
          value: "rEcBeforeTurnOff",
        }),
      );
      const reply = await fake.waitFor(() => fake.responds.find((call) => call.id === responseId));
      expect(reply.body).toMatchObject({
        response_type: "ephemeral",
        replace_original: false,
        text: "Feedback is not being recorded at the moment, so your vote was not kept.",
      });
    }
    // No form is opened for a vote that would not be kept.
    expect(fake.callsTo("views.open")).toEqual([]);
  });
});

describe("which answers carry the feedback buttons", () => {
  let fake: FakeSlack;
  let bot: RunningBot | null = null;
  let target: SlackTarget;
  const store = new MemoryStore();

  beforeAll(async () => {
    fake = await FakeSlack.start();
    ({ bot, target } = await startHttpBot(fake, engine, { store }));
  }, 15_000);

  afterAll(async () => {
    await bot?.stop();
    await fake.close();
  });

  /** The record id on a posted message's Helpful and Not right buttons; throws without them. */
  function feedbackIdOf(body: JsonObject): string {
    const values = blocksOf(body)
      .filter((block) => block.type === "actions" && Array.isArray(block.elements))
      .flatMap((block) => (block.elements as unknown[]).filter(isRecord))
      .filter((button) => String(button.action_id).startsWith("feedback_"))
      .map((button) => String(button.value));
    const [id] = values;
    if (values.length !== 2 || id === undefined || values[1] !== id) {
      throw new Error(`no feedback buttons on ${JSON.stringify(body)}`);
    }
    return id;
  }

  const postTo = (channel: string) =>
    fake.waitForCall("chat.postMessage", (body) => body.channel === channel);

  it("a DM's answer, a paste's diagnosis, the shortcut's posted answer, a shared answer and a candidate's answer, each with its own record", async () => {
    await sendEvent(target, directMessageEvent({ channel: "D0FEEDBK01", text: "816 points" }));
    const dm = feedbackIdOf((await postTo("D0FEEDBK01")).body);

    await sendEvent(target, messageEvent({ channel: "C0PASTE001", text: redeemPaste803() }));
    const paste = feedbackIdOf((await postTo("C0PASTE001")).body);

    await sendInteraction(
      target,
      messageShortcutPayload({
        channel: "C0SHORT001",
        responseUrl: fake.respondUrl("shortcut"),
        message: { ts: nextTs(), text: "what does 1012 mean" },
      }),
    );
    const opened = (await fake.waitForCall("views.open")).body.view;
    if (!isRecord(opened)) throw new Error("the shortcut opened no view");
    await sendInteraction(
      target,
      viewButtonPayload(
        {
          id: "V0SHORT001",
          callbackId: "explain_loyalty_codes",
          privateMetadata: String(opened.private_metadata),
        },
        { actionId: "post_in_thread", value: "post" },
      ),
    );
    const shortcut = feedbackIdOf((await postTo("C0SHORT001")).body);

    const slash = await sendSlashCommand(target, { text: "1101", channel_id: "C0SHARE001" });
    const shareKey = blocksOf(slash.json)
      .flatMap((block) => (Array.isArray(block.elements) ? (block.elements as unknown[]) : []))
      .filter(isRecord)
      .find((button) => button.action_id === "share_answer")?.value;
    await sendInteraction(
      target,
      messageButtonPayload({
        channel: "C0SHARE001",
        messageTs: "1700000000.000001",
        ephemeral: true,
        responseUrl: fake.respondUrl("share"),
        actionId: "share_answer",
        value: String(shareKey),
      }),
    );
    const shared = feedbackIdOf((await postTo("C0SHARE001")).body);

    // A "did you mean" button's private answer comes back through the response URL.
    await sendInteraction(
      target,
      messageButtonPayload({
        channel: "C0SHARE001",
        messageTs: "1700000000.000002",
        ephemeral: true,
        responseUrl: fake.respondUrl("candidate"),
        actionId: "open_answer:0",
        value: "803 points",
      }),
    );
    const candidateReply = await fake.waitFor(() =>
      fake.responds.find((call) => call.id === "candidate"),
    );
    const candidate = feedbackIdOf(isRecord(candidateReply.body) ? candidateReply.body : {});

    expect(new Set([dm, paste, shortcut, shared, candidate]).size).toBe(5);
    const surfaces = (await store.records.since(0)).answers.map((answer) => answer.surface);
    expect(surfaces.sort()).toEqual(["candidate", "dm", "paste", "share", "shortcut", "slash"]);
  });
});
