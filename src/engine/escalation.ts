import type { Entry, Resource, Team, Urgency } from "../catalog/types.js";
import type { Answer } from "./answer.js";

/** One code of an escalation: the meaning the answer put first for it. */
export interface EscalatedCode {
  code: number;
  resource: Resource;
  meaning: string;
}

/**
 * What a team needs to pick up an escalation, taken from one answer: the codes and
 * their meanings, the identifiers found in a paste (customer ones already masked), and
 * who it goes to, how urgently and what to collect first.
 */
export interface Escalation {
  team: Team;
  urgency: Urgency;
  classTitle: string;
  when: string;
  collect: string[];
  codes: EscalatedCode[];
  requestId: string | null;
  apiPath: string | null;
  /** Bill number, reference, store, till: as found in the paste. */
  facts: { label: string; value: string }[];
  /** Customer identifiers, masked (91••••••210). */
  customer: string[];
}

/** The meaning an answer shows first for each code it is about, in its order. */
function leadingEntries(answer: Answer): Entry[] {
  switch (answer.type) {
    // A search guesses from words: escalating to a team needs a code the agent saw.
    case "help":
    case "search":
      return [];
    case "codes":
      return answer.items.flatMap((item) => item.matches.slice(0, 1).map((m) => m.entry));
    case "diagnosis":
      return answer.diagnosis.findings.flatMap((f) => f.matches.slice(0, 1).map((m) => m.entry));
  }
}

/**
 * The escalation an answer calls for: that of the first code whose meaning escalates
 * (a diagnosis lists errors first), with every code of the answer in the packet. Null
 * when no meaning the answer leads with names a team.
 */
export function escalationOf(answer: Answer): Escalation | null {
  const entries = leadingEntries(answer);
  const lead = entries.find((entry) => entry.escalation !== null);
  if (!lead?.escalation) return null;
  const seen = new Set<string>();
  const codes = entries
    .filter((entry) => !seen.has(entry.id) && seen.add(entry.id))
    .map((entry) => ({ code: entry.code, resource: entry.resource, meaning: entry.description }));
  const diagnosis = answer.type === "diagnosis" ? answer.diagnosis : null;
  return {
    team: lead.escalation.team,
    urgency: lead.escalation.urgency,
    classTitle: lead.class.title,
    when: lead.escalation.when,
    collect: lead.escalation.collect,
    codes,
    requestId: diagnosis?.requestId ?? null,
    apiPath: diagnosis?.apiPath ?? null,
    facts: diagnosis?.facts ?? [],
    customer: diagnosis?.customer ?? [],
  };
}

/** The codes an answer is about, for counting what agents ask: none for help or a search. */
export function askedCodes(answer: Answer): number[] {
  switch (answer.type) {
    case "codes":
      return answer.items.map((item) => item.code);
    case "diagnosis":
      return [...new Set(answer.diagnosis.findings.map((finding) => finding.code))];
    default:
      return [];
  }
}
