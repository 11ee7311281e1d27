import type { App } from "@slack/bolt";
import type { Answer } from "../../engine/index.js";
import { answerMessage } from "../../render/index.js";
import type { BotContext } from "../context.js";
import { isRecord } from "../../guards.js";
import { FRIENDLY_ERROR, logFailure, stringField, stripMentions } from "../context.js";
import type { ThreadTarget } from "../reply.js";
import { replyInThread } from "../reply.js";
import { countAnswer } from "../usage.js";

/** "explain", "explain this please", "what's this?", or nothing: diagnose the thread's first message. */
const EXPLAIN =
  /^(please\s+)?(explain|diagnose|decode|what('?s| is| does))?(\s+(this|that|it|the|above|error|response|message|mean|please))*[\s?.!]*$/i;

/**
 * @bot 803, @bot coupon expired, @bot + a pasted response: answers in the thread.
 * @bot explain (or a bare mention) inside a thread diagnoses the thread's first message.
 */
export function registerAppMention(app: App, bot: BotContext): void {
  app.event("app_mention", async ({ event, body, client, logger }) => {
    if (event.bot_id !== undefined || event.subtype !== undefined) return;
    const threadTs = event.thread_ts ?? event.ts;
    const where = { channel: event.channel, threadTs, eventId: body.event_id };
    try {
      const query = stripMentions(event.text);
      let answer: Answer;
      if (EXPLAIN.test(query) && event.thread_ts !== undefined && event.thread_ts !== event.ts) {
        const parent = await threadParentText(client, bot, where, event.thread_ts);
        const diagnosis = parent === null ? null : bot.engine.diagnose(parent);
        if (!diagnosis) {
          await replyInThread(client, bot.outbox, where, {
            text: "The first message of this thread holds no API response I can read. Paste the response, or ask me about a code: `@loyalty-code 803`.",
            blocks: [],
          });
          return;
        }
        answer = { type: "diagnosis", diagnosis };
      } else {
        answer = bot.engine.answer(query);
      }
      countAnswer(bot, "mention", answer);
      await replyInThread(client, bot.outbox, where, answerMessage(answer));
    } catch (error) {
      logFailure(logger, "answering a mention", error);
      await replyInThread(client, bot.outbox, where, { text: FRIENDLY_ERROR, blocks: [] });
    }
  });
}

/** The text of a thread's first message, null when it has none; throws when Slack fails. */
async function threadParentText(
  client: Parameters<Parameters<App["event"]>[1]>[0]["client"],
  bot: BotContext,
  where: ThreadTarget,
  threadTs: string,
): Promise<string | null> {
  const outcome = await bot.outbox.send(
    { eventId: where.eventId, channel: where.channel, what: "reading the thread's first message" },
    () =>
      client.conversations.replies({
        channel: where.channel,
        ts: threadTs,
        limit: 1,
        inclusive: true,
      }),
  );
  if (!outcome.ok) throw outcome.error;
  const replies: unknown = outcome.value;
  const messages =
    isRecord(replies) && Array.isArray(replies.messages) ? (replies.messages as unknown[]) : [];
  return stringField(messages[0], "text");
}
