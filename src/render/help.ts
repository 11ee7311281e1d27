import type { Presentation, PresentOptions } from "./layout.js";
import { COMMAND_NAME } from "./command-name.js";

/** Usage, the same on every surface; `command` is how that surface is invoked. */
export function usageLines(command: string): string[] {
  return [
    `${command} 803 — what a code means, what to tell the customer, whether to escalate`,
    `${command} 816 points — a code for one resource (customer, transaction, points, coupon; voucher, bill and member work too)`,
    `${command} 803 1012 — several codes at once`,
    `${command} coupon already used — search by words`,
    `Paste an API error response (JSON or XML, headers and all) to diagnose every code in it.`,
  ];
}

export function presentHelp(options: PresentOptions): Presentation {
  return {
    title: [`How to use ${COMMAND_NAME}`],
    units: [
      {
        parts: [{ type: "section", lines: usageLines(options.command).map((line) => [line]) }],
        summary: "",
      },
    ],
  };
}
