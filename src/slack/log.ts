import type { Logger } from "@slack/bolt";
import { isRecord, slackErrorCode } from "../guards.js";

/** Logs a failure with what it was doing, never the message text or tokens. */
export function logFailure(logger: Logger, doing: string, error: unknown): void {
  const code = isRecord(error) && typeof error.code === "string" ? ` [${error.code}]` : "";
  logger.error(
    `${doing} failed${code}${slackErrorDetail(error)}: ${error instanceof Error ? error.message : String(error)}`,
  );
}

function slackErrorDetail(error: unknown): string {
  const code = slackErrorCode(error);
  return code === null ? "" : ` (${code})`;
}
