/**
 * End-to-end tests of the surfaces beyond the slash command and mentions: the message
 * shortcut, direct messages, the App Home tab, the Escalate button and its modal, and
 * edits and deletions of answered pastes. Signed requests go into the real app in HTTP
 * mode; assertions are on what the fake Slack Web API received, as a user would see it.
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/index.js";
import { isRecord } from "../../src/guards.js";
import type { RunningBot } from "../../src/slack/index.js";
import { MemoryStore } from "../../src/store/index.js";
import type { CollectedRejections } from "../../support/bot.js";
import { collectRejections, replyBarrier, startHttpBot } from "../../support/bot.js";
import { captureLogs } from "../../support/capture-logs.js";
import type { ApiCall, JsonObject } from "../../support/fake-slack.js";
import { FakeSlack, blocksOf, textsOf } from "../../support/fake-slack.js";
import {
  CUSTOMER_EMAIL,
  CUSTOMER_PHONE,
  REQUEST_ID_604,
  redeemPaste803,
  transactionAddPaste604,
} from "../../support/pastes.js";
import type { SlackResponse, SlackTarget, ViewFields } from "../../support/signed.js";
import {
  TRIGGER_ID,
  appHomeOpenedEvent,
  directMessageEvent,
  messageButtonPayload,
  messageChangedEvent,
  messageDeletedEvent,
  messageEvent,
  messageShortcutPayload,
  nextTs,
  sendEvent,
  sendInteraction,
  sendSlashCommand,
  viewButtonPayload,
  viewSubmissionPayload,
} from "../../support/signed.js";

const TEAMS_FILE = fileURLToPath(
  new URL("../fixtures/slack/teams-with-channels.yml", import.meta.url),
);
/** From the teams file: integration engineers (604) post here and are mentioned. */
const INTEGRATION_CHANNEL = "C0INTEG001";
const INTEGRATION_GROUP = "S0INTEG001";
/** Platform on-call (521) has a channel the tests make the bot not a member of. */
const ONCALL_CHANNEL = "C0ONCALL01";

let fake: FakeSlack;
let bot: RunningBot | null = null;
let target: SlackTarget;
let unhandled: CollectedRejections;
/** The clock of the bot's store, moved by hand for the home tab's refresh limit. */
let now = Date.now();

beforeAll(async () => {
  unhandled = collectRejections();
  fake = await FakeSlack.start();
  const engine = createEngine({ teamsFile: TEAMS_FILE });
  ({ bot, target } = await startHttpBot(fake, engine, {
    store: new MemoryStore({ now: () => now }),
  }));
}, 15_000);

afterAll(async () => {
  await bot?.stop();
  await fake.close();
  unhandled.stop();
  // Every bad input below was survived without an unhandled rejection.
  expect(unhandled.rejections).toEqual([]);
});

beforeEach(() => {
  fake.reset();
});

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

let counter = 0;
function fresh(prefix: string): string {
  counter++;
  return `${prefix}${String(counter).padStart(4, "0")}`;
}

const shown = (body: unknown): string => (isRecord(body) ? textsOf(body).join("\n") : "");

function buttonsOf(body: unknown): JsonObject[] {
  return blocksOf(body)
    .filter((block) => block.type === "actions")
    .flatMap((block) => (Array.isArray(block.elements) ? (block.elements as unknown[]) : []))
    .filter(isRecord);
}

function escalateValueOf(body: unknown): string | undefined {
  const button = buttonsOf(body).find((b) => b.action_id === "escalate");
  return typeof button?.value === "string" ? button.value : undefined;
}

function viewOf(call: ApiCall): JsonObject {
  const view = call.body.view;
  if (!isRecord(view)) throw new Error(`${call.method} carried no view`);
  return view;
}

/** Waits until all earlier requests were handled (see replyBarrier). */
const barrier = () => replyBarrier(fake, target);

async function interact(payload: Record<string, unknown>): Promise<SlackResponse> {
  const response = await sendInteraction(target, payload);
  expect(response.status).toBe(200);
  return response;
}

/** Pastes `text` in `channel` and waits for the bot's thread reply. */
async function pasteAndWaitForReply(
  channel: string,
  text: string,
): Promise<{ ts: string; reply: ApiCall }> {
  const ts = nextTs();
  await sendEvent(target, messageEvent({ channel, ts, text }));
  const reply = await fake.waitForCall(
    "chat.postMessage",
    (body) => body.channel === channel && body.thread_ts === ts,
  );
  return { ts, reply };
}

/** The ts Slack gave a posted message. */
function tsOf(call: ApiCall): string {
  const ts = call.result?.ts;
  if (typeof ts !== "string") throw new Error(`${call.method} was not answered with a ts`);
  return ts;
}

// ---------------------------------------------------------------------------------------
// Message shortcut
// ---------------------------------------------------------------------------------------

