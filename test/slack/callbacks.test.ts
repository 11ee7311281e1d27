/**
 * The Slack callbacks called directly, with fake ack, respond and client: what an agent
 * sees for each surface, without HTTP or signing (the wire tests cover those).
 */
import type { Logger, RespondArguments } from "@slack/bolt";
import { LogLevel } from "@slack/bolt";
import type { ChatPostMessageArguments, ConversationsRepliesArguments } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/index.js";
import { stringField } from "../../src/guards.js";
import { answerCommand } from "../../src/slack/commands/loyalty-code.js";
import { answerMention } from "../../src/slack/events/app-mention.js";
import { diagnoseUnaskedPaste } from "../../src/slack/events/message.js";
import { openAnswer } from "../../src/slack/actions/open-answer.js";
import { shareAnswer } from "../../src/slack/actions/share.js";
import type { BotContext } from "../../src/slack/bot-context.js";
import { Outbox } from "../../src/slack/outbox.js";
import { MemoryStore } from "../../src/store/index.js";
import { NO_RETRIES } from "../../support/bot.js";
import { blockText, blocksOf } from "../../support/fake-slack.js";
import { CUSTOMER_PHONE, customerGetPaste1012, redeemPaste803 } from "../../support/pastes.js";

const engine = createEngine();
const bot = (pasteChannels: ReadonlySet<string> | null = null): BotContext => ({
  engine,
  store: new MemoryStore(),
  outbox: new Outbox(fakeLogger(), NO_RETRIES),
  pasteChannels,
  recording: true,
  recordRetentionDays: 90,
  maintainers: null,
});

function fakeLogger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  const ignore = () => undefined;
  return {
    errors,
    error: (...messages: unknown[]) => errors.push(messages.map(String).join(" ")),
    warn: ignore,
    info: ignore,
    debug: ignore,
    setLevel: ignore,
    getLevel: () => LogLevel.INFO,
    setName: ignore,
  };
}

/** A Web API client that records posts and can fail them with a Slack error code. */
function fakeClient(options: { failPost?: string; parentText?: string } = {}) {
  const posts: ChatPostMessageArguments[] = [];
  const attempts: ChatPostMessageArguments[] = [];
  const replies: ConversationsRepliesArguments[] = [];
  return {
    posts,
    attempts,
    replies,
    chat: {
      postMessage: (args: ChatPostMessageArguments) => {
        attempts.push(args);
        if (options.failPost !== undefined) {
          return Promise.reject(
            Object.assign(new Error(`An API error occurred: ${options.failPost}`), {
              code: "slack_webapi_platform_error",
              data: { ok: false, error: options.failPost },
            }),
          );
        }
        posts.push(args);
        return Promise.resolve({ ok: true });
      },
    },
    conversations: {
      replies: (args: ConversationsRepliesArguments) => {
        replies.push(args);
        const messages = options.parentText === undefined ? [] : [{ text: options.parentText }];
        return Promise.resolve({ ok: true, messages });
      },
    },
  };
}

/** What a person sees of a message: its fallback text and the text of every block. */
const shown = (message: unknown) =>
  [stringField(message, "text") ?? "", ...blocksOf(message).map(blockText)].join("\n");

