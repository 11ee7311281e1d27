import type { Entry } from "../catalog/types.js";
import type { Answer, CodeAnswer, Diagnosis, Finding } from "../engine/answer.js";
import type { RankedMatch } from "../engine/rank.js";
import type { SearchHit } from "../engine/search.js";
import { usageLines } from "./help.js";

/**
 * A rendering-neutral layout of an answer. The text, Block Kit and fallback renderers
 * all draw from it, so the three never disagree about what an answer says.
 */
export type Span =
  | string // trusted text (catalog, our own words)
  | { echo: string } // text from a user or a paste: always escaped and boxed
  | { strong: string }
  | { code: string } // a short literal of ours, e.g. a command to type
  | { team: { name: string; usergroup: string | null; channel: string | null } };

export type Line = Span[];

export type Part =
  | { type: "header"; text: string }
  | { type: "section"; lines: Line[] }
  | { type: "quote"; text: string }
  | { type: "context"; lines: Line[] };

/** A piece of an answer that stays whole, with a one-line form for when space runs out. */
export interface Unit {
  parts: Part[];
  summary: string;
}

export interface Presentation {
  /** One line: the notification text and the start of the fallback. */
  title: Line;
  units: Unit[];
}

export interface PresentOptions {
  /** How the surface is invoked, for hints: "/loyalty-code" in Slack, "loyalty-code" in a terminal. */
  command: string;
}

/** Meanings shown in full before the rest are listed compactly. */
const FULL_MEANINGS = 3;

const label = (entry: Entry) => `${entry.code} · ${entry.resource} · ${entry.kind}`;

function meaningParts(entry: Entry, heading: string, reasons: readonly string[]): Part[] {
  const escalation: Line[] = entry.escalation
    ? [
        [
          { strong: "Escalate to " },
          { team: entry.escalation.team },
          ` · ${entry.escalation.urgency} urgency`,
        ],
        [entry.escalation.when],
        ...(entry.escalation.collect.length > 0
          ? [[{ strong: "Collect first: " }, entry.escalation.collect.join("; ")]]
          : []),
      ]
    : [
        [
          { strong: "Escalation: " },
          entry.kind === "success"
            ? "none, nothing went wrong."
            : "none, the agent can resolve this with the customer.",
        ],
      ];
  const context: Line = [`${entry.class.title} · sources: ${entry.sources.join(", ")}`];
  if (reasons.length > 0) context.push(` · ranked by: ${reasons.join(", ")}`);
  return [
    { type: "header", text: heading },
    {
      type: "section",
      lines: [
        [{ strong: "What it means: " }, entry.description],
        [entry.explain],
        [{ strong: "Check: " }, entry.check],
      ],
    },
    ...(entry.customerWording
      ? [
          { type: "section", lines: [[{ strong: "Tell the customer:" }]] } as Part,
          { type: "quote", text: entry.customerWording } as Part,
        ]
      : []),
    { type: "section", lines: escalation },
    { type: "context", lines: [context] },
  ];
}

function compactLine(entry: Entry): Line {
  return [{ strong: label(entry) }, ` — ${entry.description} (${entry.class.title})`];
}

function narrowHint(answer: CodeAnswer, options: PresentOptions): Line {
  const resources = [...new Set(answer.matches.map((m) => m.entry.resource))];
  return [
    `${answer.code} means different things for ${resources.join(", ")}. Narrow it down: `,
    { code: `${options.command} ${answer.code} ${resources[0] ?? ""}`.trim() },
  ];
}

function unknownLines(answer: CodeAnswer): Line[] {
  const lines: Line[] = [[{ strong: `${answer.code}` }, " is not in the catalog."]];
  if (answer.nearest.length > 0) {
    lines.push([{ strong: "Nearest known codes:" }]);
    for (const entry of answer.nearest) lines.push(compactLine(entry));
  }
  return lines;
}

