import type { Engine } from "../engine/index.js";
import type { DedupeStore } from "./dedupe.js";
import type { SurfaceMemory } from "./surface-memory.js";

/** What every listener needs: the engine, what the bot remembers, and the app's settings. */
export interface BotContext {
  engine: Engine;
  dedupe: DedupeStore;
  memory: SurfaceMemory;
  /** Channels where unasked pastes are diagnosed; null for all the bot is in. */
  pasteChannels: ReadonlySet<string> | null;
}
