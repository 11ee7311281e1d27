import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Brand } from "./brand.js";
import { readBrand } from "./brand.js";
import { readClassRule, readOverride, resolveEscalation } from "./escalation.js";
import { escalationTextProblems } from "./escalation-rules.js";
import { defaultCatalogDir, readCodes, readMappings, readYaml } from "./files.js";
import type { Problem } from "./problems.js";
import { CatalogInvalidError, FieldReader } from "./problems.js";
import type {
  Catalog,
  CauseClass,
  CodeEntry,
  EnvelopeStatus,
  Entry,
  Resource,
  RunbookEntry,
  Synonyms,
  Team,
} from "./types.js";
import { isResource } from "./types.js";
import { customerWordingProblems, fillBrand, internalIdProblem } from "./wording-rules.js";

export interface LoadOptions {
  /** The catalog/ folder; defaults to the repository's. */
  dir?: string;
  /**
   * A YAML file whose `teams` override names and Slack ids of teams.yml. Defaults to
   * catalog/teams.local.yml when it exists.
   */
  teamsFile?: string | null;
  /**
   * A YAML file whose `placeholders` override catalog/brand.yml ({app}, {website},
   * {store}). Defaults to catalog/brand.local.yml when it exists.
   */
  brandFile?: string | null;
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
  const brand = readBrand(dir, options.brandFile, problems);
  const classes = readClasses(dir, teams, brand, problems);
  const runbook = readRunbook(dir, classes, teams, problems);
  const synonyms = readSynonyms(dir, problems);
  const envelope = readEnvelope(dir, teams, problems);

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
    const entry = joinRunbook(code, runbook.get(code.id), { classes, teams, brand }, problems);
    if (entry) entries.push(entry);
  }
  for (const [id, { file }] of runbook) {
    if (!seen.has(id)) {
      problems.push({ file, entry: id, message: "no such entry in catalog/codes.json" });
    }
  }
  linkSameMeanings(entries, runbook, problems);
  return {
    catalog: { ...indexCatalog(entries), classes, teams, synonyms, envelope, brand: brand.filled },
    problems,
  };
}

/** Loads the catalog or throws an error naming every problem (file, entry, what is wrong). */
export function loadCatalogOrThrow(options: LoadOptions = {}): Catalog {
  const { catalog, problems } = loadCatalog(options);
  if (problems.length > 0) throw new CatalogInvalidError(problems);
  return catalog;
}

function indexCatalog(entries: Entry[]): Pick<Catalog, "entries" | "byCode" | "byId"> {
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
  };
}

interface Context {
  classes: ReadonlyMap<string, CauseClass>;
  teams: ReadonlyMap<string, Team>;
  brand: Brand;
}

/**
 * The entry with its runbook mapping: the rules that need both (mapping present,
 * wording for its class, resource and kind, text that agrees with the escalation).
 * What one file alone can tell was checked when that file was read.
 */
