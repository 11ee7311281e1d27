import type { Engine } from "../engine/index.js";
import type { Store } from "../store/index.js";
import type { MaintainersGroup } from "./home/maintainers.js";
import type { Outbox } from "./outbox.js";

/** What every listener needs: the engine, the store, the outbox and the app's settings. */
export interface BotContext {
  engine: Engine;
  /**
   * Everything remembered between requests, shared by the instances that share the store:
   * de-dup claims, held answers (Share, Escalate), counts, reply links, maintainers' records.
   */
  store: Store;
  /** Sends Web API calls with per-channel rate limits and bounded retries. */
  outbox: Outbox;
  /** Channels where unasked pastes are diagnosed; null for all the bot is in. */
  pasteChannels: ReadonlySet<string> | null;
  /** Whether answers and unknown codes are recorded for the maintainers' report. */
  recording: boolean;
  /** Days records are kept: a vote on an older answer is refused with this number. */
  recordRetentionDays: number;
  /** Members see the report's figures in the Home tab; null when no group is configured. */
  maintainers: MaintainersGroup | null;
}
