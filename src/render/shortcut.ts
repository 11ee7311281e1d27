import type { Answer } from "../engine/index.js";
import type { Block } from "./blocks.js";
import { ESCALATE_ACTION_ID, renderBlocks } from "./blocks.js";
import { COMMAND_NAME, SLASH_COMMAND } from "./command-name.js";
import { present } from "./present.js";
import type { ModalView, ViewBlock } from "./views.js";
import { contextBlock, mrkdwnSection, noticeModal, plain } from "./views.js";

export const EXPLAIN_SHORTCUT_ID = "explain_loyalty_codes";
export const POST_IN_THREAD_ACTION_ID = "post_in_thread";
const POST_BLOCK_ID = "post_in_thread";

/** Whether the answer can go to the message's thread, and if not, why not. */
export type ThreadPosting =
  | { type: "offer" }
  | { type: "posted" }
  | {
      type: "not-possible";
      reason: "direct-message" | "already-answered" | "not-in-channel" | "failed";
    };

const WHY_NOT = {
  "already-answered": "I already answered this message in its thread.",
  "direct-message":
    "I can't post in a direct message between people; copy what you need from here.",
  "not-in-channel": `I can't post in that thread: I'm not a member of this private conversation. Invite me with \`/invite @${COMMAND_NAME}\` and use the shortcut again, or copy what you need from here.`,
  failed: "Slack refused the post in the thread; try again in a moment.",
} as const;

/** What can be done from the modal: post in the thread (or why not), and escalate. */
function postingBlocks(posting: ThreadPosting, escalateValue: string | undefined): ViewBlock[] {
  const blocks: ViewBlock[] = [];
  if (posting.type === "posted") blocks.push(contextBlock("Posted in the message's thread."));
  if (posting.type === "not-possible") blocks.push(contextBlock(WHY_NOT[posting.reason]));
  const buttons = [
    ...(posting.type === "offer"
      ? [
          {
            type: "button" as const,
            action_id: POST_IN_THREAD_ACTION_ID,
            text: plain("Post in thread"),
            value: "post",
          },
        ]
      : []),
    ...(escalateValue === undefined
      ? []
      : [
          {
            type: "button" as const,
            action_id: ESCALATE_ACTION_ID,
            text: plain("Escalate"),
            value: escalateValue,
          },
        ]),
  ];
  if (buttons.length > 0)
    blocks.push({ type: "actions", block_id: POST_BLOCK_ID, elements: buttons });
  return blocks;
}

/**
 * The answer to "Explain loyalty codes" on a message: the answer's blocks (without its
 * buttons, which belong to messages), then the offer to post it in the message's thread
 * or why that cannot be done, and Escalate when `escalateValue` is given (the answer
 * names a team). `privateMetadata` says which message it is about.
 */
export function explainModal(
  answer: Answer,
  posting: ThreadPosting,
  privateMetadata: string,
  escalateValue?: string,
): ModalView {
  const message = renderBlocks(present(answer, { command: SLASH_COMMAND }));
  const blocks: ViewBlock[] = message.blocks.filter((block: Block) => block.type !== "actions");
  return {
    type: "modal",
    callback_id: EXPLAIN_SHORTCUT_ID,
    title: plain("Loyalty codes"),
    close: plain("Close"),
    private_metadata: privateMetadata,
    blocks: [...blocks, ...postingBlocks(posting, escalateValue)],
  };
}

/** The shortcut on a message with no text: an image, a file, a message of blocks only. */
export function noTextModal(): ModalView {
  return noticeModal("Loyalty codes", [
    mrkdwnSection(
      `This message has no text I can read (an image or a file, perhaps). Paste the response as text, or type the code: \`${SLASH_COMMAND} 803\`.`,
    ),
  ]);
}
