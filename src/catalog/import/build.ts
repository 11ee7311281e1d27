import type { CodeEntry, Curation, Generation, Kind, PageMeta, TripleKey } from "../types.js";
import { RESOURCES } from "../types.js";
import { normalizeWording, sameWording } from "../wording.js";
import type { SourceRow } from "./parse-page.js";

export interface ImportReport {
  /** Needs a person: settle it in catalog/curation.yml. */
  settle: string[];
  /** What the importer did, for the record. */
  info: string[];
}

export interface BuildResult {
  entries: CodeEntry[];
  report: ImportReport;
}

export const tripleId = ({ resource, code, kind }: TripleKey): string =>
  `${resource}.${code}.${kind}`;

const matchesTriple = (a: TripleKey, b: TripleKey): boolean =>
  a.resource === b.resource && a.code === b.code && a.kind === b.kind;

/** Matching key: wordings that differ only in punctuation, case or `&`/`and` match. */
const looseKey = (text: string): string => normalizeWording(text);

/** Storage key: a page's wording as printed; only line breaks and spacing are not wording. */
export const verbatimKey = (text: string): string => text.replace(/\s+/g, " ").trim();

/** A row after curation, remembering what its page said where curation changed it. */
interface CuratedRow extends SourceRow {
  listedAs?: Kind;
  listedUnder?: number;
}

/** Applies curated kinds and attributions to the rows, reporting what it changed. */
function applyCuration(rows: SourceRow[], curation: Curation, report: ImportReport): CuratedRow[] {
  return rows.map((row) => {
    let result: CuratedRow = row;
    const kind = curation.kinds.find((k) => k.page === row.page && k.code === row.code);
    if (kind && kind.kind !== row.kind) {
      report.info.push(
        `${row.page} line ${row.line}: ${row.code} listed as ${row.kind}, curated as ${kind.kind} (${kind.why})`,
      );
      result = { ...result, kind: kind.kind, listedAs: row.kind };
    }
    const attribution = curation.attributions.find(
      (a) =>
        looseKey(a.text) === looseKey(row.text) &&
        a.resource === result.resource &&
        a.kind === result.kind,
    );
    if (attribution && attribution.code !== row.code) {
      report.info.push(
        `${row.page} line ${row.line}: "${row.text}" moved from ${row.code} to ${attribution.code} (${attribution.why})`,
      );
      result = { ...result, code: attribution.code, listedUnder: row.code };
    }
    return result;
  });
}

/** The rows with their curated kinds and codes: what each page says, as the catalog files it. */
export function curateRows(rows: SourceRow[], curation: Curation): SourceRow[] {
  return applyCuration(rows, curation, { settle: [], info: [] });
}

/** Text-only rows whose text the pages attach to different codes, not yet settled. */
function reportAttributionConflicts(rows: SourceRow[], curation: Curation, report: ImportReport) {
  const codesByText = new Map<string, { text: string; codes: Map<number, Set<string>> }>();
  for (const row of rows) {
    if (row.origin !== "continuation" && row.origin !== "split") continue;
    const key = `${row.resource}|${row.kind}|${looseKey(row.text)}`;
    const seen = codesByText.get(key) ?? { text: row.text, codes: new Map<number, Set<string>>() };
    const pages = seen.codes.get(row.code) ?? new Set<string>();
    pages.add(row.page);
    seen.codes.set(row.code, pages);
    codesByText.set(key, seen);
  }
  for (const [key, { text, codes }] of codesByText) {
    if (codes.size < 2) continue;
    const settled = curation.attributions.some(
      (a) => key === `${a.resource}|${a.kind}|${looseKey(a.text)}`,
    );
    if (settled) continue;
    const where = [...codes].map(([code, pages]) => `${code} (${[...pages].join(", ")})`);
    report.settle.push(
      `"${text}" is attached to different codes: ${where.join(" vs ")}. Both are kept; add an attribution to catalog/curation.yml`,
    );
  }
}

/** Rows that read like a success but sit under an error or warning heading. */
function reportKindDoubts(rows: SourceRow[], curation: Curation, report: ImportReport) {
  for (const row of rows) {
    if (row.kind === "success" || !/\bsuccessful(ly)?\b/i.test(row.text)) continue;
    if (curation.kinds.some((k) => k.page === row.page && k.code === row.code)) continue;
    report.settle.push(
      `${row.page} line ${row.line}: ${row.code} "${row.text}" reads like a success but is listed as ${row.kind}; add a kind to catalog/curation.yml`,
    );
  }
}

interface Wording {
  text: string;
  pages: Set<string>;
  order: number;
}

