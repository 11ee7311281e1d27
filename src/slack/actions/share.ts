import type { BlockButtonAction, Logger, RespondArguments } from "@slack/bolt";
import { SHARE_EXPIRED, answerMessage, shareFailedText } from "../../render/index.js";
import { escalateValue } from "../answering.js";
import type { BotContext } from "../bot-context.js";
import { slackErrorCode } from "../../guards.js";
import { logFailure } from "../log.js";
import type { MessagePoster } from "../reply.js";
import { countAnswer } from "../usage.js";

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
    // The button carries a key to the query kept in the store, by this or another instance.
    const query = await bot.store.answers.get(action.value ?? "");
    if (query === undefined) {
      await respond({
        response_type: "ephemeral",
        replace_original: false,
        text: SHARE_EXPIRED,
      }).catch((error: unknown) => {
        logFailure(logger, "telling the user a shared answer expired", error);
      });
      return;
    }
    const answer = bot.engine.answer(query);
    countAnswer(bot, "share", null);
    const escalate = await escalateValue(bot, query, answer, null).catch((error: unknown) => {
      logFailure(logger, "holding a shared answer for Escalate", error);
      return undefined;
    });
    const message = answerMessage(answer, {
      sharedBy: body.user.id,
      ...(escalate === undefined ? {} : { escalateValue: escalate }),
    });
    const outcome = await bot.outbox.send({ eventId: null, channel, what: "a shared answer" }, () =>
      client.chat.postMessage({ channel, ...message, unfurl_links: false, unfurl_media: false }),
    );
    if (!outcome.ok) {
      const text = shareFailedText(slackErrorCode(outcome.error));
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
