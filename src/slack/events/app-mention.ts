import type { Logger } from "@slack/bolt";
import type { AppMentionEvent } from "@slack/types";
import type { ConversationsRepliesArguments } from "@slack/web-api";
import { readMention } from "../../engine/index.js";
import type { SlackMessage } from "../../render/index.js";
import { FRIENDLY_ERROR, NOTHING_TO_EXPLAIN, plainMessage } from "../../render/index.js";
import { isRecord, stringField } from "../../guards.js";
import { messageFor } from "../answering.js";
import type { BotContext } from "../bot-context.js";
import { logFailure } from "../log.js";
import type { MessagePoster } from "../reply.js";
import type { ThreadTarget } from "../reply.js";
import { replyInThread } from "../reply.js";
import { countAnswer } from "../usage.js";

/** The part of the Web API client a mention needs: posting, and reading a thread. */
export interface ThreadClient extends MessagePoster {
  conversations: { replies: (args: ConversationsRepliesArguments) => Promise<unknown> };
}

export interface MentionArgs {
  event: Pick<AppMentionEvent, "text" | "ts" | "thread_ts" | "channel" | "bot_id" | "subtype">;
  /** The envelope; its event id names the event in the log if the reply fails. */
  body?: { event_id?: string };
  client: ThreadClient;
  logger: Logger;
}

/**
 * @bot 803, @bot coupon expired, @bot + a pasted response: answers in the thread.
 * @bot explain (or a bare mention) inside a thread diagnoses the thread's first message.
 */
export function answerMention(bot: BotContext) {
  return async ({ event, body, client, logger }: MentionArgs): Promise<void> => {
    if (event.bot_id !== undefined || event.subtype !== undefined) return;
    const where: ThreadTarget = {
      channel: event.channel,
      threadTs: event.thread_ts ?? event.ts,
      eventId: body?.event_id ?? null,
    };
    try {
      const request = readMention(event.text, { ts: event.ts, threadTs: event.thread_ts });
      let message: SlackMessage;
      if (request.type === "thread-parent") {
        const parent = (await threadParentText(client, bot, where, request.threadTs)) ?? "";
        const diagnosis = bot.engine.diagnose(parent);
        const answer = diagnosis === null ? null : { type: "diagnosis" as const, diagnosis };
        const feedbackId = await countAnswer(bot, "mention", answer);
        message =
          answer === null
            ? plainMessage(NOTHING_TO_EXPLAIN)
            : await messageFor(bot, parent, answer, request.threadTs, logger, { feedbackId });
      } else {
        const answer = bot.engine.answer(request.text);
        const feedbackId = await countAnswer(bot, "mention", answer);
        message = await messageFor(bot, request.text, answer, event.ts, logger, { feedbackId });
      }
      await replyInThread(client, bot.outbox, where, message);
    } catch (error) {
      logFailure(logger, "answering a mention", error);
      await replyInThread(client, bot.outbox, where, plainMessage(FRIENDLY_ERROR));
    }
  };
}

/** The text of a thread's first message, null when it has none; throws when Slack fails. */
async function threadParentText(
  client: ThreadClient,
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
  const replies = outcome.value;
  const messages =
    isRecord(replies) && Array.isArray(replies.messages) ? (replies.messages as unknown[]) : [];
  return stringField(messages[0], "text");
}
