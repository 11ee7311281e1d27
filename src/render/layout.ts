/**
 * A rendering-neutral layout of an answer. The text, Block Kit and fallback renderers
 * all draw from it, so the three never disagree about what an answer says.
 */
export type Span =
  | string // trusted text (catalog, our own words)
  | { echo: string } // text from a user or a paste: always escaped and boxed
  | { strong: string }
  | { code: string } // a short literal of ours, e.g. a command to type
  | { team: { name: string; usergroup: string | null; channel: string | null } };

export type Line = Span[];

export type Part =
  | { type: "header"; text: string }
  | { type: "section"; lines: Line[] }
  | { type: "quote"; text: string }
  | { type: "context"; lines: Line[] };

/** A piece of an answer that stays whole, with a one-line form for when space runs out. */
export interface Unit {
  parts: Part[];
  summary: string;
}

export interface Presentation {
  /** One line: the notification text and the start of the fallback. */
  title: Line;
  units: Unit[];
}

export interface PresentOptions {
  /** How the surface is invoked, for hints: "/loyalty-code" in Slack, "loyalty-code" in a terminal. */
  command: string;
}
