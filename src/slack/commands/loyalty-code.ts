import type { App } from "@slack/bolt";
import { answerMessage } from "../../render/index.js";
import type { BotContext } from "../context.js";
import { FRIENDLY_ERROR, logFailure } from "../context.js";

const COMMAND = "/loyalty-code";

/**
 * /loyalty-code <query>: the answer is computed in microseconds, so it goes back in
 * the acknowledgement itself, privately, with a button to share it in the channel.
 */
export function registerLoyaltyCodeCommand(app: App, bot: BotContext): void {
  app.command(COMMAND, async ({ command, ack, logger }) => {
    try {
      const answer = bot.engine.answer(command.text);
      // A pasted response goes into the share button with customer identifiers masked.
      const shareValue =
        answer.type === "diagnosis" ? bot.engine.redact(command.text) : command.text;
      const message = answerMessage(answer, answer.type === "help" ? {} : { shareValue });
      await ack({ response_type: "ephemeral", ...message });
    } catch (error) {
      logFailure(logger, "answering /loyalty-code", error);
      await ack({ response_type: "ephemeral", text: FRIENDLY_ERROR });
    }
  });
}
