import type { Answer } from "../engine/index.js";
import type { BlockOptions, SlackMessage } from "./blocks.js";
import { renderBlocks } from "./blocks.js";
import { present } from "./present.js";
import type { TextStyle } from "./text.js";
import { renderText } from "./text.js";

export function answerText(answer: Answer, command = "loyalty-code", style?: TextStyle): string {
  return renderText(present(answer, { command }), style);
}

export function answerMessage(
  answer: Answer,
  options: BlockOptions & { command?: string } = {},
): SlackMessage {
  return renderBlocks(present(answer, { command: options.command ?? "/loyalty-code" }), options);
}

export { answerJson } from "./json.js";
export { entryJson } from "./entry-json.js";
export { usageLines } from "./help.js";
export { SHARE_ACTION_ID } from "./blocks.js";
export type { SlackMessage } from "./blocks.js";
export type { TextStyle } from "./text.js";
