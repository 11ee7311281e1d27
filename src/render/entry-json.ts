import type { Entry } from "../catalog/types.js";

/** An entry as JSON for machines: `loyalty-code --json` and `loyalty-code catalog --json`. */
export interface EntryJson {
  id: string;
  code: number;
  resource: string;
  kind: string;
  description: string;
  variants: string[];
  sources: string[];
  generations: string[];
  notes: string[];
  wordings: { text: string; sources: string[] }[];
  class: string;
  classTitle: string;
  explain: string;
  check: string;
  customerWording: string | null;
  escalation: {
    team: string;
    teamName: string;
    channel: string | null;
    usergroup: string | null;
    urgency: string;
    when: string;
    collect: string[];
    /** Why this entry's escalation differs from its class's; null where it follows the class. */
    why: string | null;
  } | null;
}

export function entryJson(entry: Entry): EntryJson {
  const { escalation } = entry;
  return {
    id: entry.id,
    code: entry.code,
    resource: entry.resource,
    kind: entry.kind,
    description: entry.description,
    variants: entry.variants,
    sources: entry.sources,
    generations: entry.generations,
    notes: entry.notes,
    wordings: entry.wordings,
    class: entry.class.id,
    classTitle: entry.class.title,
    explain: entry.explain,
    check: entry.check,
    customerWording: entry.customerWording,
    escalation: escalation && {
      team: escalation.team.id,
      teamName: escalation.team.name,
      channel: escalation.team.channel,
      usergroup: escalation.team.usergroup,
      urgency: escalation.urgency,
      when: escalation.when,
      collect: escalation.collect,
      why: entry.escalationWhy,
    },
  };
}
