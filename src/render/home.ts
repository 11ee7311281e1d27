import type { Catalog } from "../catalog/types.js";
import { COMMAND_NAME, SLASH_COMMAND } from "./command-name.js";
import { escapeMrkdwn } from "./escape.js";
import type { HomeView } from "./views.js";
import { contextBlock, headerBlock, mrkdwnSection } from "./views.js";

export interface AskedCount {
  code: number;
  count: number;
}

const EXAMPLES = [
  `\`${SLASH_COMMAND} 803\`: what a code means, privately, with a button to share it`,
  `\`${SLASH_COMMAND} 816 points\`: a code for one resource`,
  `\`@${COMMAND_NAME} coupon already used\` in a channel: an answer in the thread`,
  "Paste an API error response in a support channel: a diagnosis of every code in it, in the thread",
  "Send me a code, words or a paste in the Messages tab: the answer right there",
  "On any message: ⋮ → *Explain loyalty codes*, the answer in a window, with *Post in thread*",
  "*Escalate* on an answer: the escalation packet, posted to the owning team",
];

/**
 * The App Home tab: how to ask, which cause classes go to which team (from the teams
 * configuration), and the codes asked about most in the last 7 days, as counts only.
 */
export function homeView(catalog: Catalog, top: readonly AskedCount[]): HomeView {
  const classes = [...catalog.classes.values()].map((cls) => {
    if (cls.escalation === null) return `*${escapeMrkdwn(cls.title)}*: no escalation`;
    const team = catalog.teams.get(cls.escalation.team);
    const name = escapeMrkdwn(team?.name ?? cls.escalation.team);
    const where = team?.channel ? ` in <#${team.channel}>` : " (no channel set)";
    return `*${escapeMrkdwn(cls.title)}*: ${name}${where}, ${cls.escalation.urgency} urgency`;
  });
  const asked =
    top.length === 0
      ? ["No codes asked about in the last 7 days."]
      : top.map(
          ({ code, count }) =>
            `\`${String(code)}\` · ${String(count)} time${count === 1 ? "" : "s"}`,
        );
  return {
    type: "home",
    blocks: [
      headerBlock("How to ask"),
      mrkdwnSection(EXAMPLES.map((line) => `• ${line}`).join("\n")),
      headerBlock("Who gets escalations"),
      mrkdwnSection(classes.join("\n")),
      headerBlock("Most asked, last 7 days"),
      mrkdwnSection(asked.join("\n")),
      contextBlock("Counts of codes only; no customer data is kept."),
    ],
  };
}