describe("the /loyalty-code callback", () => {
  async function run(text: string, context = bot()) {
    const acks: RespondArguments[] = [];
    const logger = fakeLogger();
    await answerCommand(context)({
      command: { text },
      ack: (response) => {
        acks.push(response);
        return Promise.resolve();
      },
      logger,
    });
    expect(acks).toHaveLength(1);
    return { ack: acks[0], logger };
  }

  /** The value of the Share button of an acknowledgement. */
  const shareValue = (ack: RespondArguments | undefined): string => {
    const buttons = blocksOf(ack).flatMap((block) =>
      Array.isArray(block.elements) ? (block.elements as unknown[]) : [],
    );
    const share = buttons.find((button) => stringField(button, "action_id") === "share_answer");
    return stringField(share, "value") ?? "";
  };

  it("answers privately in the acknowledgement, with a Share button keyed to the query in the store", async () => {
    const context = bot();
    const { ack } = await run("816 points", context);
    expect(ack?.response_type).toBe("ephemeral");
    expect(shown(ack)).toContain("816");
    const key = shareValue(ack);
    expect(key).toMatch(/^[0-9a-z]{9}[A-Za-z0-9_-]{16}$/);
    expect(await context.store.answers.get(key)).toBe("816 points");
  });

  it("keeps a pasted response for the Share button only with the customer's phone masked", async () => {
    const context = bot();
    const { ack } = await run(redeemPaste803(), context);
    expect(shown(ack)).toContain("803");
    const kept = await context.store.answers.get(shareValue(ack));
    expect(kept).toContain("803");
    expect(kept).not.toContain(CUSTOMER_PHONE);
    expect(JSON.stringify(ack)).not.toContain(CUSTOMER_PHONE);
  });

  it("holds an answer that names a team once: Share and Escalate carry the same key", async () => {
    const context = bot();
    const { ack } = await run("604 transaction", context);
    const key = shareValue(ack);
    const escalate = /"action_id":"escalate","text":\{[^}]*\},"value":"((?:[^"\\]|\\.)+)"/.exec(
      JSON.stringify(ack),
    )?.[1];
    expect(JSON.parse(JSON.parse(`"${escalate ?? ""}"`) as string)).toEqual({ key, origin: null });
    expect(await context.store.answers.get(key)).toBe("604 transaction");
  });

  it("records a free-text question with a phone number masked, and its confidence", async () => {
    const context = bot();
    await run("points not credited for 9876543210 after bill", context);
    await new Promise((resolve) => setImmediate(resolve));
    const { answers } = await context.store.records.since(0);
    expect(answers).toHaveLength(1);
    expect(answers[0]?.surface).toBe("slash");
    expect(answers[0]?.confidence).toMatch(/^(strong|weak|none)$/);
    expect(answers[0]?.query).toContain("points not credited for");
    expect(answers[0]?.query).not.toContain("9876543210");
  });

  it("records a paste's codes and its differing message, never the paste or the customer", async () => {
    const context = bot();
    await run(redeemPaste803("Redeem failed: not enough points in wallet"), context);
    await new Promise((resolve) => setImmediate(resolve));
    const records = await context.store.records.since(0);
    expect(records.answers[0]).toMatchObject({
      surface: "slash",
      entries: [{ code: 803, resource: "points" }],
      query: null,
    });
    expect(records.sightings).toMatchObject([
      { kind: "differing", code: 803, message: "Redeem failed: not enough points in wallet" },
    ]);
    expect(JSON.stringify(records)).not.toContain(CUSTOMER_PHONE);
  });

  it("records nothing when recording is turned off", async () => {
    const context = { ...bot(), recording: false };
    await run("coupon expired", context);
    await new Promise((resolve) => setImmediate(resolve));
    expect((await context.store.records.since(0)).answers).toEqual([]);
  });

  it("gives help without a Share button: there is nothing to share", async () => {
    const { ack } = await run("help");
    expect(shown(ack)).toContain("Ask loyalty-code about a loyalty API response code");
    expect(JSON.stringify(ack)).not.toContain("share_answer");
  });

  it("acknowledges with an apology, and logs, when answering fails", async () => {
    const broken: BotContext = {
      ...bot(),
      engine: Object.assign(Object.create(engine) as typeof engine, {
        answer: () => {
          throw new Error("catalog index broken");
        },
      }),
    };
    const { ack, logger } = await run("803", broken);
    expect(ack).toEqual({
      response_type: "ephemeral",
      text: "Sorry, something went wrong looking that up. Please try again in a moment.",
    });
    expect(logger.errors.join("\n")).toContain("answering /loyalty-code failed");
  });
});

