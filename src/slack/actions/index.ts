import type { App, BlockButtonAction } from "@slack/bolt";
import { SHARE_ACTION_ID } from "../../render/index.js";
import type { BotContext } from "../bot-context.js";
import { shareAnswer } from "./share.js";

export function registerActions(app: App, bot: BotContext): void {
  app.action<BlockButtonAction>(SHARE_ACTION_ID, shareAnswer(bot));
}
