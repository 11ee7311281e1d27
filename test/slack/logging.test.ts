/**
 * Tokens and the signing secret never reach the logs: the app runs at LOG_LEVEL=debug
 * with distinctive credentials while everything written to the console, stdout and
 * stderr is captured; and the built entry point, given malformed credentials, names
 * each variable without echoing its value.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryStore } from "../../src/store/index.js";
import type { Engine } from "../../src/engine/index.js";
import { createEngine } from "../../src/engine/index.js";
import type { RunningBot } from "../../src/slack/index.js";
import { startSlack } from "../../src/slack/index.js";
import type { CollectedRejections, SocketStandIn } from "../../support/bot.js";
import {
  collectRejections,
  socketConfig,
  startHttpBot,
  startSocketStandIn,
} from "../../support/bot.js";
import type { CapturedLogs } from "../../support/capture-logs.js";
import { captureLogs } from "../../support/capture-logs.js";
import { BOT_USER_ID, FakeSlack } from "../../support/fake-slack.js";
import { isRecord } from "../../src/guards.js";
import { redeemPaste803 } from "../../support/pastes.js";
import {
  mentionEvent,
  messageEvent,
  nextTs,
  sendEvent,
  sendSlashCommand,
  sendUrlVerification,
} from "../../support/signed.js";

// Distinctive values, split so that no scanner takes them for real credentials.
const BOT_TOKEN_BODY = "4242424242-LEAKCHECKbotTOKEN";
const APP_TOKEN_BODY = "A0LEAK-7777777777-LEAKCHECKappTOKEN";
const BOT_TOKEN = "xoxb-" + BOT_TOKEN_BODY;
const APP_TOKEN = "xapp-1-" + APP_TOKEN_BODY;
const SIGNING_SECRET = "deadbeefcafef00d" + "5ec2e7a11ce0b0b1";

/** Every form in which a credential could leak: whole, without its prefix, re-cased. */
const SECRETS: readonly (readonly [string, string])[] = [
  ["the bot token", BOT_TOKEN],
  ["the bot token without its prefix", BOT_TOKEN_BODY],
  ["the app token", APP_TOKEN],
  ["the app token without its prefix", APP_TOKEN_BODY],
  ["the signing secret", SIGNING_SECRET],
  ["the signing secret in upper case", SIGNING_SECRET.toUpperCase()],
  ["half of the signing secret", SIGNING_SECRET.slice(0, 16)],
];

function leaks(text: string, secrets: readonly (readonly [string, string])[] = SECRETS): string[] {
  return secrets.filter(([, value]) => text.includes(value)).map(([label]) => label);
}

