import type { BlockButtonAction, Logger, RespondArguments } from "@slack/bolt";
import { SHARE_EXPIRED, answerMessage, shareFailedText } from "../../render/index.js";
import { escalateValueFor } from "../answering.js";
import type { BotContext } from "../bot-context.js";
import { slackErrorCode } from "../../guards.js";
import { logFailure } from "../log.js";
import type { MessagePoster } from "../reply.js";
import { countAnswer, recordAnswer } from "../usage.js";

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
    // The button carries a key to the query kept in the store, by this or another instance.
    const key = action.value ?? "";
    const query = await bot.store.answers.get(key);
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
    countAnswer(bot, "share", null).catch(() => undefined);
    // Recorded as an answer of its own: its readers in the channel vote on it.
    const feedbackId = await recordAnswer(bot, "share", answer);
    // The same held input backs Escalate; the shared message's own thread takes the note.
    const escalate = escalateValueFor(answer, { key, origin: null });
    const message = answerMessage(answer, {
      sharedBy: body.user.id,
      ...(escalate === undefined ? {} : { escalateValue: escalate }),
      ...(feedbackId === null ? {} : { feedbackId }),
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
