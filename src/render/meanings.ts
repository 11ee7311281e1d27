import type { Entry } from "../catalog/types.js";
import type { Answer, CodeAnswer } from "../engine/index.js";
import { truncate } from "./escape.js";
import type { FollowUp, Line, Part, Presentation, PresentOptions, Unit } from "./layout.js";

/** Meanings shown in full before the rest are listed one line each. */
const FULL_MEANINGS = 3;
/** Meanings named in a verdict line before "and N more". */
const VERDICT_MEANINGS = 2;
/** How long a meaning may be in a verdict line. */
const VERDICT_MEANING_CHARS = 60;

/** One meaning as answers show it: entries of several resources that say the same thing. */
export interface Meaning {
  /** The entry ranked first among them: its explanation and wording are shown. */
  entry: Entry;
  resources: string[];
  /** Why the first entry ranks where it does (shown only with evidence). */
  reasons: readonly string[];
}

/** Groups ranked entries that say the same thing (Entry.sameMeaning), keeping the rank order. */
export function groupMeanings(
  ranked: readonly { entry: Entry; reasons?: readonly string[] }[],
): Meaning[] {
  const groups = new Map<string, Meaning>();
  for (const { entry, reasons = [] } of ranked) {
    const group = groups.get(entry.sameMeaning);
    if (!group) groups.set(entry.sameMeaning, { entry, resources: [entry.resource], reasons });
    else if (!group.resources.includes(entry.resource)) group.resources.push(entry.resource);
  }
  return [...groups.values()];
}

/** "816 · customer, points", with the kind when it is not an error ("1017 · customer warning"). */
export function meaningLabel(meaning: Meaning): string {
  const { code, kind } = meaning.entry;
  return `${code} · ${meaning.resources.join(", ")}${kind === "error" ? "" : ` ${kind}`}`;
}

export const entryMeaning = (entry: Entry): Meaning => ({
  entry,
  resources: [entry.resource],
  reasons: [],
});

/** What the agent does, in a few words. */
export function action(entry: Entry): string {
  if (entry.kind === "success") return "no action";
  if (entry.escalation) {
    const { team, urgency, when } = entry.escalation;
    // A conditional escalation must not read as "escalate now": the condition follows below.
    return /^always\b/i.test(when)
      ? `escalate to ${team.name}, ${urgency}`
      : `escalate if needed to ${team.name}, ${urgency}`;
  }
  return "tell the customer, no escalation";
}

/** A meaning in a few words, for a verdict line: cut at a word, the cut marked. */
export function briefly(entry: Entry): string {
  const text = entry.description.replace(/\.$/, "");
  if (text.length <= VERDICT_MEANING_CHARS) return text;
  const cut = text.slice(0, VERDICT_MEANING_CHARS).replace(/[\s,.;:/-]+\S*$/, "");
  return `${cut.length > 0 ? cut : truncate(text, VERDICT_MEANING_CHARS - 1)}…`;
}

/** "816 · customer, points: Customer not found for organization → tell the customer, …" */
export function verdictOf(meaning: Meaning): Line {
  return [
    { strong: meaningLabel(meaning) },
    `: ${briefly(meaning.entry)} → ${action(meaning.entry)}`,
  ];
}

/** The verdict for one code: its meaning, or its meanings most likely first, or unknown. */
export function codeVerdict(answer: CodeAnswer): Line {
  const meanings = groupMeanings(answer.matches);
  const [first] = meanings;
  if (!first) {
    const resource = answer.notDocumentedFor;
    return resource === null
      ? [{ strong: String(answer.code) }, ": not a documented code → check the number"]
      : [
          { strong: String(answer.code) },
          `: not a documented ${resource} code → check the code and the resource`,
        ];
  }
  if (answer.narrowed || meanings.length === 1) return verdictOf(first);
  const named = meanings.slice(0, VERDICT_MEANINGS).map((m) => {
    const resources = m.resources.join(", ");
    return `${resources}: ${briefly(m.entry)} → ${action(m.entry)}`;
  });
  const more = meanings.length - VERDICT_MEANINGS;
  return [
    { strong: String(answer.code) },
    `: ${meanings.length} meanings; ${named.join("; ")}${more > 0 ? `; and ${more} more` : ""}`,
  ];
}

function escalationLines(entry: Entry): Line[] {
  if (!entry.escalation) {
    return [
      [
        { strong: "Escalation: " },
        entry.escalationWhy
          ? `none. ${entry.escalationWhy}`
          : entry.kind === "success"
            ? "none, nothing went wrong."
            : "none, the agent can resolve this with the customer.",
      ],
    ];
  }
  return [
    [
      { strong: "Escalate to " },
      { team: entry.escalation.team },
      ` · ${entry.escalation.urgency} urgency: ${entry.escalation.when}`,
      ...(entry.escalationWhy ? [` ${entry.escalationWhy}`] : []),
    ],
  ];
}

