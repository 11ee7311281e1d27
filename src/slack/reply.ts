import type { Logger } from "@slack/bolt";
import type { ChatPostMessageArguments } from "@slack/web-api";
import type { SlackMessage } from "../render/index.js";
import { stringField } from "../guards.js";
import { logFailure } from "./log.js";

/** The part of the Web API client that posts messages. */
export interface MessagePoster {
  chat: { postMessage: (args: ChatPostMessageArguments) => Promise<unknown> };
}

/**
 * Posts in a thread, or at the top of the conversation when `threadTs` is null, and
 * returns the new message's ts; a failing Slack API call is logged and survived (null).
 */
export async function replyInThread(
  client: MessagePoster,
  logger: Logger,
  where: { channel: string; threadTs: string | null },
  message: SlackMessage,
): Promise<string | null> {
  try {
    const posted = await client.chat.postMessage({
      channel: where.channel,
      ...(where.threadTs === null ? {} : { thread_ts: where.threadTs }),
      ...message,
      unfurl_links: false,
      unfurl_media: false,
    });
    return stringField(posted, "ts") ?? "";
  } catch (error) {
    logFailure(
      logger,
      where.threadTs === null ? "posting a reply" : "posting a thread reply",
      error,
    );
    return null;
  }
}
