import type { App } from "@slack/bolt";
import { answerMessage } from "../../render/index.js";
import type { BotContext } from "../context.js";
import { FRIENDLY_ERROR, logFailure } from "../context.js";
import { countAnswer } from "../usage.js";

const COMMAND = "/loyalty-code";

/**
 * /loyalty-code <query>: the answer is computed in microseconds, so it goes back in
 * the acknowledgement itself, privately, with a button to share it in the channel; the
 * query behind the button is kept in the store, so that any instance can share it.
 */
export function registerLoyaltyCodeCommand(app: App, bot: BotContext): void {
  app.command(COMMAND, async ({ command, ack, logger }) => {
    try {
      const answer = bot.engine.answer(command.text);
      // A pasted response goes into the share button with customer identifiers masked.
      countAnswer(bot, "slash", answer);
      const shareText =
        answer.type === "diagnosis" ? bot.engine.redact(command.text) : command.text;
      // The button carries a short key: the query itself may exceed a button's 2,000 characters.
      const shareValue = answer.type === "help" ? null : await bot.store.answers.put(shareText);
      const message = answerMessage(answer, shareValue === null ? {} : { shareValue });
      await ack({ response_type: "ephemeral", ...message });
    } catch (error) {
      logFailure(logger, "answering /loyalty-code", error);
      await ack({ response_type: "ephemeral", text: FRIENDLY_ERROR });
    }
  });
}
