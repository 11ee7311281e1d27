/**
 * Setup shared by the Slack end-to-end tests: test credentials, the bot's configuration
 * in HTTP mode and Socket Mode, starting the bot on a loopback port, collecting unhandled
 * promise rejections, and a local WebSocket server standing in for Slack's Socket Mode
 * endpoint.
 */
import type { AddressInfo } from "node:net";
import { expect } from "vitest";
import type { WebSocket } from "ws";
import { WebSocketServer } from "ws";
import type { Config } from "../src/config.js";
import { readConfig } from "../src/config.js";
import type { Engine } from "../src/engine/index.js";
import type { BuildOptions } from "../src/slack/index.js";
import type { RunningBot } from "../src/slack/index.js";
import { startSlack } from "../src/slack/index.js";
import { MemoryStore } from "../src/store/index.js";
import type { FakeSlack } from "./fake-slack.js";
import { BOT_USER_ID } from "./fake-slack.js";
import type { SlackTarget } from "./signed.js";
import { mentionEvent, nextTs, sendEvent } from "./signed.js";

// Well-formed but fake credentials, split so that no scanner takes them for real ones.
// Tests that look for a credential in what the bot writes use distinctive values of their own.
export const TEST_SIGNING_SECRET = "8f742231b10e8888abcd99b0c0d085a5";
export const TEST_BOT_TOKEN = "xoxb-" + "1234567890-abcdefghi";
export const TEST_APP_TOKEN = "xapp-1-" + "A0LOYALTY-123456789a";

/** Environment variables as readConfig takes them. */
export type Env = Readonly<Record<string, string>>;

export type HttpConfig = Extract<Config, { mode: "http" }>;
export type SocketConfig = Extract<Config, { mode: "socket" }>;

/**
 * The configuration of the bot in HTTP mode, talking to `fake`: the test credentials, an
 * ephemeral port and LOG_LEVEL=error, each of which `overrides` may replace.
 */
export function httpConfig(fake: FakeSlack, overrides: Env = {}): HttpConfig {
  const config = readConfig({
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    PORT: "0",
    SLACK_API_URL: fake.apiUrl,
    LOG_LEVEL: "error",
    ...overrides,
  });
  if (config.mode !== "http") throw new Error(`expected HTTP mode, got ${config.mode}`);
  return config;
}

/**
 * The configuration of the bot in Socket Mode, talking to `fake`: the test tokens and
 * LOG_LEVEL=error, each of which `overrides` may replace.
 */
export function socketConfig(fake: FakeSlack, overrides: Env = {}): SocketConfig {
  const config = readConfig({
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_APP_TOKEN: TEST_APP_TOKEN,
    SLACK_API_URL: fake.apiUrl,
    LOG_LEVEL: "error",
    ...overrides,
  });
  if (config.mode !== "socket") throw new Error(`expected Socket Mode, got ${config.mode}`);
  return config;
}

/** Replies are tried once: a failure shows at once, as tests of failures want. */
export const NO_RETRIES = { retries: 0, backoffMs: 0, maxRateLimitWaitMs: 0 };

export interface HttpBotOptions extends Partial<BuildOptions> {
  /** Environment variables on top of httpConfig's defaults. */
  env?: Env;
}

export interface HttpBot {
  bot: RunningBot;
  /** Where to send signed requests: the bot's port and its signing secret. */
  target: SlackTarget;
}

/**
 * Starts the bot in HTTP mode on 127.0.0.1 and an ephemeral port, without signal handlers
 * with an in-memory store and, unless `options` say otherwise, without retries. Rejects as
 * startSlack does (when Slack refuses the token, for one).
 */
export async function startHttpBot(
  fake: FakeSlack,
  engine: Engine,
  options: HttpBotOptions = {},
): Promise<HttpBot> {
  const { env = {}, ...buildOptions } = options;
  const config = httpConfig(fake, env);
  const bot = await startSlack(config, engine, {
    store: new MemoryStore(),
    outbox: NO_RETRIES,
    ...buildOptions,
    handleSignals: false,
    host: "127.0.0.1",
  });
  if (bot.server === null) {
    await bot.stop();
    throw new Error("HTTP mode should have a server");
  }
  return {
    bot,
    target: {
      port: (bot.server.address() as AddressInfo).port,
      signingSecret: config.signingSecret,
    },
  };
}

/**
 * Delivers a mention in a channel of its own (C0BARRIER) and waits for its reply in the
 * thread. Every request sent before it was acknowledged and dispatched before this one, so
 * once this reply arrived, any reply those would have caused has been attempted: no blind
 * sleep is needed to say "nothing was posted".
 */
export async function replyBarrier(
  fake: FakeSlack,
  to: SlackTarget,
  timeoutMs = 5000,
): Promise<void> {
  const channel = "C0BARRIER";
  const ts = nextTs();
  const { response } = await sendEvent(
    to,
    mentionEvent({ channel, ts, text: `<@${BOT_USER_ID}> 803` }),
  );
  expect(response.status).toBe(200);
  await fake.waitFor(
    () => fake.posted().find((call) => call.body.channel === channel && call.body.thread_ts === ts),
    timeoutMs,
  );
}

export interface CollectedRejections {
  /** The reason of every unhandled promise rejection since collecting started, in order. */
  readonly rejections: unknown[];
  /** Stops collecting. */
  stop(): void;
}

/** Collects the process's unhandled promise rejections until stop() is called. */
export function collectRejections(): CollectedRejections {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => {
    rejections.push(reason);
  };
  process.on("unhandledRejection", onRejection);
  return {
    rejections,
    stop: () => {
      process.off("unhandledRejection", onRejection);
    },
  };
}

export interface SocketStandInOptions {
  /** The hello frame sent to each connection; a realistic one unless given. */
  hello?: Readonly<Record<string, unknown>>;
  /** The query of the ws:// URL apps.connections.open hands out. */
  query?: string;
}

export interface SocketStandIn {
  /** Every frame the bot sent, parsed as JSON when it is JSON. */
  readonly received: unknown[];
  /** The open connections. */
  readonly sockets: Set<WebSocket>;
  /** Terminates every open connection and closes the server. */
  close(): Promise<void>;
}

/**
 * A WebSocket server on 127.0.0.1 playing Slack's side of Socket Mode: `fake` hands out
 * its URL from apps.connections.open, and every connection is greeted with a hello frame.
 */
export async function startSocketStandIn(
  fake: FakeSlack,
  options: SocketStandInOptions = {},
): Promise<SocketStandIn> {
  const {
    hello = {
      type: "hello",
      num_connections: 1,
      debug_info: { host: "applink-test", approximate_connection_time: 18060 },
      connection_info: { app_id: "A0LOYALTY" },
    },
    query = "ticket=test-ticket&app_id=A0LOYALTY",
  } = options;
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const received: unknown[] = [];
  const sockets = new Set<WebSocket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("message", (data: Buffer) => {
      try {
        received.push(JSON.parse(data.toString("utf8")));
      } catch {
        received.push(data.toString("utf8"));
      }
    });
    socket.on("close", () => sockets.delete(socket));
    socket.send(JSON.stringify(hello));
  });
  fake.socketUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link/?${query}`;
  return {
    received,
    sockets,
    close: async () => {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}
