import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { defaultCatalogDir, readCodes, readMappings, readYaml } from "./files.js";
import type { Problem } from "./problems.js";
import { CatalogInvalidError, FieldReader } from "./problems.js";
import type {
  Catalog,
  CauseClass,
  CodeEntry,
  Entry,
  EscalationRule,
  Resource,
  ResolvedEscalation,
  RunbookEntry,
  Synonyms,
  Team,
} from "./types.js";
import { URGENCIES, isResource } from "./types.js";
import { customerWordingProblems } from "./wording-rules.js";

export interface LoadOptions {
  /** The catalog/ folder; defaults to the repository's. */
  dir?: string;
  /**
   * A YAML file whose `teams` override names and Slack ids of teams.yml. Defaults to
   * catalog/teams.local.yml when it exists.
   */
  teamsFile?: string | null;
}

export interface LoadResult {
  catalog: Catalog;
  problems: Problem[];
}

/** The class of success entries, which need no runbook mapping of their own. */
const SUCCESS_CLASS = "success";
/** Fraud-flagged accounts get neutral wording and go to the risk team, always. */
const RISK_CLASS = "risk";

/** Loads and validates the whole catalog, collecting every problem instead of stopping. */
export function loadCatalog(options: LoadOptions = {}): LoadResult {
  const dir = options.dir ?? defaultCatalogDir();
  const problems: Problem[] = [];
  const collect = (reader: FieldReader) => problems.push(...reader.problems);

  const { entries: codes, reader: codesReader } = readCodes(dir);
  collect(codesReader);
  const teams = readTeams(dir, options.teamsFile, problems);
  const classes = readClasses(dir, teams, problems);
  const runbook = readRunbook(dir, classes, teams, problems);
  const synonyms = readSynonyms(dir, problems);

  const entries: Entry[] = [];
  const seen = new Set<string>();
  const seenMeaning = new Map<string, string>();
  for (const code of codes) {
    if (seen.has(code.id)) {
      problems.push({ file: "catalog/codes.json", entry: code.id, message: "duplicate id" });
      continue;
    }
    seen.add(code.id);
    const meaning = `${code.resource}|${code.code}|${code.kind}|${code.description.toLowerCase()}`;
    const twin = seenMeaning.get(meaning);
    if (twin !== undefined) {
      problems.push({
        file: "catalog/codes.json",
        entry: code.id,
        message: `duplicate of ${twin} (same code, resource, kind and description)`,
      });
    }
    seenMeaning.set(meaning, code.id);
    const entry = joinRunbook(code, runbook.get(code.id), classes, teams, problems);
    if (entry) entries.push(entry);
  }
  for (const [id, { file }] of runbook) {
    if (!seen.has(id)) {
      problems.push({ file, entry: id, message: "no such entry in catalog/codes.json" });
    }
  }
  return { catalog: indexCatalog(entries, classes, teams, synonyms), problems };
}

/** Loads the catalog or throws an error naming every problem (file, entry, what is wrong). */
export function loadCatalogOrThrow(options: LoadOptions = {}): Catalog {
  const { catalog, problems } = loadCatalog(options);
  if (problems.length > 0) throw new CatalogInvalidError(problems);
  return catalog;
}

function indexCatalog(
  entries: Entry[],
  classes: ReadonlyMap<string, CauseClass>,
  teams: ReadonlyMap<string, Team>,
  synonyms: Synonyms,
): Catalog {
  const byCode = new Map<number, Entry[]>();
  for (const entry of entries) {
    const list = byCode.get(entry.code) ?? [];
    list.push(entry);
    byCode.set(entry.code, list);
  }
  return {
    entries,
    byCode,
    byId: new Map(entries.map((entry) => [entry.id, entry])),
    classes,
    teams,
    synonyms,
  };
}

