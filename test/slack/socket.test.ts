/**
 * Socket Mode smoke test: the bot opens a connection through apps.connections.open
 * (answered by the fake Web API), a local WebSocket server plays Slack's side, sends
 * hello and a slash command envelope, and the bot's ack must carry the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryStore } from "../../src/store/index.js";
import { createEngine } from "../../src/engine/index.js";
import type { RunningBot } from "../../src/slack/index.js";
import { startSlack } from "../../src/slack/index.js";
import type { SocketStandIn } from "../../support/bot.js";
import { socketConfig, startSocketStandIn } from "../../support/bot.js";
import { FakeSlack, blockText, blocksOf } from "../../support/fake-slack.js";
import { isRecord } from "../../src/guards.js";

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
  bot = await startSlack(socketConfig(fake), createEngine(), {
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
