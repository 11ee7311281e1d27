/** A plain object (not null, not an array): the first step in narrowing parsed data. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A string field of something parsed, or null when it is missing or not a string. */
export const stringField = (value: unknown, key: string): string | null =>
  isRecord(value) && typeof value[key] === "string" ? value[key] : null;

/** Slack's error code (`not_in_channel`) from a failed Web API call, if it says one. */
export function slackErrorCode(error: unknown): string | null {
  return isRecord(error) && isRecord(error.data) && typeof error.data.error === "string"
    ? error.data.error
    : null;
}
