/**
 * What the bot records about one answer (see store/records.ts for why and what not): the
 * codes and resources answered, the confidence of a free-text answer and its question with
 * customer identifiers masked as in pastes; for a paste, the codes the catalog does not know
 * and messages that differ from its wording. Never the paste itself.
 */
import type { Answer, CodeAnswer } from "../engine/index.js";
import { maskText } from "../engine/paste/mask.js";
import type { AnswerRecord, AnsweredEntry, Sighting, Surface } from "../store/index.js";

/** The resource of the meaning given first, or of the only resource in context. */
function entryOf(item: CodeAnswer): AnsweredEntry {
  const first = item.matches[0]?.entry.resource ?? null;
  return { code: item.code, resource: item.narrowed ? first : (item.requestedResource ?? first) };
}

export function answerRecord(answer: Answer, surface: Surface, time: number): AnswerRecord {
  switch (answer.type) {
    case "help":
      return { time, surface, entries: [], confidence: null, query: null };
    case "codes":
      return { time, surface, entries: answer.items.map(entryOf), confidence: null, query: null };
    case "search":
      return {
        time,
        surface,
        entries: answer.hits
          .slice(0, answer.confidence === "strong" ? 1 : 3)
          .map((hit) => ({ code: hit.entry.code, resource: hit.entry.resource })),
        confidence: answer.confidence,
        // Anything shaped like a phone, card or email is masked, as in pastes.
        query: maskText(answer.query, []),
      };
    case "diagnosis":
      return {
        time,
        surface,
        entries: answer.diagnosis.findings.map(entryOf),
        confidence: null,
        query: null,
      };
  }
}

/** Codes of a paste the catalog does not know, and documented codes with another message. */
export function sightingsOf(answer: Answer): Sighting[] {
  if (answer.type !== "diagnosis") return [];
  return answer.diagnosis.findings.flatMap((finding): Sighting[] => {
    const resource = finding.matches[0]?.entry.resource ?? finding.inferredResource;
    if (finding.matches.length === 0 && finding.notDocumentedFor === null) {
      return [
        {
          kind: "unknown",
          code: finding.code,
          resource: finding.inferredResource,
          message: finding.message ?? "",
          catalogMessage: null,
        },
      ];
    }
    if (finding.messageDiffers && finding.message !== null) {
      return [
        {
          kind: "differing",
          code: finding.code,
          resource,
          message: finding.message,
          catalogMessage: finding.matches[0]?.entry.description ?? null,
        },
      ];
    }
    return [];
  });
}
