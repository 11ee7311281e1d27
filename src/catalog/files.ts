import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { JSON_SCHEMA, YAMLException, load as parseYaml } from "js-yaml";
import type { CodeEntry, Curation, PageMeta, SourcedWording } from "./types.js";
import { GENERATIONS, KINDS, RESOURCES, isGeneration, isResource } from "./types.js";
import { CatalogInvalidError, FieldReader } from "./problems.js";

/** The repository's catalog/ folder, found from this module whether it runs from src/ or dist/. */
export function defaultCatalogDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "catalog");
    if (existsSync(join(candidate, "classes.yml"))) return candidate;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error("catalog/ not found above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/**
 * Reads a catalog YAML file with the JSON schema: plain strings, numbers, booleans and
 * null, no dates or custom types, so that "yes" or "2024-01-01" stay strings. A file
 * that is missing or not valid YAML is recorded as a problem (with the line) and read
 * as undefined.
 */
export function readYaml(reader: FieldReader, path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    reader.problem(null, "the file is missing or cannot be read");
    return undefined;
  }
  try {
    return parseYaml(text, { schema: JSON_SCHEMA, filename: path });
  } catch (error) {
    const { reason, mark } =
      error instanceof YAMLException ? error : { reason: String(error), mark: null };
    const where = mark ? `line ${mark.line + 1}: ` : "";
    reader.problem(null, `${where}not valid YAML (${reason})`);
    return undefined;
  }
}

/**
 * The entries of a catalog YAML file: the mappings under `key` (under the root when
 * `key` is null) as [id, fields] pairs. A file, section or entry that is not a mapping
 * is recorded as a problem and skipped.
 */
export function readMappings(
  reader: FieldReader,
  path: string,
  key: string | null,
  what: string,
): [string, Record<string, unknown>][] {
  const parsed = readYaml(reader, path);
  if (parsed === undefined) return [];
  const root = reader.record(parsed, null, "the file");
  const section = root && key !== null ? reader.record(root[key], null, `"${key}"`) : root;
  const entries: [string, Record<string, unknown>][] = [];
  for (const [id, value] of Object.entries(section ?? {})) {
    const fields = reader.record(value, id, what);
    if (fields) entries.push([id, fields]);
  }
  return entries;
}

export const CODES_FILE = "codes.json";

/**
 * Reads catalog/codes.json, the importer's output, narrowing every field. A missing or
 * malformed file is a problem, never an empty catalog.
 */
export function readCodes(catalogDir: string): { entries: CodeEntry[]; reader: FieldReader } {
  const reader = new FieldReader(`catalog/${CODES_FILE}`);
  const path = join(catalogDir, CODES_FILE);
  if (!existsSync(path)) {
    reader.problem(null, "the file is missing; run `npm run catalog:import` to generate it");
    return { entries: [], reader };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    reader.problem(
      null,
      `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
    return { entries: [], reader };
  }
  if (!Array.isArray(raw)) {
    reader.problem(null, "must be a JSON array of entries");
    return { entries: [], reader };
  }
  const entries: CodeEntry[] = [];
  raw.forEach((item: unknown, index) => {
    const obj = reader.record(item, `#${index}`, "an entry");
    if (!obj) return;
    const id = reader.string(obj, "id", `#${index}`) ?? `#${index}`;
    const code = reader.number(obj, "code", id);
    const resource = reader.oneOf(obj, "resource", RESOURCES, id);
    const kind = reader.oneOf(obj, "kind", KINDS, id);
    const description = reader.string(obj, "description", id);
    const variants = reader.stringList(obj, "variants", id);
    const sources = reader.stringList(obj, "sources", id);
    const generations = reader.stringList(obj, "generations", id);
    const notes = reader.stringList(obj, "notes", id);
    const wordings = readWordings(reader, obj, id);
    if (sources.length === 0) reader.problem(id, '"sources" must name at least one page');
    const badGeneration = generations.find((g) => !isGeneration(g));
    if (badGeneration !== undefined) {
      reader.problem(id, `unknown generation "${badGeneration}" (use ${GENERATIONS.join(", ")})`);
    }
    if (code === null || resource === null || kind === null || description === null) return;
    checkProvenance(reader, id, [description, ...variants], sources, wordings);
    entries.push({
      id,
      code,
      resource,
      kind,
      description,
      variants,
      sources,
      generations: generations.filter(isGeneration),
      notes,
      wordings,
    });
  });
  return { entries, reader };
}

function readWordings(
  reader: FieldReader,
  obj: Record<string, unknown>,
  id: string,
): SourcedWording[] {
  if (!Array.isArray(obj.wordings)) {
    reader.problem(id, '"wordings" must be a list of { text, sources }');
    return [];
  }
  return obj.wordings.flatMap((item: unknown, index) => {
    const where = `${id} wordings[${index}]`;
    const wording = reader.record(item, where, "a wording");
    const text = wording && reader.string(wording, "text", where);
    return wording && text !== null
      ? [{ text, sources: reader.stringList(wording, "sources", where) }]
      : [];
  });
}

