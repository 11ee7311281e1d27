import type { BlockButtonAction, Logger, RespondArguments } from "@slack/bolt";
import { answerMessage, shareFailedText } from "../../render/index.js";
import { escalateValue } from "../answering.js";
import type { BotContext } from "../bot-context.js";
import { slackErrorCode } from "../../guards.js";
import { logFailure } from "../log.js";
import type { MessagePoster } from "../reply.js";

export interface ShareArgs {
  ack: () => Promise<void>;
  body: Pick<BlockButtonAction, "channel" | "user">;
  action: Pick<BlockButtonAction["actions"][number], "value">;
  client: MessagePoster;
  respond: (response: RespondArguments) => Promise<unknown>;
  logger: Logger;
}

/** "Share in channel": posts the same answer visibly, naming who shared it. */
export function shareAnswer(bot: BotContext) {
  return async ({ ack, body, action, client, respond, logger }: ShareArgs): Promise<void> => {
    await ack();
    const channel = body.channel?.id;
    if (!channel) return;
    try {
      const input = action.value ?? "";
      const answer = bot.engine.answer(input);
      const escalate = await escalateValue(bot, input, answer, null);
      const message = answerMessage(answer, {
        sharedBy: body.user.id,
        ...(escalate === undefined ? {} : { escalateValue: escalate }),
      });
      await client.chat.postMessage({
        channel,
        ...message,
        unfurl_links: false,
        unfurl_media: false,
      });
    } catch (error) {
      logFailure(logger, "sharing an answer", error);
      const text = shareFailedText(slackErrorCode(error));
      await respond({ response_type: "ephemeral", replace_original: false, text }).catch(
        (respondError: unknown) => {
          logFailure(logger, "telling the user sharing failed", respondError);
        },
      );
      return;
    }
    // The answer is in the channel: removing the private copy is a nicety, and its
    // failure must not tell the user to share again (that would post it twice).
    await respond({ delete_original: true }).catch((error: unknown) => {
      logFailure(logger, "removing the private answer after sharing", error);
    });
  };
}
