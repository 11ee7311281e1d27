/**
 * Socket Mode over the wire: the bot opens a connection through apps.connections.open
 * (answered by the fake Web API), a local WebSocket server plays Slack's side, sends
 * hello and envelopes (a slash command, the message shortcut, a DM, the Home tab opened,
 * an Escalate click and its submission); every envelope must be acknowledged, and what
 * the agent sees must reach the fake Web API.
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MemoryStore } from "../../src/store/index.js";
import { createEngine } from "../../src/engine/index.js";
import type { RunningBot } from "../../src/slack/index.js";
import { startSlack } from "../../src/slack/index.js";
import type { SocketStandIn } from "../../support/bot.js";
import { socketConfig, startSocketStandIn } from "../../support/bot.js";
import type { JsonObject } from "../../support/fake-slack.js";
import { FakeSlack, blockText, blocksOf, textsOf } from "../../support/fake-slack.js";
import { isRecord } from "../../src/guards.js";
import { REQUEST_ID_604, transactionAddPaste604 } from "../../support/pastes.js";
import {
  appHomeOpenedEvent,
  directMessageEvent,
  eventEnvelope,
  messageButtonPayload,
  messageShortcutPayload,
  nextEventId,
  nextTs,
  viewSubmissionPayload,
} from "../../support/signed.js";

/** Teams with channels: 604 on a transaction goes to the integration engineers here. */
const TEAMS_FILE = fileURLToPath(
  new URL("../fixtures/slack/teams-with-channels.yml", import.meta.url),
);
const INTEGRATION_CHANNEL = "C0INTEG001";

let fake: FakeSlack;
/** Slack's side of the connection; its `received` holds every frame the bot sent, parsed. */
let slack: SocketStandIn;
let bot: RunningBot | null = null;

function waitUntil<T>(find: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = () => {
      const found = find();
      if (found !== undefined) {
        resolve(found);
      } else if (Date.now() >= deadline) {
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      } else {
        setTimeout(poll, 10);
      }
    };
    poll();
  });
}

beforeAll(async () => {
  fake = await FakeSlack.start();
  slack = await startSocketStandIn(fake);
  bot = await startSlack(socketConfig(fake), createEngine({ teamsFile: TEAMS_FILE }), {
    handleSignals: false,
    store: new MemoryStore(),
  });
}, 15_000);

afterAll(async () => {
  // Bolt's stop() starts the close handshake without waiting for it: wait (bounded) for the
  // bot's socket to close, then force-close whatever is left so the suite cannot hang.
  await bot?.stop();
  await waitUntil(
    () => (slack.sockets.size === 0 ? true : undefined),
    2000,
    "the bot to close",
  ).catch(() => undefined);
  await slack.close();
  await fake.close();
}, 10_000);

let envelopes = 0;

/**
 * Sends `payload` in an envelope of `type` over the bot's connection and returns the
 * bot's acknowledgement of it (failing when none comes within 3 s, Slack's limit).
 */
async function deliver(
  type: "events_api" | "interactive",
  payload: unknown,
): Promise<Record<string, unknown>> {
  const [socket] = [...slack.sockets];
  if (socket === undefined) throw new Error("the bot is not connected");
  envelopes++;
  const envelopeId = `env-new-${String(envelopes)}`;
  socket.send(
    JSON.stringify({
      envelope_id: envelopeId,
      type,
      accepts_response_payload: type === "interactive",
      ...(type === "events_api" ? { retry_attempt: 0, retry_reason: "" } : {}),
      payload,
    }),
  );
  const ack = await waitUntil(
    () => slack.received.find((frame) => isRecord(frame) && frame.envelope_id === envelopeId),
    3000,
    `the ack of ${envelopeId}`,
  );
  if (!isRecord(ack)) throw new Error("the ack is not an object");
  return ack;
}

const event = (body: Record<string, unknown>): unknown =>
  JSON.parse(eventEnvelope(body, nextEventId()));

const shown = (body: unknown): string => (isRecord(body) ? textsOf(body).join("\n") : "");

function viewIn(body: JsonObject): JsonObject {
  if (!isRecord(body.view)) throw new Error("no view in the call");
  return body.view;
}

function escalateValueOf(body: unknown): string {
  const button = blocksOf(body)
    .filter((block) => block.type === "actions")
    .flatMap((block) => (Array.isArray(block.elements) ? (block.elements as unknown[]) : []))
    .find((element) => isRecord(element) && element.action_id === "escalate");
  if (!isRecord(button) || typeof button.value !== "string") throw new Error("no Escalate");
  return button.value;
}

