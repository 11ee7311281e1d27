/**
 * What the bot counts in its store as it answers over the wire: answers per surface,
 * the codes asked about (the home tab's "most asked") and the codes the catalog does not
 * know (which tell maintainers what to add).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/index.js";
import type { RunningBot } from "../../src/slack/index.js";
import { MemoryStore } from "../../src/store/index.js";
import { startHttpBot } from "../../support/bot.js";
import { BOT_USER_ID, FakeSlack } from "../../support/fake-slack.js";
import { redeemPaste803 } from "../../support/pastes.js";
import type { SlackTarget } from "../../support/signed.js";
import {
  mentionEvent,
  messageEvent,
  nextTs,
  sendEvent,
  sendSlashCommand,
} from "../../support/signed.js";

let fake: FakeSlack;
let bot: RunningBot;
let target: SlackTarget;
const store = new MemoryStore();

beforeAll(async () => {
  fake = await FakeSlack.start();
  ({ bot, target } = await startHttpBot(fake, createEngine(), { store }));
}, 15_000);

afterAll(async () => {
  await bot.stop();
  await fake.close();
});

describe("usage counts", () => {
  it("counts answers by surface, each code asked about and each unknown code", async () => {
    const channel = "C0COUNTS1";
    await sendSlashCommand(target, { text: "803" });
    await sendSlashCommand(target, { text: "4711" });
    const mentioned = nextTs();
    await sendEvent(
      target,
      mentionEvent({ channel, ts: mentioned, text: `<@${BOT_USER_ID}> 4711` }),
    );
    const pasted = nextTs();
    await sendEvent(target, messageEvent({ channel, ts: pasted, text: redeemPaste803() }));
    // A chatty message is no answer, and is not counted.
    await sendEvent(target, messageEvent({ channel, text: "thanks, ticket 4711 is closed" }));
    await fake.waitFor(
      () =>
        [mentioned, pasted].every((ts) => fake.posted().some((call) => call.body.thread_ts === ts)),
      5000,
    );
    expect(await store.counters.totals()).toEqual({
      "usage:slash": 2,
      "usage:mention": 1,
      "usage:paste": 1,
      "unknown-code:4711": 2,
      // 803 by slash command and in the paste; 4711 by slash command and mention.
      "asked:803": 2,
      "asked:4711": 2,
    });
  });
});
