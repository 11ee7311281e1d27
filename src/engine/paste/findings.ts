import type { Kind, Resource } from "../../catalog/types.js";
import { resourceFromWord } from "../../catalog/types.js";
import type { Tree, TreeRecord } from "./tree.js";
import { MAX_DEPTH, isTreeRecord } from "./tree.js";

/** A code found in a payload, before the catalog is consulted. */
export interface RawFinding {
  code: number;
  /** Where it was found, e.g. `response.customers.customer[0].item_status`. */
  path: string;
  message: string | null;
  /** success / error / warning as the payload reports it, if it does. */
  reported: Kind | null;
  /** The resource the path points to, and the path segment that says so. */
  resource: { resource: Resource; from: string } | null;
  /** The v1.1 envelope status (`response.status`) or a top-level status. */
  envelope: boolean;
}

/** What the payload holds that an escalation needs, and customer identifiers to mask. */
export interface PayloadFacts {
  requestId: string | null;
  billNumber: string | null;
  reference: string | null;
  store: string | null;
  till: string | null;
  /** Customer identifiers found in the payload: masked wherever text is echoed. */
  identifiers: { kind: IdentifierKind; value: string }[];
}

export type IdentifierKind = "mobile" | "email" | "name" | "external id" | "card" | "identifier";

/** Most nodes a walk visits: a 40,000-character paste holds far fewer. */
const MAX_NODES = 200_000;

const CODE_KEYS = new Set(["code", "errorcode", "error_code", "statuscode", "status_code"]);
/** Keys whose value may be bare codes: `"warning": ["91017", "1017"]`, `<warning>1017</warning>`. */
const CODE_LIST_KEYS = new Map<string, Kind>([
  ["warning", "warning"],
  ["warnings", "warning"],
  ["error", "error"],
  ["errors", "error"],
]);
const MESSAGE_KEYS = ["message", "msg", "description", "error_message", "errormessage", "reason"];
const IDENTIFIER_KEYS = new Map<string, IdentifierKind>(
  Object.entries({
    mobile: "mobile",
    phone: "mobile",
    mobileno: "mobile",
    mobile_number: "mobile",
    mobilenumber: "mobile",
    phone_number: "mobile",
    email: "email",
    email_id: "email",
    emailid: "email",
    firstname: "name",
    first_name: "name",
    lastname: "name",
    last_name: "name",
    fullname: "name",
    full_name: "name",
    name: "name",
    external_id: "external id",
    externalid: "external id",
    card_number: "card",
    cardnumber: "card",
    card_no: "card",
    identifiervalue: "identifier",
    identifier_value: "identifier",
  } satisfies Record<string, IdentifierKind>),
);
const FACT_KEYS = new Map<string, keyof Omit<PayloadFacts, "identifiers">>(
  Object.entries({
    requestid: "requestId",
    request_id: "requestId",
    "x-cap-request-id": "requestId",
    bill_number: "billNumber",
    billnumber: "billNumber",
    transaction_number: "billNumber",
    transactionnumber: "billNumber",
    redemption_id: "reference",
    redemptionid: "reference",
    reference_id: "reference",
    referenceid: "reference",
    reference: "reference",
    store_code: "store",
    storecode: "store",
    store: "store",
    till_code: "till",
    tillcode: "till",
    till: "till",
  } satisfies Record<string, keyof Omit<PayloadFacts, "identifiers">>),
);

/** What a record key means to the walk, worked out once per distinct key (see keyClass). */
interface KeyClass {
  /** A response code's key (`code`, `errorCode`…). */
  code: boolean;
  /** A key whose value may be bare codes of this kind. */
  codeList: Kind | undefined;
  identifier: IdentifierKind | undefined;
  fact: keyof Omit<PayloadFacts, "identifiers"> | undefined;
  /** `item_status`: its record is an entity whose own `code` is not a response code. */
  itemStatus: boolean;
  /** warning or error, when the key names one. */
  kind: Kind | null;
  /** The resource the key names (`customers`, `coupon[0]`). */
  resource: Resource | null;
}

/**
 * Keys classified so far, shared by every walk: responses repeat a few dozen keys, so
 * each is lower-cased and looked up once instead of once per record. Bounded: at most
 * KEY_CLASSES entries of keys up to KEY_CLASS_LENGTH characters (emptied when full, so
 * a paste of made-up keys costs a re-classification, never memory).
 */
