import type { Answer } from "../engine/index.js";
import type { BlockOptions, SlackMessage } from "./blocks.js";
import { renderBlocks } from "./blocks.js";
import { present } from "./present.js";
import { COMMAND_NAME, SLASH_COMMAND } from "./command-name.js";
import type { TextStyle } from "./text.js";
import { renderText } from "./text.js";

export function answerText(answer: Answer, command = COMMAND_NAME, style?: TextStyle): string {
  return renderText(present(answer, { command }), style);
}

export function answerMessage(
  answer: Answer,
  options: BlockOptions & { command?: string } = {},
): SlackMessage {
  return renderBlocks(present(answer, { command: options.command ?? SLASH_COMMAND }), options);
}

export { answerJson } from "./json.js";
export { entryJson } from "./entry-json.js";
export { usageLines } from "./help.js";
export { SHARE_ACTION_ID } from "./blocks.js";
export type { SlackMessage } from "./blocks.js";
export { COMMAND_NAME, SLASH_COMMAND } from "./command-name.js";
export {
  EDITED_NOTHING_TO_DIAGNOSE,
  FRIENDLY_ERROR,
  SHARE_EXPIRED,
  TRIGGER_EXPIRED,
  plainMessage,
  privateAnswerMessage,
  shareFailedText,
  threadParentMessage,
} from "./replies.js";
export { ESCALATE_ACTION_ID } from "./blocks.js";
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
