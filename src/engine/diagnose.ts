import type { Catalog, Kind, Resource } from "../catalog/types.js";
import { KINDS, RESOURCES } from "../catalog/types.js";
import { normalizeWording } from "../catalog/wording.js";
import type { CodeAnswer, Diagnosis, EnvelopeNote, Finding } from "./answer.js";
import { capillaryEvidence } from "./capillary.js";
import type { PasteContext } from "./paste/context.js";
import type { PayloadFacts, RawFinding } from "./paste/findings.js";
import { createMaskers, maskIdentifier } from "./paste/mask.js";
import type { PasteRead } from "./paste/read.js";
import type { Clues } from "./rank.js";

/** Places listed for a repeated finding; the count says how many more. */
const MAX_PATHS = 3;
/** Codes in one paste without a meaning to give whose nearest codes are searched by message. */
const MESSAGE_SEARCHES_PER_PASTE = 10;
/** Masked customer identifiers listed for escalation. */
const MAX_CUSTOMERS = 5;

type Mask = (text: string) => string;

/** Every meaning of a code under the clues; the nearest codes searched by message if asked. */
type LookUp = (code: number, clues: Clues, searchNearestByMessage: boolean) => CodeAnswer;

/**
 * Diagnoses a read paste: envelope statuses apart, item codes ranked and grouped,
 * escalation facts and customer identifiers masked.
 */
export function diagnosePaste(paste: PasteRead, catalog: Catalog, lookUp: LookUp): Diagnosis {
  const { facts, context } = paste;
  // Request ids and bill numbers are for escalation: only exact customer values go.
  const { all: mask, exact: maskExact } = createMaskers(facts.identifiers);
  const { envelope, items } = separateEnvelope(paste.findings, catalog, mask);
  const findings = groupFindings(items, context, mask, lookUp);
  return {
    recognisedAs: capillaryEvidence(paste, catalog),
    findings: findings.sort((a, b) => severity(a) - severity(b)),
    envelope,
    requestId: facts.requestId === null ? null : maskExact(facts.requestId),
    apiPath: context.apiPath,
    facts: escalationFacts(facts, maskExact),
    customer: maskedCustomers(facts),
    truncated: paste.truncated,
    depthCapped: paste.depthCapped,
  };
}

/**
 * A generic envelope status (catalog/envelope.yml) becomes a note, never a reason of
 * its own: beside item codes it points to them, and alone it asks for the whole response.
 */
function separateEnvelope(
  raws: readonly RawFinding[],
  catalog: Catalog,
  mask: Mask,
): { envelope: EnvelopeNote[]; items: RawFinding[] } {
  const statusOf = (raw: RawFinding) => (raw.envelope ? catalog.envelope.get(raw.code) : undefined);
  const itemCount = raws.filter((raw) => !statusOf(raw)).length;
  const envelope: EnvelopeNote[] = [];
  const items: RawFinding[] = [];
  for (const raw of raws) {
    const status = statusOf(raw);
    if (status) {
      const message = raw.message === null ? null : mask(raw.message);
      envelope.push({
        code: raw.code,
        path: mask(raw.path),
        message,
        meaning: itemCount > 0 ? status.meaning : status.alone,
        escalation: status.escalation,
      });
    } else {
      items.push(raw);
    }
  }
  return { envelope, items };
}