const keyClasses = new Map<string, KeyClass>();
const KEY_CLASSES = 4_096;
const KEY_CLASS_LENGTH = 64;

function keyClass(key: string): KeyClass {
  let known = keyClasses.get(key);
  if (known === undefined) {
    known = classifyKey(key);
    if (key.length <= KEY_CLASS_LENGTH) {
      if (keyClasses.size >= KEY_CLASSES) keyClasses.clear();
      keyClasses.set(key, known);
    }
  }
  return known;
}

function classifyKey(key: string): KeyClass {
  const lower = key.toLowerCase();
  const word = key.replace(/\[\d+\]$/, "");
  return {
    code: CODE_KEYS.has(lower),
    codeList: CODE_LIST_KEYS.get(lower),
    identifier: IDENTIFIER_KEYS.get(lower),
    fact: FACT_KEYS.get(lower),
    itemStatus: lower === "item_status",
    kind: lower.includes("warning") ? "warning" : lower.includes("error") ? "error" : null,
    resource: resourceFromWord(word) ?? (word === "redeemable" ? "coupon" : null),
  };
}

/** A code as payloads write it: 803, "803", 744.0, "744.0". */
function readCode(value: unknown): number | null {
  const number =
    typeof value === "number"
      ? value
      : typeof value === "string" && /^\s*\d{3,5}(\.0+)?\s*$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isInteger(number) && number >= 100 && number <= 99_999 ? number : null;
}

function readFlag(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const lower = value.trim().toLowerCase();
    if (lower === "true" || lower === "success") return true;
    if (lower === "false" || lower === "failure" || lower === "failed") return false;
  }
  return null;
}

function scalarText(value: Tree | undefined): string | null {
  if (typeof value === "string") {
    const text = value.trim();
    return text === "" ? null : text;
  }
  if (typeof value === "number") return String(value);
  return null;
}

type Placed = { resource: Resource; from: string } | null;

/**
 * A container met in the walk. Its path, the resource it is under and the kind its
 * ancestors' keys report are worked out only for nodes that hold a code, once each,
 * from the parent's: a bulk response's items share every ancestor.
 */
interface Node {
  value: Tree;
  /** The record key it is under, or its index in the parent list. */
  key: string | number;
  parent: Node | null;
  depth: number;
  path?: string;
  resource?: Placed;
  kind?: Kind | null;
}

/**
 * `response.customers.customer[0]`: keys joined by dots, indexes in brackets, the root's
 * own part empty (so a first key has no dot before it, and an empty one leaves nothing).
 */
function pathOf(node: Node): string {
  if (node.path === undefined) {
    const { parent, key } = node;
    if (!parent) node.path = "";
    else if (typeof key === "number") node.path = `${pathOf(parent)}[${String(key)}]`;
    else node.path = parent.parent ? `${pathOf(parent)}.${key}` : key;
  }
  return node.path;
}

function nearestResource(node: Node): Placed {
  if (node.resource === undefined) {
    const resource = typeof node.key === "number" ? null : keyClass(node.key).resource;
    node.resource = resource
      ? { resource, from: `the path (${pathOf(node)})` }
      : node.parent
        ? nearestResource(node.parent)
        : null;
  }
  return node.resource;
}

/** warning or error, from the nearest key above (or at) the node that names one. */
function kindFromKeys(node: Node): Kind | null {
  if (node.kind === undefined) {
    const fromKey = typeof node.key === "number" ? null : keyClass(node.key).kind;
    node.kind = fromKey ?? (node.parent ? kindFromKeys(node.parent) : null);
  }
  return node.kind;
}

function reportedKind(record: TreeRecord, node: Node): Kind | null {
  const fromKeys = kindFromKeys(node);
  if (fromKeys !== null) return fromKeys;
  const flag = readFlag(record.success) ?? readFlag(record.status);
  return flag === null ? null : flag ? "success" : "error";
}

