/**
 * Start-up against a Slack that refuses the bot token. Kept in a file of its own: when
 * the token check is not awaited, its failure surfaces as an unhandled rejection, which
 * would otherwise muddle the results of the other end-to-end tests.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../src/config.js";
import type { Engine } from "../../src/engine/index.js";
import { createEngine } from "../../src/engine/index.js";
import type { RunningBot } from "../../src/slack/start.js";
import { startSlack } from "../../src/slack/start.js";
import { FakeSlack } from "./support/fake-slack.js";

const SIGNING_SECRET = "8f742231b10e8888abcd99b0c0d085a5";
const BOT_TOKEN = "xoxb-" + "1234567890-abcdefghi";

let fake: FakeSlack;
let engine: Engine;
const started: RunningBot[] = [];
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => {
  rejections.push(reason);
};

beforeAll(async () => {
  process.on("unhandledRejection", onRejection);
  fake = await FakeSlack.start();
  engine = createEngine();
});

afterAll(async () => {
  for (const bot of started) await bot.stop();
  await fake.close();
  process.off("unhandledRejection", onRejection);
});

describe("start-up when Slack refuses the bot token", () => {
  it("rejects from startSlack with the Slack error, leaving no unhandled rejection", async () => {
    const config = readConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: "3000",
      SLACK_API_URL: fake.apiUrl,
      LOG_LEVEL: "error",
    });
    if (config.mode !== "http") throw new Error(`expected HTTP mode, got ${config.mode}`);
    fake.failNext("auth.test", { kind: "error", error: "invalid_auth" });

    let outcome: "started" | "rejected" = "started";
    let error: unknown = null;
    try {
      started.push(
        await startSlack({ ...config, port: 0 }, engine, {
          handleSignals: false,
          host: "127.0.0.1",
          retryConfig: { retries: 0 },
        }),
      );
    } catch (caught) {
      outcome = "rejected";
      error = caught;
    }
    // Let the refused auth.test answer arrive and its promise settle, however it is handled.
    await fake.waitForCall("auth.test");
    await fake
      .waitFor(() => rejections.length > 0 || outcome === "rejected", 1000)
      .catch(() => undefined);

    expect(rejections).toEqual([]);
    expect(outcome).toBe("rejected");
    expect(String(error)).toContain("invalid_auth");
  });
});
