import type { Answer } from "../engine/index.js";
import type { BlockOptions, SlackMessage } from "./blocks.js";
import { feedbackFor, renderBlocks } from "./blocks.js";
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
  return renderBlocks(
    present(answer, { command: options.command ?? SLASH_COMMAND }),
    feedbackFor(answer, options),
  );
}

export { answerJson } from "./json.js";
export { entryJson } from "./entry-json.js";
export { usageLines } from "./help.js";
export { OPEN_ANSWER_ACTION_PREFIX, SHARE_ACTION_ID } from "./blocks.js";
export type { BlockOptions, SlackMessage } from "./blocks.js";
export { COMMAND_NAME, MENTION_COMMAND, SLASH_COMMAND } from "./command-name.js";
export {
  EDITED_NOTHING_TO_DIAGNOSE,
  FRIENDLY_ERROR,
  NOTHING_TO_EXPLAIN,
  SHARE_EXPIRED,
  TRIGGER_EXPIRED,
  plainMessage,
  privateAnswerMessage,
  shareFailedText,
} from "./replies.js";
export {
  ESCALATE_ACTION_ID,
  FEEDBACK_HELPFUL_ACTION_ID,
  FEEDBACK_NOT_RIGHT_ACTION_ID,
} from "./blocks.js";
export {
  FEEDBACK_CALLBACK_ID,
  FEEDBACK_INPUTS,
  REASON_LABELS,
  REASON_REQUIRED,
  RECORDING_OFF,
  THANKS_NOTED,
  feedbackExpiredModal,
  feedbackModal,
  recordExpiredText,
} from "./feedback.js";
export type { EscalationInput, EscalationOutcome } from "./escalation.js";
export {
  CHECKED_REQUIRED,
  ESCALATION_CALLBACK_ID,
  ESCALATION_INPUTS,
  escalatedNote,
  escalationModal,
  escalationOutcomeModal,
  escalationPost,
  escalationSendingModal,
  messageLink,
  packetText,
} from "./escalation.js";
export type { ThreadPosting } from "./shortcut.js";
export {
  EXPLAIN_SHORTCUT_ID,
  POST_IN_THREAD_ACTION_ID,
  explainModal,
  noTextModal,
} from "./shortcut.js";
export type { AskedCount } from "./home.js";
export { homeView } from "./home.js";
export type { HomeView, ModalView } from "./views.js";
export { noticeModalText } from "./views.js";
export type { TextStyle } from "./text.js";
