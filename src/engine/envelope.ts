/**
 * What the generic status of a whole response means. These are HTTP-style envelope
 * codes (v1.1 `response.status`); the real reasons are in the item-level codes.
 */
export const ENVELOPE_MEANINGS: ReadonlyMap<number, string> = new Map([
  [200, "The call succeeded; any item-level codes below say what happened to each item."],
  [201, "Some items failed: the item-level codes below say which and why."],
  [206, "Partly done: the item-level codes below say which items failed."],
  [
    400,
    "The whole call was rejected as a bad request; look at the item-level codes or the call our system made.",
  ],
  [
    401,
    "Our integration's credentials were rejected; nothing the customer did. Escalate to integration engineering.",
  ],
  [403, "Our integration is not allowed to make this call; escalate to integration engineering."],
  [404, "The API path or the record does not exist; check the call our system made."],
  [429, "Too many calls: the platform is rate-limiting us. Retry later; escalate if it persists."],
  [500, "All items failed: the item-level codes below say why. On its own, a platform failure."],
  [502, "The platform was unreachable for a moment; retry, and escalate if it persists."],
  [503, "The platform was unavailable for a moment; retry, and escalate if it persists."],
  [504, "The platform timed out; retry, and escalate if it persists."],
]);
