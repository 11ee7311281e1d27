import type { App, BlockButtonAction, MessageShortcut } from "@slack/bolt";
import { EXPLAIN_SHORTCUT_ID, POST_IN_THREAD_ACTION_ID } from "../../render/index.js";
import type { BotContext } from "../bot-context.js";
import { explainMessage } from "./explain.js";
import { postInThread } from "./post-in-thread.js";

export function registerShortcuts(app: App, bot: BotContext): void {
  app.shortcut<MessageShortcut>(
    { callback_id: EXPLAIN_SHORTCUT_ID, type: "message_action" },
    explainMessage(bot),
  );
  app.action<BlockButtonAction>(POST_IN_THREAD_ACTION_ID, postInThread(bot));
}
