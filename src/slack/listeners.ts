import type { App } from "@slack/bolt";
import { registerActions } from "./actions/index.js";
import type { BotContext } from "./bot-context.js";
import { registerCommands } from "./commands/index.js";
import { registerEvents } from "./events/index.js";

/** Registers every Slack surface of the bot; nothing else. */
export function registerListeners(app: App, bot: BotContext): void {
  registerCommands(app, bot);
  registerEvents(app, bot);
  registerActions(app, bot);
}