/**
 * An entry cites a page only for a text that page prints: the wordings are exactly the
 * description and variants, each printed by at least one page, and together they name
 * exactly the entry's sources.
 */
function checkProvenance(
  reader: FieldReader,
  id: string,
  texts: readonly string[],
  sources: readonly string[],
  wordings: readonly SourcedWording[],
): void {
  if (JSON.stringify(wordings.map((w) => w.text)) !== JSON.stringify(texts)) {
    reader.problem(id, '"wordings" must list the description, then each variant, in order');
  }
  for (const wording of wordings) {
    if (wording.sources.length === 0) {
      reader.problem(id, `no page prints "${wording.text}": its "sources" is empty`);
    }
  }
  const printing = new Set(wordings.flatMap((w) => w.sources));
  for (const page of sources) {
    if (!printing.has(page)) {
      reader.problem(id, `cites ${page}, but ${page} prints none of its wordings`);
    }
  }
  for (const page of printing) {
    if (!sources.includes(page)) {
      reader.problem(id, `${page} prints one of its wordings but is missing from "sources"`);
    }
  }
}

/** catalog/sources/pages.yml: file name (without .txt) → page metadata. */
export function readPages(catalogDir: string): Map<string, PageMeta> {
  const reader = new FieldReader("catalog/sources/pages.yml");
  const pages = new Map<string, PageMeta>();
  const path = join(catalogDir, "sources", "pages.yml");
  for (const [file, obj] of readMappings(reader, path, null, "a page")) {
    const id = reader.string(obj, "id", file);
    const resource = obj.resource ?? null;
    const generation = obj.generation ?? null;
    if (resource !== null && !isResource(resource)) reader.problem(file, `unknown resource`);
    if (generation !== null && !isGeneration(generation))
      reader.problem(file, `unknown generation`);
    if (id === null) continue;
    pages.set(file, {
      id,
      resource: isResource(resource) ? resource : null,
      generation: isGeneration(generation) ? generation : null,
    });
  }
  if (reader.problems.length > 0) throw new CatalogInvalidError(reader.problems);
  return pages;
}

/** catalog/curation.yml: the decisions the importer applies (see build.ts). */
export function readCuration(catalogDir: string): Curation {
  const reader = new FieldReader("catalog/curation.yml");
  const parsed = readYaml(reader, join(catalogDir, "curation.yml"));
  const root = (parsed === undefined ? {} : reader.record(parsed, null, "the file")) ?? {};
  const list = (field: string): Record<string, unknown>[] => {
    const value = root[field] ?? [];
    if (!Array.isArray(value)) {
      reader.problem(field, "must be a list");
      return [];
    }
    const items: Record<string, unknown>[] = [];
    value.forEach((item: unknown, i) => {
      const obj = reader.record(item, `${field}[${i}]`, "an item");
      if (obj) items.push(obj);
    });
    return items;
  };
  const triple = (obj: Record<string, unknown>, where: string) => ({
    resource: reader.oneOf(obj, "resource", RESOURCES, where) ?? "customer",
    code: reader.number(obj, "code", where) ?? 0,
    kind: reader.oneOf(obj, "kind", KINDS, where) ?? "error",
    why: reader.string(obj, "why", where) ?? "",
  });
  // `codes: [786, 787]` settles several codes of one resource and kind at once.
  const triples = (obj: Record<string, unknown>, where: string) => {
    if (!Array.isArray(obj.codes)) return [triple(obj, where)];
    const codes = obj.codes.filter((code): code is number => Number.isInteger(code));
    if (codes.length !== obj.codes.length) reader.problem(where, '"codes" must be whole numbers');
    return codes.map((code) => triple({ ...obj, code }, where));
  };
  const curation: Curation = {
    attributions: list("attributions").map((obj, i) => ({
      ...triple(obj, `attributions[${i}]`),
      text: reader.string(obj, "text", `attributions[${i}]`) ?? "",
    })),
    kinds: list("kinds").map((obj, i) => ({
      page: reader.string(obj, "page", `kinds[${i}]`) ?? "",
      code: reader.number(obj, "code", `kinds[${i}]`) ?? 0,
      kind: reader.oneOf(obj, "kind", KINDS, `kinds[${i}]`) ?? "error",
      why: reader.string(obj, "why", `kinds[${i}]`) ?? "",
    })),
    sameMeaning: list("sameMeaning").flatMap((obj, i) => triples(obj, `sameMeaning[${i}]`)),
    distinct: list("distinct").flatMap((obj, i) => triples(obj, `distinct[${i}]`)),
  };
  if (reader.problems.length > 0) throw new CatalogInvalidError(reader.problems);
  return curation;
}
