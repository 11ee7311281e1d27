import type { Answer } from "../engine/index.js";
import type { BlockOptions, SlackMessage } from "./blocks.js";
import { feedbackFor, renderBlocks } from "./blocks.js";
import { COMMAND_NAME, MENTION_COMMAND, SLASH_COMMAND } from "./command-name.js";
import { present } from "./present.js";

/** Shown to users when something fails; the details go to the log only. */
export const FRIENDLY_ERROR =
  "Sorry, something went wrong looking that up. Please try again in a moment.";

const CANNOT_POST_HERE = `I can't post in this conversation. In a channel, invite me with \`/invite @${COMMAND_NAME}\` and share again; in a direct message between people, copy the answer instead.`;

/** The reply to "explain" in a thread whose first message holds no response. */
export const NOTHING_TO_EXPLAIN = `The first message of this thread holds no API response I can read. Paste the response, or ask me about a code: \`${MENTION_COMMAND} 803\`.`;

/** A Share button whose answer the store no longer keeps (kept for a day). */
export const SHARE_EXPIRED = `This answer has expired (shared answers are kept for a day). Ask again with \`${SLASH_COMMAND}\`, then share the new answer.`;

/** Slack errors that mean the bot cannot post where the answer was asked for. */
const CANNOT_POST_ERRORS = new Set(["not_in_channel", "channel_not_found", "is_archived"]);

export const plainMessage = (text: string): SlackMessage => ({ text, blocks: [] });

/**
 * A private answer (to the slash command, or a candidate's button), with its buttons:
 * Share carrying the key the answer is kept under, Escalate where it names a team, and
 * Helpful / Not right when the answer was recorded.
 */
export function privateAnswerMessage(
  answer: Answer,
  buttons: Pick<BlockOptions, "shareKey" | "escalateValue" | "feedbackId">,
): SlackMessage {
  return renderBlocks(present(answer, { command: SLASH_COMMAND }), feedbackFor(answer, buttons));
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