describe("message shortcut: Explain loyalty codes", () => {
  it("answers a paste in a channel the bot is not in, in a modal with Post in thread, masked", async () => {
    const channel = fresh("C0NOTIN");
    const ts = nextTs();
    const response = await interact(
      messageShortcutPayload({
        channel,
        responseUrl: fake.respondUrl("shortcut"),
        message: { ts, text: redeemPaste803() },
      }),
    );
    expect(response.text).toBe("");
    const open = await fake.waitForCall("views.open");
    const view = viewOf(open);
    expect(view).toMatchObject({ type: "modal", title: { text: "Loyalty codes" } });
    const text = shown(view);
    // The diagnosis of the paste, verdict first: the item code and its meaning for points.
    expect(text).toContain("1 item error: 803 points · Unable to redeem");
    expect(text).not.toContain(CUSTOMER_PHONE);
    expect(text).not.toContain(CUSTOMER_EMAIL);
    expect(buttonsOf(view).map((b) => b.action_id)).toEqual(["post_in_thread"]);
    // Nothing was posted: the modal is private to the agent.
    expect(fake.callsTo("chat.postMessage")).toEqual([]);
  });

  it("posts the answer in the message's thread once, however often Post in thread is clicked", async () => {
    const channel = fresh("C0PUBLIC");
    const ts = nextTs();
    await interact(
      messageShortcutPayload({
        channel,
        responseUrl: fake.respondUrl("shortcut"),
        message: { ts, text: "is 604 on a bill a problem on our side?" },
      }),
    );
    const view = viewOf(await fake.waitForCall("views.open"));
    const modal: ViewFields = {
      id: "V0POST0001",
      callbackId: "explain_loyalty_codes",
      privateMetadata: String(view.private_metadata),
    };
    await interact(viewButtonPayload(modal, { actionId: "post_in_thread", value: "post" }));
    await interact(viewButtonPayload(modal, { actionId: "post_in_thread", value: "post" }));
    const update = await fake.waitForCall("views.update");
    await barrier();
    const posts = fake.posted().filter((call) => call.body.channel === channel);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body.thread_ts).toBe(ts);
    expect(shown(posts[0]?.body)).toContain("604 · transaction");
    // 604 on a transaction is our integration's fault: the thread answer can be escalated.
    expect(escalateValueOf(posts[0]?.body)).toBeDefined();
    expect(update.body.view_id).toBe("V0POST0001");
    expect(shown(viewOf(update))).toContain("Posted in the message's thread.");
    expect(fake.callsTo("views.update")).toHaveLength(1);
  });

  it("suggests slash commands in the modal but mentions in the thread it posts to", async () => {
    const channel = fresh("C0PUBLIC");
    const ts = nextTs();
    await interact(
      messageShortcutPayload({
        channel,
        responseUrl: fake.respondUrl("shortcut"),
        message: { ts, text: "660" },
      }),
    );
    const view = viewOf(await fake.waitForCall("views.open"));
    // The slash command works from any conversation, even one the bot is not in.
    expect(shown(view)).toContain("`/loyalty-code 660 ");
    const modal: ViewFields = {
      id: "V0POST0660",
      callbackId: "explain_loyalty_codes",
      privateMetadata: String(view.private_metadata),
    };
    await interact(viewButtonPayload(modal, { actionId: "post_in_thread", value: "post" }));
    const post = await fake.waitForCall("chat.postMessage", (body) => body.channel === channel);
    // Slack runs no slash command in a thread: there the follow-up is a mention.
    expect(shown(post.body)).toContain("`@loyalty-code 660 ");
    expect(shown(post.body)).not.toContain("/loyalty-code 660");
    await fake.waitForCall("views.update", (body) => body.view_id === "V0POST0660");
    await barrier();
  });

  it("explains in the modal why it cannot post in a private channel it is not in", async () => {
    const channel = fresh("C0PRIVATE");
    await interact(
      messageShortcutPayload({
        channel,
        responseUrl: fake.respondUrl("shortcut"),
        message: { ts: nextTs(), text: "803" },
      }),
    );
    const view = viewOf(await fake.waitForCall("views.open"));
    fake.failNextWhere("chat.postMessage", (body) => body.channel === channel, {
      kind: "error",
      error: "not_in_channel",
    });
    const logs = captureLogs();
    try {
      await interact(
        viewButtonPayload(
          {
            id: "V0PRIV0001",
            callbackId: "explain_loyalty_codes",
            privateMetadata: String(view.private_metadata),
          },
          { actionId: "post_in_thread", value: "post" },
        ),
      );
      const update = await fake.waitForCall("views.update");
      expect(shown(viewOf(update))).toContain("I'm not a member of this private conversation");
      expect(buttonsOf(viewOf(update))).toEqual([]);
      expect(
        logs.matching(/posting the shortcut's answer in the thread failed.*not_in_channel/),
      ).toHaveLength(1);
    } finally {
      logs.restore();
    }
  });

  it("offers no Post in thread on a paste it already answered there: one reply per message", async () => {
    const channel = fresh("C0SUPPORT");
    const { ts } = await pasteAndWaitForReply(channel, redeemPaste803());
    await interact(
      messageShortcutPayload({
        channel,
        responseUrl: fake.respondUrl("shortcut"),
        message: { ts, text: redeemPaste803() },
      }),
    );
    const view = viewOf(await fake.waitForCall("views.open"));
    expect(buttonsOf(view)).toEqual([]);
    expect(shown(view)).toContain("I already answered this message in its thread.");
  });

  it("offers no Post in thread in a direct message between people, and says why", async () => {
    await interact(
      messageShortcutPayload({
        channel: "D0PEOPLE01",
        channelName: "directmessage",
        responseUrl: fake.respondUrl("shortcut"),
        message: { ts: nextTs(), text: "customer got 803 when redeeming" },
      }),
    );
    const view = viewOf(await fake.waitForCall("views.open"));
    expect(shown(view)).toContain("803");
    expect(buttonsOf(view)).toEqual([]);
    expect(shown(view)).toContain("I can't post in a direct message between people");
  });

  it("says there is no text to read on a message that is only a file", async () => {
    await interact(
      messageShortcutPayload({
        channel: fresh("C0FILES"),
        responseUrl: fake.respondUrl("shortcut"),
        message: { ts: nextTs(), text: "", files: [{ id: "F0SCREEN1", name: "error.png" }] },
      }),
    );
    const view = viewOf(await fake.waitForCall("views.open"));
    expect(shown(view)).toContain("This message has no text I can read");
    expect(buttonsOf(view)).toEqual([]);
  });

  it("tells the agent and logs when the trigger expired before the modal could open", async () => {
    fake.failNext("views.open", { kind: "error", error: "expired_trigger_id" });
    const logs = captureLogs();
    try {
      await interact(
        messageShortcutPayload({
          channel: fresh("C0SLOW"),
          responseUrl: fake.respondUrl("expired-shortcut"),
          message: { ts: nextTs(), text: "803" },
        }),
      );
      const told = await fake.waitFor((f) => f.responds.find((r) => r.id === "expired-shortcut"));
      expect(told.body).toMatchObject({ response_type: "ephemeral" });
      expect(shown(told.body)).toContain("Please try again");
      expect(
        logs.matching(/opening the shortcut's answer failed.*expired_trigger_id/),
      ).toHaveLength(1);
    } finally {
      logs.restore();
    }
  });
});

// ---------------------------------------------------------------------------------------
// Direct messages
// ---------------------------------------------------------------------------------------

describe("direct messages", () => {
  it("answers a code in the DM, at the top, once even when Slack retries the delivery", async () => {
    const channel = fresh("D0AGENT");
    const event = directMessageEvent({ channel, text: "803" });
    const { eventId } = await sendEvent(target, event);
    await sendEvent(target, event, { eventId, retryNum: 1, retryReason: "http_timeout" });
    await fake.waitForCall("chat.postMessage", (body) => body.channel === channel);
    await barrier();
    const posts = fake.posted().filter((call) => call.body.channel === channel);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body.thread_ts).toBeUndefined();
    expect(posts[0]?.body.text).toMatch(
      /^\*803 · points\*: Unable to redeem.* → tell the customer/,
    );
  });

  it("suggests follow-ups as slash commands, which work in a DM with the bot", async () => {
    const channel = fresh("D0AGENT");
    await sendEvent(target, directMessageEvent({ channel, text: "660" }));
    const post = await fake.waitForCall("chat.postMessage", (body) => body.channel === channel);
    expect(shown(post.body)).toContain("`/loyalty-code 660 ");
    expect(shown(post.body)).not.toContain("@loyalty-code 660");
  });

  it("answers in the thread when the agent wrote in one", async () => {
    const channel = fresh("D0AGENT");
    const parent = nextTs();
    await sendEvent(
      target,
      directMessageEvent({ channel, text: "coupon already used", thread_ts: parent }),
    );
    const post = await fake.waitForCall("chat.postMessage", (body) => body.channel === channel);
    expect(post.body.thread_ts).toBe(parent);
  });

  it("diagnoses a pasted response once: the DM answer, not also an unasked-paste reply", async () => {
    const channel = fresh("D0AGENT");
    await sendEvent(target, directMessageEvent({ channel, text: redeemPaste803() }));
    await fake.waitForCall("chat.postMessage", (body) => body.channel === channel);
    await barrier();
    const posts = fake.posted().filter((call) => call.body.channel === channel);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body.text).toMatch(/^1 item error: 803 points/);
    expect(shown(posts[0]?.body)).not.toContain(CUSTOMER_PHONE);
  });
});

