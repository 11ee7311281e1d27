import type { ChatPostMessageArguments } from "@slack/web-api";
import type { SlackMessage } from "../render/index.js";
import type { Outbox } from "./outbox.js";

/** The part of the Web API client that posts messages. */
export interface MessagePoster {
  chat: { postMessage: (args: ChatPostMessageArguments) => Promise<unknown> };
}

/** Where a thread reply goes, and the event it answers (for the log if it fails). */
export interface ThreadTarget {
  channel: string;
  threadTs: string;
  eventId: string | null;
}

/**
 * Posts in a thread through the outbox: retried within bounds, and a reply given up is
 * logged with its event id, channel and error, never thrown.
 */
export async function replyInThread(
  client: MessagePoster,
  outbox: Outbox,
  where: ThreadTarget,
  message: SlackMessage,
): Promise<boolean> {
  const outcome = await outbox.send(
    { eventId: where.eventId, channel: where.channel, what: "a thread reply" },
    () =>
      client.chat.postMessage({
        channel: where.channel,
        thread_ts: where.threadTs,
        ...message,
        unfurl_links: false,
        unfurl_media: false,
      }),
  );
  return outcome.ok;
}
