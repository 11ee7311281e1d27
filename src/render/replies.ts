import type { Answer, Diagnosis } from "../engine/index.js";
import type { SlackMessage } from "./blocks.js";
import { renderBlocks } from "./blocks.js";
import { COMMAND_NAME, SLASH_COMMAND } from "./command-name.js";
import { present } from "./present.js";

/** Shown to users when something fails; the details go to the log only. */
export const FRIENDLY_ERROR =
  "Sorry, something went wrong looking that up. Please try again in a moment.";

const CANNOT_POST_HERE = `I can't post in this conversation. In a channel, invite me with \`/invite @${COMMAND_NAME}\` and share again; in a direct message between people, copy the answer instead.`;

const NOTHING_TO_EXPLAIN = `The first message of this thread holds no API response I can read. Paste the response, or ask me about a code: \`@${COMMAND_NAME} 803\`.`;

/** A Share button whose answer the store no longer keeps (kept for a day). */
export const SHARE_EXPIRED = `This answer has expired (shared answers are kept for a day). Ask again with \`${SLASH_COMMAND}\`, then share the new answer.`;

/** Slack errors that mean the bot cannot post where the answer was asked for. */
const CANNOT_POST_ERRORS = new Set(["not_in_channel", "channel_not_found", "is_archived"]);

export const plainMessage = (text: string): SlackMessage => ({ text, blocks: [] });

/**
 * The private answer to the slash command, with a button to share it; help has
 * nothing worth sharing. `shareValue` is what the button carries: the key under which
 * the store keeps what Engine.shareValue gives; `escalateValue`, when given, adds the
 * Escalate button.
 */
export function privateAnswerMessage(
  answer: Answer,
  shareValue: string,
  escalateValue?: string,
): SlackMessage {
  return renderBlocks(present(answer, { command: SLASH_COMMAND }), {
    ...(answer.type === "help" ? {} : { shareValue }),
    ...(escalateValue === undefined ? {} : { escalateValue }),
  });
}

/** The reply to "explain" in a thread: the first message's diagnosis, or why there is none. */
export function threadParentMessage(diagnosis: Diagnosis | null): SlackMessage {
  return diagnosis
    ? renderBlocks(present({ type: "diagnosis", diagnosis }, { command: SLASH_COMMAND }))
    : plainMessage(NOTHING_TO_EXPLAIN);
}

/** The reply to a paste that was edited so that it no longer holds a response. */
export const EDITED_NOTHING_TO_DIAGNOSE = "The message was edited; nothing to diagnose in it now.";

/** When Slack's 3-second window to open a modal passed before the bot could open it. */
export const TRIGGER_EXPIRED =
  "Slack closed the window for opening that dialog before I could (it allows 3 seconds). Please try again.";

/** What to tell someone whose share failed, from Slack's error code. */
export function shareFailedText(slackError: string | null): string {
  return slackError !== null && CANNOT_POST_ERRORS.has(slackError)
    ? CANNOT_POST_HERE
    : FRIENDLY_ERROR;
}