// ---------------------------------------------------------------------------------------
// App Home
// ---------------------------------------------------------------------------------------

describe("App Home", () => {
  it("publishes how to ask, who gets escalations and the most asked codes, counts only", async () => {
    const user = fresh("U0HOME");
    const dm = fresh("D0ASK");
    for (const text of ["803", "803 points", transactionAddPaste604()]) {
      await sendEvent(target, directMessageEvent({ channel: dm, text }));
    }
    await fake.waitFor((f) => f.posted().filter((call) => call.body.channel === dm).length === 3);
    await sendEvent(target, appHomeOpenedEvent(user, "home"));
    const publish = await fake.waitForCall("views.publish", (body) => body.user_id === user);
    const view = viewOf(publish);
    expect(view.type).toBe("home");
    const text = shown(view);
    expect(text).toContain("How to ask");
    expect(text).toContain("Explain loyalty codes");
    // From the teams file: the integration class goes to its team's channel.
    expect(text).toContain(
      `*Our integration sent a bad request*: Loyalty integration engineers in <#${INTEGRATION_CHANNEL}>`,
    );
    expect(text).toContain("*Risk");
    expect(text).toMatch(/`803` · \d+ times/);
    expect(text).toMatch(/`604` · \d+ time/);
    expect(text).not.toContain(CUSTOMER_PHONE);
    expect(text).not.toContain(CUSTOMER_EMAIL);
    expect(text).not.toContain("BILL-88121");
  });

  it("publishes at most once a minute per user, and not for the Messages tab", async () => {
    const user = fresh("U0HOME");
    await sendEvent(target, appHomeOpenedEvent(user, "messages"));
    await sendEvent(target, appHomeOpenedEvent(user, "home"));
    await fake.waitForCall("views.publish", (body) => body.user_id === user);
    now += 59_000;
    await sendEvent(target, appHomeOpenedEvent(user, "home"));
    await barrier();
    expect(fake.callsTo("views.publish").filter((c) => c.body.user_id === user)).toHaveLength(1);
    now += 2_000;
    await sendEvent(target, appHomeOpenedEvent(user, "home"));
    await fake.waitFor(
      (f) => f.callsTo("views.publish").filter((c) => c.body.user_id === user).length === 2,
    );
  });
});

