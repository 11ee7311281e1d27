import type { App } from "@slack/bolt";
import type { BotContext } from "../bot-context.js";
import { publishHome } from "./publish.js";

export function registerHome(app: App, bot: BotContext): void {
  app.event("app_home_opened", publishHome(bot));
}
