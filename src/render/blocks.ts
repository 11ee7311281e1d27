import type { ActionsBlock, Button, ContextBlock, MrkdwnElement, SectionBlock } from "@slack/types";
import { echoInline, escapeMrkdwn, truncate } from "./escape.js";
import type { FollowUp, Line, Part, Presentation, Span } from "./layout.js";

/** A button as the bot sends it: always with a value. */
export type ValueButton = Button & { value: string };

/**
 * The Block Kit blocks the bot sends, as the Slack SDK types them (a types-only package),
 * narrowed to what the bot puts in them: mrkdwn text and buttons with a value.
 */
export type Block =
  | (Omit<SectionBlock, "text"> & { text: MrkdwnElement })
  | (Omit<ContextBlock, "elements"> & { elements: MrkdwnElement[] })
  | (Omit<ActionsBlock, "elements"> & { elements: ValueButton[] });

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Slack's published limits for messages and blocks. */
export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  fallbackText: 3000,
} as const;

export const SHARE_ACTION_ID = "share_answer";
export const ESCALATE_ACTION_ID = "escalate";
/** The feedback buttons on every recorded answer; both carry the answer's record id. */
export const FEEDBACK_HELPFUL_ACTION_ID = "feedback_helpful";
export const FEEDBACK_NOT_RIGHT_ACTION_ID = "feedback_not_right";
/** Buttons that open a candidate's full answer: this prefix and the button's position. */
export const OPEN_ANSWER_ACTION_PREFIX = "open_answer";

export interface BlockOptions {
  /** Adds a "Share in channel" button carrying this key to the answer kept server-side. */
  shareKey?: string;
  /** Adds an "Escalate" button carrying this value (ignored if it is too long). */
  escalateValue?: string;
  /** Slack user id of whoever shared the answer into the channel, named above it. */
  sharedBy?: string;
  /**
   * Adds "Helpful" and "Not right" buttons carrying this record id (votes attach to it);
   * answerMessage and privateAnswerMessage leave them off the usage text.
   */
  feedbackId?: string;
}

/** The options without feedback buttons for the usage text: it answers nothing to rate. */
export function feedbackFor<T extends BlockOptions>(answer: { type: string }, options: T): T {
  return answer.type === "help" ? { ...options, feedbackId: undefined } : options;
}

function spanMrkdwn(span: Span): string {
  if (typeof span === "string") return escapeMrkdwn(span);
  if ("echo" in span) return echoInline(span.echo, span.max);
  if ("quote" in span) return escapeMrkdwn(span.quote).replace(/^/gm, ">");
  // Slack only bolds when no space precedes the closing asterisk.
  if ("strong" in span)
    return `*${escapeMrkdwn(span.strong.trimEnd())}*${/\s*$/.exec(span.strong)?.[0] ?? ""}`;
  if ("code" in span) return "`" + escapeMrkdwn(span.code.replace(/`/g, "'")) + "`";
  const { name, usergroup, channel } = span.team;
  const who = usergroup ? `<!subteam^${usergroup}>` : `*${escapeMrkdwn(name)}*`;
  return channel ? `${who} in <#${channel}>` : who;
}

const lineMrkdwn = (line: Line): string => line.map(spanMrkdwn).join("");

/** Joins whole lines up to `max` characters, so that no entity or code span is cut. */
function fitLines(lines: string[], max: number): string {
  let text = "";
  for (const line of lines) {
    const next = text === "" ? line : `${text}\n${line}`;
    if (next.length > max - 2) return text === "" ? truncate(line, max) : `${text}\n…`;
    text = next;
  }
  return text;
}

const button = (actionId: string, text: string, value: string): ValueButton => ({
  type: "button",
  action_id: actionId,
  text: { type: "plain_text", text: truncate(text, LIMITS.buttonText), emoji: false },
  value: truncate(value, LIMITS.buttonValue),
});

const followUpButtons = (followUps: readonly FollowUp[]): ValueButton[] =>
  followUps.map((f, i) => button(`${OPEN_ANSWER_ACTION_PREFIX}:${String(i)}`, f.label, f.query));

function partBlock(part: Part): Block {
  switch (part.type) {
    case "section":
      return {
        type: "section",
        text: { type: "mrkdwn", text: fitLines(part.lines.map(lineMrkdwn), LIMITS.sectionText) },
      };
    case "context":
      return {
        type: "context",
        elements: [
          { type: "mrkdwn", text: fitLines(part.lines.map(lineMrkdwn), LIMITS.sectionText) },
        ],
      };
    case "follow-ups":
      return { type: "actions", elements: followUpButtons(part.followUps.slice(0, 25)) };
  }
}

/**
 * Renders a presentation as a Slack message: blocks within Slack's limits however
 * long the answer (units that do not fit are summarised in one last section) and a
 * plain `text` fallback for notifications and clients without blocks.
 */
export function renderBlocks(presentation: Presentation, options: BlockOptions = {}): SlackMessage {
  const buttons: ValueButton[] = [];
  if (options.shareKey !== undefined) {
    buttons.push(button(SHARE_ACTION_ID, "Share in channel", options.shareKey));
  }
  // Cut, the value would name no held input: better no button than a broken one.
  if (options.escalateValue !== undefined && options.escalateValue.length <= LIMITS.buttonValue) {
    buttons.push(button(ESCALATE_ACTION_ID, "Escalate", options.escalateValue));
  }
  if (options.feedbackId !== undefined && options.feedbackId.length <= LIMITS.buttonValue) {
    buttons.push(
      button(FEEDBACK_HELPFUL_ACTION_ID, "Helpful", options.feedbackId),
      button(FEEDBACK_NOT_RIGHT_ACTION_ID, "Not right", options.feedbackId),
    );
  }
  const reserved = 1 + (buttons.length === 0 ? 0 : 1);
  const blocks: Block[] = [];
  if (options.sharedBy !== undefined && /^[UW][A-Z0-9]{2,}$/.test(options.sharedBy)) {
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `Shared by <@${options.sharedBy}>` }],
    });
  }
  const verdict = lineMrkdwn(presentation.title);
  blocks.push({
    type: "section",
    text: {
      type: "mrkdwn",
      text: fitLines([verdict, ...presentation.lead.map(lineMrkdwn)], LIMITS.sectionText),
    },
  });
  const left: string[] = [];
  for (const unit of presentation.units) {
    if (left.length === 0 && blocks.length + unit.parts.length <= LIMITS.blocks - reserved) {
      blocks.push(...unit.parts.map(partBlock));
    } else if (unit.summary !== "") {
      left.push(unit.summary);
    }
  }
  if (left.length > 0) {
    const text = `*…and ${left.length} more:* ${escapeMrkdwn(left.join(", "))}`;
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: truncate(text, LIMITS.sectionText) },
    });
  }
  if (buttons.length > 0) blocks.push({ type: "actions", elements: buttons });
  return { text: truncate(verdict, LIMITS.fallbackText), blocks };
}