// ---------------------------------------------------------------------------------------
// Escalate
// ---------------------------------------------------------------------------------------

const CHECKED = {
  checked: {
    checked_text: {
      type: "plain_text_input",
      value: "Retried once at 10:40; same error. Customer 919876543210 waiting.",
    },
  },
};

function submission(
  viewId: string,
  privateMetadata: string,
  values: Record<string, Record<string, unknown>> = {},
): ViewFields {
  return {
    id: viewId,
    callbackId: "escalation",
    privateMetadata,
    values: {
      ...CHECKED,
      urgency: {
        urgency_choice: {
          type: "static_select",
          selected_option: { text: { type: "plain_text", text: "high" }, value: "high" },
        },
      },
      collect: {
        collect_choices: {
          type: "checkboxes",
          selected_options: [{ text: { type: "plain_text", text: "x" }, value: "0" }],
        },
      },
      ...values,
    },
  };
}

/** Pastes the 604 response, clicks Escalate on the reply, and returns the opened modal. */
async function escalateFromPaste(channel: string) {
  const { ts, reply } = await pasteAndWaitForReply(channel, transactionAddPaste604());
  const value = escalateValueOf(reply.body);
  expect(value).toBeDefined();
  await interact(
    messageButtonPayload({
      channel,
      messageTs: "1800000000.999000",
      threadTs: ts,
      responseUrl: fake.respondUrl(`escalate-${channel}`),
      actionId: "escalate",
      value: value ?? "",
    }),
  );
  const open = await fake.waitForCall("views.open");
  return { pasteTs: ts, view: viewOf(open) };
}

