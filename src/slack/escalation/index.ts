import type { App, BlockButtonAction, ViewSubmitAction } from "@slack/bolt";
import { ESCALATE_ACTION_ID, ESCALATION_CALLBACK_ID } from "../../render/index.js";
import type { BotContext } from "../bot-context.js";
import { openEscalation } from "./open.js";
import { submitEscalation } from "./submit.js";

export function registerEscalation(app: App, bot: BotContext): void {
  app.action<BlockButtonAction>(ESCALATE_ACTION_ID, openEscalation(bot));
  app.view<ViewSubmitAction>(ESCALATION_CALLBACK_ID, submitEscalation(bot));
}
