import type { ChatPostMessageArguments } from "@slack/web-api";
import type { SlackMessage } from "../render/index.js";
import { stringField } from "../guards.js";
import type { Outbox } from "./outbox.js";

/** The part of the Web API client that posts messages. */
export interface MessagePoster {
  chat: { postMessage: (args: ChatPostMessageArguments) => Promise<unknown> };
}

/** Where a reply goes (a thread, or the conversation itself when `threadTs` is null), and
 * the event it answers (for the log if it fails). */
export interface ThreadTarget {
  channel: string;
  threadTs: string | null;
  eventId: string | null;
}

/**
 * Posts through the outbox: retried within bounds, and a reply given up is logged with
 * its event id, channel and error, never thrown. Returns the new message's ts, or null
 * when the reply was given up.
 */
export async function replyInThread(
  client: MessagePoster,
  outbox: Outbox,
  where: ThreadTarget,
  message: SlackMessage,
): Promise<string | null> {
  const outcome = await outbox.send(
    {
      eventId: where.eventId,
      channel: where.channel,
      what: where.threadTs === null ? "a reply" : "a thread reply",
    },
    () =>
      client.chat.postMessage({
        channel: where.channel,
        ...(where.threadTs === null ? {} : { thread_ts: where.threadTs }),
        ...message,
        unfurl_links: false,
        unfurl_media: false,
      }),
  );
  return outcome.ok ? (stringField(outcome.value, "ts") ?? "") : null;
}
