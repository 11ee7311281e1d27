import type { Line, Presentation, PresentOptions } from "./layout.js";
import { COMMAND_NAME, MENTION_COMMAND, SLASH_COMMAND } from "./command-name.js";

/** Usage in a terminal. */
export function usageLines(command: string): string[] {
  return [
    `${command} 803 — what a code means, what to tell the customer, whether to escalate`,
    `${command} 816 points — a code for one resource (customer, transaction, points, coupon; voucher, bill and member work too)`,
    `${command} 803 1012 — several codes at once`,
    `${command} coupon already used — search by words`,
    `Paste an API error response (JSON or XML, headers and all) to diagnose every code in it.`,
  ];
}

/** Every way to ask in Slack, each with a real example. */
const SLACK_USAGE: Line[] = [
  [
    { code: `${SLASH_COMMAND} 803` },
    ": what a code means, what to tell the customer, whether to escalate",
  ],
  [
    { code: `${SLASH_COMMAND} 816 points` },
    ": the meaning for one resource (customer, transaction, points, coupon; voucher, bill, member)",
  ],
  [{ code: `${SLASH_COMMAND} coupon already used` }, ": search by the words of the error"],
  [
    { code: `${MENTION_COMMAND} 803` },
    " in a channel: the answer in a thread, for everyone to see",
  ],
  [
    { code: `${MENTION_COMMAND} explain` },
    " in a thread: a diagnosis of the API response pasted at the top of the thread",
  ],
  [
    "Paste an API response (JSON or XML) after ",
    { code: SLASH_COMMAND },
    ", in a support channel or in a DM with me: every code in it, diagnosed",
  ],
];

/** How to ask: in Slack every surface's form, in a terminal the command's. */
export function presentHelp(options: PresentOptions): Presentation {
  const inSlack = /^[/@]/.test(options.command);
  return {
    title: [`Ask ${COMMAND_NAME} about a loyalty API response code:`],
    lead: inSlack ? SLACK_USAGE : usageLines(options.command).map((line) => [line]),
    units: [],
  };
}
