/**
 * The Home tab of the maintainers' user group (LOYALTY_MAINTAINERS_GROUP), over the wire:
 * app_home_opened into the real app in HTTP mode, membership read from the fake Slack
 * API's usergroups.users.list, and the view it was asked to publish read as a user would.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/index.js";
import { isRecord } from "../../src/guards.js";
import type { RunningBot } from "../../src/slack/index.js";
import { MemoryStore } from "../../src/store/index.js";
import { startHttpBot } from "../../support/bot.js";
import { captureLogs } from "../../support/capture-logs.js";
import { FakeSlack, blockText, blocksOf } from "../../support/fake-slack.js";
import type { SlackTarget } from "../../support/signed.js";
import { appHomeOpenedEvent, sendEvent } from "../../support/signed.js";

const GROUP = "S0MAINT001";
const MAINTAINER = "U0MAINT01";
const DAY_MS = 24 * 60 * 60 * 1000;

let fake: FakeSlack;
let bot: RunningBot | null = null;
let target: SlackTarget;
const store = new MemoryStore();
let counter = 0;
const fresh = (prefix: string) => `${prefix}${String(++counter).padStart(4, "0")}`;

/** A week of traffic: answers on three surfaces, votes, an unknown code and a missed question. */
async function recordWeek(): Promise<void> {
  const now = Date.now();
  const r = store.records;
  const answer = (surface: "slash" | "mention" | "paste", code: number) =>
    r.answered({
      time: now - DAY_MS,
      surface,
      entries: [{ code, resource: "points" }],
      confidence: null,
      query: null,
    });
  const points = await answer("slash", 803);
  await answer("mention", 803);
  await answer("paste", 1012);
  await r.answered({
    time: now,
    surface: "slash",
    entries: [],
    confidence: "none",
    query: "gift card stuck at till",
  });
  await r.vote({
    answerId: points,
    userId: "U0A",
    vote: "not_right",
    reason: "wrong_resource",
    comment: "<!channel> coupon call",
  });
  await r.vote({
    answerId: points,
    userId: "U0B",
    vote: "not_right",
    reason: "wrong_resource",
    comment: null,
  });
  await r.vote({ answerId: points, userId: "U0C", vote: "helpful", reason: null, comment: null });
  await r.sighted({
    kind: "unknown",
    code: 8899,
    resource: "points",
    message: "Points ledger locked",
    catalogMessage: null,
  });
  // Outside the 7 days shown.
  await r.answered({
    time: now - 10 * DAY_MS,
    surface: "dm",
    entries: [{ code: 500, resource: null }],
    confidence: null,
    query: null,
  });
}

beforeAll(async () => {
  fake = await FakeSlack.start();
  ({ bot, target } = await startHttpBot(fake, createEngine({ teamsFile: null }), {
    store,
    env: { LOYALTY_MAINTAINERS_GROUP: GROUP },
  }));
  await recordWeek();
}, 15_000);

afterAll(async () => {
  await bot?.stop();
  await fake.close();
});

beforeEach(() => {
  fake.reset();
});

/** The text of every block of the Home tab published for `user`, in order. */
async function homeOf(user: string): Promise<string[]> {
  await sendEvent(target, appHomeOpenedEvent(user, "home"));
  const publish = await fake.waitForCall("views.publish", (body) => body.user_id === user);
  const view = publish.body.view;
  if (!isRecord(view)) throw new Error("views.publish without a view");
  return blocksOf(view).map(blockText);
}

describe("the maintainers' Home tab", () => {
  it("shows a maintainer the report's headline figures for 7 days above the normal home", async () => {
    fake.setUsergroup(GROUP, ["U0OTHER01", MAINTAINER]);
    const blocks = await homeOf(MAINTAINER);
    expect(blocks[0]).toBe("For maintainers, last 7 days");
    const figures = blocks[1] ?? "";
    // The 10-day-old DM answer is outside the period.
    expect(figures).toContain("*Answers:* 4");
    expect(figures).toContain("by surface: slash 2, mention 1, paste 1");
    expect(figures).toContain("by confidence: code 3, none 1");
    expect(figures).toContain('*"Not right" votes:* 2 (Meaning of another resource 2)');
    expect(figures).toContain("*Unknown codes seen:* 1");
    expect(figures).toContain("*Missed questions:* 1");
    // Counts only: no comment, question or user from the records.
    const all = blocks.join("\n");
    expect(all).not.toContain("<!channel>");
    expect(all).not.toContain("gift card");
    expect(all).not.toContain("U0A");
    expect(blocks).toContain("How to ask");
    expect(blocks.indexOf("How to ask")).toBeGreaterThan(1);
  });

  it("shows anyone else the normal home", async () => {
    fake.setUsergroup(GROUP, [MAINTAINER]);
    const blocks = await homeOf(fresh("U0AGENT"));
    expect(blocks[0]).toBe("How to ask");
    expect(blocks.join("\n")).not.toContain("For maintainers");
  });

  it("reads the group once for many openings within its cache age", async () => {
    const maintainers = [fresh("U0MAINT"), fresh("U0MAINT"), fresh("U0MAINT")];
    // A bot of its own, so that the group has not been read yet.
    const own = await FakeSlack.start();
    const started = await startHttpBot(own, createEngine({ teamsFile: null }), {
      store,
      env: { LOYALTY_MAINTAINERS_GROUP: GROUP },
    });
    try {
      own.setUsergroup(GROUP, maintainers);
      for (const user of maintainers) {
        await sendEvent(started.target, appHomeOpenedEvent(user, "home"));
        await own.waitForCall("views.publish", (body) => body.user_id === user);
      }
      expect(own.callsTo("usergroups.users.list")).toHaveLength(1);
      expect(own.callsTo("usergroups.users.list")[0]?.body.usergroup).toBe(GROUP);
    } finally {
      await started.bot.stop();
      await own.close();
    }
  });

  it("logs a group that cannot be read and shows the normal home", async () => {
    const own = await FakeSlack.start();
    const started = await startHttpBot(own, createEngine({ teamsFile: null }), {
      store,
      env: { LOYALTY_MAINTAINERS_GROUP: GROUP },
    });
    const logs = captureLogs();
    try {
      own.failNext("usergroups.users.list", { kind: "error", error: "missing_scope" });
      const user = fresh("U0MAINT");
      await sendEvent(started.target, appHomeOpenedEvent(user, "home"));
      const publish = await own.waitForCall("views.publish", (body) => body.user_id === user);
      const view = publish.body.view;
      expect(isRecord(view) ? blocksOf(view).map(blockText)[0] : null).toBe("How to ask");
      expect(logs.matching(/maintainers' group S0MAINT001 failed.*missing_scope/)).toHaveLength(1);
    } finally {
      logs.restore();
      await started.bot.stop();
      await own.close();
    }
  });
});
