import type { Urgency } from "../catalog/types.js";
import { URGENCIES } from "../catalog/types.js";
import type { Escalation } from "../engine/index.js";
import type { Block, SlackMessage } from "./blocks.js";
import { LIMITS } from "./blocks.js";
import { COMMAND_NAME, SLASH_COMMAND } from "./command-name.js";
import { escapeMrkdwn, stripControl, truncate } from "./escape.js";
import type { ModalView, Option, ViewBlock } from "./views.js";
import { VIEW_LIMITS, contextBlock, mrkdwnSection, noticeModal, plain } from "./views.js";

export const ESCALATION_CALLBACK_ID = "escalation";
/** Block and action ids of the escalation modal's inputs. */
export const ESCALATION_INPUTS = {
  checked: { block: "checked", action: "checked_text" },
  urgency: { block: "urgency", action: "urgency_choice" },
  collect: { block: "collect", action: "collect_choices" },
} as const;

/** The link to a message in Slack: its workspace, conversation and timestamp. */
export function messageLink(
  domain: string | null,
  channel: string,
  ts: string,
  threadTs: string | null = null,
): string {
  const host = domain === null ? "slack.com" : `${domain}.slack.com`;
  const thread =
    threadTs !== null && threadTs !== ts ? `?thread_ts=${threadTs}&cid=${channel}` : "";
  return `https://${host}/archives/${channel}/p${ts.replace(".", "")}${thread}`;
}

/** A value from a paste or an agent, as one plain line. */
const oneLine = (text: string, max = 300) =>
  truncate(stripControl(text).toWellFormed().replace(/\s+/g, " ").trim(), max);

/**
 * The escalation packet as plain text, for a team to pick up without asking back:
 * the codes and meanings, the identifiers found (customer ones masked), the link.
 */
export function packetText(
  escalation: Escalation,
  link: string | null,
  originalDeleted = false,
): string {
  const lines = escalation.codes.map(
    (c) => `${String(c.code)} · ${c.resource} — ${oneLine(c.meaning)}`,
  );
  lines.push(`Class: ${escalation.classTitle}`);
  if (escalation.requestId !== null) {
    lines.push(`Request id (X-CAP-REQUEST-ID): ${oneLine(escalation.requestId)}`);
  }
  if (escalation.apiPath !== null) lines.push(`API: ${oneLine(escalation.apiPath)}`);
  for (const fact of escalation.facts) lines.push(`${fact.label}: ${oneLine(fact.value)}`);
  if (escalation.customer.length > 0) {
    lines.push(`Customer (masked): ${escalation.customer.map((c) => oneLine(c)).join(", ")}`);
  }
  const original = originalDeleted
    ? "deleted"
    : (link ?? `none (asked privately with ${SLASH_COMMAND})`);
  lines.push(`Original message: ${original}`);
  return lines.join("\n");
}

