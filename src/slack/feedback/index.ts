import type { App, BlockButtonAction, ViewSubmitAction } from "@slack/bolt";
import {
  FEEDBACK_CALLBACK_ID,
  FEEDBACK_HELPFUL_ACTION_ID,
  FEEDBACK_NOT_RIGHT_ACTION_ID,
} from "../../render/index.js";
import type { BotContext } from "../bot-context.js";
import { openNotRight, voteHelpful } from "./click.js";
import { submitNotRight } from "./submit.js";

export function registerFeedback(app: App, bot: BotContext): void {
  app.action<BlockButtonAction>(FEEDBACK_HELPFUL_ACTION_ID, voteHelpful(bot));
  app.action<BlockButtonAction>(FEEDBACK_NOT_RIGHT_ACTION_ID, openNotRight(bot));
  app.view<ViewSubmitAction>(FEEDBACK_CALLBACK_ID, submitNotRight(bot));
}