function joinRunbook(
  code: CodeEntry,
  mapping: { entry: RunbookEntry; file: string } | undefined,
  classes: ReadonlyMap<string, CauseClass>,
  teams: ReadonlyMap<string, Team>,
  problems: Problem[],
): Entry | null {
  const file = mapping?.file ?? "catalog/runbook/";
  const problem = (message: string) => problems.push({ file, entry: code.id, message });
  if (!mapping && code.kind !== "success") {
    problem(`the ${code.kind} has no runbook mapping (class, explain, check, customer)`);
    return null;
  }
  const classId = mapping?.entry.class ?? SUCCESS_CLASS;
  const causeClass = classes.get(classId);
  if (!causeClass) {
    problem(`unknown class "${classId}" (classes: ${[...classes.keys()].join(", ")})`);
    return null;
  }
  if (
    classId !== RISK_CLASS &&
    [code.description, ...code.variants].some((t) => /fraud/i.test(t))
  ) {
    problem(`mentions fraud, so it must be in class ${RISK_CLASS} (neutral wording, risk team)`);
  }
  const ownWording = mapping?.entry.customer ?? null;
  if (causeClass.customerCanAct && ownWording === null) {
    problem(`class ${classId} needs customer wording specific to this entry ("customer")`);
  }
  const customerWording = ownWording ?? causeClass.customerWording;
  if (customerWording === null) problem("has no customer wording, and its class none either");
  if (ownWording !== null) {
    for (const message of customerWordingProblems(ownWording))
      problem(`customer wording ${message}`);
  }
  return {
    ...code,
    class: causeClass,
    explain: mapping?.entry.explain ?? causeClass.agentAdvice,
    check: mapping?.entry.check ?? "Nothing to check: the request succeeded.",
    customerWording,
    escalation: resolveEscalation(causeClass.escalation, mapping?.entry.escalation, teams, problem),
  };
}

function resolveEscalation(
  rule: EscalationRule | null,
  override: Partial<EscalationRule> | null | undefined,
  teams: ReadonlyMap<string, Team>,
  problem: (message: string) => void,
): ResolvedEscalation | null {
  if (override === null) return null;
  const merged = override === undefined ? rule : { ...rule, ...override };
  if (!merged) return null;
  const { team, urgency, when, collect } = merged;
  if (team === undefined || urgency === undefined || when === undefined) {
    problem("escalation override needs team, urgency and when (its class has no escalation)");
    return null;
  }
  const resolved = teams.get(team);
  if (!resolved) {
    problem(`escalation names unknown team "${team}" (teams: ${[...teams.keys()].join(", ")})`);
    return null;
  }
  return { team: resolved, urgency, when, collect: collect ?? [] };
}

function readTeams(dir: string, teamsFile: string | null | undefined, problems: Problem[]) {
  const reader = new FieldReader("catalog/teams.yml");
  const teams = new Map<string, Team>();
  for (const [id, obj] of readMappings(reader, join(dir, "teams.yml"), "teams", "a team")) {
    teams.set(id, {
      id,
      name: reader.string(obj, "name", id) ?? id,
      channel: slackId(reader, obj, "channel", CHANNEL_ID, id),
      usergroup: slackId(reader, obj, "usergroup", USERGROUP_ID, id),
    });
  }
  problems.push(...reader.problems);

  const overridePath = teamsFile ?? join(dir, "teams.local.yml");
  if (teamsFile === null || !existsSync(overridePath)) return teams;
  const overrides = new FieldReader(overridePath);
  for (const [id, obj] of readMappings(overrides, overridePath, "teams", "a team")) {
    const base = teams.get(id);
    if (!base) {
      overrides.problem(id, `no team "${id}" in catalog/teams.yml to override`);
      continue;
    }
    teams.set(id, {
      id,
      name: overrides.optionalString(obj, "name", id) ?? base.name,
      channel: "channel" in obj ? slackId(overrides, obj, "channel", CHANNEL_ID, id) : base.channel,
      usergroup:
        "usergroup" in obj
          ? slackId(overrides, obj, "usergroup", USERGROUP_ID, id)
          : base.usergroup,
    });
  }
  problems.push(...overrides.problems);
  return teams;
}

const CHANNEL_ID = /^[CG][A-Z0-9]{6,}$/;
const USERGROUP_ID = /^S[A-Z0-9]{6,}$/;

function slackId(
  reader: FieldReader,
  obj: Record<string, unknown>,
  field: string,
  pattern: RegExp,
  id: string,
): string | null {
  const value = obj[field];
  if (value === null || value === undefined) return null;
  if (typeof value === "string" && pattern.test(value)) return value;
  reader.problem(id, `"${field}" must be a Slack id like ${pattern.source} or null`);
  return null;
}

