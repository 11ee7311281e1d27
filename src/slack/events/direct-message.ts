import type { KnownEventFromType, Logger } from "@slack/bolt";
import { FRIENDLY_ERROR, plainMessage } from "../../render/index.js";
import { answerForConversation } from "../answering.js";
import type { BotContext } from "../bot-context.js";
import { logFailure } from "../log.js";
import type { MessagePoster } from "../reply.js";
import { replyInThread } from "../reply.js";

export interface DirectMessageArgs {
  event: KnownEventFromType<"message">;
  client: MessagePoster;
  logger: Logger;
}

/**
 * A direct message to the bot (a code, words or a paste) is answered in the DM: at the
 * top, or in the thread when the agent wrote in one. Edits, files and bots are ignored.
 */
export function answerDirectMessage(bot: BotContext) {
  return async ({ event, client, logger }: DirectMessageArgs): Promise<void> => {
    if (event.channel_type !== "im") return;
    if (event.subtype !== undefined || ("bot_id" in event && event.bot_id !== undefined)) return;
    const where = { channel: event.channel, threadTs: event.thread_ts ?? null };
    try {
      const message = await answerForConversation(bot, event.text ?? "", event.ts, logger);
      await replyInThread(client, logger, where, message);
    } catch (error) {
      logFailure(logger, "answering a direct message", error);
      await replyInThread(client, logger, where, plainMessage(FRIENDLY_ERROR));
    }
  };
}
