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
        matches: answer.items.flatMap((item) =>
          item.matches.map((m): MatchJson => ({
            ...entryJson(m.entry),
            score: round(m.score),
            reasons: m.reasons,
          })),
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
        resource: answer.resource,
        matches: answer.hits.map((hit) => ({
          ...entryJson(hit.entry),
          score: round(hit.score),
          reasons: [],
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
          matches: f.matches.map((m) => ({
            ...entryJson(m.entry),
            score: round(m.score),
            reasons: m.reasons,
          })),
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

/** Another resource's meaning of a code: listed, not applied. */
const otherJson = (m: RankedMatch) => ({ ...entryJson(m.entry), applied: false });

const round = (n: number) => Math.round(n * 100) / 100;
