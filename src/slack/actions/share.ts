import type { App, BlockButtonAction } from "@slack/bolt";
import { SHARE_ACTION_ID, answerMessage } from "../../render/index.js";
import type { BotContext } from "../context.js";
import { isRecord } from "../../guards.js";
import { FRIENDLY_ERROR, logFailure } from "../context.js";

/** Slack errors that mean the bot cannot post where the answer was asked for. */
const CANNOT_POST_HERE = new Set(["not_in_channel", "channel_not_found", "is_archived"]);

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
      try {
        const message = answerMessage(bot.engine.answer(action.value ?? ""), {
          sharedBy: body.user.id,
        });
        await client.chat.postMessage({
          channel,
          ...message,
          unfurl_links: false,
          unfurl_media: false,
        });
      } catch (error) {
        logFailure(logger, "sharing an answer", error);
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
