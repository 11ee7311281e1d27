import type { Answer } from "../engine/index.js";

/** The exit statuses of `loyalty-code`, as documented under "Exit status" in --help. */
export const EXIT = {
  /** An answer was given. */
  answered: 0,
  /** Nothing found: unknown code, no match, empty input, no response in the input. */
  nothingFound: 1,
  /** Bad usage or configuration. */
  usage: 2,
  /** The catalog failed validation. */
  invalidCatalog: 3,
} as const;

export const EXIT_STATUS_HELP = `Exit status:
  0  an answer was given
  1  nothing found: unknown code, no match, empty input, no response in the input
  2  usage or configuration error
  3  invalid catalog`;

/** Whether an answer tells the user something about a documented code. */
export function foundSomething(answer: Answer): boolean {
  switch (answer.type) {
    case "help":
      return true;
    case "codes":
      return answer.items.some((item) => item.matches.length > 0);
    case "search":
      return answer.hits.length > 0;
    case "diagnosis":
      return answer.diagnosis.findings.length > 0 || answer.diagnosis.envelope.length > 0;
  }
}

export const statusOf = (answer: Answer): number =>
  foundSomething(answer) ? EXIT.answered : EXIT.nothingFound;
