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
  FRIENDLY_ERROR,
  SHARE_EXPIRED,
  plainMessage,
  privateAnswerMessage,
  shareFailedText,
  threadParentMessage,
} from "./replies.js";
export type { TextStyle } from "./text.js";
