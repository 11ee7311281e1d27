import type { Catalog } from "../catalog/types.js";
import { wordingTokens } from "../catalog/wording.js";
import type { PasteContext } from "./paste/context.js";
import type { RawFinding } from "./paste/findings.js";

/** The v1.1 envelope's collections: `response.customers`, `response.responses.points`, … */
const V11_COLLECTION =
  /^response\.(customers|transactions|points|coupons|responses|coupon|customer|transaction)\b/;
/** Codes below this are HTTP statuses as well as catalog codes (400, 500, 510, 521). */
const FIRST_NON_HTTP_CODE = 600;
/** A v1.1 item's status, or a warning listed in it. */
const ITEM_STATUS = /(^|\.)item_status(\.|$)/;
/** An entry of a v2 `errors` or `warnings` list, at the top or per entity of a bulk body. */
const V2_ENTRY = /(^|\.)(errors|warnings)\[\d+\]$/;

/**
 * What makes a paste a Capillary response, or null when nothing does. Only such a paste
 * deserves a reply nobody asked for: error bodies and log lines of other systems carry
 * numbers that happen to be Capillary codes (500, 1001, 1012) and must stay unanswered.
 */
export function capillaryEvidence(
  paste: { findings: readonly RawFinding[]; context: PasteContext },
  catalog: Catalog,
): string | null {
  // Without a code there is nothing to answer unasked, whatever the headers say.
  if (paste.findings.length === 0) return null;
  if (paste.context.requestId !== null) return "an X-CAP-REQUEST-ID header";
  const { findings } = paste;
  const envelope = findings.some((f) => f.envelope && f.path.startsWith("response."));
  if (
    envelope &&
    findings.some(
      (f) => !f.envelope && (f.path.includes("item_status") || V11_COLLECTION.test(f.path)),
    )
  ) {
    return "a v1.1 envelope (response.status with item-level statuses)";
  }
  for (const finding of findings) {
    const entries = catalog.byCode.get(finding.code);
    if (!entries) continue;
    // item_status is the v1.1 APIs' own name: with a documented code it is theirs, also
    // when the envelope around it was not pasted.
    if (ITEM_STATUS.test(finding.path) && finding.code >= FIRST_NON_HTTP_CODE) {
      return "a v1.1 item_status with a documented code";
    }
    if (finding.message === null) continue;
    // Below 600 a code is also an HTTP status that any server's errors list carries: it
    // counts only with its documented message.
    if (V2_ENTRY.test(finding.path) && finding.code >= FIRST_NON_HTTP_CODE) {
      return "a v2 errors/warnings list with documented codes";
    }
    const said = wordingTokens(finding.message);
    if (entries.some((e) => [e.description, ...e.variants].some((w) => says(said, w)))) {
      return `code ${String(finding.code)} with its documented message`;
    }
  }
  return null;
}

/**
 * Whether a message says all of a documented wording (perhaps with detail added), or
 * nearly the same words. Stricter than sameWording: "Invalid request" is not the 400
 * wording "Input is invalid. Please check request parameters…", though its words are in it.
 */
function says(message: ReadonlySet<string>, wording: string): boolean {
  const documented = wordingTokens(wording);
  let shared = 0;
  for (const word of documented) if (message.has(word)) shared++;
  if (documented.size >= 2 && shared === documented.size) return true;
  const union = message.size + documented.size - shared;
  return union > 0 && shared / union >= 0.6;
}
