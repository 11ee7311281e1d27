import type { Logger } from "@slack/bolt";
import type { Engine } from "../engine/index.js";
import type { Store } from "../store/index.js";
import { isRecord } from "../guards.js";
import type { Outbox } from "./outbox.js";

/** What every listener needs: the engine, the store, the outbox and the app's settings. */
export interface BotContext {
  engine: Engine;
  store: Store;
  /** Sends Web API calls with per-channel rate limits and bounded retries. */
  outbox: Outbox;
  /** Channels where unasked pastes are diagnosed; null for all the bot is in. */
  pasteChannels: ReadonlySet<string> | null;
}

/** Shown to users when something fails; the details go to the log only. */
export const FRIENDLY_ERROR =
  "Sorry, something went wrong looking that up. Please try again in a moment.";

export const stringField = (obj: unknown, key: string): string | null =>
  isRecord(obj) && typeof obj[key] === "string" ? obj[key] : null;

/** Logs a failure with what it was doing, never the message text or tokens. */
export function logFailure(logger: Logger, doing: string, error: unknown): void {
  const code = isRecord(error) && typeof error.code === "string" ? ` [${error.code}]` : "";
  const detail =
    isRecord(error) && isRecord(error.data) && typeof error.data.error === "string"
      ? ` (${error.data.error})`
      : "";
  logger.error(
    `${doing} failed${code}${detail}: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/** Removes mentions of the bot from a message, leaving the query. */
export function stripMentions(text: string): string {
  // [^<>] rather than [^>]: the latter backtracks quadratically on "<@U1|<@U1|…".
  return text.replace(/<@[UW][A-Z0-9]+(?:\|[^<>]*)?>/g, " ").trim();
}
