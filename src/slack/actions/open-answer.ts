import type { BlockButtonAction, Logger, RespondArguments } from "@slack/bolt";
import { FRIENDLY_ERROR, privateAnswerMessage } from "../../render/index.js";
import { answerButtons } from "../answering.js";
import type { BotContext } from "../bot-context.js";
import { logFailure } from "../log.js";
import { countAnswer } from "../usage.js";

export interface OpenAnswerArgs {
  ack: () => Promise<void>;
  action: Pick<BlockButtonAction["actions"][number], "value">;
  respond: (response: RespondArguments) => Promise<unknown>;
  logger: Logger;
}

/**
 * A candidate's button (did you mean, nearest codes, also close) carries a code and its
 * resource: the full answer goes privately to whoever clicked, with Share, Escalate and
 * the feedback buttons (it is recorded as an answer of its own).
 */
export function openAnswer(bot: BotContext) {
  return async ({ ack, action, respond, logger }: OpenAnswerArgs): Promise<void> => {
    await ack();
    try {
      const query = action.value ?? "";
      const answer = bot.engine.query(query);
      const feedbackId = await countAnswer(bot, "candidate", answer);
      const buttons = await answerButtons(bot, query, answer, { share: true, origin: null });
      const message = privateAnswerMessage(answer, {
        ...buttons,
        ...(feedbackId === null ? {} : { feedbackId }),
      });
      await respond({ response_type: "ephemeral", replace_original: false, ...message });
    } catch (error) {
      logFailure(logger, "opening a candidate's answer", error);
      await respond({
        response_type: "ephemeral",
        replace_original: false,
        text: FRIENDLY_ERROR,
      }).catch((respondError: unknown) => {
        logFailure(logger, "telling the user opening an answer failed", respondError);
      });
    }
  };
}
