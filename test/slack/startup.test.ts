/**
 * Start-up against a Slack that refuses the bot token. Kept in a file of its own: when
 * the token check is not awaited, its failure surfaces as an unhandled rejection, which
 * would otherwise muddle the results of the other end-to-end tests.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../../src/engine/index.js";
import { createEngine } from "../../src/engine/index.js";
import type { RunningBot } from "../../src/slack/index.js";
import type { CollectedRejections } from "../../support/bot.js";
import { collectRejections, startHttpBot } from "../../support/bot.js";
import { FakeSlack } from "../../support/fake-slack.js";

let fake: FakeSlack;
let engine: Engine;
const started: RunningBot[] = [];
let unhandled: CollectedRejections;

beforeAll(async () => {
  unhandled = collectRejections();
  fake = await FakeSlack.start();
  engine = createEngine();
});

afterAll(async () => {
  for (const bot of started) await bot.stop();
  await fake.close();
  unhandled.stop();
});

describe("start-up when Slack refuses the bot token", () => {
  it("rejects from startSlack with the Slack error, leaving no unhandled rejection", async () => {
    fake.failNext("auth.test", { kind: "error", error: "invalid_auth" });

    let outcome: "started" | "rejected" = "started";
    let error: unknown = null;
    try {
      const { bot } = await startHttpBot(fake, engine);
      started.push(bot);
    } catch (caught) {
      outcome = "rejected";
      error = caught;
    }
    // Let the refused auth.test answer arrive and its promise settle, however it is handled.
    await fake.waitForCall("auth.test");
    await fake
      .waitFor(() => unhandled.rejections.length > 0 || outcome === "rejected", 1000)
      .catch(() => undefined);

    expect(unhandled.rejections).toEqual([]);
    expect(outcome).toBe("rejected");
    expect(String(error)).toContain("invalid_auth");
  });
});
