/**
 * A rendering-neutral layout of an answer. The text, Block Kit and fallback renderers
 * all draw from it, so the three never disagree about what an answer says.
 */
export type Span =
  | string // trusted text (catalog, our own words)
  | { echo: string; max?: number } // text from a user or a paste: always escaped and boxed, cut to max
  | { strong: string }
  | { code: string } // a short literal of ours, e.g. a command to type
  | { quote: string } // trusted text to copy as it is (customer wording): a whole line
  | { team: { name: string; usergroup: string | null; channel: string | null } };

export type Line = Span[];

/** A follow-up question an answer offers: a button in Slack, the query to type elsewhere. */
export interface FollowUp {
  label: string;
  query: string;
}

export type Part =
  | { type: "section"; lines: Line[] }
  | { type: "context"; lines: Line[] }
  | { type: "follow-ups"; followUps: FollowUp[] };

/** A piece of an answer that stays whole, with a one-line form for when space runs out. */
export interface Unit {
  parts: Part[];
  summary: string;
}

export interface Presentation {
  /** The verdict: one line an agent can act on, also the notification text. */
  title: Line;
  /** Lines shown with the verdict: how to narrow an ambiguous code, notes on the paste. */
  lead: Line[];
  units: Unit[];
}

export interface PresentOptions {
  /**
   * How a follow-up is asked where the answer is read: "/loyalty-code" in slash-command
   * answers and DMs, "@loyalty-code" in threads and mentions, "loyalty-code" in a terminal.
   */
  command: string;
  /** Adds sources and ranking evidence, for maintainers (CLI --verbose); never in Slack. */
  evidence?: boolean;
}
