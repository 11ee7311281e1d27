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

/**
 * A runner-up scoring at least this share of the best match means the words do not
 * settle the answer: the candidates are offered side by side instead.
 */
const CLOSE_RUNNER_UP = 0.9;
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
    "), or the words of the error message.",
  ];
}

/** Several candidates and none clearly best: each with its meaning and a way to open it. */
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
        parts: candidateParts([{ strong: "Did you mean:" }], offered),
        summary: offered.map(meaningLabel).join(", "),
      },
    ],
  };
}

/** Free-text search: a clear best match in full, else the candidates to choose from. */
export function presentSearch(answer: SearchAnswer, options: PresentOptions): Presentation {
  const meanings = groupMeanings(answer.hits);
  const [best, ...others] = meanings;
  if (!best) {
    return {
      title: ["No documented code matches ", { echo: answer.query }],
      lead: [howToAsk(options)],
      units: [],
    };
  }
  const runnerUp = answer.hits.find((hit) => hit.entry.sameMeaning !== best.entry.sameMeaning);
  if (runnerUp && runnerUp.score >= CLOSE_RUNNER_UP) return candidates(answer, meanings);
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
