import type { Logger, RespondArguments, SlashCommand } from "@slack/bolt";
import { FRIENDLY_ERROR, SLASH_COMMAND, privateAnswerMessage } from "../../render/index.js";
import { countAsked, escalateValue } from "../answering.js";
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
 * the acknowledgement itself, privately, with a button to share it in the channel. The
 * button carries a short key to what is shared, kept in the store, so that any instance
 * can share it and a long paste never exceeds a button's 2,000 characters.
 */
export function answerCommand(bot: BotContext) {
  return async ({ command, ack, logger }: CommandArgs): Promise<void> => {
    try {
      const answer = bot.engine.answer(command.text);
      countAnswer(bot, "slash", answer);
      await countAsked(bot, answer, logger);
      const shareKey =
        answer.type === "help"
          ? ""
          : await bot.store.answers.put(bot.engine.shareValue(command.text, answer));
      const escalate = await escalateValue(bot, command.text, answer, null);
      const message = privateAnswerMessage(answer, shareKey, escalate);
      await ack({ response_type: "ephemeral", ...message });
    } catch (error) {
      logFailure(logger, `answering ${SLASH_COMMAND}`, error);
      await ack({ response_type: "ephemeral", text: FRIENDLY_ERROR });
    }
  };
}
