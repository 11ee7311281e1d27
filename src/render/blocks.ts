import type {
  ActionsBlock,
  Button,
  ContextBlock,
  HeaderBlock,
  MrkdwnElement,
  SectionBlock,
} from "@slack/types";
import { echoInline, escapeMrkdwn, truncate } from "./escape.js";
import type { Line, Part, Presentation, Span } from "./layout.js";

/**
 * The Block Kit blocks the bot sends, as the Slack SDK types them (a types-only package),
 * narrowed to what the bot puts in them: mrkdwn text and buttons with a value.
 */
export type Block =
  | HeaderBlock
  | (Omit<SectionBlock, "text"> & { text: MrkdwnElement })
  | (Omit<ContextBlock, "elements"> & { elements: MrkdwnElement[] })
  | (Omit<ActionsBlock, "elements"> & { elements: MessageButton[] });

/** A button the bot puts on a message or modal: it always carries a value. */
export type MessageButton = Button & { value: string };

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

export interface BlockOptions {
  /** Adds a "Share in channel" button carrying this value (ignored if it is too long). */
  shareValue?: string;
  /** Adds an "Escalate" button carrying this value (ignored if it is too long). */
  escalateValue?: string;
  /** Slack user id of whoever shared the answer into the channel, named above it. */
  sharedBy?: string;
}

function spanMrkdwn(span: Span): string {
  if (typeof span === "string") return escapeMrkdwn(span);
  if ("echo" in span) return echoInline(span.echo);
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

function partBlock(part: Part): Block {
  switch (part.type) {
    case "header":
      return {
        type: "header",
        text: { type: "plain_text", text: truncate(part.text, LIMITS.headerText), emoji: false },
      };
    case "section":
      return {
        type: "section",
        text: { type: "mrkdwn", text: fitLines(part.lines.map(lineMrkdwn), LIMITS.sectionText) },
      };
    case "quote":
      return {
        type: "section",
        text: {
          type: "mrkdwn",
          text:
            "```" +
            truncate(escapeMrkdwn(part.text.replace(/`/g, "'")), LIMITS.sectionText - 6) +
            "```",
        },
      };
    case "context":
      return {
        type: "context",
        elements: [
          { type: "mrkdwn", text: fitLines(part.lines.map(lineMrkdwn), LIMITS.sectionText) },
        ],
      };
  }
}

/**
 * Renders a presentation as a Slack message: blocks within Slack's limits however
 * long the answer (units that do not fit are summarised in one last section) and a
 * plain `text` fallback for notifications and clients without blocks.
 */
export function renderBlocks(presentation: Presentation, options: BlockOptions = {}): SlackMessage {
  const buttons: MessageButton[] = [];
  const addButton = (action_id: string, text: string, value: string | undefined) => {
    if (value !== undefined && value.length <= LIMITS.buttonValue) {
      buttons.push({
        type: "button",
        action_id,
        text: { type: "plain_text", text, emoji: false },
        value,
      });
    }
  };
  addButton(SHARE_ACTION_ID, "Share in channel", options.shareValue);
  addButton(ESCALATE_ACTION_ID, "Escalate", options.escalateValue);
  const reserved = 1 + (buttons.length === 0 ? 0 : 1);
  const blocks: Block[] = [];
  if (options.sharedBy !== undefined && /^[UW][A-Z0-9]{2,}$/.test(options.sharedBy)) {
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `Shared by <@${options.sharedBy}>` }],
    });
  }
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
  const summaries = presentation.units.map((unit) => unit.summary).filter((s) => s !== "");
  const fallback = [lineMrkdwn(presentation.title), ...summaries.map(escapeMrkdwn)].join("\n");
  return { text: fitLines(fallback.split("\n"), LIMITS.fallbackText), blocks };
}
