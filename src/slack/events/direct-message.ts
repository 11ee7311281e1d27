import type { KnownEventFromType, Logger } from "@slack/bolt";
import { FRIENDLY_ERROR, SLASH_COMMAND, plainMessage } from "../../render/index.js";
import { messageFor } from "../answering.js";
import type { BotContext } from "../bot-context.js";
import { logFailure } from "../log.js";
import type { MessagePoster, ThreadTarget } from "../reply.js";
import { replyInThread } from "../reply.js";
import { countAnswer } from "../usage.js";

export interface DirectMessageArgs {
  event: KnownEventFromType<"message">;
  /** The envelope; its event id names the event in the log if the reply fails. */
  body?: { event_id?: string };
  client: MessagePoster;
  logger: Logger;
}

/**
 * A direct message to the bot (a code, words or a paste) is answered in the DM: at the
 * top, or in the thread when the agent wrote in one. Edits, files and bots are ignored.
 */
export function answerDirectMessage(bot: BotContext) {
  return async ({ event, body, client, logger }: DirectMessageArgs): Promise<void> => {
    if (event.channel_type !== "im") return;
    if (event.subtype !== undefined || ("bot_id" in event && event.bot_id !== undefined)) return;
    const where: ThreadTarget = {
      channel: event.channel,
      threadTs: event.thread_ts ?? null,
      eventId: body?.event_id ?? null,
    };
    try {
      const text = event.text ?? "";
      const answer = bot.engine.answer(text);
      const feedbackId = await countAnswer(bot, "dm", answer);
      // The slash command works in a DM with the bot; a mention there would be read as text.
      const message = await messageFor(bot, text, answer, event.ts, logger, {
        command: SLASH_COMMAND,
        feedbackId,
      });
      await replyInThread(client, bot.outbox, where, message);
    } catch (error) {
      logFailure(logger, "answering a direct message", error);
      await replyInThread(client, bot.outbox, where, plainMessage(FRIENDLY_ERROR));
    }
  };
}