function waitUntil<T>(find: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = () => {
      const found = find();
      if (found !== undefined) resolve(found);
      else if (Date.now() >= deadline) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

// ---------------------------------------------------------------------------------------
// In process, at LOG_LEVEL=debug
// ---------------------------------------------------------------------------------------

describe("logs at LOG_LEVEL=debug", () => {
  let logs: CapturedLogs;
  let fake: FakeSlack;
  let engine: Engine;
  let unhandled: CollectedRejections;
  const running: RunningBot[] = [];
  let socketStandIn: SocketStandIn | null = null;

  beforeAll(async () => {
    unhandled = collectRejections();
    logs = captureLogs();
    fake = await FakeSlack.start();
    engine = createEngine();
  });

  afterAll(async () => {
    for (const bot of running) await bot.stop();
    await socketStandIn?.close();
    await fake.close();
    logs.restore();
    unhandled.stop();
  }, 10_000);

  it("HTTP mode: start-up, requests, failing Web API calls, a bad signature and stop leak nothing", async () => {
    const from = logs.entries.length;
    const { bot, target } = await startHttpBot(fake, engine, {
      env: {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        LOG_LEVEL: "debug",
      },
      outbox: { retries: 1, backoffMs: 20, maxRateLimitWaitMs: 0 },
    });
    running.push(bot);
    expect(target.signingSecret).toBe(SIGNING_SECRET);
    // The token went to Slack (so the logs had the chance to show it).
    const auth = fake.callsTo("auth.test")[0];
    expect(auth?.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);

    expect((await sendUrlVerification(target, "challenge-1")).status).toBe(200);
    expect((await sendSlashCommand(target, { text: "803" })).status).toBe(200);
    const channel = "C0LOGGING1";
    const answered = nextTs();
    await sendEvent(target, mentionEvent({ channel, ts: answered, text: `<@${BOT_USER_ID}> 803` }));
    await sendEvent(target, messageEvent({ channel, text: redeemPaste803() }));
    // Failing Web API calls: Slack's ok:false, and an HTTP 500 past the retry budget.
    const refused = nextTs();
    const inThread = (ts: string) => (body: Record<string, unknown>) => body.thread_ts === ts;
    fake.failNextWhere("chat.postMessage", inThread(refused), {
      kind: "error",
      error: "invalid_auth",
    });
    await sendEvent(target, mentionEvent({ channel, ts: refused, text: `<@${BOT_USER_ID}> 1012` }));
    await waitUntil(
      () => (logs.matching(/giving up a thread reply/, from).length >= 1 ? true : undefined),
      5000,
      "the first failure to be logged",
    );
    const failing = nextTs();
    fake.failNextWhere("chat.postMessage", inThread(failing), { kind: "http", status: 500 }, 2);
    await sendEvent(target, mentionEvent({ channel, ts: failing, text: `<@${BOT_USER_ID}> 8015` }));
    // A request signed with another secret, and one with a forged signature.
    const wrongSecret = await sendSlashCommand(
      target,
      { text: "803" },
      { secret: "0123456789abcdef0123456789abcdef" },
    );
    expect(wrongSecret.status).toBe(401);
    const forged = await sendEvent(
      target,
      mentionEvent({ channel, text: `<@${BOT_USER_ID}> 803` }),
      { signature: `v0=${"0".repeat(64)}` },
    );
    expect(forged.response.status).toBe(401);

    await waitUntil(
      () => (logs.matching(/giving up a thread reply/, from).length >= 2 ? true : undefined),
      5000,
      "both failures to be logged",
    );
    await bot.stop();
    running.splice(running.indexOf(bot), 1);

    const captured = logs.entries.slice(from).join("\n");
    // The capture saw the debug output, the failures and the refused requests ...
    expect(logs.matching(/\[DEBUG\]/, from).length).toBeGreaterThan(10);
    expect(captured).toContain("loyalty-code bot is running in HTTP mode");
    expect(captured).toMatch(/http request headers/);
    expect(captured).toMatch(/\(invalid_auth\)/);
    expect(captured).toMatch(/statusCode = 500/);
    expect(captured).toMatch(/signature/i);
    // ... and not one credential.
    expect(leaks(captured)).toEqual([]);
    expect(unhandled.rejections).toEqual([]);
  }, 20_000);

  it("Socket Mode: start-up, an envelope and stop leak neither token", async () => {
    const from = logs.entries.length;
    socketStandIn = await startSocketStandIn(fake, {
      hello: { type: "hello", num_connections: 1 },
      query: "ticket=t",
    });
    const { received, sockets } = socketStandIn;

    const config = socketConfig(fake, {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      LOG_LEVEL: "debug",
    });
    const bot = await startSlack(config, engine, {
      handleSignals: false,
      store: new MemoryStore(),
    });
    running.push(bot);
    // The app token went to Slack (so the logs had the chance to show it).
    const open = fake.callsTo("apps.connections.open")[0];
    expect(open?.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
    const socket = await waitUntil(() => [...sockets][0], 5000, "the bot to connect");
    socket.send(
      JSON.stringify({
        envelope_id: "env-log-1",
        type: "slash_commands",
        accepts_response_payload: true,
        payload: {
          token: "legacy-token",
          team_id: "T1",
          channel_id: "C1",
          user_id: "U1",
          command: "/loyalty-code",
          text: "803",
          api_app_id: "A0LOYALTY",
          response_url: fake.respondUrl("log-1"),
          trigger_id: "t",
        },
      }),
    );
    await waitUntil(
      () => received.find((frame) => isRecord(frame) && frame.envelope_id === "env-log-1"),
      5000,
      "the ack of the envelope",
    );
    await bot.stop();
    running.splice(running.indexOf(bot), 1);
    // Capture the close handshake's logs too (bounded: stop() does not wait for it).
    await waitUntil(() => (sockets.size === 0 ? true : undefined), 2000, "the socket to close");

    const captured = logs.entries.slice(from).join("\n");
    expect(logs.matching(/\[DEBUG\]/, from).length).toBeGreaterThan(5);
    expect(captured).toContain("loyalty-code bot is running in Socket Mode");
    expect(leaks(captured)).toEqual([]);
    expect(unhandled.rejections).toEqual([]);
  }, 20_000);
});

// ---------------------------------------------------------------------------------------
// The built entry point with malformed credentials
// ---------------------------------------------------------------------------------------

describe("npm start with malformed credentials", () => {
  const entry = fileURLToPath(new URL("../../dist/src/index.js", import.meta.url));
  // No .env in the working directory: only the variables given here count.
  let cwd: string;
  const baseEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(SLACK_|PORT$|LOG_LEVEL$|PASTE_CHANNELS$)/.test(name)) {
      baseEnv[name] = value;
    }
  }

  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), "loyalty-start-"));
    // The spawned process runs the build: make sure it is the build of these sources.
    for (const file of ["index", "config"]) {
      const source = statSync(new URL(`../../src/${file}.ts`, import.meta.url)).mtimeMs;
      const built = statSync(new URL(`../../dist/src/${file}.js`, import.meta.url)).mtimeMs;
      if (built < source) throw new Error(`dist/src/${file}.js is stale: run npm run build`);
    }
  });

  afterAll(() => {
    rmSync(cwd, { recursive: true, force: true });
  });

  function start(env: Record<string, string>) {
    const result = spawnSync(process.execPath, [entry], {
      cwd,
      encoding: "utf8",
      input: "",
      env: { ...baseEnv, ...env },
      timeout: 15_000,
    });
    return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
  }

  const BAD_BOT = "xoxp-" + "LEAKCHECK-user-token-31337";
  const BAD_APP = "xapp-" + "LEAK";
  const BAD_SECRET = "LEAKCHECK-not-hex-" + "at-all-0000000";
  const BAD: readonly (readonly [string, string])[] = [
    ["SLACK_BOT_TOKEN's value", BAD_BOT],
    ["SLACK_BOT_TOKEN's distinctive part", "LEAKCHECK-user-token"],
    ["SLACK_APP_TOKEN's value", BAD_APP],
    ["SLACK_SIGNING_SECRET's value", BAD_SECRET],
    ["SLACK_SIGNING_SECRET's distinctive part", "not-hex-at-all"],
  ];

  it("names all three malformed variables, echoes none, and exits non-zero", () => {
    const { status, output } = start({
      SLACK_BOT_TOKEN: BAD_BOT,
      SLACK_APP_TOKEN: BAD_APP,
      SLACK_SIGNING_SECRET: BAD_SECRET,
    });
    expect(status).not.toBe(0);
    expect(status).not.toBeNull();
    for (const name of ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"]) {
      expect(output).toContain(`${name} does not look right`);
    }
    expect(leaks(output, BAD)).toEqual([]);
  });

  it("with well-formed tokens but no Slack to reach: fails to start, exits non-zero, echoes neither token", async () => {
    // A loopback port nothing listens on.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => {
      closed.close(() => {
        resolve();
      });
    });
    const started = Date.now();
    const { status, output } = start({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
    });
    expect(status).not.toBe(0);
    expect(status).not.toBeNull();
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(output).toContain("failed to start");
    expect(leaks(output)).toEqual([]);
  }, 20_000);

  it.each([
    [
      "Socket Mode, the bot token pasted as the app token",
      { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: BOT_TOKEN },
      ["SLACK_APP_TOKEN does not look right"],
    ],
    [
      "Socket Mode, the app token pasted as the bot token",
      { SLACK_BOT_TOKEN: APP_TOKEN, SLACK_APP_TOKEN: APP_TOKEN },
      ["SLACK_BOT_TOKEN does not look right"],
    ],
    [
      "Socket Mode, an app token with a line break and text after it",
      { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: `${APP_TOKEN}\nLEAKCHECK=trailing` },
      ["SLACK_APP_TOKEN does not look right"],
    ],
    [
      "Socket Mode, an app token but no bot token",
      { SLACK_APP_TOKEN: APP_TOKEN },
      ["SLACK_BOT_TOKEN is missing"],
    ],
    [
      "HTTP mode, the bot token pasted as the signing secret",
      { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: BOT_TOKEN },
      ["SLACK_SIGNING_SECRET does not look right"],
    ],
    [
      "HTTP mode, a signing secret one character short",
      { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET.slice(1) },
      ["SLACK_SIGNING_SECRET does not look right"],
    ],
  ])("%s: named, never echoed, exit non-zero", (_label, env, expected) => {
    const { status, output } = start(env);
    expect(status).not.toBe(0);
    expect(status).not.toBeNull();
    for (const message of expected) expect(output).toContain(message);
    const given = Object.values(env);
    expect(
      leaks(output, [
        ...SECRETS,
        ...given.map((value) => [`a given value (${value.slice(0, 6)}…)`, value] as const),
        ["the text after the line break", "LEAKCHECK=trailing"],
        ["the signing secret's tail", SIGNING_SECRET.slice(1)],
      ]),
    ).toEqual([]);
  });
});