describe("Escalate", () => {
  it("is on answers whose escalation names a team, and not on others", async () => {
    const channel = fresh("C0SUPPORT");
    const { reply } = await pasteAndWaitForReply(channel, redeemPaste803());
    // 803 (not enough points) is resolved with the customer: nothing to escalate.
    expect(escalateValueOf(reply.body)).toBeUndefined();
    const second = await pasteAndWaitForReply(channel, transactionAddPaste604());
    expect(escalateValueOf(second.reply.body)).toBeDefined();
  });

  it("opens a modal with the packet as text, masked, and the agent's inputs prefilled", async () => {
    const channel = fresh("C0SUPPORT");
    const { pasteTs, view } = await escalateFromPaste(channel);
    expect(view).toMatchObject({ callback_id: "escalation", submit: { text: "Send to team" } });
    const text = shown(view);
    expect(text).toContain("604 · transaction — Transaction number already exists.");
    expect(text).toContain(`Request id (X-CAP-REQUEST-ID): ${REQUEST_ID_604}`);
    expect(text).toContain("Bill number: BILL-88121");
    expect(text).toContain("Customer (masked): mobile 91•••••••210");
    expect(text).not.toContain(CUSTOMER_PHONE);
    expect(text).not.toContain(CUSTOMER_EMAIL);
    expect(text).toContain(
      `https://fake.slack.com/archives/${channel}/p${pasteTs.replace(".", "")}`,
    );
    const blocks = blocksOf(view);
    const inputs = blocks.filter((block) => block.type === "input");
    expect(inputs.map((block) => block.block_id)).toEqual(["checked", "urgency", "collect"]);
    expect(inputs[0]).toMatchObject({ optional: false, element: { type: "plain_text_input" } });
    // Integration bugs are of normal urgency by the class; the agent may change it.
    expect(inputs[1]).toMatchObject({ element: { initial_option: { value: "normal" } } });
    expect(inputs[2]).toMatchObject({ optional: true, element: { type: "checkboxes" } });
    expect(shown(inputs[2])).toContain("request id (X-CAP-REQUEST-ID header)");
  });

  it("posts to the team's channel mentioning its group, notes it in the original thread, once", async () => {
    const channel = fresh("C0SUPPORT");
    const { pasteTs, view } = await escalateFromPaste(channel);
    const fields = submission("V0ESC00001", String(view.private_metadata));
    const first = await interact(viewSubmissionPayload(fields));
    expect(first.json).toMatchObject({ response_action: "update" });
    const second = await interact(viewSubmissionPayload(fields));
    expect(shown(second.json)).toContain("already sent");
    const update = await fake.waitForCall("views.update", (body) => body.view_id === "V0ESC00001");
    await barrier();
    const teamPosts = fake.posted().filter((call) => call.body.channel === INTEGRATION_CHANNEL);
    expect(teamPosts).toHaveLength(1);
    const post = shown(teamPosts[0]?.body);
    expect(post).toContain(
      `<!subteam^${INTEGRATION_GROUP}>: escalation from <@U0AGENT1> · urgency *high*`,
    );
    expect(post).toContain("*Already checked:* Retried once at 10:40; same error.");
    // The agent typed the customer's number: it is masked too.
    expect(post).not.toContain(CUSTOMER_PHONE);
    expect(post).toContain("*Collected:* request id (X-CAP-REQUEST-ID header)");
    expect(post).toContain(`Request id (X-CAP-REQUEST-ID): ${REQUEST_ID_604}`);
    const notes = fake
      .posted()
      .filter((call) => call.body.channel === channel && call.body.thread_ts === pasteTs);
    // The diagnosis, then the note.
    expect(notes).toHaveLength(2);
    expect(shown(notes[1]?.body)).toMatch(
      new RegExp(
        `^Escalated to Loyalty integration engineers in <#${INTEGRATION_CHANNEL}> by <@U0AGENT1>: <https://fake.slack.com/archives/${INTEGRATION_CHANNEL}/p\\d+\\|see the escalation>$`,
      ),
    );
    expect(shown(viewOf(update))).toContain("and noted it in the original thread");
  });

  it("escalates from a private /loyalty-code answer, with no thread to note it in", async () => {
    const channel = fresh("C0SUPPORT");
    const command = await sendSlashCommand(target, {
      text: "604 transaction",
      channel_id: channel,
    });
    expect(command.status).toBe(200);
    const value = escalateValueOf(command.json);
    expect(value).toBeDefined();
    await interact(
      messageButtonPayload({
        channel,
        messageTs: nextTs(),
        ephemeral: true,
        responseUrl: fake.respondUrl("private"),
        actionId: "escalate",
        value: value ?? "",
      }),
    );
    const view = viewOf(await fake.waitForCall("views.open"));
    expect(shown(view)).toContain("Original message: none (asked privately with /loyalty-code)");
    await interact(viewSubmissionPayload(submission("V0ESC00006", String(view.private_metadata))));
    const update = await fake.waitForCall("views.update", (body) => body.view_id === "V0ESC00006");
    expect(shown(viewOf(update))).toContain(
      `Escalated to *Loyalty integration engineers* in <#${INTEGRATION_CHANNEL}>. The answer was private, so there is no thread to note it in.`,
    );
    expect(fake.posted().map((call) => call.body.channel)).toEqual([INTEGRATION_CHANNEL]);
  });

  it("answers an empty 'what I already checked' with a field error, posting nothing", async () => {
    const channel = fresh("C0SUPPORT");
    const { view } = await escalateFromPaste(channel);
    const response = await interact(
      viewSubmissionPayload(
        submission("V0ESC00002", String(view.private_metadata), {
          checked: { checked_text: { type: "plain_text_input", value: "   " } },
        }),
      ),
    );
    expect(response.json).toEqual({
      response_action: "errors",
      errors: { checked: "Say what you already checked, so the team does not ask again." },
    });
    await barrier();
    expect(fake.posted().filter((call) => call.body.channel === INTEGRATION_CHANNEL)).toEqual([]);
  });

  it("shows the packet to copy when the bot is not in the team's channel, and logs it", async () => {
    const channel = fresh("C0SUPPORT");
    // 521 on a customer call: a temporary platform failure, for platform on-call.
    const dm = fresh("D0AGENT");
    await sendEvent(target, directMessageEvent({ channel: dm, text: "521 customer" }));
    const answer = await fake.waitForCall("chat.postMessage", (body) => body.channel === dm);
    fake.reset();
    await interact(
      messageButtonPayload({
        channel,
        messageTs: nextTs(),
        responseUrl: fake.respondUrl("oncall"),
        actionId: "escalate",
        value: escalateValueOf(answer.body) ?? "",
      }),
    );
    const view = viewOf(await fake.waitForCall("views.open"));
    fake.failNextWhere("chat.postMessage", (body) => body.channel === ONCALL_CHANNEL, {
      kind: "error",
      error: "not_in_channel",
    });
    const logs = captureLogs();
    try {
      await interact(
        viewSubmissionPayload(submission("V0ESC00003", String(view.private_metadata))),
      );
      const update = await fake.waitForCall(
        "views.update",
        (body) => body.view_id === "V0ESC00003",
      );
      const text = shown(viewOf(update));
      expect(text).toContain(`I couldn't post in <#${ONCALL_CHANNEL}>: I'm not a member of it.`);
      expect(text).toContain("521 · customer");
      expect(
        logs.matching(/posting an escalation to platform-oncall failed.*not_in_channel/),
      ).toHaveLength(1);
    } finally {
      logs.restore();
    }
  });

  it("says so and shows the packet when the team has no channel configured", async () => {
    const dm = fresh("D0AGENT");
    await sendEvent(target, directMessageEvent({ channel: dm, text: "618 customer" }));
    const answer = await fake.waitForCall("chat.postMessage", (body) => body.channel === dm);
    await interact(
      messageButtonPayload({
        channel: dm,
        messageTs: "1800000000.777000",
        responseUrl: fake.respondUrl("risk"),
        actionId: "escalate",
        value: escalateValueOf(answer.body) ?? "",
      }),
    );
    const view = viewOf(await fake.waitForCall("views.open"));
    expect(view.submit).toBeUndefined();
    const text = shown(view);
    expect(text).toContain("This goes to *Risk team*, but no Slack channel is set for that team");
    expect(text).toContain("618 · customer — Not allowed - customer is marked as fraud.");
  });

  it("escalates but leaves no note when the original message was deleted meanwhile", async () => {
    const channel = fresh("C0SUPPORT");
    const { pasteTs, view } = await escalateFromPaste(channel);
    await sendEvent(target, messageDeletedEvent({ channel, ts: pasteTs }));
    await fake.waitForCall("chat.delete", (body) => body.channel === channel);
    await interact(viewSubmissionPayload(submission("V0ESC00004", String(view.private_metadata))));
    const update = await fake.waitForCall("views.update", (body) => body.view_id === "V0ESC00004");
    expect(shown(viewOf(update))).toContain(
      "The original message was deleted, so no note was left in its thread.",
    );
    const teamPosts = fake.posted().filter((call) => call.body.channel === INTEGRATION_CHANNEL);
    expect(teamPosts).toHaveLength(1);
    expect(shown(teamPosts[0]?.body)).toContain("Original message: deleted");
    // Only the diagnosis was ever posted in the deleted message's thread: no note.
    const inThread = fake
      .posted()
      .filter((call) => call.body.channel === channel && call.body.thread_ts === pasteTs);
    expect(inThread).toHaveLength(1);
    expect(shown(inThread[0]?.body)).not.toContain("Escalated to");
  });

  it("still escalates from an answer whose message was deleted, saying so in the packet", async () => {
    const dm = fresh("D0AGENT");
    const asked = nextTs();
    await sendEvent(
      target,
      directMessageEvent({ channel: dm, ts: asked, text: "604 transaction" }),
    );
    const answer = await fake.waitForCall("chat.postMessage", (body) => body.channel === dm);
    await sendEvent(target, {
      ...messageDeletedEvent({ channel: dm, ts: asked }),
      channel_type: "im",
    });
    await barrier();
    await interact(
      messageButtonPayload({
        channel: dm,
        messageTs: tsOf(answer),
        responseUrl: fake.respondUrl("deleted"),
        actionId: "escalate",
        value: escalateValueOf(answer.body) ?? "",
      }),
    );
    const view = viewOf(await fake.waitForCall("views.open"));
    expect(shown(view)).toContain("Original message: deleted");
    await interact(viewSubmissionPayload(submission("V0ESC00005", String(view.private_metadata))));
    const update = await fake.waitForCall("views.update", (body) => body.view_id === "V0ESC00005");
    expect(shown(viewOf(update))).toContain("The original message was deleted");
    const teamPost = fake.posted().find((call) => call.body.channel === INTEGRATION_CHANNEL);
    expect(shown(teamPost?.body)).toContain("Original message: deleted");
    expect(fake.posted().filter((call) => call.body.channel === dm)).toHaveLength(1);
  });

  it("tells the agent and logs when the trigger expired before the modal could open", async () => {
    const channel = fresh("C0SUPPORT");
    const { reply } = await pasteAndWaitForReply(channel, transactionAddPaste604());
    fake.failNext("views.open", { kind: "error", error: "expired_trigger_id" });
    const logs = captureLogs();
    try {
      await interact(
        messageButtonPayload({
          channel,
          messageTs: nextTs(),
          responseUrl: fake.respondUrl("expired-escalate"),
          actionId: "escalate",
          value: escalateValueOf(reply.body) ?? "",
        }),
      );
      const told = await fake.waitFor((f) => f.responds.find((r) => r.id === "expired-escalate"));
      expect(shown(told.body)).toContain("Please try again");
      expect(logs.matching(/opening the escalation modal failed.*expired_trigger_id/)).toHaveLength(
        1,
      );
    } finally {
      logs.restore();
    }
  });

  it("says the answer expired for a button value it does not hold", async () => {
    await interact(
      messageButtonPayload({
        channel: fresh("C0SUPPORT"),
        messageTs: nextTs(),
        responseUrl: fake.respondUrl("unknown"),
        actionId: "escalate",
        value: JSON.stringify({ key: "no-such-key", origin: null }),
      }),
    );
    const view = viewOf(await fake.waitForCall("views.open"));
    expect(shown(view)).toContain("This answer is too old to escalate from");
  });
});

