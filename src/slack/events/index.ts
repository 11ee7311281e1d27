import type { App } from "@slack/bolt";
import type { BotContext } from "../bot-context.js";
import { answerMention } from "./app-mention.js";
import { answerDirectMessage } from "./direct-message.js";
import { followEditsAndDeletions } from "./edits.js";
import { diagnoseUnaskedPaste } from "./message.js";

export function registerEvents(app: App, bot: BotContext): void {
  app.event("app_mention", answerMention(bot));
  app.event("message", diagnoseUnaskedPaste(bot));
  app.event("message", answerDirectMessage(bot));
  app.event("message", followEditsAndDeletions(bot));
}
