import type { LoadOptions } from "../catalog/load.js";
import { loadCatalogOrThrow } from "../catalog/load.js";
import { Engine } from "./engine.js";

/** Loads and validates the catalog and builds the engine over it; throws on an invalid catalog. */
export function createEngine(options: LoadOptions = {}): Engine {
  return new Engine(loadCatalogOrThrow(options));
}

export { Engine };
export type { Answer, CodeAnswer, Diagnosis, EnvelopeNote, Finding } from "./answer.js";
export type { RankedMatch } from "./rank.js";
export type { MentionRequest } from "./mention.js";
export { readMention } from "./mention.js";
export type { EscalatedCode, Escalation } from "./escalation.js";
export { askedCodes, escalationOf } from "./escalation.js";
export { maskCustomerText } from "./paste/mask.js";