/** Uses the shortcut on a 604 paste in `channel`, returning the message and the modal. */
async function shortcutOn604(channel: string, viewId: string) {
  const ts = nextTs();
  await interact(
    messageShortcutPayload({
      channel,
      responseUrl: fake.respondUrl(`shortcut-${channel}`),
      message: { ts, text: transactionAddPaste604() },
    }),
  );
  const view = viewOf(await fake.waitForCall("views.open"));
  const modal: ViewFields = {
    id: viewId,
    callbackId: "explain_loyalty_codes",
    privateMetadata: String(view.private_metadata),
  };
  return { ts, view, modal };
}

describe("Escalate from the message shortcut's modal", () => {
  it("pushes the escalation modal onto the shortcut's, sends it to the team and notes it in the thread", async () => {
    const channel = fresh("C0PUBLIC");
    const { ts, view, modal } = await shortcutOn604(channel, "V0SHORTESC1");
    // 604 on a transaction goes to the integration engineers: the modal can escalate it.
    expect(buttonsOf(view).map((b) => b.action_id)).toEqual(["post_in_thread", "escalate"]);
    const value = escalateValueOf(view) ?? "";
    await interact(viewButtonPayload(modal, { actionId: "escalate", value }));
    const push = await fake.waitForCall("views.push");
    // Stacked on the shortcut's modal with the click's trigger; not a second views.open.
    expect(push.body.trigger_id).toBe(TRIGGER_ID);
    expect(fake.callsTo("views.open")).toHaveLength(1);
    const escalation = viewOf(push);
    expect(escalation).toMatchObject({
      callback_id: "escalation",
      submit: { text: "Send to team" },
    });
    const packet = shown(escalation);
    expect(packet).toContain(`Request id (X-CAP-REQUEST-ID): ${REQUEST_ID_604}`);
    expect(packet).toContain(`https://fake.slack.com/archives/${channel}/p${ts.replace(".", "")}`);
    expect(packet).not.toContain(CUSTOMER_PHONE);

    await interact(
      viewSubmissionPayload(submission("V0PUSHED01", String(escalation.private_metadata))),
    );
    const update = await fake.waitForCall("views.update", (body) => body.view_id === "V0PUSHED01");
    expect(shown(viewOf(update))).toContain(
      `Escalated to *Loyalty integration engineers* in <#${INTEGRATION_CHANNEL}>, and noted it in the original thread.`,
    );
    const teamPost = fake.posted().find((call) => call.body.channel === INTEGRATION_CHANNEL);
    expect(shown(teamPost?.body)).toContain(`<!subteam^${INTEGRATION_GROUP}>`);
    expect(shown(teamPost?.body)).not.toContain(CUSTOMER_PHONE);
    const note = fake.posted().find((call) => call.body.channel === channel);
    expect(note?.body.thread_ts).toBe(ts);
    expect(note?.body.text).toMatch(
      new RegExp(
        `^Escalated to Loyalty integration engineers in <#${INTEGRATION_CHANNEL}> by <@U0AGENT1>`,
      ),
    );
  });

  it("escalates from a channel the bot is not in, saying where it posted and why no note", async () => {
    const channel = fresh("C0NOTIN");
    const { view, modal } = await shortcutOn604(channel, "V0SHORTESC2");
    await interact(
      viewButtonPayload(modal, { actionId: "escalate", value: escalateValueOf(view) ?? "" }),
    );
    const escalation = viewOf(await fake.waitForCall("views.push"));
    fake.failNextWhere("chat.postMessage", (body) => body.channel === channel, {
      kind: "error",
      error: "not_in_channel",
    });
    const logs = captureLogs();
    try {
      await interact(
        viewSubmissionPayload(submission("V0PUSHED02", String(escalation.private_metadata))),
      );
      const update = await fake.waitForCall(
        "views.update",
        (body) => body.view_id === "V0PUSHED02",
      );
      expect(shown(viewOf(update))).toContain(
        `Escalated to *Loyalty integration engineers* in <#${INTEGRATION_CHANNEL}>. I'm not a member of the original message's conversation`,
      );
      expect(logs.matching(/noting an escalation in the original thread failed/)).toHaveLength(1);
    } finally {
      logs.restore();
    }
    expect(fake.posted().map((call) => call.body.channel)).toEqual([INTEGRATION_CHANNEL]);
  });

  it("says so in the shortcut's modal when the trigger expired before the escalation could open", async () => {
    const { view, modal } = await shortcutOn604(fresh("C0SLOW"), "V0SHORTESC3");
    fake.failNext("views.push", { kind: "error", error: "expired_trigger_id" });
    const logs = captureLogs();
    try {
      await interact(
        viewButtonPayload(modal, { actionId: "escalate", value: escalateValueOf(view) ?? "" }),
      );
      const update = await fake.waitForCall(
        "views.update",
        (body) => body.view_id === "V0SHORTESC3",
      );
      expect(shown(viewOf(update))).toContain("Please try again");
      expect(logs.matching(/opening the escalation modal failed.*expired_trigger_id/)).toHaveLength(
        1,
      );
    } finally {
      logs.restore();
    }
  });
});

