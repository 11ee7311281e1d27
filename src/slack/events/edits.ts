import type { KnownEventFromType, Logger } from "@slack/bolt";
import type { ChatDeleteArguments, ChatUpdateArguments } from "@slack/web-api";
import { EDITED_NOTHING_TO_DIAGNOSE, plainMessage } from "../../render/index.js";
import { isRecord, stringField } from "../../guards.js";
import { messageFor } from "../answering.js";
import type { BotContext } from "../bot-context.js";
import { logFailure } from "../log.js";

/** The part of the Web API client that changes and removes the bot's replies. */
export interface ReplyEditor {
  chat: {
    update: (args: ChatUpdateArguments) => Promise<unknown>;
    delete: (args: ChatDeleteArguments) => Promise<unknown>;
  };
}

export interface EditArgs {
  event: KnownEventFromType<"message">;
  client: ReplyEditor;
  logger: Logger;
}

/**
 * Keeps the reply to an answered paste true to the paste: an edit updates the reply to
 * the new diagnosis (or says there is nothing to diagnose any more); a deletion deletes
 * the reply. Messages the bot did not answer are left alone: never a second reply.
 */
export function followEditsAndDeletions(bot: BotContext) {
  return async ({ event, client, logger }: EditArgs): Promise<void> => {
    try {
      if (event.subtype === "message_deleted") {
        await deleteReply(bot, client, { channel: event.channel, ts: event.deleted_ts });
        return;
      }
      if (event.subtype !== "message_changed") return;
      const edited: unknown = event.message;
      const ts = stringField(edited, "ts");
      if (ts === null || stringField(edited, "bot_id") !== null) return;
      const paste = { channel: event.channel, ts };
      // A thread's parent deleted while it has replies stays as a tombstone.
      if (stringField(edited, "subtype") === "tombstone") {
        await deleteReply(bot, client, paste);
        return;
      }
      const text = stringField(edited, "text") ?? "";
      // Slack also reports a parent as changed when its thread gets a reply.
      if (isRecord(event.previous_message) && event.previous_message.text === text) return;
      const replyTs = await bot.store.replies.replyTo(paste);
      if (replyTs === undefined) return;
      const found = bot.engine.diagnose(text);
      // The same test as for answering a paste unasked: a Capillary response.
      const diagnosis = found?.recognisedAs === null ? null : found;
      const message = diagnosis
        ? await messageFor(bot, text, { type: "diagnosis", diagnosis }, ts, logger)
        : plainMessage(EDITED_NOTHING_TO_DIAGNOSE);
      await client.chat.update({ channel: event.channel, ts: replyTs, ...message });
    } catch (error) {
      logFailure(logger, "following an edited or deleted message", error);
    }
  };
}

async function deleteReply(
  bot: BotContext,
  client: ReplyEditor,
  paste: { channel: string; ts: string },
): Promise<void> {
  const replyTs = await bot.store.replies.deleted(paste);
  if (replyTs !== undefined) await client.chat.delete({ channel: paste.channel, ts: replyTs });
}
