import type { Answer, Diagnosis } from "../engine/index.js";
import type { SlackMessage } from "./blocks.js";
import { renderBlocks } from "./blocks.js";
import { COMMAND_NAME, MENTION_COMMAND, SLASH_COMMAND } from "./command-name.js";
import { present } from "./present.js";

/** Shown to users when something fails; the details go to the log only. */
export const FRIENDLY_ERROR =
  "Sorry, something went wrong looking that up. Please try again in a moment.";

/** Shown privately to someone who shares an answer that is no longer kept. */
export const ANSWER_EXPIRED = `This answer has expired, so it can't be shared any more. Please ask again (\`${SLASH_COMMAND} …\`) and share the new answer.`;

const CANNOT_POST_HERE = `I can't post in this conversation. In a channel, invite me with \`/invite @${COMMAND_NAME}\` and share again; in a direct message between people, copy the answer instead.`;

const NOTHING_TO_EXPLAIN = `The first message of this thread holds no API response I can read. Paste the response, or ask me about a code: \`${MENTION_COMMAND} 803\`.`;

/** Slack errors that mean the bot cannot post where the answer was asked for. */
const CANNOT_POST_ERRORS = new Set(["not_in_channel", "channel_not_found", "is_archived"]);

export const plainMessage = (text: string): SlackMessage => ({ text, blocks: [] });

/**
 * A private answer, with a button to share it carrying the key the answer is kept
 * under (null: nothing worth sharing, as for help). `command`: how to ask a follow-up.
 */
export function privateAnswerMessage(
  answer: Answer,
  shareKey: string | null,
  command = SLASH_COMMAND,
): SlackMessage {
  return renderBlocks(present(answer, { command }), shareKey === null ? {} : { shareKey });
}

/** The reply to "explain" in a thread: the first message's diagnosis, or why there is none. */
export function threadParentMessage(diagnosis: Diagnosis | null): SlackMessage {
  return diagnosis
    ? renderBlocks(present({ type: "diagnosis", diagnosis }, { command: MENTION_COMMAND }))
    : plainMessage(NOTHING_TO_EXPLAIN);
}

/** What to tell someone whose share failed, from Slack's error code. */
export function shareFailedText(slackError: string | null): string {
  return slackError !== null && CANNOT_POST_ERRORS.has(slackError)
    ? CANNOT_POST_HERE
    : FRIENDLY_ERROR;
}