/** Every meaning of a code: the first few in full, the rest compact, never dropped. */
function meaningUnits(
  answer: CodeAnswer,
  options: PresentOptions,
  heading: (m: RankedMatch) => string,
): Unit[] {
  const { matches } = answer;
  if (matches.length === 0) {
    return [
      {
        parts: [{ type: "section", lines: unknownLines(answer) }],
        summary: `${answer.code}: not in the catalog`,
      },
    ];
  }
  const units: Unit[] = [];
  if (!answer.narrowed) {
    units.push({
      parts: [{ type: "section", lines: [narrowHint(answer, options)] }],
      summary: `${answer.code}: ${matches.length} meanings`,
    });
  }
  const full = answer.narrowed ? 1 : FULL_MEANINGS;
  matches.slice(0, full).forEach((match) => {
    units.push({
      parts: meaningParts(match.entry, heading(match), match.reasons),
      summary: `${label(match.entry)}: ${match.entry.description}`,
    });
  });
  const rest = matches.slice(full);
  if (rest.length > 0) {
    const title = answer.narrowed ? "Other meanings of this code:" : "More meanings:";
    units.push({
      parts: [
        {
          type: "section",
          lines: [[{ strong: title }], ...rest.map((m) => compactLine(m.entry))],
        },
      ],
      summary: rest.map((m) => label(m.entry)).join(", "),
    });
  }
  return units;
}

/** Where a finding was found, the message that came with it, and whether that differs. */
function findingLines(finding: Finding): Line[] {
  const where: Line = ["Found at "];
  finding.paths.forEach((path, i) => where.push(...(i === 0 ? [] : [", "]), { echo: path }));
  const more = finding.count - finding.paths.length;
  if (more > 0) where.push(` and ${String(more)} more`);
  const lines: Line[] = [where];
  if (finding.message !== null) lines.push(["Message: ", { echo: finding.message }]);
  const top = finding.matches[0];
  if (finding.messageDiffers && top) {
    lines.push(["The message differs from the catalog's wording (", top.entry.description, ")."]);
  }
  return lines;
}

function findingUnits(finding: Finding, options: PresentOptions): Unit[] {
  const count = finding.count > 1 ? ` × ${String(finding.count)}` : "";
  const found: Part = { type: "section", lines: findingLines(finding) };
  if (finding.matches.length === 0) {
    return [
      {
        parts: [
          { type: "header", text: `${String(finding.code)}${count} · unknown code` },
          found,
          { type: "section", lines: unknownLines(finding) },
        ],
        summary: `${String(finding.code)}${count} (unknown)`,
      },
    ];
  }
  const units = meaningUnits(finding, options, (m) => `${label(m.entry)}${count}`);
  const [first, ...rest] = units;
  if (finding.narrowed && first) {
    // One meaning: its header, then where it was found, then what it means.
    const [header, ...body] = first.parts;
    return [
      { parts: [...(header ? [header] : []), found, ...body], summary: first.summary + count },
      ...rest,
    ];
  }
  // Several possible meanings: where it was found, then every meaning.
  return [
    {
      parts: [{ type: "header", text: `${String(finding.code)}${count}` }, found],
      summary: `${String(finding.code)}${count}`,
    },
    ...units,
  ];
}

function diagnosisUnits(d: Diagnosis, options: PresentOptions): Unit[] {
  const notes: Line[] = [];
  if (d.truncated) notes.push(["The paste was cut short; this is what was in it."]);
  if (d.depthCapped)
    notes.push(["Part of the paste was nested too deeply to read and was skipped."]);
  const facts: Line = [];
  const addFact = (name: string, value: string) => {
    if (facts.length > 0) facts.push(" · ");
    facts.push(`${name} `, { echo: value });
  };
  if (d.requestId) addFact("Request id", d.requestId);
  for (const fact of d.facts) addFact(fact.label, fact.value);
  if (d.customer.length > 0) addFact("Customer", d.customer.join(", "));
  const envelope: Line[] = d.envelope.map((e) => [
    { strong: `${e.code}` },
    " at ",
    { echo: e.path },
    ...(e.message ? [" ", { echo: e.message }] : []),
    ` — ${e.meaning}`,
  ]);
  const head: Part[] = [];
  if (notes.length > 0 || envelope.length > 0) {
    head.push({ type: "context", lines: [...notes, ...envelope] });
  }
  if (facts.length > 0) {
    head.push({ type: "section", lines: [[{ strong: "For escalation: " }, ...facts]] });
  }
  const units: Unit[] = head.length > 0 ? [{ parts: head, summary: "" }] : [];
  for (const finding of d.findings) units.push(...findingUnits(finding, options));
  if (d.findings.length === 0) {
    units.push({
      parts: [
        {
          type: "section",
          lines: [["Only the envelope status is in this response; no item-level codes."]],
        },
      ],
      summary: "",
    });
  }
  return units;
}

