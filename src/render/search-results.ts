import type { Answer } from "../engine/index.js";
import type { Line, Presentation, PresentOptions } from "./layout.js";
import type { Meaning } from "./meanings.js";
import {
  candidateParts,
  groupMeanings,
  meaningLabel,
  singleMeaningParts,
  verdictOf,
} from "./meanings.js";

/** Candidates offered at most. */
const CANDIDATES = 5;

type SearchAnswer = Extract<Answer, { type: "search" }>;

/** How to ask so that the bot can answer: for words that matched nothing. */
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
 * Weak evidence: "did you mean", each candidate with its meaning and resource and a way
 * to open its full answer, and no escalation until the agent has picked one.
 */
function candidates(answer: SearchAnswer, meanings: Meaning[]): Presentation {
  const offered = meanings.slice(0, CANDIDATES);
  return {
    title: [
      `${offered.length} possible codes for `,
      { echo: answer.query },
      ": pick one below → its full answer",
    ],
    lead: [],
    units: [
      {
        parts: candidateParts([{ strong: "Did you mean:" }], offered, { actions: false }),
        summary: offered.map(meaningLabel).join(", "),
      },
    ],
  };
}

/**
 * A free-text answer, as sure as the engine's evidence: strong answers the best match in
 * full with the others close to it; weak offers the candidates; none says so.
 */
export function presentSearch(answer: SearchAnswer, options: PresentOptions): Presentation {
  const meanings = groupMeanings(answer.hits);
  const [best, ...others] = meanings;
  if (!best || answer.confidence === "none") {
    return {
      title: ["No documented code matches ", { echo: answer.query }],
      lead: [howToAsk(options)],
      units: [],
    };
  }
  if (answer.confidence === "weak") return candidates(answer, meanings);
  return {
    title: ["Best match for ", { echo: answer.query }, ": ", ...verdictOf(best)],
    lead: [],
    units: [
      { parts: singleMeaningParts(best, options), summary: meaningLabel(best) },
      ...(others.length > 0
        ? [
            {
              parts: candidateParts([{ strong: "Also close:" }], others.slice(0, CANDIDATES - 1)),
              summary: others.map(meaningLabel).join(", "),
            },
          ]
        : []),
    ],
  };
}