function joinRunbook(
  code: CodeEntry,
  mapping: { entry: RunbookEntry; file: string } | undefined,
  { classes, teams, brand }: Context,
  problems: Problem[],
): Entry | null {
  const file = mapping?.file ?? "catalog/runbook/";
  const problem = (message: string) => problems.push({ file, entry: code.id, message });
  if (!mapping && code.kind !== "success") {
    problem(`the ${code.kind} has no runbook mapping (class, explain, check, customer)`);
    return null;
  }
  const causeClass = classes.get(mapping?.entry.class ?? SUCCESS_CLASS);
  // An unknown class was reported where the runbook names it.
  if (!causeClass) return null;
  if (
    causeClass.id !== RISK_CLASS &&
    [code.description, ...code.variants].some((t) => /fraud/i.test(t))
  ) {
    problem(`mentions fraud, so it must be in class ${RISK_CLASS} (neutral wording, risk team)`);
  }
  const override = mapping?.entry.escalation;
  const escalation = resolveEscalation(causeClass.escalation, override, teams, problem);
  const own = mapping?.entry.customer;
  if (causeClass.customerCanAct && (own === undefined || own === null)) {
    problem(`class ${causeClass.id} needs customer wording specific to this entry ("customer")`);
  }
  const template =
    own === undefined
      ? (causeClass.customerWordingByResource[code.resource] ?? causeClass.customerWording)
      : own;
  if (template === null && code.kind === "error" && causeClass.customerWording !== null) {
    problem('an error needs customer wording ("customer: null" is for no message)');
  }
  const context = {
    resource: code.resource,
    kind: code.kind,
    alwaysEscalates: escalation !== null && /^always\b/i.test(escalation.when),
  };
  if (template !== null) {
    // Own wording gets every rule; shared wording was checked in classes.yml except
    // for the rules that depend on the entry.
    const wordingProblems = customerWordingProblems(template, brand.defaults, context);
    const shared = customerWordingProblems(template, brand.defaults);
    for (const message of wordingProblems) {
      if (own !== undefined || !shared.includes(message)) problem(`customer wording ${message}`);
    }
  }
  const explain = mapping?.entry.explain ?? causeClass.agentAdvice;
  const check = mapping?.entry.check ?? "Nothing to check: the request succeeded.";
  for (const message of escalationTextProblems(`${explain}\n${check}`, {
    team: escalation?.team.id ?? null,
    when: escalation?.when ?? null,
    why: override?.why ?? null,
  })) {
    problem(message);
  }
  for (const [field, text] of [
    ["explain", explain],
    ["check", check],
  ] as const) {
    const id = internalIdProblem(text);
    if (id !== null) problem(`${field} ${id}`);
  }
  return {
    ...code,
    class: causeClass,
    explain,
    check,
    customerWording: template === null ? null : fillBrand(template, brand.filled),
    escalation,
    escalationWhy: override?.why ?? null,
    sameMeaning: code.id,
  };
}

/** A description reduced to its words, so that case, punctuation and spacing do not count. */
const normalised = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/**
 * Groups entries of one code that say the same thing for different resources: a curated
 * `sameAs` link in the runbook, or the same kind and normalised description. Each group
 * takes the id of its first entry in catalog order as `sameMeaning`.
 */