function readClasses(dir: string, teams: ReadonlyMap<string, Team>, problems: Problem[]) {
  const reader = new FieldReader("catalog/classes.yml");
  const classes = new Map<string, CauseClass>();
  for (const [id, obj] of readMappings(reader, join(dir, "classes.yml"), "classes", "a class")) {
    const customerCanAct = obj.customerCanAct;
    if (typeof customerCanAct !== "boolean")
      reader.problem(id, '"customerCanAct" must be true or false');
    const customerWording = reader.optionalString(obj, "customerWording", id);
    if (customerWording !== null) {
      for (const message of customerWordingProblems(customerWording)) {
        reader.problem(id, `customerWording ${message}`);
      }
    }
    if (customerCanAct === false && customerWording === null) {
      reader.problem(id, "a class the customer cannot act on needs a shared customerWording");
    }
    classes.set(id, {
      id,
      title: reader.string(obj, "title", id) ?? id,
      customerCanAct: customerCanAct === true,
      customerWording,
      agentAdvice: reader.string(obj, "agentAdvice", id) ?? "",
      escalation: completeRule(reader, readEscalation(reader, obj.escalation, id, teams), id),
    });
  }
  if (!classes.has(SUCCESS_CLASS)) reader.problem(SUCCESS_CLASS, "the success class is required");
  problems.push(...reader.problems);
  return classes;
}

/** Reads an escalation mapping; in an entry override (`partial`) every field is optional. */
function readEscalation(
  reader: FieldReader,
  value: unknown,
  id: string,
  teams: ReadonlyMap<string, Team>,
): Partial<EscalationRule> | null {
  if (value === null || value === undefined) return null;
  const obj = reader.record(value, id, '"escalation"');
  if (!obj) return null;
  const rule: Partial<EscalationRule> = {};
  if (obj.team !== undefined) {
    const team = reader.string(obj, "team", id);
    if (team !== null && !teams.has(team)) {
      reader.problem(
        id,
        `escalation names unknown team "${team}" (teams: ${[...teams.keys()].join(", ")})`,
      );
    }
    if (team !== null) rule.team = team;
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

function completeRule(
  reader: FieldReader,
  rule: Partial<EscalationRule> | null,
  id: string,
): EscalationRule | null {
  if (rule === null) return null;
  const { team, urgency, when, collect = [] } = rule;
  if (team !== undefined && urgency !== undefined && when !== undefined) {
    return { team, urgency, when, collect };
  }
  reader.problem(id, "escalation needs team, urgency and when (or null for no escalation)");
  return null;
}

function readRunbook(
  dir: string,
  classes: ReadonlyMap<string, CauseClass>,
  teams: ReadonlyMap<string, Team>,
  problems: Problem[],
) {
  const runbook = new Map<string, { entry: RunbookEntry; file: string }>();
  const runbookDir = join(dir, "runbook");
  const files = existsSync(runbookDir)
    ? readdirSync(runbookDir)
        .filter((name) => name.endsWith(".yml"))
        .sort()
    : [];
  for (const name of files) {
    const file = `catalog/runbook/${name}`;
    const reader = new FieldReader(file);
    for (const [id, obj] of readMappings(reader, join(runbookDir, name), "entries", "an entry")) {
      const previous = runbook.get(id);
      if (previous) reader.problem(id, `also mapped in ${previous.file}`);
      const classId = reader.string(obj, "class", id) ?? "";
      if (classId !== "" && !classes.has(classId)) {
        reader.problem(
          id,
          `unknown class "${classId}" (classes: ${[...classes.keys()].join(", ")})`,
        );
      }
      const escalation =
        obj.escalation === null
          ? null
          : (readEscalation(reader, obj.escalation, id, teams) ?? undefined);
      const entry: RunbookEntry = {
        class: classId,
        explain: reader.string(obj, "explain", id) ?? "",
        check: reader.string(obj, "check", id) ?? "",
        ...(obj.customer === undefined
          ? {}
          : { customer: reader.string(obj, "customer", id) ?? "" }),
        ...(escalation === undefined ? {} : { escalation }),
      };
      runbook.set(id, { entry, file });
    }
    problems.push(...reader.problems);
  }
  return runbook;
}

function readSynonyms(dir: string, problems: Problem[]): Synonyms {
  const reader = new FieldReader("catalog/synonyms.yml");
  const root = reader.record(readYaml(join(dir, "synonyms.yml")), null, "the file") ?? {};
  const terms: Record<string, string[]> = {};
  for (const [word, value] of Object.entries(reader.record(root.terms, null, '"terms"') ?? {})) {
    const list = reader.stringList({ value }, "value", word);
    terms[word.toLowerCase()] = list;
  }
  const resources: Record<string, Resource> = {};
  for (const [word, value] of Object.entries(
    reader.record(root.resources, null, '"resources"') ?? {},
  )) {
    if (isResource(value)) resources[word.toLowerCase()] = value;
    else reader.problem(word, `"${String(value)}" is not a resource`);
  }
  const loyalty = reader.stringList(root, "loyalty", null).map((word) => word.toLowerCase());
  problems.push(...reader.problems);
  return { terms, resources, loyalty };
}