describe("the app_mention callback", () => {
  async function mention(
    event: { text: string; ts?: string; thread_ts?: string; bot_id?: string },
    client = fakeClient(),
  ) {
    const logger = fakeLogger();
    // Replies go through the outbox, which logs what it gives up to the same logger.
    await answerMention({ ...bot(), outbox: new Outbox(logger, NO_RETRIES) })({
      event: { channel: "C1", ts: event.ts ?? "1700000001.000100", ...event },
      body: { event_id: "Ev0CALLBACK1" },
      client,
      logger,
    });
    return { client, logger };
  }

  it("answers the words after the mention in a thread under the mention", async () => {
    const { client } = await mention({ text: "<@UBOT> 816 points", ts: "1700000001.000100" });
    expect(client.posts).toHaveLength(1);
    expect(client.posts[0]?.thread_ts).toBe("1700000001.000100");
    expect(shown(client.posts[0])).toContain("816");
  });

  it("`explain` in a thread diagnoses the thread's first message", async () => {
    const client = fakeClient({ parentText: customerGetPaste1012() });
    await mention(
      { text: "<@UBOT> explain", ts: "1700000002.000100", thread_ts: "1700000000.000100" },
      client,
    );
    expect(client.replies).toEqual([
      { channel: "C1", ts: "1700000000.000100", limit: 1, inclusive: true },
    ]);
    expect(client.posts[0]?.thread_ts).toBe("1700000000.000100");
    // The verdict, first, names the thread's code.
    expect(stringField(client.posts[0], "text")).toMatch(/^1 item error: 1012 customer/);
  });

  it("`explain` under a message without a response says the first message holds none", async () => {
    const client = fakeClient({ parentText: "customer add keeps failing :(" });
    await mention(
      { text: "<@UBOT> explain", ts: "1700000002.000100", thread_ts: "1700000000.000100" },
      client,
    );
    expect(client.posts[0]?.thread_ts).toBe("1700000000.000100");
    expect(shown(client.posts[0])).toMatch(
      /first message of this thread holds no (API )?response/i,
    );
  });

  it("`explain` outside a thread is a search for the word, not a thread lookup", async () => {
    const { client } = await mention({ text: "<@UBOT> explain" });
    expect(client.replies).toEqual([]);
    expect(shown(client.posts[0])).toContain("No documented code matches");
  });

  it("suggests follow-ups as mentions, since Slack allows no slash command in a thread", async () => {
    const { client } = await mention({ text: "<@UBOT> 660", thread_ts: "1700000000.000100" });
    expect(shown(client.posts[0])).toContain("`@loyalty-code 660 ");
    expect(shown(client.posts[0])).not.toContain("/loyalty-code");
  });

  it("ignores mentions posted by bots", async () => {
    const { client } = await mention({ text: "<@UBOT> 803", bot_id: "B1" });
    expect(client.posts).toEqual([]);
  });

  it("survives Slack refusing the reply, and logs it with the event id and channel", async () => {
    const { logger } = await mention(
      { text: "<@UBOT> 803" },
      fakeClient({ failPost: "not_in_channel" }),
    );
    expect(logger.errors.join("\n")).toContain("not_in_channel");
    expect(logger.errors.join("\n")).toMatch(/event Ev0CALLBACK1 in channel C1/);
  });
});

describe("the message callback (unasked pastes)", () => {
  async function message(text: string, channel = "C1", pasteChannels: Set<string> | null = null) {
    const client = fakeClient();
    await diagnoseUnaskedPaste(bot(pasteChannels))({
      event: {
        type: "message",
        channel,
        channel_type: "channel",
        user: "U0AGENT1",
        text,
        ts: "1700000003.000100",
        event_ts: "1700000003.000100",
        subtype: undefined,
      },
      context: { botUserId: "UBOT" },
      client,
      logger: fakeLogger(),
    });
    return client.posts;
  }

  it("diagnoses a pasted response in a thread under it", async () => {
    const posts = await message(customerGetPaste1012());
    expect(posts).toHaveLength(1);
    expect(posts[0]?.thread_ts).toBe("1700000003.000100");
    expect(shown(posts[0])).toContain("1012");
  });

  it("stays quiet on a chatty message that merely holds a number", async () => {
    expect(await message("hello 803 team")).toEqual([]);
    expect(await message("anyone seen 803 today?")).toEqual([]);
  });

  it("stays quiet outside the configured paste channels", async () => {
    expect(await message(customerGetPaste1012(), "C2", new Set(["C1"]))).toEqual([]);
  });

  it("leaves a paste that mentions the bot to the mention callback", async () => {
    expect(await message(`<@UBOT> ${customerGetPaste1012()}`)).toEqual([]);
  });
});