const customerLines = (entry: Entry): Line[] =>
  entry.customerWording
    ? [[{ strong: "Tell the customer:" }], [{ quote: entry.customerWording }]]
    : [[{ strong: "Tell the customer: " }, "no customer message needed for this code."]];

/** Sources and ranking: for maintainers, in the terminal with --verbose only. */
export function evidenceParts(meaning: Meaning, options: PresentOptions): Part[] {
  if (options.evidence !== true) return [];
  const { entry, reasons } = meaning;
  const line: Line = [`${entry.class.title} · sources: ${entry.sources.join(", ")}`];
  if (reasons.length > 0) line.push(` · ranked by: ${reasons.join(", ")}`);
  return [{ type: "context", lines: [line] }];
}

/**
 * The one meaning of an answer, in full: what it means, what to tell, whether to escalate
 * and what to collect first (the answer's only collect list).
 */
export function singleMeaningParts(meaning: Meaning, options: PresentOptions): Part[] {
  const { entry } = meaning;
  const customer = customerLines(entry);
  return [
    {
      type: "section",
      lines: [
        [{ strong: "What it means: " }, entry.description],
        [entry.explain],
        [{ strong: "Check: " }, entry.check],
      ],
    },
    ...(customer.length > 0 ? [{ type: "section", lines: customer } as Part] : []),
    { type: "section", lines: [...escalationLines(entry), ...collectLines([entry])] },
    ...evidenceParts(meaning, options),
  ];
}

/**
 * One of several meanings, in full but in one block. In a paste, `found` says where it
 * was found and `repeats` how often (" × 3"); `also` ends it (other meanings).
 */
export function meaningSection(
  meaning: Meaning,
  found: { lines: Line[]; repeats: string; also: Line[] } = { lines: [], repeats: "", also: [] },
): Part {
  const { entry } = meaning;
  return {
    type: "section",
    lines: [
      [{ strong: meaningLabel(meaning) }, `${found.repeats}: ${entry.description}`],
      ...found.lines,
      [entry.explain],
      [{ strong: "Check: " }, entry.check],
      ...customerLines(entry),
      ...escalationLines(entry),
      ...found.also,
    ],
  };
}

/** "702 · coupon: Coupon already redeemed → tell the customer…", for lists. */
export const compactLine = (meaning: Meaning): Line => verdictOf(meaning);

/** "702 · coupon: Coupon is redeemed already": a meaning named, with no action attached. */
const meaningLine = (meaning: Meaning): Line => [
  { strong: meaningLabel(meaning) },
  `: ${meaning.entry.description}`,
];

/** A candidate's full answer: the button opens it, the query asks for it anywhere. */
export const followUp = (entry: Entry): FollowUp => ({
  label: `${entry.code} · ${entry.resource}`,
  query: `${entry.code} ${entry.resource}`,
});

/** What to collect before escalating, each item once, for the entries shown in full. */
function collectLines(entries: readonly Entry[]): Line[] {
  const items = [...new Set(entries.flatMap((e) => e.escalation?.collect ?? []))];
  return items.length === 0 ? [] : [[{ strong: "Collect first, to escalate: " }, items.join("; ")]];
}

/** The collect list once for the whole answer, after every meaning. */
export function collectUnit(entries: readonly Entry[]): Unit[] {
  const lines = collectLines(entries);
  return lines.length === 0 ? [] : [{ parts: [{ type: "section", lines }], summary: "" }];
}

/** Candidates with their meanings, each one click (or one typed query) from its full answer. */
export function candidateParts(
  title: Line,
  meanings: readonly Meaning[],
  { actions = true } = {},
): Part[] {
  const line = actions ? compactLine : meaningLine;
  return [
    { type: "section", lines: [title, ...meanings.map(line)] },
    { type: "follow-ups", followUps: meanings.map((m) => followUp(m.entry)) },
  ];
}

/** The one-line form of a code the catalog does not have, or not for the resource in context. */
export function unknownSummary(answer: CodeAnswer): string {
  return answer.notDocumentedFor === null
    ? "not in the catalog"
    : `not documented for ${answer.notDocumentedFor}`;
}

/**
 * A code the catalog does not have, or not for the resource in context: the nearest codes
 * (of that resource) to choose from, and the other resources' meanings, labelled as not
 * applied, with how to ask for one of them.
 */
