import type { App, BlockButtonAction } from "@slack/bolt";
import { OPEN_ANSWER_ACTION_PREFIX, SHARE_ACTION_ID } from "../../render/index.js";
import type { BotContext } from "../bot-context.js";
import { openAnswer } from "./open-answer.js";
import { shareAnswer } from "./share.js";

export function registerActions(app: App, bot: BotContext): void {
  app.action<BlockButtonAction>(SHARE_ACTION_ID, shareAnswer(bot));
  app.action<BlockButtonAction>(new RegExp(`^${OPEN_ANSWER_ACTION_PREFIX}:\\d+$`), openAnswer(bot));
}
