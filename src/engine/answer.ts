import type { Entry, Kind, Resource } from "../catalog/types.js";
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
  /** For an unknown code: nearby codes by number and, if a message came with it, by wording. */
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
}

export interface Diagnosis {
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
  formats: ("json" | "xml")[];
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
