import type { Logger } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { SlackMessage } from "../render/index.js";
import { logFailure } from "./context.js";

/** Posts in a thread; a failing Slack API call is logged and survived, never thrown. */
export async function replyInThread(
  client: WebClient,
  logger: Logger,
  where: { channel: string; threadTs: string },
  message: SlackMessage,
): Promise<boolean> {
  try {
    await client.chat.postMessage({
      channel: where.channel,
      thread_ts: where.threadTs,
      ...message,
      unfurl_links: false,
      unfurl_media: false,
    });
    return true;
  } catch (error) {
    logFailure(logger, "posting a thread reply", error);
    return false;
  }
}
