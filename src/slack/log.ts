import type { Logger } from "@slack/bolt";
import { isRecord } from "../guards.js";

/** Logs a failure with what it was doing, never the message text or tokens. */
export function logFailure(logger: Logger, doing: string, error: unknown): void {
  const code = isRecord(error) && typeof error.code === "string" ? ` [${error.code}]` : "";
  logger.error(
    `${doing} failed${code}${slackErrorDetail(error)}: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/** Slack's error code (`not_in_channel`) from a failed Web API call, if it says one. */
export function slackErrorCode(error: unknown): string | null {
  return isRecord(error) && isRecord(error.data) && typeof error.data.error === "string"
    ? error.data.error
    : null;
}

function slackErrorDetail(error: unknown): string {
  const code = slackErrorCode(error);
  return code === null ? "" : ` (${code})`;
}
