import type { BlockButtonAction, Logger, RespondArguments } from "@slack/bolt";
import {
  FRIENDLY_ERROR,
  MENTION_COMMAND,
  SLASH_COMMAND,
  privateAnswerMessage,
} from "../../render/index.js";
import { isRecord } from "../../guards.js";
import type { BotContext } from "../bot-context.js";
import { logFailure } from "../log.js";

export interface OpenAnswerArgs {
  ack: () => Promise<void>;
  body: Pick<BlockButtonAction, "container">;
  action: Pick<BlockButtonAction["actions"][number], "value">;
  respond: (response: RespondArguments) => Promise<unknown>;
  logger: Logger;
}

/**
 * A candidate's button (did you mean, nearest codes, also close): its full answer, privately
 * to whoever clicked, with a Share button. Follow-up hints suit where the click happened.
 */
export function openAnswer(bot: BotContext) {
  return async ({ ack, body, action, respond, logger }: OpenAnswerArgs): Promise<void> => {
    await ack();
    const inThread = isRecord(body.container) && typeof body.container.thread_ts === "string";
    try {
      const query = action.value ?? "";
      const answer = bot.engine.query(query);
      const shareKey = await bot.sharedAnswers.put(query);
      const message = privateAnswerMessage(
        answer,
        shareKey,
        inThread ? MENTION_COMMAND : SLASH_COMMAND,
      );
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
