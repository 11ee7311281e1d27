import type { BlockButtonAction, Logger, RespondFn } from "@slack/bolt";
import { RECORDING_OFF, feedbackModal } from "../../render/index.js";
import { isRecord, stringField } from "../../guards.js";
import type { BotContext } from "../bot-context.js";
import { logFailure } from "../log.js";
import { writeFeedbackMetadata } from "../modal-metadata.js";
import type { ModalOpener } from "../open-modal.js";
import { openModal } from "../open-modal.js";
import { castVote } from "./cast.js";

export interface FeedbackClickArgs {
  ack: () => Promise<void>;
  body: Pick<
    BlockButtonAction,
    "user" | "trigger_id" | "channel" | "message" | "container" | "response_url"
  >;
  action: Pick<BlockButtonAction["actions"][number], "value">;
  client: ModalOpener;
  respond: RespondFn;
  logger: Logger;
}

/**
 * "Helpful": records the clicker's vote and tells only them "Thanks, noted" (a reply
 * through the response URL, which leaves the answer as it is for everyone else).
 */
export function voteHelpful(bot: BotContext) {
  return async ({ ack, body, action, respond, logger }: FeedbackClickArgs): Promise<void> => {
    await ack();
    const { text } = await castVote(
      bot,
      {
        answerId: action.value ?? "",
        userId: body.user.id,
        vote: "helpful",
        reason: null,
        comment: null,
      },
      logger,
    );
    await respond({ response_type: "ephemeral", replace_original: false, text }).catch(
      (error: unknown) => {
        logFailure(logger, "thanking a voter", error);
      },
    );
  };
}

/**
 * "Not right": opens the form asking what was wrong, at once (Slack allows 3 seconds
 * from the click), remembering the answer's record and where to thank the voter.
 */
export function openNotRight(bot: BotContext) {
  return async ({
    ack,
    body,
    action,
    client,
    respond,
    logger,
  }: FeedbackClickArgs): Promise<void> => {
    await ack();
    // Buttons of answers from before recording was turned off: no form for a vote not kept.
    if (!bot.recording) {
      await respond({
        response_type: "ephemeral",
        replace_original: false,
        text: RECORDING_OFF,
      }).catch((error: unknown) => {
        logFailure(logger, "telling a voter recording is off", error);
      });
      return;
    }
    const ephemeral = isRecord(body.container) && body.container.is_ephemeral === true;
    const metadata = writeFeedbackMetadata({
      answerId: action.value ?? "",
      responseUrl: body.response_url,
      channel: body.channel?.id ?? stringField(body.container, "channel_id"),
      // The thanks goes in the answer's thread; a private answer, or one at the top, has none.
      threadTs: ephemeral ? null : stringField(body.message, "thread_ts"),
    });
    const view = feedbackModal(metadata);
    await openModal(client, respond, logger, body.trigger_id, view, "the feedback form");
  };
}
