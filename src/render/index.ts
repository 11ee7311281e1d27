import type { Answer } from "../engine/index.js";
import type { BlockOptions, SlackMessage } from "./blocks.js";
import { renderBlocks } from "./blocks.js";
import { present } from "./present.js";
import { COMMAND_NAME, SLASH_COMMAND } from "./command-name.js";
import type { TextStyle } from "./text.js";
import { renderText } from "./text.js";

/**
 * The answer for a terminal. `command` names the command in hints; `style` draws
 * emphasis (plain by default); `evidence` adds sources and ranking (--verbose).
 */
export function answerText(
  answer: Answer,
  options: { command?: string; style?: TextStyle; evidence?: boolean } = {},
): string {
  const command = options.command ?? COMMAND_NAME;
  return renderText(
    present(answer, { command, evidence: options.evidence === true }),
    command,
    options.style,
  );
}

/**
 * The answer as a Slack message. `command` is how a follow-up is asked where it is
 * read: SLASH_COMMAND (the default) in slash answers and DMs, MENTION_COMMAND in threads.
 */
export function answerMessage(
  answer: Answer,
  options: BlockOptions & { command?: string } = {},
): SlackMessage {
  return renderBlocks(present(answer, { command: options.command ?? SLASH_COMMAND }), options);
}

export { answerJson } from "./json.js";
export { entryJson } from "./entry-json.js";
export { usageLines } from "./help.js";
export { OPEN_ANSWER_ACTION_PREFIX, SHARE_ACTION_ID } from "./blocks.js";
export type { SlackMessage } from "./blocks.js";
export { COMMAND_NAME, MENTION_COMMAND, SLASH_COMMAND } from "./command-name.js";
export {
  ANSWER_EXPIRED,
  FRIENDLY_ERROR,
  plainMessage,
  privateAnswerMessage,
  shareFailedText,
  threadParentMessage,
} from "./replies.js";
export type { TextStyle } from "./text.js";