export function unknownUnits(answer: CodeAnswer, options: PresentOptions): Unit[] {
  const code = String(answer.code);
  const resource = answer.notDocumentedFor;
  const title: Line =
    resource === null
      ? [{ strong: code }, " is not in the catalog."]
      : [{ strong: code }, ` is not a documented ${resource} code.`];
  const summary = `${code}: ${unknownSummary(answer)}`;
  const parts: Part[] =
    answer.nearest.length === 0
      ? [{ type: "section", lines: [title] }]
      : candidateParts(
          [...title, ` Nearest documented${resource === null ? "" : ` ${resource}`} codes:`],
          answer.nearest.map(entryMeaning),
        );
  const [other] = answer.otherResources;
  if (resource === null || !other) return [{ parts, summary }];
  const notApplied: Line[] = [
    [{ strong: "Other resources' meanings, not applied:" }],
    ...answer.otherResources.map(({ entry }): Line => [
      `On ${entry.resource}, ${code} means “${entry.description}” (${entry.kind}): not applied here.`,
    ]),
    [
      `If this is not about ${resource} after all, ask: `,
      { code: `${options.command} ${code} ${other.entry.resource}` },
    ],
  ];
  return [{ parts: [...parts, { type: "section", lines: notApplied }], summary }];
}

function narrowHint(answer: CodeAnswer, meanings: Meaning[], options: PresentOptions): Line {
  const resources = [...new Set(meanings.flatMap((m) => m.resources))];
  return [
    `Narrow it down: `,
    { code: `${options.command} ${answer.code} ${resources[0] ?? ""}`.trim() },
  ];
}

/**
 * Every meaning of a code: one in full, or the first few each in a block and the rest
 * listed. `alone`: the only code of the answer, so the verdict already names it.
 */
export function meaningUnits(answer: CodeAnswer, options: PresentOptions, alone = true): Unit[] {
  const meanings = groupMeanings(answer.matches);
  const [first] = meanings;
  if (!first) return unknownUnits(answer, options);
  if (!alone && (answer.narrowed || meanings.length === 1)) {
    return [
      {
        parts: [meaningSection(first), ...evidenceParts(first, options)],
        summary: meaningLabel(first),
      },
      ...otherMeanings(meanings.slice(1), "Also means:"),
    ];
  }
  if (answer.narrowed || meanings.length === 1) {
    return [
      { parts: singleMeaningParts(first, options), summary: meaningLabel(first) },
      ...otherMeanings(meanings.slice(1), "Also means:"),
    ];
  }
  return [
    ...meanings.slice(0, FULL_MEANINGS).map((m) => ({
      parts: [meaningSection(m), ...evidenceParts(m, options)],
      summary: meaningLabel(m),
    })),
    ...otherMeanings(meanings.slice(FULL_MEANINGS), "More meanings:"),
  ];
}

function otherMeanings(rest: Meaning[], title: string): Unit[] {
  const [first, ...more] = rest;
  if (!first) return [];
  return [
    {
      parts: [
        {
          type: "section",
          lines: [[{ strong: title }, " ", ...meaningLine(first)], ...more.map(meaningLine)],
        },
      ],
      summary: rest.map(meaningLabel).join(", "),
    },
  ];
}

/** One meaning to show: the clues settle it, or all meanings say the same thing. */
const isSingle = (answer: CodeAnswer | undefined): boolean =>
  answer !== undefined && (answer.narrowed || groupMeanings(answer.matches).length === 1);

/** Entries an answer shows in full, whose collect lists it gathers once. */
function shownInFull(answer: CodeAnswer): Entry[] {
  const meanings = groupMeanings(answer.matches);
  const full = isSingle(answer) ? 1 : FULL_MEANINGS;
  return meanings.slice(0, full).map((m) => m.entry);
}

/** Codes an agent asked about: the verdict, every meaning of each, what to collect once. */
export function presentCodes(
  answer: Extract<Answer, { type: "codes" }>,
  options: PresentOptions,
): Presentation {
  const title: Line = [];
  answer.items.forEach((item, i) => title.push(...(i > 0 ? ["; "] : []), ...codeVerdict(item)));
  const lead = answer.items
    .filter((item) => !item.narrowed && groupMeanings(item.matches).length > 1)
    .map((item) => narrowHint(item, groupMeanings(item.matches), options));
  return {
    title,
    lead,
    units: [
      ...answer.items.flatMap((item) => meaningUnits(item, options, answer.items.length === 1)),
      ...(answer.items.length === 1 && isSingle(answer.items[0])
        ? []
        : collectUnit(answer.items.flatMap(shownInFull))),
    ],
  };
}
