import type { App } from "@slack/bolt";
import { SLASH_COMMAND } from "../../render/index.js";
import type { BotContext } from "../bot-context.js";
import { answerCommand } from "./loyalty-code.js";

export function registerCommands(app: App, bot: BotContext): void {
  app.command(SLASH_COMMAND, answerCommand(bot));
}
