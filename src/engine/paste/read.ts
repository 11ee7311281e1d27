import { cleanPaste } from "./clean.js";
import type { PasteContext } from "./context.js";
import { readPasteContext } from "./context.js";
import { parseJsonLoose } from "./json-loose.js";
import type { ParsedPayload, Tree } from "./tree.js";
import { isTreeRecord } from "./tree.js";
import type { PayloadFacts, RawFinding } from "./findings.js";
import { findCodes } from "./findings.js";
import { parseXmlLoose } from "./xml-loose.js";

export interface PasteRead {
  findings: RawFinding[];
  facts: PayloadFacts;
  context: PasteContext;
  /** The formats of the payloads read, in the order first met. */
  formats: ("json" | "xml")[];
  truncated: boolean;
  depthCapped: boolean;
}

/** At most this many payloads are read from one paste (a thread of logs, say). */
const MAX_PAYLOADS = 10;
/** Candidate starts tried before giving up on text that only looks like a payload. */
const MAX_ATTEMPTS = 200;

const OPENER_AFTER_BRACE = /^\s*(["'}]|[A-Za-z_$][\w$]*\s*:)/;
const OPENER_AFTER_BRACKET = /^\s*[{["'\d\-\]]/;

/**
 * Finds and parses every API response in a paste: JSON or XML, with prose, HTTP
 * headers and Slack's damage around it. Returns null when there is no response
 * code in it and no JSON object either (a message that is not a paste).
 */
export function readPaste(input: string): PasteRead | null {
  // A query such as "803" cannot hold a payload: skip the cleaning.
  if (!/[{[<&]/.test(input)) return null;
  const text = cleanPaste(input);
  const payloads: ParsedPayload[] = [];
  const findings: RawFinding[] = [];
  let facts: PayloadFacts | null = null;
  let codeless: { payload: ParsedPayload; facts: PayloadFacts } | null = null;
  let position = 0;
  let xmlAllowed = true;
  let attempts = 0;
  while (position < text.length && payloads.length < MAX_PAYLOADS && attempts < MAX_ATTEMPTS) {
    const start = nextStart(text, position, xmlAllowed);
    if (start === -1) break;
    attempts++;
    const payload = parseAt(text, start);
    const found = payload && typeof payload.tree === "object" ? findCodes(payload.tree) : null;
    // Only a payload with codes in it counts: prose such as "the <mobile> field" can look
    // like the start of one, and the real payload may come after it.
    if (payload && found && found.findings.length > 0) {
      payloads.push(payload);
      findings.push(...found.findings);
      facts = facts ? mergeFacts(facts, found.facts) : found.facts;
      position = Math.max(payload.end, start + 1);
    } else if (payload?.format === "json") {
      // Code-less JSON holds no codes further in either: go on after it.
      if (found && holdsFields(payload.tree)) codeless ??= { payload, facts: found.facts };
      position = Math.max(payload.end, start + 1);
    } else {
      // XML that held no codes swallowed the rest of the text: look for JSON after its
      // start, and do not read the rest as XML again (that would cost O(n²)).
      xmlAllowed = false;
      position = start + 1;
    }
  }
  // A JSON body without codes (another system's error, asked about) is read with no
  // findings, so that the answer can say what it is not.
  if (findings.length === 0 && codeless) {
    payloads.push(codeless.payload);
    facts = codeless.facts;
  }
  if (!facts) return null;
  const context = readPasteContext(text);
  facts.requestId ??= context.requestId;
  return {
    findings,
    facts,
    context,
    formats: [...new Set(payloads.map((p) => p.format))],
    truncated: payloads.some((p) => p.truncated),
    depthCapped: payloads.some((p) => p.depthCapped),
  };
}

/** A JSON object with fields, or a list holding one: a body, not `[803]` in prose. */
function holdsFields(tree: Tree): boolean {
  if (isTreeRecord(tree)) return Object.keys(tree).length > 0;
  return (
    Array.isArray(tree) && tree.some((item) => isTreeRecord(item) && Object.keys(item).length > 0)
  );
}

function nextStart(text: string, from: number, xmlAllowed: boolean): number {
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === "{" && OPENER_AFTER_BRACE.test(text.slice(i + 1, i + 80))) return i;
    if (ch === "[" && OPENER_AFTER_BRACKET.test(text.slice(i + 1, i + 20))) return i;
    if (xmlAllowed && ch === "<" && /^[A-Za-z?]/.test(text[i + 1] ?? "")) return i;
  }
  return -1;
}

function parseAt(text: string, start: number): ParsedPayload | null {
  if (text[start] === "<") return parseXmlLoose(text, start);
  // Fast path: the rest of the paste is valid JSON (the usual case for piped input).
  const rest = text.slice(start).trimEnd();
  if (rest.endsWith("}") || rest.endsWith("]")) {
    try {
      // JSON.parse yields only JSON values, which is exactly the Tree type.
      const tree = JSON.parse(rest) as Tree;
      return {
        tree,
        format: "json",
        start,
        end: text.length,
        truncated: false,
        depthCapped: false,
      };
    } catch {
      // Not clean JSON: the tolerant parser below handles it.
    }
  }
  return parseJsonLoose(text, start);
}

function mergeFacts(a: PayloadFacts, b: PayloadFacts): PayloadFacts {
  return {
    requestId: a.requestId ?? b.requestId,
    billNumber: a.billNumber ?? b.billNumber,
    reference: a.reference ?? b.reference,
    store: a.store ?? b.store,
    till: a.till ?? b.till,
    identifiers: [...a.identifiers, ...b.identifiers],
  };
}
