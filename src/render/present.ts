import type { Answer } from "../engine/index.js";
import { presentDiagnosis } from "./diagnosis.js";
import { presentHelp } from "./help.js";
import type { Presentation, PresentOptions } from "./layout.js";
import { presentCodes } from "./meanings.js";
import { presentSearch } from "./search-results.js";

/** Lays out an answer once, for the text, Block Kit and fallback renderers to draw. */
export function present(answer: Answer, options: PresentOptions): Presentation {
  switch (answer.type) {
    case "help":
      return presentHelp(options);
    case "codes":
      return presentCodes(answer, options);
    case "search":
      return presentSearch(answer, options);
    case "diagnosis":
      return presentDiagnosis(answer.diagnosis, options);
  }
}