describe("Socket Mode", () => {
  it("connects through apps.connections.open and has no HTTP server", () => {
    expect(bot?.server).toBeNull();
    expect(fake.callsTo("apps.connections.open").length).toBeGreaterThanOrEqual(1);
    expect(slack.sockets.size).toBe(1);
  });

  it("acks a slash command envelope with the ephemeral answer as its payload", async () => {
    const [socket] = [...slack.sockets];
    if (socket === undefined) throw new Error("the bot is not connected");
    socket.send(
      JSON.stringify({
        envelope_id: "env-1",
        type: "slash_commands",
        accepts_response_payload: true,
        payload: {
          token: "legacy-token",
          team_id: "T1",
          team_domain: "fake",
          channel_id: "C1",
          channel_name: "support",
          user_id: "U1",
          user_name: "agent",
          command: "/loyalty-code",
          text: "803",
          api_app_id: "A0LOYALTY",
          is_enterprise_install: "false",
          response_url: fake.respondUrl("socket-1"),
          trigger_id: "t",
        },
      }),
    );
    const ack = await waitUntil(
      () => slack.received.find((frame) => isRecord(frame) && frame.envelope_id === "env-1"),
      5000,
      "the ack of env-1",
    );
    if (!isRecord(ack) || !isRecord(ack.payload)) throw new Error("the ack has no payload");
    expect(ack.payload.response_type).toBe("ephemeral");
    const shown = blocksOf(ack.payload).map(blockText).join("\n");
    expect(shown).toContain("803");
    expect(shown.toLowerCase()).toContain("points");
    const buttons = blocksOf(ack.payload)
      .filter((block) => block.type === "actions")
      .flatMap((block) => (Array.isArray(block.elements) ? (block.elements as unknown[]) : []));
    expect(buttons).toEqual([
      expect.objectContaining({ type: "button", action_id: "share_answer" }),
      expect.objectContaining({ type: "button", action_id: "feedback_helpful" }),
      expect.objectContaining({ type: "button", action_id: "feedback_not_right" }),
    ]);
    // The answer went back in the ack only.
    expect(fake.responds).toHaveLength(0);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(0);
  });
});

describe("Socket Mode, the surfaces beyond the slash command", () => {
  beforeEach(() => {
    fake.reset();
  });

  it("opens the answer modal for the message shortcut", async () => {
    await deliver(
      "interactive",
      messageShortcutPayload({
        channel: "C0SOCKET01",
        responseUrl: fake.respondUrl("socket-shortcut"),
        message: { ts: nextTs(), text: "803 points" },
      }),
    );
    const open = await fake.waitForCall("views.open");
    const view = viewIn(open.body);
    expect(view).toMatchObject({ type: "modal", title: { text: "Loyalty codes" } });
    expect(shown(view)).toContain("803 · points");
    expect(fake.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("answers a direct message in the DM", async () => {
    const channel = "D0SOCKET01";
    await deliver("events_api", event(directMessageEvent({ channel, text: "803" })));
    const post = await fake.waitForCall("chat.postMessage", (body) => body.channel === channel);
    expect(post.body.thread_ts).toBeUndefined();
    expect(post.body.text).toMatch(/^\*803 · points\*: Unable to redeem/);
  });

  it("publishes the Home tab when it is opened", async () => {
    await deliver("events_api", event(appHomeOpenedEvent("U0SOCKET01", "home")));
    const publish = await fake.waitForCall(
      "views.publish",
      (body) => body.user_id === "U0SOCKET01",
    );
    const view = viewIn(publish.body);
    expect(view.type).toBe("home");
    expect(shown(view)).toContain("How to ask");
  });

  it("opens the escalation modal from Escalate and posts the packet to the team's channel", async () => {
    const channel = "D0SOCKET02";
    await deliver(
      "events_api",
      event(directMessageEvent({ channel, text: transactionAddPaste604() })),
    );
    const answer = await fake.waitForCall("chat.postMessage", (body) => body.channel === channel);
    await deliver(
      "interactive",
      messageButtonPayload({
        channel,
        messageTs: String(answer.result?.ts),
        responseUrl: fake.respondUrl("socket-escalate"),
        actionId: "escalate",
        value: escalateValueOf(answer.body),
      }),
    );
    const modal = viewIn((await fake.waitForCall("views.open")).body);
    expect(modal).toMatchObject({ callback_id: "escalation" });
    expect(shown(modal)).toContain(`Request id (X-CAP-REQUEST-ID): ${REQUEST_ID_604}`);
    const ack = await deliver(
      "interactive",
      viewSubmissionPayload({
        id: "V0SOCKET01",
        callbackId: "escalation",
        privateMetadata: String(modal.private_metadata),
        values: {
          checked: {
            checked_text: { type: "plain_text_input", value: "Retried once; same error." },
          },
        },
      }),
    );
    // The modal turns to "sending" through the acknowledgement itself.
    expect(ack.payload).toMatchObject({ response_action: "update" });
    const teamPost = await fake.waitForCall(
      "chat.postMessage",
      (body) => body.channel === INTEGRATION_CHANNEL,
    );
    expect(shown(teamPost.body)).toContain("Retried once; same error.");
    expect(shown(teamPost.body)).toContain(REQUEST_ID_604);
    const update = await fake.waitForCall("views.update", (body) => body.view_id === "V0SOCKET01");
    expect(shown(viewIn(update.body))).toContain(
      `Escalated to *Loyalty integration engineers* in <#${INTEGRATION_CHANNEL}>`,
    );
  });
});