/** Ranks each item code once per clue set and collapses repeats into one finding. */
function groupFindings(
  items: readonly RawFinding[],
  context: PasteContext,
  mask: Mask,
  lookUp: LookUp,
): Finding[] {
  let messageSearches = MESSAGE_SEARCHES_PER_PASTE;
  const lookups = new Map<number, CodeAnswer>();
  const groups = new Map<number, Map<string, Finding>>();
  const found: Finding[] = [];
  // Items of a bulk response repeat a few messages: each is masked and normalised once,
  // and keys are numbers made of it, the code and the kind, so that no key string is
  // built and hashed per item.
  const wordings = new Map<string, number>();
  const wordingId = (wording: string) => {
    let id = wordings.get(wording);
    if (id === undefined) wordings.set(wording, (id = wordings.size));
    return id;
  };
  const noMessage = { id: -1, masked: null, wording: wordingId("") };
  const messages = new Map<string, { id: number; masked: string | null; wording: number }>();
  const readMessage = (text: string | null) => {
    if (text === null) return noMessage;
    let read = messages.get(text);
    if (!read) {
      const masked = mask(text);
      read = { id: messages.size, masked, wording: wordingId(normalizeWording(masked)) };
      messages.set(text, read);
    }
    return read;
  };
  const fromApiPath = context.resource
    ? { resource: context.resource, from: `the API path (${context.apiPath ?? ""})` }
    : null;
  for (const raw of items) {
    const read = readMessage(raw.message);
    const message = read.masked;
    const inferred = raw.resource ?? fromApiPath;
    // Items of a bulk response repeat the same code and message: rank each once.
    const codeAndKind = raw.code * KIND_VALUES + kindValue(raw.reported);
    const clueKey =
      ((read.id + 1) * CODE_VALUES * KIND_VALUES + codeAndKind) * RESOURCE_VALUES +
      resourceValue(inferred?.resource ?? null);
    let answer = lookups.get(clueKey);
    if (!answer) {
      const clues: Clues = {
        inferredResource: inferred,
        message: raw.message,
        kind: raw.reported,
        generation: context.generation,
      };
      answer = lookUp(raw.code, clues, messageSearches > 0);
      // Only codes without a meaning to give are searched by message: they use up the budget.
      if (answer.matches.length === 0 && raw.message !== null) messageSearches--;
      lookups.set(clueKey, answer);
    }
    const top = answer.matches[0];
    const key = read.wording * CODE_VALUES * KIND_VALUES + codeAndKind;
    let byEntry = groups.get(key);
    if (!byEntry) groups.set(key, (byEntry = new Map<string, Finding>()));
    const entryId = top?.entry.id ?? "unknown";
    const existing = byEntry.get(entryId);
    if (existing) {
      existing.count++;
      if (existing.paths.length < MAX_PATHS) existing.paths.push(mask(raw.path));
      continue;
    }
    const finding: Finding = {
      ...answer,
      paths: [mask(raw.path)],
      count: 1,
      message,
      reported: raw.reported,
      inferredResource: inferred?.resource ?? null,
      messageDiffers: top !== undefined && message !== null && top.messageMatches === false,
    };
    byEntry.set(entryId, finding);
    found.push(finding);
  }
  return found;
}

/** Codes are below CODE_VALUES (readCode's range): keys multiply the parts' ranges. */
const CODE_VALUES = 100_000;
const KIND_VALUES = KINDS.length + 1;
const RESOURCE_VALUES = RESOURCES.length + 1;
const kindValue = (kind: Kind | null) => (kind === null ? 0 : KINDS.indexOf(kind) + 1);
const resourceValue = (resource: Resource | null) =>
  resource === null ? 0 : RESOURCES.indexOf(resource) + 1;

/** Errors first, then warnings, then successes. */
function severity(finding: Finding): number {
  const kind = finding.reported ?? finding.matches[0]?.entry.kind ?? "error";
  return kind === "error" ? 0 : kind === "warning" ? 1 : 2;
}

function escalationFacts(facts: PayloadFacts, maskExact: Mask): Diagnosis["facts"] {
  return [
    { label: "Bill number", value: facts.billNumber },
    { label: "Reference", value: facts.reference },
    { label: "Store", value: facts.store },
    { label: "Till", value: facts.till },
  ].flatMap(({ label, value }) => (value === null ? [] : [{ label, value: maskExact(value) }]));
}

/** The first MAX_CUSTOMERS distinct masked identifiers: a bulk paste holds one per item. */
function maskedCustomers(facts: PayloadFacts): string[] {
  const customers = new Set<string>();
  for (const { kind, value } of facts.identifiers) {
    if (customers.size === MAX_CUSTOMERS) break;
    customers.add(`${kind} ${maskIdentifier(kind, value)}`);
  }
  return [...customers];
}
