import type { Resource } from "../catalog/types.js";
import type { Clues, RankedMatch } from "./rank.js";

/** A code's meanings once the resource in context is taken into account. */
export interface ResourceCheck {
  /** The meanings that can be the answer, best first. */
  matches: RankedMatch[];
  /** The resource in context when the catalog documents the code only for others. */
  notDocumentedFor: Resource | null;
  /** Those other resources' meanings: shown as such, never applied. */
  otherResources: RankedMatch[];
}

/**
 * Keeps another resource's meaning from passing as the answer. A resource named in the
 * query settles it; one inferred from a paste is a guess, which the message that came
 * with the code overrules when it is one of that meaning's wordings.
 */
export function checkResource(ranked: RankedMatch[], clues: Clues): ResourceCheck {
  const resource = clues.resource ?? clues.inferredResource?.resource ?? null;
  const fits =
    resource === null ||
    ranked.length === 0 ||
    ranked.some((match) => match.entry.resource === resource) ||
    (!clues.resource && ranked.some((match) => match.messageMatches === true));
  return fits
    ? { matches: ranked, notDocumentedFor: null, otherResources: [] }
    : { matches: [], notDocumentedFor: resource, otherResources: ranked };
}