/** The packet as a preformatted block: shown as text to read and copy, not to edit. */
function packetBlock(packet: string): Block {
  const body = truncate(escapeMrkdwn(packet.replace(/`/g, "'")), LIMITS.sectionText - 6);
  return mrkdwnSection("```" + body + "```");
}

function teamMrkdwn(escalation: Escalation): string {
  const { name, channel, usergroup } = escalation.team;
  const who = `*${escapeMrkdwn(name)}*${usergroup === null ? "" : ` (<!subteam^${usergroup}>)`}`;
  return channel === null ? who : `${who} in <#${channel}>`;
}

const urgencyOption = (urgency: Urgency): Option => ({ text: plain(urgency), value: urgency });

/**
 * The Escalate modal: the packet as text, and what the agent adds. Without a team
 * channel it says so and shows the packet to copy, with nothing to submit.
 */
export function escalationModal(
  escalation: Escalation,
  packet: string,
  privateMetadata: string,
): ModalView {
  if (escalation.team.channel === null) {
    return noticeModal("Escalate", [
      mrkdwnSection(
        `This goes to ${teamMrkdwn(escalation)}, but no Slack channel is set for that team, so I can't post it. Copy the packet below and send it to them; to have me post escalations, set the team's channel in the teams configuration.`,
      ),
      packetBlock(packet),
    ]);
  }
  const blocks: ViewBlock[] = [
    mrkdwnSection(`Goes to ${teamMrkdwn(escalation)}. ${escapeMrkdwn(escalation.when)}`),
    packetBlock(packet),
    {
      type: "input",
      block_id: ESCALATION_INPUTS.checked.block,
      label: plain("What I already checked"),
      optional: false,
      element: {
        type: "plain_text_input",
        action_id: ESCALATION_INPUTS.checked.action,
        multiline: true,
        max_length: 2000,
        placeholder: plain("Retried once at 10:40, balance is 1,200 points, other customers fine"),
      },
    },
    {
      type: "input",
      block_id: ESCALATION_INPUTS.urgency.block,
      label: plain("Urgency"),
      optional: false,
      element: {
        type: "static_select",
        action_id: ESCALATION_INPUTS.urgency.action,
        options: URGENCIES.map(urgencyOption),
        initial_option: urgencyOption(escalation.urgency),
      },
    },
  ];
  const collect = escalation.collect.slice(0, VIEW_LIMITS.options);
  if (collect.length > 0) {
    blocks.push({
      type: "input",
      block_id: ESCALATION_INPUTS.collect.block,
      label: plain("Collected first"),
      optional: true,
      element: {
        type: "checkboxes",
        action_id: ESCALATION_INPUTS.collect.action,
        options: collect.map((item, i) => ({
          text: plain(truncate(item, VIEW_LIMITS.optionText)),
          value: String(i),
        })),
      },
    });
  }
  return {
    type: "modal",
    callback_id: ESCALATION_CALLBACK_ID,
    title: plain("Escalate"),
    submit: plain("Send to team"),
    close: plain("Cancel"),
    private_metadata: privateMetadata,
    blocks,
  };
}

export const CHECKED_REQUIRED = "Say what you already checked, so the team does not ask again.";

/** What the agent added in the modal, as the listener read it. */
export interface EscalationInput {
  agent: string;
  checked: string;
  urgency: Urgency;
  /** The collect-first items the agent ticked. */
  collected: string[];
}

/** The escalation as posted in the team's channel, mentioning its user group if it has one. */
export function escalationPost(
  escalation: Escalation,
  packet: string,
  input: EscalationInput,
): SlackMessage {
  const { usergroup, name } = escalation.team;
  const to = usergroup === null ? `*${escapeMrkdwn(name)}*` : `<!subteam^${usergroup}>`;
  const codes = escalation.codes.map((c) => `${String(c.code)} ${c.resource}`).join(", ");
  const blocks: Block[] = [
    mrkdwnSection(
      `${to}: escalation from <@${input.agent}> · urgency *${input.urgency}* · ${escapeMrkdwn(codes)}`,
    ),
    mrkdwnSection(
      `*Already checked:* ${truncate(escapeMrkdwn(oneLine(input.checked, 2000)), LIMITS.sectionText - 30)}`,
    ),
  ];
  if (input.collected.length > 0) {
    blocks.push(mrkdwnSection(`*Collected:* ${escapeMrkdwn(input.collected.join("; "))}`));
  }
  blocks.push(packetBlock(packet));
  return {
    text: truncate(`Escalation for ${name} (${input.urgency}): ${codes}`, LIMITS.fallbackText),
    blocks,
  };
}

/** The note left in the original thread once the escalation is posted. */
export function escalatedNote(
  escalation: Escalation,
  channel: string,
  agent: string,
  postLink: string,
): SlackMessage {
  const text = `Escalated to ${escapeMrkdwn(escalation.team.name)} in <#${channel}> by <@${agent}>: <${postLink}|see the escalation>`;
  return { text, blocks: [] };
}

/** How the escalation went, shown in the modal once it is sent or has failed. */
export type EscalationOutcome =
  | {
      type: "sent";
      channel: string;
      note: "left" | "original-deleted" | "no-thread" | "not-a-member" | "failed";
    }
  | { type: "not-in-channel"; channel: string; packet: string }
  | { type: "failed"; packet: string }
  | { type: "already-sent" }
  | { type: "expired" };

const NOTE_WORDS = {
  left: "and noted it in the original thread.",
  "original-deleted": "The original message was deleted, so no note was left in its thread.",
  "no-thread": "The answer was private, so there is no thread to note it in.",
  "not-a-member":
    "I'm not a member of the original message's conversation, so I couldn't note it in its thread; tell the people there yourself.",
  failed: "I couldn't leave a note in the original thread; tell the people there yourself.",
} as const;

export function escalationOutcomeModal(
  escalation: Escalation | null,
  outcome: EscalationOutcome,
): ModalView {
  const team = escalation === null ? "the team" : `*${escapeMrkdwn(escalation.team.name)}*`;
  switch (outcome.type) {
    case "sent":
      return noticeModal("Escalated", [
        mrkdwnSection(
          outcome.note === "left"
            ? `Escalated to ${team} in <#${outcome.channel}>, ${NOTE_WORDS.left}`
            : `Escalated to ${team} in <#${outcome.channel}>. ${NOTE_WORDS[outcome.note]}`,
        ),
      ]);
    case "not-in-channel":
      return noticeModal("Not sent", [
        mrkdwnSection(
          `I couldn't post in <#${outcome.channel}>: I'm not a member of it. Ask someone there to \`/invite @${COMMAND_NAME}\` and escalate again, or copy the packet below and post it yourself.`,
        ),
        packetBlock(outcome.packet),
      ]);
    case "failed":
      return noticeModal("Not sent", [
        mrkdwnSection(
          `Sorry, Slack refused the escalation to ${team}. Try again in a moment, or copy the packet below and post it yourself.`,
        ),
        packetBlock(outcome.packet),
      ]);
    case "already-sent":
      return noticeModal("Escalated", [
        mrkdwnSection("This escalation was already sent; it was not sent twice."),
      ]);
    case "expired":
      return noticeModal("Escalate", [
        mrkdwnSection(
          `This answer is too old to escalate from (answers are kept a day). Ask again, with \`/${COMMAND_NAME}\` or a mention, and escalate from the new answer.`,
        ),
      ]);
  }
}

/** Shown while the escalation is being posted. */
export function escalationSendingModal(escalation: Escalation): ModalView {
  return noticeModal("Escalating", [
    contextBlock(`Sending the escalation to ${teamMrkdwn(escalation)}…`),
  ]);
}
