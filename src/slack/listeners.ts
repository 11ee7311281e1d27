import type { App } from "@slack/bolt";
import { registerShareAction } from "./actions/share.js";
import { registerLoyaltyCodeCommand } from "./commands/loyalty-code.js";
import type { BotContext } from "./context.js";
import { registerAppMention } from "./events/app-mention.js";
import { registerPasteListener } from "./events/message.js";

/** Registers every Slack surface of the bot; nothing else. */
export function registerListeners(app: App, bot: BotContext): void {
  registerLoyaltyCodeCommand(app, bot);
  registerAppMention(app, bot);
  registerPasteListener(app, bot);
  registerShareAction(app, bot);
}
