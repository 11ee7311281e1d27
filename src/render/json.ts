import type { Entry } from "../catalog/types.js";
import type { Answer, RankedMatch } from "../engine/index.js";
import type { EntryJson } from "./entry-json.js";
import { entryJson } from "./entry-json.js";

type MatchJson = EntryJson & { score: number; reasons: string[] };

/** The answer model as JSON: the `--json` output of the command-line tool. */
export function answerJson(answer: Answer): unknown {
  switch (answer.type) {
    case "help":
      return { help: true };
    case "codes":
      return {
        query: answer.query,
        confidence: answer.confidence,
        matches: answer.items.flatMap((item) =>
          item.matches.map((m) => matchJson(m.entry, m.score, m.reasons)),
        ),
        unknown: answer.items
          .filter((item) => item.matches.length === 0)
          .map((item) => ({
            code: item.code,
            known: false,
            resource: item.notDocumentedFor,
            nearest: item.nearest.map(entryJson),
            otherResources: item.otherResources.map(otherJson),
          })),
        ambiguous: answer.items.filter((item) => !item.narrowed).map((item) => item.code),
      };
    case "search":
      return {
        query: answer.query,
        confidence: answer.confidence,
        resource: answer.resource,
        matches: answer.hits.map((hit) => ({
          ...matchJson(
            hit.entry,
            hit.score,
            hit.phrase ? ["the query is part of this message"] : [],
          ),
          coverage: Math.round(hit.coverage * 100) / 100,
        })),
      };
    case "diagnosis": {
      const d = answer.diagnosis;
      return {
        capillary: d.recognisedAs !== null,
        recognisedAs: d.recognisedAs,
        findings: d.findings.map((f) => ({
          code: f.code,
          path: f.paths[0] ?? null,
          paths: f.paths,
          count: f.count,
          message: f.message,
          resource: f.inferredResource,
          kind: f.reported ?? f.matches[0]?.entry.kind ?? null,
          known: f.matches.length > 0,
          messageDiffers: f.messageDiffers,
          matches: f.matches.map((m) => matchJson(m.entry, m.score, m.reasons)),
          nearest: f.nearest.map(entryJson),
          notDocumentedFor: f.notDocumentedFor,
          otherResources: f.otherResources.map(otherJson),
        })),
        envelope: d.envelope,
        requestId: d.requestId,
        apiPath: d.apiPath,
        facts: d.facts,
        customer: d.customer,
        truncated: d.truncated,
      };
    }
  }
}

/** A ranked entry: the entry, its score to two decimals, and why it ranked there. */
function matchJson(entry: Entry, score: number, reasons: string[]): MatchJson {
  return { ...entryJson(entry), score: Math.round(score * 100) / 100, reasons };
}

/** Another resource's meaning of a code: listed, not applied. */
const otherJson = (m: RankedMatch) => ({ ...entryJson(m.entry), applied: false });
