import type { Context, KnownEventFromType, Logger } from "@slack/bolt";
import type { BotContext } from "../bot-context.js";
import { messageFor } from "../answering.js";
import { logFailure } from "../log.js";
import type { MessagePoster } from "../reply.js";
import { replyInThread } from "../reply.js";
import { countAnswer } from "../usage.js";

export interface MessageArgs {
  event: KnownEventFromType<"message">;
  /** The envelope; its event id names the event in the log if the reply fails. */
  body?: { event_id?: string };
  context: Pick<Context, "botUserId">;
  client: MessagePoster;
  logger: Logger;
}

/**
 * A new message or thread reply holding a Capillary API response gets one thread reply
 * with the diagnosis (the engine decides what counts as one), remembered so that an
 * edit or deletion of the message follows it. Bots, the bot itself, edits, deletions,
 * joins and other subtypes are ignored, and so are direct messages (answered in full
 * elsewhere) and messages that mention the bot (the mention handler answers).
 */
export function diagnoseUnaskedPaste(bot: BotContext) {
  return async ({ event, body, context, client, logger }: MessageArgs): Promise<void> => {
    if (event.subtype !== undefined || ("bot_id" in event && event.bot_id !== undefined)) return;
    if (event.channel_type === "im") return;
    if (event.user === context.botUserId) return;
    if (bot.pasteChannels !== null && !bot.pasteChannels.has(event.channel)) return;
    const text = event.text ?? "";
    if (context.botUserId !== undefined && text.includes(`<@${context.botUserId}`)) return;
    try {
      const diagnosis = bot.engine.diagnose(text);
      // Error bodies and log lines of other systems are not ours to answer unasked.
      if (diagnosis === null || diagnosis.recognisedAs === null) return;
      const answer = { type: "diagnosis" as const, diagnosis };
      const feedbackId = await countAnswer(bot, "paste", answer);
      const message = await messageFor(bot, text, answer, event.ts, logger, { feedbackId });
      const replyTs = await replyInThread(
        client,
        bot.outbox,
        {
          channel: event.channel,
          threadTs: event.thread_ts ?? event.ts,
          eventId: body?.event_id ?? null,
        },
        message,
      );
      if (replyTs !== null) {
        await bot.store.replies.link({ channel: event.channel, ts: event.ts }, replyTs);
      }
    } catch (error) {
      logFailure(logger, "diagnosing a pasted response", error);
    }
  };
}