/** Groups the wordings of one triple into meanings (union of pairwise "same wording"). */
function clusterWordings(wordings: Wording[], mergeAll: boolean): Wording[][] {
  if (mergeAll) return [wordings];
  const clusters: Wording[][] = [];
  for (const wording of wordings) {
    const joined = clusters.filter((cluster) =>
      cluster.some((other) => sameWording(other.text, wording.text)),
    );
    const merged = [...joined.flat(), wording];
    for (const cluster of joined) clusters.splice(clusters.indexOf(cluster), 1);
    clusters.push(merged);
  }
  return clusters.sort((a, b) => firstOrder(a) - firstOrder(b));
}

const firstOrder = (cluster: Wording[]): number => Math.min(...cluster.map((w) => w.order));

/**
 * Builds catalog entries from parsed rows. `existing` is the current catalog: an entry
 * that shares a wording with a new meaning keeps its id, so runbook mappings stay put.
 */
export function buildEntries(
  parsedRows: SourceRow[],
  pages: readonly PageMeta[],
  curation: Curation,
  existing: readonly CodeEntry[],
): BuildResult {
  const report: ImportReport = { settle: [], info: [] };
  for (const row of parsedRows) {
    if (row.origin === "wrapped") {
      report.info.push(
        `${row.page} line ${row.line}: ${row.code} wraps onto the next line; joined`,
      );
    }
  }
  const rows = applyCuration(parsedRows, curation, report);
  reportAttributionConflicts(rows, curation, report);
  reportKindDoubts(rows, curation, report);

  const generationOf = new Map<string, Generation | null>(pages.map((p) => [p.id, p.generation]));
  const pageOrder = new Map<string, number>(pages.map((p, index) => [p.id, index]));

  const byTriple = new Map<string, { key: TripleKey; wordings: Map<string, Wording> }>();
  rows.forEach((row, index) => {
    const id = tripleId(row);
    const group = byTriple.get(id) ?? {
      key: { resource: row.resource, code: row.code, kind: row.kind },
      wordings: new Map<string, Wording>(),
    };
    const text = verbatimKey(row.text);
    const wording = group.wordings.get(text) ?? { text, pages: new Set(), order: index };
    wording.pages.add(row.page);
    group.wordings.set(text, wording);
    byTriple.set(id, group);
  });

  const entries: CodeEntry[] = [];
  const usedIds = new Set<string>();
  for (const [baseId, { key, wordings }] of byTriple) {
    const mergeAll = curation.sameMeaning.some((s) => matchesTriple(s, key));
    const clusters = clusterWordings([...wordings.values()], mergeAll);
    if (clusters.length > 1 && !curation.distinct.some((d) => matchesTriple(d, key))) {
      const texts = clusters.map((cluster) => `"${cluster[0]?.text ?? ""}"`).join(" / ");
      report.settle.push(
        `${key.resource} ${key.code} ${key.kind} has ${clusters.length} wordings that do not look alike: ${texts}. Kept apart; mark them sameMeaning or distinct in catalog/curation.yml`,
      );
    }
    const previous = existing.filter((entry) => matchesTriple(entry, key));
    const built = clusters.map((cluster) => {
      const entry = entryFromCluster(key, cluster, generationOf, pageOrder);
      entry.notes = notesFor(rows, key, cluster);
      return { entry, cluster };
    });
    assignIds(baseId, built, previous, usedIds);
    entries.push(...built.map(({ entry }) => entry));
  }
  entries.sort(compareEntries);
  return {
    entries,
    report: { settle: [...new Set(report.settle)], info: [...new Set(report.info)] },
  };
}

function entryFromCluster(
  key: TripleKey,
  cluster: Wording[],
  generationOf: Map<string, Generation | null>,
  pageOrder: Map<string, number>,
): CodeEntry {
  const byPageOrder = (a: string, b: string) => (pageOrder.get(a) ?? 0) - (pageOrder.get(b) ?? 0);
  // Spellings that differ only in punctuation or case count together, so the description
  // is the wording most pages agree on, spelled as the earliest page spells it.
  const pagesAlike = new Map<string, Set<string>>();
  for (const wording of cluster) {
    const alike = pagesAlike.get(looseKey(wording.text)) ?? new Set<string>();
    for (const page of wording.pages) alike.add(page);
    pagesAlike.set(looseKey(wording.text), alike);
  }
  const weight = (wording: Wording) => pagesAlike.get(looseKey(wording.text))?.size ?? 0;
  const [canonical, ...others] = [...cluster].sort(
    (a, b) => weight(b) - weight(a) || a.order - b.order,
  );
  if (!canonical) throw new Error(`no wording for ${tripleId(key)}`);
  const ordered = [canonical, ...others.sort((a, b) => a.order - b.order)];
  const pages = [...new Set(cluster.flatMap((w) => [...w.pages]))].sort(byPageOrder);
  const generations = [
    ...new Set(pages.map((p) => generationOf.get(p)).filter((g): g is Generation => g != null)),
  ].sort();
  return {
    id: "",
    code: key.code,
    resource: key.resource,
    kind: key.kind,
    description: canonical.text,
    variants: ordered.slice(1).map((w) => w.text),
    sources: pages,
    generations,
    notes: [],
    wordings: ordered.map((w) => ({ text: w.text, sources: [...w.pages].sort(byPageOrder) })),
  };
}

