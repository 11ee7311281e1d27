import type { Logger, ViewResponseAction, ViewSubmitAction } from "@slack/bolt";
import type { ChatPostEphemeralArguments } from "@slack/web-api";
import {
  FEEDBACK_INPUTS,
  FRIENDLY_ERROR,
  REASON_REQUIRED,
  feedbackExpiredModal,
  noticeModalText,
} from "../../render/index.js";
import { isVoteReason } from "../../store/index.js";
import type { BotContext } from "../bot-context.js";
import { logFailure } from "../log.js";
import type { FeedbackMetadata } from "../modal-metadata.js";
import { readFeedbackMetadata } from "../modal-metadata.js";
import { castVote } from "./cast.js";

export interface FeedbackSubmitArgs {
  ack: (response?: ViewResponseAction) => Promise<void>;
  body: Pick<ViewSubmitAction, "user">;
  view: Pick<ViewSubmitAction["view"], "private_metadata" | "state">;
  client: { chat: { postEphemeral: (args: ChatPostEphemeralArguments) => Promise<unknown> } };
  logger: Logger;
}

/**
 * The "Not right" form sent: no reason gets a field error; otherwise the vote is kept
 * with its reason and comment, the form closes and the voter alone is told "Thanks,
 * noted" beside the answer. The same form sent again changes nothing and says nothing
 * more. The comment is never shown back to anyone, so its mentions ping no one.
 */
export function submitNotRight(bot: BotContext) {
  return async ({ ack, body, view, client, logger }: FeedbackSubmitArgs): Promise<void> => {
    const values = view.state.values;
    const reason =
      values[FEEDBACK_INPUTS.reason.block]?.[FEEDBACK_INPUTS.reason.action]?.selected_option?.value;
    if (!isVoteReason(reason)) {
      await ack({
        response_action: "errors",
        errors: { [FEEDBACK_INPUTS.reason.block]: REASON_REQUIRED },
      });
      return;
    }
    const metadata = readFeedbackMetadata(view.private_metadata);
    if (metadata === null) {
      logger.error("a feedback form came back without the answer it is about");
      await ack({ response_action: "update", view: noticeModalText("Not right", FRIENDLY_ERROR) });
      return;
    }
    const comment =
      values[FEEDBACK_INPUTS.comment.block]?.[FEEDBACK_INPUTS.comment.action]?.value ?? null;
    const cast = await castVote(
      bot,
      { answerId: metadata.answerId, userId: body.user.id, vote: "not_right", reason, comment },
      logger,
    );
    switch (cast.outcome) {
      case "expired":
        await ack({
          response_action: "update",
          view: feedbackExpiredModal(bot.recordRetentionDays),
        });
        return;
      case "off":
      case "failed":
        await ack({ response_action: "update", view: noticeModalText("Not right", cast.text) });
        return;
      case "unchanged":
        // Sent twice: the vote is kept once, and the voter was thanked already.
        await ack();
        return;
      case "recorded":
      case "changed":
        await ack();
        await thank(metadata, body.user.id, cast.text, client, logger);
    }
  };
}

/**
 * Tells the voter alone, beside the answer: through the click's response URL (it reaches
 * private answers and channels the bot is not in), else as an ephemeral message.
 */
async function thank(
  metadata: FeedbackMetadata,
  user: string,
  text: string,
  client: FeedbackSubmitArgs["client"],
  logger: Logger,
): Promise<void> {
  if (metadata.responseUrl !== null) {
    try {
      const response = await fetch(metadata.responseUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ response_type: "ephemeral", replace_original: false, text }),
        signal: AbortSignal.timeout(5000),
      });
      if (response.ok) return;
      logger.info(`the response URL refused the thanks (HTTP ${String(response.status)})`);
    } catch (error) {
      logFailure(logger, "thanking a voter through the response URL", error);
    }
  }
  if (metadata.channel === null) return;
  await client.chat
    .postEphemeral({
      channel: metadata.channel,
      user,
      text,
      ...(metadata.threadTs === null ? {} : { thread_ts: metadata.threadTs }),
    })
    .catch((error: unknown) => {
      logFailure(logger, "thanking a voter", error);
    });
}
