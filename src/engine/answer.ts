import type { Entry, Kind, ResolvedEscalation, Resource } from "../catalog/types.js";
import type { RankedMatch } from "./rank.js";
import type { Confidence, SearchHit } from "./search.js";

export type { Confidence };

/** Every meaning of one code, ranked; or, for an unknown code, the nearest known ones. */
export interface CodeAnswer {
  code: number;
  /** The resource the agent named, if any. */
  requestedResource: Resource | null;
  /** Every meaning, best first. Empty when the catalog does not know the code. */
  matches: RankedMatch[];
  /** True when the clues settle the meaning; false means "here are all, most likely first". */
  narrowed: boolean;
  /**
   * The resource in context (named, or inferred from a paste) when the catalog documents
   * the code only for other resources: then `matches` is empty and the answer is
   * "not documented for <resource>".
   */
  notDocumentedFor: Resource | null;
  /** The other resources' meanings in that case: named as such, never applied. */
  otherResources: RankedMatch[];
  /**
   * For an unknown code, or one not documented for the resource in context: nearby codes
   * (of that resource) by number and, if a message came with it, by wording.
   */
  nearest: Entry[];
}

/** A code found in a paste, with repeats collapsed. */
export interface Finding extends CodeAnswer {
  /** Where it was found; the first few places when it repeats. */
  paths: string[];
  count: number;
  /** The message that came with it, with customer identifiers masked. */
  message: string | null;
  reported: Kind | null;
  inferredResource: Resource | null;
  /** Known code, message given, and the message is none of the top meaning's wordings. */
  messageDiffers: boolean;
}

export interface EnvelopeNote {
  code: number;
  path: string;
  message: string | null;
  meaning: string;
  /** Only for the statuses that are the whole reason (credentials, rate limits, outages). */
  escalation: ResolvedEscalation | null;
}

export interface Diagnosis {
  /**
   * What makes the paste a Capillary response (a v1.1 envelope, a v2 errors list with
   * documented codes, a documented message), or null: then it gets no unasked reply, and
   * an asked one says that it does not look like a Capillary response.
   */
  recognisedAs: string | null;
  /** Item-level findings, errors first. */
  findings: Finding[];
  /** Generic envelope statuses, explained briefly. */
  envelope: EnvelopeNote[];
  requestId: string | null;
  apiPath: string | null;
  /** Escalation facts found in the paste (bill number, reference, store, till). */
  facts: { label: string; value: string }[];
  /** Customer identifiers in the paste, masked (91••••••554). */
  customer: string[];
  truncated: boolean;
  depthCapped: boolean;
}

export type Answer =
  | { type: "help" }
  | { type: "codes"; query: string; items: CodeAnswer[]; words: string; confidence: Confidence }
  | {
      type: "search";
      query: string;
      resource: Resource | null;
      /** strong: answer the first hit in full; weak: offer the hits; none: hits is empty. */
      confidence: Confidence;
      hits: SearchHit[];
    }
  | { type: "diagnosis"; diagnosis: Diagnosis };
