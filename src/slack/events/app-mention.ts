import type { Logger } from "@slack/bolt";
import type { AppMentionEvent } from "@slack/types";
import type { ConversationsRepliesArguments } from "@slack/web-api";
import { readMention } from "../../engine/index.js";
import type { SlackMessage } from "../../render/index.js";
import { FRIENDLY_ERROR, plainMessage, threadParentMessage } from "../../render/index.js";
import { isRecord, stringField } from "../../guards.js";
import { answerForConversation, messageFor } from "../answering.js";
import type { BotContext } from "../bot-context.js";
import { logFailure } from "../log.js";
import type { MessagePoster } from "../reply.js";
import { replyInThread } from "../reply.js";

/** The part of the Web API client a mention needs: posting, and reading a thread. */
export interface ThreadClient extends MessagePoster {
  conversations: { replies: (args: ConversationsRepliesArguments) => Promise<unknown> };
}

export interface MentionArgs {
  event: Pick<AppMentionEvent, "text" | "ts" | "thread_ts" | "channel" | "bot_id" | "subtype">;
  client: ThreadClient;
  logger: Logger;
}

/**
 * @bot 803, @bot coupon expired, @bot + a pasted response: answers in the thread.
 * @bot explain (or a bare mention) inside a thread diagnoses the thread's first message.
 */
export function answerMention(bot: BotContext) {
  return async ({ event, client, logger }: MentionArgs): Promise<void> => {
    if (event.bot_id !== undefined || event.subtype !== undefined) return;
    const where = { channel: event.channel, threadTs: event.thread_ts ?? event.ts };
    try {
      const request = readMention(event.text, { ts: event.ts, threadTs: event.thread_ts });
      let message: SlackMessage;
      if (request.type === "thread-parent") {
        const parent = (await threadParentText(client, event.channel, request.threadTs)) ?? "";
        const diagnosis = bot.engine.diagnose(parent);
        message = diagnosis
          ? await messageFor(
              bot,
              parent,
              { type: "diagnosis", diagnosis },
              request.threadTs,
              logger,
            )
          : threadParentMessage(null);
      } else {
        message = await answerForConversation(bot, request.text, event.ts, logger);
      }
      await replyInThread(client, logger, where, message);
    } catch (error) {
      logFailure(logger, "answering a mention", error);
      await replyInThread(client, logger, where, plainMessage(FRIENDLY_ERROR));
    }
  };
}

async function threadParentText(
  client: ThreadClient,
  channel: string,
  threadTs: string,
): Promise<string | null> {
  const replies = await client.conversations.replies({
    channel,
    ts: threadTs,
    limit: 1,
    inclusive: true,
  });
  const messages =
    isRecord(replies) && Array.isArray(replies.messages) ? (replies.messages as unknown[]) : [];
  return stringField(messages[0], "text");
}
