import type { Catalog } from "../catalog/types.js";
import type { Report } from "../report/report.js";
import { COMMAND_NAME, SLASH_COMMAND } from "./command-name.js";
import { escapeMrkdwn } from "./escape.js";
import { REASON_LABELS } from "./feedback.js";
import type { HomeView, ViewBlock } from "./views.js";
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

/** How many "Not right" reasons the maintainers' section names. */
const TOP_REASONS = 3;

const counted = (items: readonly { label: string; count: number }[]): string =>
  items.length === 0
    ? "none"
    : items.map(({ label, count }) => `${escapeMrkdwn(label)} ${String(count)}`).join(", ");

/**
 * The headline figures of the maintainers' report, for the Home tab of the maintainers:
 * counts only (never a comment, a query or a user), and where to read the full report.
 */
export function maintainersBlocks(report: Report): ViewBlock[] {
  const { answers } = report;
  const notRight = report.votes.filter((group) => group.vote === "not_right");
  const byReason = new Map<string, number>();
  for (const group of notRight) {
    const label = group.reason === null ? "No reason" : REASON_LABELS[group.reason];
    byReason.set(label, (byReason.get(label) ?? 0) + group.count);
  }
  const reasons = [...byReason]
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => b.count - a.count)
    .slice(0, TOP_REASONS);
  const notRightCount = notRight.reduce((sum, group) => sum + group.count, 0);
  return [
    headerBlock("For maintainers, last 7 days"),
    mrkdwnSection(
      [
        `*Answers:* ${String(answers.total)}`,
        `• by surface: ${counted(answers.bySurface.map((s) => ({ label: s.surface, count: s.count })))}`,
        `• by confidence: ${counted(answers.byConfidence.map((c) => ({ label: c.confidence, count: c.count })))}`,
        `*"Not right" votes:* ${String(notRightCount)}${reasons.length === 0 ? "" : ` (${counted(reasons)})`}`,
        `*Unknown codes seen:* ${String(report.unknownCodes.length)}`,
        `*Missed questions:* ${String(report.missedQueries.length)}`,
      ].join("\n"),
    ),
    contextBlock(
      `The full report, with catalog snippets: \`${COMMAND_NAME} report --since 7d\`. Counts only here.`,
    ),
  ];
}

/**
 * The App Home tab: how to ask, which cause classes go to which team (from the teams
 * configuration), and the codes asked about most in the last 7 days, as counts only.
 * Maintainers see the report's headline figures (`maintainers`) above it.
 */
export function homeView(
  catalog: Catalog,
  top: readonly AskedCount[],
  maintainers: Report | null = null,
): HomeView {
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
      ...(maintainers === null ? [] : maintainersBlocks(maintainers)),
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