// ---------------------------------------------------------------------------------------
// Edits and deletions
// ---------------------------------------------------------------------------------------

describe("edits and deletions of an answered paste", () => {
  it("updates the reply to the new diagnosis when the paste is edited, never posting again", async () => {
    const channel = fresh("C0EDIT");
    const { ts, reply } = await pasteAndWaitForReply(channel, redeemPaste803());
    const event = messageChangedEvent({
      channel,
      ts,
      text: transactionAddPaste604(),
      previousText: redeemPaste803(),
    });
    const { eventId } = await sendEvent(target, event);
    await sendEvent(target, event, { eventId, retryNum: 1, retryReason: "http_timeout" });
    const update = await fake.waitForCall("chat.update", (body) => body.channel === channel);
    await barrier();
    expect(fake.callsTo("chat.update")).toHaveLength(1);
    expect(update.body.ts).toBe(tsOf(reply));
    expect(shown(update.body)).toContain("604 · transaction");
    expect(shown(update.body)).not.toContain("803 · points");
    expect(fake.posted().filter((call) => call.body.channel === channel)).toHaveLength(1);
  });

  it("says there is nothing to diagnose when the edit removed the response", async () => {
    const channel = fresh("C0EDIT");
    const { ts } = await pasteAndWaitForReply(channel, redeemPaste803());
    await sendEvent(
      target,
      messageChangedEvent({
        channel,
        ts,
        // Another system's error body: it has a code, but it is not a Capillary response.
        text: 'sorry, wrong paste: {"error": {"code": 404, "status": "NOT_FOUND", "message": "Requested entity was not found."}}',
        previousText: redeemPaste803(),
      }),
    );
    const update = await fake.waitForCall("chat.update", (body) => body.channel === channel);
    expect(update.body.text).toBe("The message was edited; nothing to diagnose in it now.");
    expect(update.body.blocks).toEqual([]);
  });

  it("ignores a change that is not an edit of the text (a reply added to the thread)", async () => {
    const channel = fresh("C0EDIT");
    const { ts } = await pasteAndWaitForReply(channel, redeemPaste803());
    await sendEvent(
      target,
      messageChangedEvent({ channel, ts, text: redeemPaste803(), previousText: redeemPaste803() }),
    );
    await barrier();
    expect(fake.callsTo("chat.update")).toEqual([]);
  });

  it("does not answer an edit of a message it never answered", async () => {
    const channel = fresh("C0EDIT");
    await sendEvent(
      target,
      messageChangedEvent({
        channel,
        ts: nextTs(),
        text: redeemPaste803(),
        previousText: "hi all",
      }),
    );
    await barrier();
    expect(fake.callsTo("chat.update")).toEqual([]);
    expect(fake.posted().filter((call) => call.body.channel === channel)).toEqual([]);
  });

  it("deletes the reply when the paste is deleted, or left as a thread's tombstone", async () => {
    const channel = fresh("C0EDIT");
    const first = await pasteAndWaitForReply(channel, redeemPaste803());
    const second = await pasteAndWaitForReply(channel, redeemPaste803());
    await sendEvent(target, messageDeletedEvent({ channel, ts: first.ts }));
    await sendEvent(
      target,
      messageChangedEvent({
        channel,
        ts: second.ts,
        text: "This message was deleted.",
        previousText: redeemPaste803(),
        tombstone: true,
      }),
    );
    await fake.waitFor((f) => f.callsTo("chat.delete").length === 2);
    expect(fake.callsTo("chat.delete").map((call) => call.body.channel)).toEqual([
      channel,
      channel,
    ]);
  });
});

