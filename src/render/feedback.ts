/**
 * What the feedback buttons show: the "Not right" form and the short private replies to
 * a vote. Comments are never echoed back, so nothing a voter types can ping anyone.
 */
import type { VoteReason } from "../store/records.js";
import { MAX_COMMENT_LENGTH, VOTE_REASONS } from "../store/records.js";
import type { ModalView, Option } from "./views.js";
import { mrkdwnSection, plain } from "./views.js";

export const FEEDBACK_CALLBACK_ID = "feedback_not_right";

/** The form's inputs: block and action ids, as view_submission reports their values. */
export const FEEDBACK_INPUTS = {
  reason: { block: "reason", action: "reason" },
  comment: { block: "comment", action: "comment" },
} as const;

/** Each reason in words, in the order the form offers them. */
export const REASON_LABELS: Readonly<Record<VoteReason, string>> = {
  wrong_meaning: "Wrong meaning for this code",
  wrong_resource: "Meaning of another resource",
  wording: "Customer wording",
  escalation: "Escalation",
  other: "Something else",
};

export const THANKS_NOTED = "Thanks, noted.";

export const REASON_REQUIRED = "Pick what was wrong.";

/** Recording was switched off after the answer was given: the vote has nowhere to go. */
export const RECORDING_OFF =
  "Feedback is not being recorded at the moment, so your vote was not kept.";

/** A vote on an answer whose record is past the retention period. */
export const recordExpiredText = (days: number): string =>
  `This answer is older than ${String(days)} day${days === 1 ? "" : "s"}; its record has expired, so your vote was not kept. Ask again to rate a fresh answer.`;

const reasonOption = (reason: VoteReason): Option => ({
  text: plain(REASON_LABELS[reason]),
  value: reason,
});

/** The "Not right" form: what was wrong (required) and an optional comment. */
export function feedbackModal(privateMetadata: string): ModalView {
  return {
    type: "modal",
    callback_id: FEEDBACK_CALLBACK_ID,
    title: plain("Not right"),
    submit: plain("Send"),
    close: plain("Cancel"),
    private_metadata: privateMetadata,
    blocks: [
      {
        type: "input",
        block_id: FEEDBACK_INPUTS.reason.block,
        label: plain("What was wrong?"),
        optional: false,
        element: {
          type: "radio_buttons",
          action_id: FEEDBACK_INPUTS.reason.action,
          options: VOTE_REASONS.map(reasonOption),
        },
      },
      {
        type: "input",
        block_id: FEEDBACK_INPUTS.comment.block,
        label: plain("Anything to add?"),
        optional: true,
        element: {
          type: "plain_text_input",
          action_id: FEEDBACK_INPUTS.comment.action,
          multiline: true,
          max_length: MAX_COMMENT_LENGTH,
          placeholder: plain("What the answer should have said (no customer details, please)"),
        },
      },
    ],
  };
}

/** Shown in place of the form when its answer's record has expired. */
export const feedbackExpiredModal = (days: number): ModalView => ({
  type: "modal",
  title: plain("Not right"),
  close: plain("Close"),
  blocks: [mrkdwnSection(recordExpiredText(days))],
});
