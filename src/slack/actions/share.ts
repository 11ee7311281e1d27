import type { App, BlockButtonAction } from "@slack/bolt";
import { SHARE_ACTION_ID, answerMessage } from "../../render/index.js";
import type { BotContext } from "../context.js";
import { isRecord } from "../../guards.js";
import { FRIENDLY_ERROR, logFailure } from "../context.js";
import { countAnswer } from "../usage.js";

/** Slack errors that mean the bot cannot post where the answer was asked for. */
const CANNOT_POST_HERE = new Set(["not_in_channel", "channel_not_found", "is_archived"]);

const EXPIRED_MESSAGE =
  "This answer has expired (shared answers are kept for a day). Ask again with `/loyalty-code`, then share the new answer.";

const CANNOT_POST_MESSAGE =
  "I can't post in this conversation. In a channel, invite me with `/invite @loyalty-code` and share again; in a direct message between people, copy the answer instead.";

/** "Share in channel": posts the same answer visibly, naming who shared it. */
export function registerShareAction(app: App, bot: BotContext): void {
  app.action<BlockButtonAction>(
    SHARE_ACTION_ID,
    async ({ ack, body, action, client, respond, logger }) => {
      await ack();
      const channel = body.channel?.id;
      if (!channel) return;
      const query = await bot.store.answers.get(action.value ?? "");
      if (query === undefined) {
        await respond({
          response_type: "ephemeral",
          replace_original: false,
          text: EXPIRED_MESSAGE,
        }).catch((error: unknown) => {
          logFailure(logger, "telling the user a shared answer expired", error);
        });
        return;
      }
      const answer = bot.engine.answer(query);
      countAnswer(bot, "share", null);
      const outcome = await bot.outbox.send(
        { eventId: null, channel, what: "a shared answer" },
        () =>
          client.chat.postMessage({
            channel,
            ...answerMessage(answer, { sharedBy: body.user.id }),
            unfurl_links: false,
            unfurl_media: false,
          }),
      );
      if (!outcome.ok) {
        const error = outcome.error;
        const slackError = isRecord(error) && isRecord(error.data) ? error.data.error : null;
        const text =
          typeof slackError === "string" && CANNOT_POST_HERE.has(slackError)
            ? CANNOT_POST_MESSAGE
            : FRIENDLY_ERROR;
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
    },
  );
}
