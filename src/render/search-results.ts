import type { Answer } from "../engine/index.js";
import type { Presentation, PresentOptions, Unit } from "./layout.js";
import { compactLine, label, meaningParts } from "./meanings.js";

/** Free-text search: the best match in full, the others close to it compactly. */
export function presentSearch(
  answer: Extract<Answer, { type: "search" }>,
  options: PresentOptions,
): Presentation {
  const [best, ...others] = answer.hits;
  if (!best) {
    return {
      title: ["No matching codes"],
      units: [
        {
          parts: [
            {
              type: "section",
              lines: [
                [
                  "No code matches ",
                  { echo: answer.query },
                  ". Try other words, or the code number.",
                ],
              ],
            },
          ],
          summary: "",
        },
      ],
    };
  }
  const units: Unit[] = [
    {
      parts: [{ type: "section", lines: [["Best matches for ", { echo: answer.query }, ":"]] }],
      summary: "",
    },
    { parts: meaningParts(best.entry, label(best.entry), []), summary: label(best.entry) },
  ];
  if (others.length > 0) {
    units.push({
      parts: [
        {
          type: "section",
          lines: [
            [{ strong: "Also close:" }],
            ...others.map((hit) => compactLine(hit.entry)),
            [
              "Ask about one: ",
              {
                code: `${options.command} ${others[0]?.entry.code ?? ""} ${others[0]?.entry.resource ?? ""}`,
              },
            ],
          ],
        },
      ],
      summary: others.map((hit) => label(hit.entry)).join(", "),
    });
  }
  return { title: ["Codes matching ", { echo: answer.query }], units };
}
