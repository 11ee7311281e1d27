import type { BlockButtonAction, Logger, RespondArguments } from "@slack/bolt";
import { ANSWER_EXPIRED, answerMessage, shareFailedText } from "../../render/index.js";
import { escalateValueFor } from "../answering.js";
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

/**
 * "Share in channel": posts the answer kept under the button's key visibly, naming who
 * shared it. An answer no longer kept gets a private "ask again".
 */
export function shareAnswer(bot: BotContext) {
  return async ({ ack, body, action, client, respond, logger }: ShareArgs): Promise<void> => {
    await ack();
    const channel = body.channel?.id;
    if (!channel) return;
    const tell = (text: string) =>
      respond({ response_type: "ephemeral", replace_original: false, text }).catch(
        (respondError: unknown) => {
          logFailure(logger, "telling the user about a share", respondError);
        },
      );
    try {
      const key = action.value ?? "";
      const input = await bot.memory.held.get(key);
      if (input === undefined) {
        await tell(ANSWER_EXPIRED);
        return;
      }
      const answer = bot.engine.answer(input);
      // The shared message is about no other message: its own thread takes the note.
      const escalateValue = escalateValueFor(answer, { key, origin: null });
      const message = answerMessage(answer, {
        sharedBy: body.user.id,
        ...(escalateValue === undefined ? {} : { escalateValue }),
      });
      await client.chat.postMessage({
        channel,
        ...message,
        unfurl_links: false,
        unfurl_media: false,
      });
    } catch (error) {
      logFailure(logger, "sharing an answer", error);
      await tell(shareFailedText(slackErrorCode(error)));
      return;
    }
    // The answer is in the channel: removing the private copy is a nicety, and its
    // failure must not tell the user to share again (that would post it twice).
    await respond({ delete_original: true }).catch((error: unknown) => {
      logFailure(logger, "removing the private answer after sharing", error);
    });
  };
}