// ---------------------------------------------------------------------------------------
// When what the bot remembers cannot be reached
// ---------------------------------------------------------------------------------------

describe("when the store fails", () => {
  let failing: RunningBot | null = null;
  let failingTarget: SlackTarget;

  beforeAll(async () => {
    const unreachable = () => Promise.reject(new Error("store unreachable"));
    // The held inputs behind Escalate buttons live in the store's answers.
    const store = new MemoryStore();
    Object.assign(store.answers, { put: unreachable, get: unreachable });
    Object.assign(store.counters, { increment: unreachable, totals: unreachable });
    ({ bot: failing, target: failingTarget } = await startHttpBot(
      fake,
      createEngine({ teamsFile: TEAMS_FILE }),
      { store },
    ));
  }, 15_000);

  afterAll(async () => {
    await failing?.stop();
  });

  it("still answers, without an Escalate button it could not back, and logs why", async () => {
    const dm = fresh("D0AGENT");
    const logs = captureLogs();
    try {
      await sendEvent(failingTarget, directMessageEvent({ channel: dm, text: "604 transaction" }));
      const answer = await fake.waitForCall("chat.postMessage", (body) => body.channel === dm);
      expect(shown(answer.body)).toContain("604 · transaction");
      expect(escalateValueOf(answer.body)).toBeUndefined();
      expect(
        logs.matching(/holding an answer for Escalate failed.*store unreachable/),
      ).toHaveLength(1);
    } finally {
      logs.restore();
    }
  });

  it("opens a modal that says something went wrong when Escalate cannot read the answer", async () => {
    const logs = captureLogs();
    try {
      const response = await sendInteraction(
        failingTarget,
        messageButtonPayload({
          channel: fresh("C0SUPPORT"),
          messageTs: nextTs(),
          responseUrl: fake.respondUrl("failing"),
          actionId: "escalate",
          value: JSON.stringify({ key: "k", origin: null }),
        }),
      );
      expect(response.status).toBe(200);
      const view = viewOf(await fake.waitForCall("views.open"));
      expect(shown(view)).toContain("Sorry, something went wrong");
      expect(
        logs.matching(/preparing the escalation modal failed.*store unreachable/),
      ).toHaveLength(1);
    } finally {
      logs.restore();
    }
  });
});
