import type { App } from "@slack/bolt";
import { registerActions } from "./actions/index.js";
import type { BotContext } from "./bot-context.js";
import { registerCommands } from "./commands/index.js";
import { registerEscalation } from "./escalation/index.js";
import { registerEvents } from "./events/index.js";
import { registerFeedback } from "./feedback/index.js";
import { registerHome } from "./home/index.js";
import { registerShortcuts } from "./shortcuts/index.js";

/** Registers every Slack surface of the bot; nothing else. */
export function registerListeners(app: App, bot: BotContext): void {
  registerCommands(app, bot);
  registerEvents(app, bot);
  registerActions(app, bot);
  registerShortcuts(app, bot);
  registerHome(app, bot);
  registerEscalation(app, bot);
  registerFeedback(app, bot);
}
