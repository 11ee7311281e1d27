import type { Answer } from "../engine/index.js";
import type { SearchHit } from "../engine/search.js";
import type { Line, Presentation, PresentOptions, Unit } from "./layout.js";
import { compactLine, label, meaningParts } from "./meanings.js";

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
export function presentSearch(
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