/**
 * Gives each meaning of a triple an id, reusing the ids of the current catalog: first
 * where a wording is the same, then where one is alike, then (a page reworded its only
 * text) any id of the triple still free. New meanings get the next free suffix.
 */
function assignIds(
  baseId: string,
  built: { entry: CodeEntry; cluster: Wording[] }[],
  previous: readonly CodeEntry[],
  used: Set<string>,
): void {
  const wordingsOf = (entry: CodeEntry) => [entry.description, ...entry.variants];
  const matchers: ((cluster: Wording[], old: CodeEntry) => boolean)[] = [
    (cluster, old) => {
      const texts = new Set(cluster.map((w) => looseKey(w.text)));
      return wordingsOf(old).some((text) => texts.has(looseKey(text)));
    },
    (cluster, old) =>
      cluster.some((w) => wordingsOf(old).some((text) => sameWording(text, w.text))),
    () => true,
  ];
  for (const matches of matchers) {
    for (const item of built) {
      if (item.entry.id !== "") continue;
      const old = previous.find((entry) => !used.has(entry.id) && matches(item.cluster, entry));
      if (old) {
        item.entry.id = old.id;
        used.add(old.id);
      }
    }
  }
  const taken = (id: string) => used.has(id) || previous.some((entry) => entry.id === id);
  for (const item of built) {
    if (item.entry.id !== "") continue;
    let id = baseId;
    for (let n = 2; taken(id); n++) id = `${baseId}.${n}`;
    item.entry.id = id;
    used.add(id);
  }
}

function notesFor(rows: CuratedRow[], key: TripleKey, cluster: Wording[]): string[] {
  const texts = new Set(cluster.map((w) => looseKey(w.text)));
  const notes = new Set<string>();
  for (const row of rows) {
    if (!matchesTriple(row, key) || !texts.has(looseKey(row.text))) continue;
    if (row.origin === "wrapped") notes.add(`${row.page}: the row wraps onto the next line`);
    if (row.origin === "split") notes.add(`${row.page}: one of several messages in one cell`);
    if (row.listedAs) notes.add(`${row.page}: listed as ${row.listedAs}; curated as ${row.kind}`);
    if (row.listedUnder !== undefined) {
      notes.add(
        `${row.page}: "${row.text}" listed under ${row.listedUnder}; curated to ${row.code}`,
      );
    }
  }
  return [...notes];
}

function compareEntries(a: CodeEntry, b: CodeEntry): number {
  return (
    RESOURCES.indexOf(a.resource) - RESOURCES.indexOf(b.resource) ||
    a.code - b.code ||
    a.kind.localeCompare(b.kind) ||
    a.id.localeCompare(b.id, "en", { numeric: true })
  );
}

export interface CatalogDiff {
  added: CodeEntry[];
  removed: CodeEntry[];
  changed: { before: CodeEntry; after: CodeEntry; fields: string[] }[];
}

export function diffEntries(
  before: readonly CodeEntry[],
  after: readonly CodeEntry[],
): CatalogDiff {
  const old = new Map(before.map((entry) => [entry.id, entry]));
  const now = new Map(after.map((entry) => [entry.id, entry]));
  const changed: CatalogDiff["changed"] = [];
  for (const [id, entry] of now) {
    const previous = old.get(id);
    if (!previous) continue;
    const fields = (Object.keys(entry) as (keyof CodeEntry)[]).filter(
      (field) => JSON.stringify(entry[field]) !== JSON.stringify(previous[field]),
    );
    if (fields.length > 0) changed.push({ before: previous, after: entry, fields });
  }
  return {
    added: after.filter((entry) => !old.has(entry.id)),
    removed: before.filter((entry) => !now.has(entry.id)),
    changed,
  };
}
