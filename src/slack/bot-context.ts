import type { Engine } from "../engine/index.js";
import type { DedupeStore } from "./dedupe.js";

/** What every listener needs: the engine and the app's settings. */
export interface BotContext {
  engine: Engine;
  dedupe: DedupeStore;
  /** Channels where unasked pastes are diagnosed; null for all the bot is in. */
  pasteChannels: ReadonlySet<string> | null;
}
