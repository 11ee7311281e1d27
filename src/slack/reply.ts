import type { Logger } from "@slack/bolt";
import type { ChatPostMessageArguments } from "@slack/web-api";
import type { SlackMessage } from "../render/index.js";
import { logFailure } from "./log.js";

/** The part of the Web API client that posts messages. */
export interface MessagePoster {
  chat: { postMessage: (args: ChatPostMessageArguments) => Promise<unknown> };
}

/** Posts in a thread; a failing Slack API call is logged and survived, never thrown. */
export async function replyInThread(
  client: MessagePoster,
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
