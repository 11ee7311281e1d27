/** The vocabulary of the catalog. Every field is documented in catalog/README.md. */

export const RESOURCES = ["customer", "transaction", "points", "coupon"] as const;
export type Resource = (typeof RESOURCES)[number];

export const KINDS = ["success", "error", "warning"] as const;
export type Kind = (typeof KINDS)[number];

export const GENERATIONS = ["v1.1", "v2"] as const;
export type Generation = (typeof GENERATIONS)[number];

export const URGENCIES = ["none", "low", "normal", "high", "urgent"] as const;
export type Urgency = (typeof URGENCIES)[number];

/** One meaning of one code for one resource, as the importer writes it to catalog/codes.json. */
export interface CodeEntry {
  /** Stable key: `resource.code.kind`, with `.2`, `.3` for further meanings of the same triple. */
  id: string;
  code: number;
  resource: Resource;
  kind: Kind;
  /** The wording most pages print, punctuation and case aside, as the earliest of them spells it. */
  description: string;
  /** Every other wording the pages use for this same meaning, verbatim. */
  variants: string[];
  /** Ids of the source pages that list this meaning (catalog/sources/pages.yml). */
  sources: string[];
  /** API generations of those pages, where known. */
  generations: Generation[];
  /** What the importer did that a reader should know (a kind corrected, a row joined). */
  notes: string[];
  /** The description, then each variant, with the ids of the pages that print it. */
  wordings: SourcedWording[];
}

/** One wording of an entry as pages print it (whitespace aside), and which pages do. */
export interface SourcedWording {
  text: string;
  sources: string[];
}

/** What the importer knows about a page before reading it (catalog/sources/pages.yml). */
export interface PageMeta {
  /** Short id used in entries' `sources`. */
  id: string;
  /** The resource of every row, or null when the page names it in section headings. */
  resource: Resource | null;
  generation: Generation | null;
}

/** A key that names every meaning of one code for one resource and kind. */
export interface TripleKey {
  resource: Resource;
  code: number;
  kind: Kind;
}

/** Decisions a person made where the pages alone are not enough (catalog/curation.yml). */
export interface Curation {
  /** A text-only row that pages attach to different codes belongs to this code. */
  attributions: (TripleKey & { text: string; why: string })[];
  /** The rows of `code` on `page` are of this kind, whatever heading they sit under. */
  kinds: { page: string; code: number; kind: Kind; why: string }[];
  /** All wordings of this triple mean the same thing: one entry. */
  sameMeaning: (TripleKey & { why: string })[];
  /** The wordings of this triple that do not look alike really are different meanings. */
  distinct: (TripleKey & { why: string })[];
}

/** A cause class: what kind of problem this is and what an agent does about it. */
export interface CauseClass {
  id: string;
  title: string;
  /** Whether the customer can do something; if so, every entry of the class needs its own wording. */
  customerCanAct: boolean;
  /**
   * Wording used by entries of the class that have none of their own (only where
   * customerCanAct is false); null where no customer message is needed.
   */
  customerWording: string | null;
  /** Shared wording for one resource's entries where its situation differs (a bill is resent by the store). */
  customerWordingByResource: Partial<Record<Resource, string>>;
  escalation: EscalationRule | null;
  /** One line for the agent: what this class means in practice. */
  agentAdvice: string;
}

export interface EscalationRule {
  /** Key into teams.yml. */
  team: string;
  urgency: Urgency;
  /** When to escalate (for example "if it persists after one retry"). */
  when: string;
  /** What to collect before escalating. */
  collect: string[];
}

export interface Team {
  id: string;
  name: string;
  /** Slack channel id (C…) where escalations go, or null if the company has not set one. */
  channel: string | null;
  /** Slack user-group id (S…) to mention, or null. */
  usergroup: string | null;
}

/** The runbook's word on one entry (catalog/runbook/<resource>.yml). */
export interface RunbookEntry {
  class: string;
  /** Likely cause, for the agent. */
  explain: string;
  /** What the agent checks or does first. */
  check: string;
  /** Customer-facing wording; inherits the class wording when absent; null for no message. */
  customer?: string | null;
  /** Overrides of the class escalation for this entry, with the reason. */
  escalation?: EscalationOverride;
}

/**
 * An entry's own escalation: the fields it changes (`team: null` for no escalation)
 * and, in one line, why it differs from its class.
 */
export interface EscalationOverride extends Partial<Omit<EscalationRule, "team">> {
  team?: string | null;
  why: string;
}

/** A catalog entry joined with its runbook mapping: what the engine answers with. */
export interface Entry extends CodeEntry {
  class: CauseClass;
  explain: string;
  check: string;
  /** Customer wording with brand placeholders filled; null where no customer message is needed. */
  customerWording: string | null;
  escalation: ResolvedEscalation | null;
  /** Why this entry's escalation differs from its class's, or null where it follows the class. */
  escalationWhy: string | null;
}

/** A generic status of a whole response (v1.1 `response.status`), from catalog/envelope.yml. */
export interface EnvelopeStatus {
  code: number;
  /** For the agent when item-level codes are in the paste too. */
  meaning: string;
  /** For the agent when the paste holds no item-level codes. */
  alone: string;
  escalation: ResolvedEscalation | null;
}

export interface ResolvedEscalation {
  team: Team;
  urgency: Urgency;
  when: string;
  collect: string[];
}

export interface Synonyms {
  /** Agent word → catalog words it stands for. */
  terms: Record<string, string[]>;
  /** Resource name or alias → resource. */
  resources: Record<string, Resource>;
  /** Words that make a query about loyalty at all; without one, free text matches nothing. */
  loyalty: string[];
}

export interface Catalog {
  entries: readonly Entry[];
  byCode: ReadonlyMap<number, readonly Entry[]>;
  byId: ReadonlyMap<string, Entry>;
  classes: ReadonlyMap<string, CauseClass>;
  teams: ReadonlyMap<string, Team>;
  synonyms: Synonyms;
  /** Generic envelope statuses by code: not escalated by themselves, the item codes decide. */
  envelope: ReadonlyMap<number, EnvelopeStatus>;
  /** Brand placeholder → the value filled into customer wording ({app} → "our app"). */
  brand: Readonly<Record<string, string>>;
}

export function isResource(value: unknown): value is Resource {
  return typeof value === "string" && (RESOURCES as readonly string[]).includes(value);
}

export function isGeneration(value: unknown): value is Generation {
  return typeof value === "string" && (GENERATIONS as readonly string[]).includes(value);
}

/** The resource a word names: "Customers", "point", "coupon" (singular or plural). */
export function resourceFromWord(word: string): Resource | null {
  const w = word.toLowerCase().replace(/s$/, "");
  if (w === "customer") return "customer";
  if (w === "transaction") return "transaction";
  if (w === "point") return "points";
  if (w === "coupon") return "coupon";
  return null;
}

export function isUrgency(value: unknown): value is Urgency {
  return typeof value === "string" && (URGENCIES as readonly string[]).includes(value);
}