describe("the Share button callback", () => {
  /** Clicks Share on the answer to `query`, kept in the store as the slash command keeps it. */
  async function share(
    query: string,
    client = fakeClient(),
    { failDelete = false, channel = "C1", expired = false } = {},
  ) {
    const responses: RespondArguments[] = [];
    let acked = false;
    const context = bot();
    const value = expired ? "AAAAAAAAAAAAAAAA" : await context.store.answers.put(query);
    await shareAnswer(context)({
      ack: () => {
        acked = true;
        return Promise.resolve();
      },
      body: {
        channel: { id: channel, name: "support" },
        user: { id: "U0AGENT7", username: "agent" },
      },
      action: { value },
      client,
      respond: (response) => {
        if (failDelete && response.delete_original === true) {
          return Promise.reject(new Error("response_url answered 500"));
        }
        responses.push(response);
        return Promise.resolve();
      },
      logger: fakeLogger(),
    });
    expect(acked).toBe(true);
    return { client, responses };
  }

  it("keeps the Escalate button of an answer that names a team when it is shared", async () => {
    const { client } = await share("604 transaction");
    expect(shown(client.posts[0])).toContain("604 · transaction");
    expect(JSON.stringify(client.posts[0])).toContain('"action_id":"escalate"');
  });

  it("posts the answer in the channel naming who shared it, then removes the private copy", async () => {
    const { client, responses } = await share("803");
    expect(client.posts[0]?.channel).toBe("C1");
    expect(shown(client.posts[0])).toContain("Shared by <@U0AGENT7>");
    expect(responses).toEqual([{ delete_original: true }]);
  });

  it("tells the user privately that an answer no longer kept has expired, and posts nothing", async () => {
    const { client, responses } = await share("803", fakeClient(), { expired: true });
    expect(client.attempts).toHaveLength(0);
    expect(responses).toHaveLength(1);
    expect(responses[0]?.response_type).toBe("ephemeral");
    expect(responses[0]?.text).toMatch(/expired.*ask again/i);
  });

  it("tells the user to invite the bot when Slack answers not_in_channel", async () => {
    const client = fakeClient({ failPost: "not_in_channel" });
    const { responses } = await share("803", client);
    expect(responses).toHaveLength(1);
    const told = responses[0];
    expect(told?.text).toEqual(expect.stringMatching(/invite/i));
    expect(told?.text).toContain("/invite @loyalty-code");
    expect(told?.response_type).toBe("ephemeral");
    expect(told?.replace_original).toBe(false);
    expect(told?.delete_original).toBeUndefined();
    expect(client.attempts).toHaveLength(1);
    expect(client.posts).toHaveLength(0);
  });

  it("gives an actionable message, not 'try again', when Slack answers channel_not_found", async () => {
    // Slack answers channel_not_found (not not_in_channel) for a private channel the bot
    // is not in, and for a DM between people: trying again cannot help there.
    const { responses } = await share("803", fakeClient({ failPost: "channel_not_found" }), {
      channel: "G0PRIVATE1",
    });
    const text = responses[0]?.text ?? "";
    expect(responses[0]?.response_type).toBe("ephemeral");
    expect(text).not.toMatch(/try again in a moment/i);
    expect(text).toMatch(/invite|can(no|')t post/i);
  });

  it("does not tell the user the share failed when it was posted but the ephemeral could not be deleted", async () => {
    // A response_url hiccup after the answer is already in the channel: saying "something
    // went wrong, try again" makes the agent share it a second time.
    const { client, responses } = await share("803", fakeClient(), { failDelete: true });
    expect(client.posts).toHaveLength(1);
    const toldAfterwards = responses.map((response) => response.text ?? "");
    expect(toldAfterwards.filter((text) => /went wrong|try again/i.test(text))).toEqual([]);
  });

  it("apologises for any other failure, without promising an invitation helps", async () => {
    const { responses } = await share("803", fakeClient({ failPost: "ratelimited" }));
    expect(responses).toEqual([
      {
        response_type: "ephemeral",
        replace_original: false,
        text: "Sorry, something went wrong looking that up. Please try again in a moment.",
      },
    ]);
  });
});

describe("a candidate's button callback", () => {
  it("answers the candidate's code and resource in full, privately, with a Share button", async () => {
    const responses: RespondArguments[] = [];
    await openAnswer(bot())({
      ack: () => Promise.resolve(),
      action: { value: "702 coupon" },
      respond: (response) => {
        responses.push(response);
        return Promise.resolve();
      },
      logger: fakeLogger(),
    });
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(responses[0]?.text).toMatch(/^\*702 · coupon\*: /);
    expect(shown(responses[0])).toContain("Tell the customer:");
    expect(JSON.stringify(responses[0])).toContain("share_answer");
  });
});
