import type { Entry } from "../catalog/types.js";
import type { Answer, CodeAnswer, RankedMatch } from "../engine/index.js";
import type { Line, Part, Presentation, PresentOptions, Unit } from "./layout.js";

/** Meanings shown in full before the rest are listed compactly. */
const FULL_MEANINGS = 3;

export const label = (entry: Entry) => `${entry.code} · ${entry.resource} · ${entry.kind}`;

export function meaningParts(entry: Entry, heading: string, reasons: readonly string[]): Part[] {
  const escalation: Line[] = entry.escalation
    ? [
        [
          { strong: "Escalate to " },
          { team: entry.escalation.team },
          ` · ${entry.escalation.urgency} urgency`,
        ],
        [entry.escalation.when],
        ...(entry.escalationWhy ? [[entry.escalationWhy]] : []),
        ...(entry.escalation.collect.length > 0
          ? [[{ strong: "Collect first: " }, entry.escalation.collect.join("; ")]]
          : []),
      ]
    : [
        [
          { strong: "Escalation: " },
          entry.escalationWhy
            ? `none. ${entry.escalationWhy}`
            : entry.kind === "success"
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
      : [
          {
            type: "section",
            lines: [
              [{ strong: "Tell the customer: " }, "no customer message needed for this code."],
            ],
          } as Part,
        ]),
    { type: "section", lines: escalation },
    { type: "context", lines: [context] },
  ];
}

export function compactLine(entry: Entry): Line {
  return [{ strong: label(entry) }, ` — ${entry.description} (${entry.class.title})`];
}

function narrowHint(answer: CodeAnswer, options: PresentOptions): Line {
  const resources = [...new Set(answer.matches.map((m) => m.entry.resource))];
  return [
    `${answer.code} means different things for ${resources.join(", ")}. Narrow it down: `,
    { code: `${options.command} ${answer.code} ${resources[0] ?? ""}`.trim() },
  ];
}

/**
 * A code the catalog does not have, or not for the resource in context: then the nearest
 * codes of that resource, and the other resources' meanings, labelled as not applied.
 */
export function unknownLines(answer: CodeAnswer, options: PresentOptions): Line[] {
  const code = String(answer.code);
  const resource = answer.notDocumentedFor;
  if (resource === null) {
    const lines: Line[] = [[{ strong: code }, " is not in the catalog."]];
    if (answer.nearest.length > 0) {
      lines.push([{ strong: "Nearest known codes:" }]);
      for (const entry of answer.nearest) lines.push(compactLine(entry));
    }
    return lines;
  }
  const lines: Line[] = [[{ strong: code }, ` is not a documented ${resource} code.`]];
  if (answer.nearest.length > 0) {
    lines.push([{ strong: `Nearest documented ${resource} codes:` }]);
    for (const entry of answer.nearest) lines.push(compactLine(entry));
  }
  lines.push([{ strong: "Other resources' meanings, not applied:" }]);
  for (const { entry } of answer.otherResources) {
    lines.push([
      `On ${entry.resource}, ${code} means “${entry.description}” (${entry.kind}): not applied here.`,
    ]);
  }
  const other = answer.otherResources[0]?.entry.resource;
  if (other) {
    lines.push([
      `If this is not about ${resource} after all, ask: `,
      { code: `${options.command} ${code} ${other}` },
    ]);
  }
  return lines;
}

/** The one-line form of a code the catalog does not have, or not for the resource in context. */
export function unknownSummary(answer: CodeAnswer): string {
  return answer.notDocumentedFor === null
    ? "not in the catalog"
    : `not documented for ${answer.notDocumentedFor}`;
}

/** Every meaning of a code: the first few in full, the rest compact, never dropped. */
export function meaningUnits(
  answer: CodeAnswer,
  options: PresentOptions,
  heading: (m: RankedMatch) => string,
): Unit[] {
  const { matches } = answer;
  if (matches.length === 0) {
    return [
      {
        parts: [{ type: "section", lines: unknownLines(answer, options) }],
        summary: `${answer.code}: ${unknownSummary(answer)}`,
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

/** Codes an agent asked about: every meaning of each. */
export function presentCodes(
  answer: Extract<Answer, { type: "codes" }>,
  options: PresentOptions,
): Presentation {
  const codes = answer.items.map((item) => item.code).join(", ");
  const units = answer.items.flatMap((item) => meaningUnits(item, options, (m) => label(m.entry)));
  return { title: [`Response code ${codes}`], units };
}
