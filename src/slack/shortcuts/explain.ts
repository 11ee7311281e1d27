import type { Logger, MessageShortcut, RespondFn } from "@slack/bolt";
import type { ModalView, ThreadPosting } from "../../render/index.js";
import { FRIENDLY_ERROR, explainModal, noTextModal, noticeModalText } from "../../render/index.js";
import { escalateValueFor } from "../answering.js";
import type { BotContext } from "../bot-context.js";
import { logFailure } from "../log.js";
import type { ModalOpener } from "../open-modal.js";
import { openModal } from "../open-modal.js";
import { writeMetadata } from "../modal-metadata.js";
import { countAnswer } from "../usage.js";

export interface ShortcutArgs {
  shortcut: Pick<MessageShortcut, "trigger_id" | "message" | "channel">;
  ack: () => Promise<void>;
  client: ModalOpener;
  respond: RespondFn;
  logger: Logger;
}

/** Conversations between people (DMs and group DMs), where the bot cannot post. */
function isDirectConversation(channel: { id: string; name: string }): boolean {
  return (
    channel.id.startsWith("D") ||
    channel.name === "directmessage" ||
    channel.name.startsWith("mpdm-")
  );
}

/**
 * "Explain loyalty codes" on any message: the answer to its text in a modal, with
 * "Post in thread" where the bot can post, and Escalate when the answer names a team.
 * Works in channels the bot is not in.
 */
export function explainMessage(bot: BotContext) {
  return async ({ shortcut, ack, client, respond, logger }: ShortcutArgs): Promise<void> => {
    await ack();
    let view: ModalView;
    try {
      view = await explainView(bot, shortcut, logger);
    } catch (error) {
      logFailure(logger, "answering the message shortcut", error);
      view = noticeModalText("Loyalty codes", FRIENDLY_ERROR);
    }
    await openModal(client, respond, logger, shortcut.trigger_id, view, "the shortcut's answer");
  };
}

/** The modal for the shortcut's message: its answer, or why there is none. */
async function explainView(
  bot: BotContext,
  shortcut: ShortcutArgs["shortcut"],
  logger: Logger,
): Promise<ModalView> {
  const text = typeof shortcut.message.text === "string" ? shortcut.message.text : "";
  if (text.trim() === "") {
    logger.info("the message shortcut was used on a message with no text");
    return noTextModal();
  }
  const answer = bot.engine.answer(text);
  const recordId = await countAnswer(bot, "shortcut", answer);
  const { ts } = shortcut.message;
  const threadTs = typeof shortcut.message.thread_ts === "string" ? shortcut.message.thread_ts : ts;
  const key = await bot.store.answers.put(bot.engine.shareValue(text, answer));
  const answered = await bot.store.replies.replyTo({ channel: shortcut.channel.id, ts });
  // One reply per message: a paste the bot already answered gets no second one.
  const posting: ThreadPosting = isDirectConversation(shortcut.channel)
    ? { type: "not-possible", reason: "direct-message" }
    : answered !== undefined
      ? { type: "not-possible", reason: "already-answered" }
      : { type: "offer" };
  const metadata = writeMetadata({
    key,
    channel: shortcut.channel.id,
    ts,
    threadTs,
    link: null,
    recordId,
  });
  return explainModal(answer, posting, metadata, escalateValueFor(answer, { key, origin: ts }));
}
