import type { Engine } from "../engine/index.js";
import type { DedupeStore } from "./dedupe.js";
import type { SharedAnswers } from "./shared-answers.js";

/** What every listener needs: the engine and the app's settings. */
export interface BotContext {
  engine: Engine;
  dedupe: DedupeStore;
  /** Answers kept behind the keys of Share buttons. */
  sharedAnswers: SharedAnswers;
  /** Channels where unasked pastes are diagnosed; null for all the bot is in. */
  pasteChannels: ReadonlySet<string> | null;
}
