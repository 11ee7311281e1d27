import type { FieldReader } from "./problems.js";
import type { EscalationOverride, EscalationRule, ResolvedEscalation, Team } from "./types.js";
import { URGENCIES } from "./types.js";

/**
 * Reads an escalation mapping field by field; every field is optional here (a class
 * rule is completed by `completeRule`, an entry override by `resolveEscalation`).
 * `team: null` stands for "no escalation" and is kept as null.
 */
export function readEscalationFields(
  reader: FieldReader,
  obj: Record<string, unknown>,
  id: string,
  teams: ReadonlyMap<string, Team>,
): Partial<Omit<EscalationRule, "team">> & { team?: string | null } {
  const rule: Partial<Omit<EscalationRule, "team">> & { team?: string | null } = {};
  if (obj.team === null) rule.team = null;
  else if (obj.team !== undefined) {
    const team = reader.string(obj, "team", id);
    if (team !== null && !teams.has(team)) {
      reader.problem(
        id,
        `escalation names unknown team "${team}" (teams: ${[...teams.keys()].join(", ")})`,
      );
    } else if (team !== null) rule.team = team;
  }
  if (obj.urgency !== undefined) {
    const urgency = reader.oneOf(obj, "urgency", URGENCIES, id);
    if (urgency !== null) rule.urgency = urgency;
  }
  if (obj.when !== undefined) {
    const when = reader.string(obj, "when", id);
    if (when !== null) rule.when = when;
  }
  if (obj.collect !== undefined) rule.collect = reader.stringList(obj, "collect", id);
  return rule;
}

/** A class's rule: `null` for none, or a mapping with team, urgency and when. */
export function readClassRule(
  reader: FieldReader,
  value: unknown,
  id: string,
  teams: ReadonlyMap<string, Team>,
): EscalationRule | null {
  if (value === null || value === undefined) return null;
  const obj = reader.record(value, id, '"escalation"');
  if (!obj) return null;
  const { team, urgency, when, collect = [] } = readEscalationFields(reader, obj, id, teams);
  if (typeof team === "string" && urgency !== undefined && when !== undefined) {
    return { team, urgency, when, collect };
  }
  if (!("team" in obj) || !("urgency" in obj) || !("when" in obj)) {
    reader.problem(id, "escalation needs team, urgency and when (or null for no escalation)");
  }
  return null;
}

/** An entry's override: a mapping that says why, and the fields it changes. */
export function readOverride(
  reader: FieldReader,
  value: unknown,
  id: string,
  teams: ReadonlyMap<string, Team>,
): EscalationOverride | undefined {
  if (value === undefined) return undefined;
  if (value === null) {
    reader.problem(id, 'for no escalation write "escalation: { team: null, why: … }"');
    return undefined;
  }
  const obj = reader.record(value, id, '"escalation"');
  if (!obj) return undefined;
  const fields = readEscalationFields(reader, obj, id, teams);
  const why = reader.string(obj, "why", id);
  return why === null ? undefined : { ...fields, why };
}

/**
 * The escalation an entry ends up with: its class's rule with the override applied.
 * Unknown teams were reported when read; here they resolve to no escalation.
 */
export function resolveEscalation(
  rule: EscalationRule | null,
  override: EscalationOverride | undefined,
  teams: ReadonlyMap<string, Team>,
  problem: (message: string) => void,
): ResolvedEscalation | null {
  if (override?.team === null) return null;
  const merged = override === undefined ? rule : { ...rule, ...override };
  if (!merged) return null;
  const { urgency, when, collect } = merged;
  const team = merged.team ?? undefined;
  if (team === undefined || urgency === undefined || when === undefined) {
    problem("escalation override needs team, urgency and when (its class has no escalation)");
    return null;
  }
  const resolved = teams.get(team);
  return resolved ? { team: resolved, urgency, when, collect: collect ?? [] } : null;
}