function linkSameMeanings(
  entries: Entry[],
  runbook: ReadonlyMap<string, { entry: RunbookEntry; file: string }>,
  problems: Problem[],
): void {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const root = (entry: Entry): Entry => {
    let at = entry;
    for (let next = byId.get(at.sameMeaning); next && next !== at; next = byId.get(at.sameMeaning))
      at = next;
    return at;
  };
  const join = (a: Entry, b: Entry) => {
    const [ra, rb] = [root(a), root(b)];
    if (ra === rb) return;
    const [first, second] = entries.indexOf(ra) < entries.indexOf(rb) ? [ra, rb] : [rb, ra];
    second.sameMeaning = first.id;
  };
  const byWording = new Map<string, Entry>();
  for (const entry of entries) {
    const key = `${entry.code}|${entry.kind}|${normalised(entry.description)}`;
    const twin = byWording.get(key);
    if (twin && twin.resource !== entry.resource) join(twin, entry);
    else byWording.set(key, entry);
  }
  for (const [id, { entry: mapping, file }] of runbook) {
    if (mapping.sameAs === undefined) continue;
    const entry = byId.get(id);
    const other = byId.get(mapping.sameAs);
    const problem = (message: string) => problems.push({ file, entry: id, message });
    if (!entry) continue;
    if (!other) problem(`sameAs names "${mapping.sameAs}", which is not in catalog/codes.json`);
    else if (other.code !== entry.code || other.kind !== entry.kind)
      problem(`sameAs must name an entry of the same code and kind (${other.id} is not)`);
    else if (other.resource === entry.resource)
      problem(`sameAs must name another resource's entry (${other.id} is for the same one)`);
    else if (other.class.id !== entry.class.id)
      problem(`sameAs names ${other.id}, whose class ${other.class.id} differs`);
    else join(other, entry);
  }
  for (const entry of entries) entry.sameMeaning = root(entry).id;
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

  // A file named in the settings must exist; only the default local file is optional.
  const overridePath = teamsFile ?? join(dir, "teams.local.yml");
  if (teamsFile === null || (teamsFile === undefined && !existsSync(overridePath))) return teams;
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

/** A Slack channel id: public (C…) or private (G…). */
export const CHANNEL_ID = /^[CG][A-Z0-9]{6,}$/;
export const USERGROUP_ID = /^S[A-Z0-9]{6,}$/;

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

function readClasses(
  dir: string,
  teams: ReadonlyMap<string, Team>,
  brand: Brand,
  problems: Problem[],
) {
  const reader = new FieldReader("catalog/classes.yml");
  const classes = new Map<string, CauseClass>();
  const wording = (id: string, field: string, text: string | null) => {
    if (text === null) return;
    for (const message of customerWordingProblems(text, brand.defaults)) {
      reader.problem(id, `${field} ${message}`);
    }
  };
  for (const [id, obj] of readMappings(reader, join(dir, "classes.yml"), "classes", "a class")) {
    const customerCanAct = obj.customerCanAct;
    if (typeof customerCanAct !== "boolean")
      reader.problem(id, '"customerCanAct" must be true or false');
    const customerWording = reader.optionalString(obj, "customerWording", id);
    wording(id, "customerWording", customerWording);
    const byResource: Partial<Record<Resource, string>> = {};
    if (obj.customerWordingByResource !== undefined) {
      const section = reader.record(
        obj.customerWordingByResource,
        id,
        '"customerWordingByResource"',
      );
      for (const resource of Object.keys(section ?? {})) {
        const text = section ? reader.string(section, resource, id) : null;
        if (!isResource(resource)) {
          reader.problem(id, `customerWordingByResource names unknown resource "${resource}"`);
        } else if (text !== null) {
          wording(id, `customerWordingByResource.${resource}`, text);
          byResource[resource] = text;
        }
      }
    }
    classes.set(id, {
      id,
      title: reader.string(obj, "title", id) ?? id,
      customerCanAct: customerCanAct === true,
      customerWording,
      customerWordingByResource: byResource,
      agentAdvice: reader.string(obj, "agentAdvice", id) ?? "",
      escalation: readClassRule(reader, obj.escalation, id, teams),
    });
  }
  if (!classes.has(SUCCESS_CLASS)) reader.problem(SUCCESS_CLASS, "the success class is required");
  problems.push(...reader.problems);
  return classes;
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
      const escalation = readOverride(reader, obj.escalation, id, teams);
      const entry: RunbookEntry = {
        class: classId,
        explain: reader.string(obj, "explain", id) ?? "",
        check: reader.string(obj, "check", id) ?? "",
        ...(obj.customer === undefined
          ? {}
          : { customer: reader.optionalString(obj, "customer", id) }),
        ...(escalation === undefined ? {} : { escalation }),
        ...(obj.sameAs === undefined ? {} : { sameAs: reader.string(obj, "sameAs", id) ?? "" }),
      };
      runbook.set(id, { entry, file });
    }
    problems.push(...reader.problems);
  }
  return runbook;
}

/**
 * catalog/envelope.yml: what each generic status of a whole response means, with and
 * without item-level codes beside it, swept by the same escalation rules as entries.
 */
function readEnvelope(dir: string, teams: ReadonlyMap<string, Team>, problems: Problem[]) {
  const reader = new FieldReader("catalog/envelope.yml");
  const statuses = new Map<number, EnvelopeStatus>();
  for (const [key, obj] of readMappings(
    reader,
    join(dir, "envelope.yml"),
    "statuses",
    "a status",
  )) {
    const code = Number(key);
    if (!/^\d{3}$/.test(key)) {
      reader.problem(key, "must be a three-digit status code");
      continue;
    }
    const meaning = reader.string(obj, "meaning", key) ?? "";
    const alone = reader.string(obj, "alone", key) ?? "";
    const rule = readClassRule(reader, obj.escalation, key, teams);
    const team = rule ? (teams.get(rule.team) ?? null) : null;
    const escalation = rule && team ? { ...rule, team } : null;
    for (const message of escalationTextProblems(`${meaning}\n${alone}`, {
      team: escalation?.team.id ?? null,
      when: escalation?.when ?? null,
      why: null,
    })) {
      reader.problem(key, message);
    }
    statuses.set(code, { code, meaning, alone, escalation });
  }
  problems.push(...reader.problems);
  return statuses;
}

function readSynonyms(dir: string, problems: Problem[]): Synonyms {
  const reader = new FieldReader("catalog/synonyms.yml");
  const parsed = readYaml(reader, join(dir, "synonyms.yml"));
  const root = (parsed === undefined ? {} : reader.record(parsed, null, "the file")) ?? {};
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
