import type { App, BlockButtonAction } from "@slack/bolt";
import { SHARE_ACTION_ID } from "../../render/blocks.js";
import { answerMessage } from "../../render/index.js";
import type { BotContext } from "../context.js";
import { FRIENDLY_ERROR, isRecord, logFailure } from "../context.js";

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
        await respond({ delete_original: true });
      } catch (error) {
        logFailure(logger, "sharing an answer", error);
        const notInChannel =
          isRecord(error) && isRecord(error.data) && error.data.error === "not_in_channel";
        await respond({
          response_type: "ephemeral",
          replace_original: false,
          text: notInChannel
            ? "I can't post in this channel yet: invite me with `/invite @loyalty-code`, then share again."
            : FRIENDLY_ERROR,
        }).catch((respondError: unknown) => {
          logFailure(logger, "telling the user sharing failed", respondError);
        });
      }
    },
  );
}
