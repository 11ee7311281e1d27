import type { BlockButtonAction, Logger } from "@slack/bolt";
import type { ViewsUpdateArguments } from "@slack/web-api";
import type { ThreadPosting } from "../../render/index.js";
import { explainModal, noticeModalText } from "../../render/index.js";
import { escalateValueFor, messageFor } from "../answering.js";
import type { BotContext } from "../bot-context.js";
import { slackErrorCode } from "../../guards.js";
import { logFailure } from "../log.js";
import { MODAL_CLAIM_TTL_MS, readMetadata } from "../modal-metadata.js";
import type { MessagePoster } from "../reply.js";

export interface PostInThreadArgs {
  ack: () => Promise<void>;
  body: Pick<BlockButtonAction, "view">;
  client: MessagePoster & { views: { update: (args: ViewsUpdateArguments) => Promise<unknown> } };
  logger: Logger;
}

/** Slack errors that mean the bot is not allowed in that conversation. */
const NOT_A_MEMBER = new Set(["not_in_channel", "channel_not_found"]);

/**
 * "Post in thread" in the shortcut's modal: posts the answer in the message's thread
 * once (a second click posts nothing), then shows in the modal how it went.
 */
export function postInThread(bot: BotContext) {
  return async ({ ack, body, client, logger }: PostInThreadArgs): Promise<void> => {
    await ack();
    const view = body.view;
    const metadata = readMetadata(view?.private_metadata);
    if (!view || !metadata || metadata.ts === null) return;
    if (!(await bot.store.claimOnce(`post-in-thread:${view.id}`, MODAL_CLAIM_TTL_MS))) return;
    const update = async (updated: ViewsUpdateArguments["view"]) => {
      await client.views.update({ view_id: view.id, view: updated }).catch((error: unknown) => {
        logFailure(logger, "updating the shortcut's modal", error);
      });
    };
    const input = await bot.store.answers.get(metadata.key).catch((error: unknown) => {
      logFailure(logger, "reading the shortcut's answer to post", error);
      return undefined;
    });
    if (input === undefined) {
      await update(
        noticeModalText("Loyalty codes", "This answer has expired; use the shortcut again."),
      );
      return;
    }
    const answer = bot.engine.answer(input);
    let posting: ThreadPosting = { type: "posted" };
    try {
      // The posted copy is the shortcut's answer: votes on it go to the shortcut's record.
      const message = await messageFor(bot, input, answer, metadata.ts, logger, {
        feedbackId: metadata.recordId ?? null,
      });
      await client.chat.postMessage({
        channel: metadata.channel,
        thread_ts: metadata.threadTs ?? metadata.ts,
        ...message,
        unfurl_links: false,
        unfurl_media: false,
      });
    } catch (error) {
      logFailure(logger, "posting the shortcut's answer in the thread", error);
      const code = slackErrorCode(error);
      posting = {
        type: "not-possible",
        reason: code !== null && NOT_A_MEMBER.has(code) ? "not-in-channel" : "failed",
      };
    }
    const escalateValue = escalateValueFor(answer, { key: metadata.key, origin: metadata.ts });
    await update(explainModal(answer, posting, view.private_metadata, escalateValue));
  };
}