/** Codes written bare under a warning or error key, as v1.1 lists them. */
function bareCodes(value: Tree, key: string, kind: Kind, node: Node): RawFinding[] {
  // One bare value under a plural key ("errors": 150) is a count, not a code. (Code list
  // keys are warning(s) and error(s) in any case.)
  if (!Array.isArray(value) && (key.endsWith("s") || key.endsWith("S"))) return [];
  const values = Array.isArray(value) ? value : [value];
  // Most lists hold records ({code, message}), found by the walk: no path is built for them.
  let base: string | undefined;
  const found: RawFinding[] = [];
  values.forEach((item, index) => {
    const code = typeof item === "object" ? null : readCode(item);
    if (code === null) return;
    base ??= pathOf(node);
    const at = Array.isArray(value) ? `[${String(index)}]` : "";
    found.push({
      code,
      path: `${base === "" ? key : `${base}.${key}`}${at}`,
      message: null,
      reported: kind,
      resource: nearestResource(node),
      envelope: false,
    });
  });
  return found;
}

/** `status` or `response.status`: tested by length first, since item paths are long. */
function isEnvelopePath(path: string): boolean {
  return (path.length === 6 || path.length === 15) && /^(response\.)?status$/i.test(path);
}

/**
 * Walks a payload iteratively (recursion only up a node's ancestors, at most MAX_DEPTH)
 * and returns every response code in it, with its path, message and context, plus
 * escalation facts and identifiers.
 */
export function findCodes(tree: Tree): { findings: RawFinding[]; facts: PayloadFacts } {
  const findings: RawFinding[] = [];
  const facts: PayloadFacts = {
    requestId: null,
    billNumber: null,
    reference: null,
    store: null,
    till: null,
    identifiers: [],
  };
  const stack: Node[] = [{ value: tree, key: "", parent: null, depth: 0 }];
  let visited = 0;
  while (stack.length > 0 && visited < MAX_NODES) {
    const node = stack.pop();
    if (!node) break;
    visited++;
    const { value } = node;
    if (Array.isArray(value)) {
      if (node.depth >= MAX_DEPTH) continue;
      for (let i = value.length - 1; i >= 0; i--) {
        const child = value[i];
        if (child !== undefined && typeof child === "object" && child !== null) {
          stack.push({ value: child, key: i, parent: node, depth: node.depth + 1 });
        }
      }
      continue;
    }
    if (!isTreeRecord(value)) continue;
    const keys = Object.keys(value);
    // An entity with its own item_status (a coupon in coupons.redeemable): its `code` is
    // the entity's (the coupon code); the response code is in the item_status.
    let ownsStatus = false;
    let code: number | null = null;
    let codeKey: string | null = null;
    for (const key of keys) {
      const meaning = keyClass(key);
      const child = value[key];
      ownsStatus ||= meaning.itemStatus;
      if (meaning.code && code === null) {
        code = readCode(child);
        codeKey = key;
      }
      if (meaning.codeList && child !== undefined) {
        findings.push(...bareCodes(child, key, meaning.codeList, node));
      }
      const { identifier, fact } = meaning;
      if (identifier === undefined && fact === undefined) continue;
      const text = scalarText(child);
      if (identifier && text && text.length >= 3)
        facts.identifiers.push({ kind: identifier, value: text });
      if (fact && text && facts[fact] === null) facts[fact] = text;
    }
    if (ownsStatus) code = null;
    // {type: "mobile", value: "9198…"} pairs, as v2 identifier lists write them.
    const typeName = scalarText(value.type)?.toLowerCase() ?? null;
    const typedValue = scalarText(value.value);
    const typedKind =
      typeName === null ? undefined : IDENTIFIER_KEYS.get(typeName.replace(/\s/g, ""));
    if (typedKind && typedValue) facts.identifiers.push({ kind: typedKind, value: typedValue });
    if (code !== null && codeKey !== null) {
      let message: string | null = null;
      for (const key of MESSAGE_KEYS) if ((message ??= scalarText(value[key])) !== null) break;
      const path = pathOf(node);
      findings.push({
        code,
        path: path === "" ? codeKey : path,
        message,
        reported: reportedKind(value, node),
        resource: nearestResource(node),
        envelope: isEnvelopePath(path),
      });
    }
    if (node.depth >= MAX_DEPTH) continue;
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k] ?? "";
      const child = value[key];
      if (child !== undefined && typeof child === "object" && child !== null) {
        stack.push({ value: child, key, parent: node, depth: node.depth + 1 });
      }
    }
  }
  return { findings, facts };
}
