/** A parsed payload: plain values, arrays and records, from JSON or XML alike. */
export type Tree = string | number | boolean | null | Tree[] | TreeRecord;
export interface TreeRecord {
  [key: string]: Tree;
}

export interface ParsedPayload {
  tree: Tree;
  format: "json" | "xml";
  /** Where in the cleaned text the payload starts and ends. */
  start: number;
  end: number;
  /** The text ended before the payload did; what was there is kept. */
  truncated: boolean;
  /** Nesting deeper than MAX_DEPTH was skipped. */
  depthCapped: boolean;
}

/** Deepest nesting the engine reads; real responses use fewer than 10 levels. */
export const MAX_DEPTH = 256;

export function isTreeRecord(value: unknown): value is TreeRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A record with no prototype, so that keys such as `__proto__` are plain data. */
export function newRecord(): TreeRecord {
  return Object.create(null) as TreeRecord;
}