/** How to ask so that the bot can answer: for a query that matched nothing. */
function howToAsk(options: PresentOptions): Line {
  return [
    "Ask with a code (",
    { code: `${options.command} 803` },
    "), a code and a resource (",
    { code: `${options.command} 816 points` },
    "), or the words of the error message (",
    { code: `${options.command} Coupon has expired` },
    ").",
  ];
}

/**
 * A free-text answer, as sure as its evidence: strong answers the best meaning in full;
 * weak offers the candidates with their meanings and no escalation; none says so.
 */
function searchPresentation(
  answer: Extract<Answer, { type: "search" }>,
  options: PresentOptions,
): Presentation {
  const [best, ...others] = answer.hits;
  if (!best || answer.confidence === "none") {
    return {
      title: ["No matching codes"],
      units: [
        {
          parts: [
            {
              type: "section",
              lines: [
                ["No documented code matches ", { echo: answer.query }, "."],
                howToAsk(options),
              ],
            },
          ],
          summary: "",
        },
      ],
    };
  }
  const askAbout = (hit: SearchHit): Line => [
    "Ask about one: ",
    { code: `${options.command} ${String(hit.entry.code)} ${hit.entry.resource}` },
  ];
  if (answer.confidence === "weak") {
    return {
      title: ["Did you mean one of these? ", { echo: answer.query }],
      units: [
        {
          parts: [
            {
              type: "section",
              lines: [
                ["Not sure which code ", { echo: answer.query }, " means. Did you mean:"],
                ...answer.hits.map((hit) => compactLine(hit.entry)),
                askAbout(best),
              ],
            },
          ],
          summary: answer.hits.map((hit) => label(hit.entry)).join(", "),
        },
      ],
    };
  }
  const units: Unit[] = [
    {
      parts: [{ type: "section", lines: [["Best match for ", { echo: answer.query }, ":"]] }],
      summary: "",
    },
    { parts: meaningParts(best.entry, label(best.entry), []), summary: label(best.entry) },
  ];
  const [next] = others;
  if (next) {
    units.push({
      parts: [
        {
          type: "section",
          lines: [
            [{ strong: "Also close:" }],
            ...others.map((hit) => compactLine(hit.entry)),
            askAbout(next),
          ],
        },
      ],
      summary: others.map((hit) => label(hit.entry)).join(", "),
    });
  }
  return { title: ["Codes matching ", { echo: answer.query }], units };
}

export function present(answer: Answer, options: PresentOptions): Presentation {
  switch (answer.type) {
    case "help":
      return {
        title: ["How to use loyalty-code"],
        units: [
          {
            parts: [{ type: "section", lines: usageLines(options.command).map((line) => [line]) }],
            summary: "",
          },
        ],
      };
    case "codes": {
      const codes = answer.items.map((item) => item.code).join(", ");
      const units = answer.items.flatMap((item) =>
        meaningUnits(item, options, (m) => label(m.entry)),
      );
      return { title: [`Response code ${codes}`], units };
    }
    case "search":
      return searchPresentation(answer, options);
    case "diagnosis": {
      const n = answer.diagnosis.findings.reduce((sum, f) => sum + f.count, 0);
      return {
        title: [`Diagnosis of a pasted response: ${n} item-level code${n === 1 ? "" : "s"}`],
        units: diagnosisUnits(answer.diagnosis, options),
      };
    }
  }
}
