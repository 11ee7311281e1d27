import type { Generation, Resource } from "../../catalog/types.js";
import { resourceFromWord } from "../../catalog/types.js";

/** What a paste says around the payload that matters for escalation and ranking. */
export interface PasteContext {
  /** X-CAP-REQUEST-ID, which Capillary Support asks for. */
  requestId: string | null;
  /** The API path, from a request line or URL in the paste. */
  apiPath: string | null;
  resource: Resource | null;
  generation: Generation | null;
}

const REQUEST_ID = /\bx-cap-request-id["']?\s*[:=]\s*["']?([A-Za-z0-9._:-]{4,128})/i;
const API_PATH = /(?:^|[\s"'(])(?:https?:\/\/[^\s/"']+)?(\/v(1\.1|2)\/[A-Za-z0-9_/.-]*)/m;

export function readPasteContext(text: string): PasteContext {
  // API_PATH tries every line start and quote of the paste: run it only where it can match.
  const apiPath = text.includes("/v1.1/") || text.includes("/v2/") ? API_PATH.exec(text) : null;
  const path = apiPath?.[1] ?? null;
  let resource: Resource | null = null;
  for (const segment of path?.split(/[/.?]/) ?? []) {
    resource ??= resourceFromWord(segment);
  }
  return {
    requestId: REQUEST_ID.exec(text)?.[1] ?? null,
    apiPath: path,
    resource,
    generation: apiPath?.[2] === "2" ? "v2" : apiPath?.[2] === "1.1" ? "v1.1" : null,
  };
}
