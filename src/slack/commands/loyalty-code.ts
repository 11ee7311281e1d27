import type { Logger, RespondArguments, SlashCommand } from "@slack/bolt";
import { FRIENDLY_ERROR, SLASH_COMMAND, privateAnswerMessage } from "../../render/index.js";
import { answerButtons } from "../answering.js";
import type { BotContext } from "../bot-context.js";
import { logFailure } from "../log.js";
import { countAnswer } from "../usage.js";

export interface CommandArgs {
  command: Pick<SlashCommand, "text">;
  ack: (response: RespondArguments) => Promise<void>;
  logger: Logger;
}

/**
 * /loyalty-code <query>: the answer is computed in microseconds, so it goes back in
 * the acknowledgement itself, privately, with a button to share it in the channel, one
 * to escalate it where it names a team, and the feedback buttons when it was recorded.
 */
export function answerCommand(bot: BotContext) {
  return async ({ command, ack, logger }: CommandArgs): Promise<void> => {
    try {
      const answer = bot.engine.answer(command.text);
      const feedbackId = await countAnswer(bot, "slash", answer);
      const buttons = await answerButtons(bot, command.text, answer, {
        share: true,
        origin: null,
      });
      const message = privateAnswerMessage(answer, {
        ...buttons,
        ...(feedbackId === null ? {} : { feedbackId }),
      });
      await ack({ response_type: "ephemeral", ...message });
    } catch (error) {
      logFailure(logger, `answering ${SLASH_COMMAND}`, error);
      await ack({ response_type: "ephemeral", text: FRIENDLY_ERROR });
    }
  };
}
