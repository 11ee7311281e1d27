/**
 * Socket Mode smoke test: the bot opens a connection through apps.connections.open
 * (answered by the fake Web API), a local WebSocket server plays Slack's side, sends
 * hello and a slash command envelope, and the bot's ack must carry the answer.
 */
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import { WebSocketServer } from "ws";
import { readConfig } from "../../src/config.js";
import { createEngine } from "../../src/engine/index.js";
import type { RunningBot } from "../../src/slack/start.js";
import { startSlack } from "../../src/slack/start.js";
import { FakeSlack, blockText, blocksOf, isRecord } from "./support/fake-slack.js";

const BOT_TOKEN = "xoxb-" + "1234567890-abcdefghi";
const APP_TOKEN = "xapp-1-" + "A0LOYALTY-123456789a";

let fake: FakeSlack;
let wss: WebSocketServer;
let bot: RunningBot | null = null;
const sockets = new Set<WebSocket>();
/** Every frame the bot sent, parsed. */
const received: unknown[] = [];

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
  wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve, reject) => {
    wss.once("listening", resolve);
    wss.once("error", reject);
  });
  const wsPort = (wss.address() as AddressInfo).port;
  fake.socketUrl = `ws://127.0.0.1:${wsPort}/link/?ticket=test-ticket&app_id=A0LOYALTY`;
  wss.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("message", (data: Buffer) => {
      try {
        received.push(JSON.parse(data.toString("utf8")));
      } catch {
        received.push(data.toString("utf8"));
      }
    });
    socket.on("close", () => sockets.delete(socket));
    socket.send(
      JSON.stringify({
        type: "hello",
        num_connections: 1,
        debug_info: { host: "applink-test", approximate_connection_time: 18060 },
        connection_info: { app_id: "A0LOYALTY" },
      }),
    );
  });

  const config = readConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_APP_TOKEN: APP_TOKEN,
    SLACK_API_URL: fake.apiUrl,
    LOG_LEVEL: "error",
  });
  if (config.mode !== "socket") throw new Error(`expected Socket Mode, got ${config.mode}`);
  bot = await startSlack(config, createEngine(), {
    handleSignals: false,
    retryConfig: { retries: 0 },
  });
}, 15_000);

afterAll(async () => {
  // Bolt's stop() starts the close handshake without waiting for it: wait (bounded) for the
  // bot's socket to close, then force-close whatever is left so the suite cannot hang.
  await bot?.stop();
  await waitUntil(() => (sockets.size === 0 ? true : undefined), 2000, "the bot to close").catch(
    () => undefined,
  );
  for (const socket of sockets) socket.terminate();
  await new Promise<void>((resolve) => {
    wss.close(() => {
      resolve();
    });
  });
  await fake.close();
}, 10_000);

describe("Socket Mode", () => {
  it("connects through apps.connections.open and has no HTTP server", () => {
    expect(bot?.server).toBeNull();
    expect(fake.callsTo("apps.connections.open").length).toBeGreaterThanOrEqual(1);
    expect(sockets.size).toBe(1);
  });

  it("acks a slash command envelope with the ephemeral answer as its payload", async () => {
    const [socket] = [...sockets];
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
      () => received.find((frame) => isRecord(frame) && frame.envelope_id === "env-1"),
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
      expect.objectContaining({ type: "button", action_id: "share_answer", value: "803" }),
    ]);
    // The answer went back in the ack only.
    expect(fake.responds).toHaveLength(0);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(0);
  });
});
