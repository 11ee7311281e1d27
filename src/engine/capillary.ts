import type { Catalog } from "../catalog/types.js";
import { sameWording } from "../catalog/wording.js";
import type { PasteContext } from "./paste/context.js";
import type { RawFinding } from "./paste/findings.js";

/** The v1.1 envelope's collections: `response.customers`, `response.responses.points`, … */
const V11_COLLECTION =
  /^response\.(customers|transactions|points|coupons|responses|coupon|customer|transaction)\b/;
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
    if (!entries || finding.message === null) continue;
    if (V2_ENTRY.test(finding.path)) return "a v2 errors/warnings list with documented codes";
    const message = finding.message;
    if (entries.some((e) => [e.description, ...e.variants].some((w) => sameWording(w, message)))) {
      return `code ${String(finding.code)} with its documented message`;
    }
  }
  return null;
}
