/**
 * The feedback pieces an agent sees: the Helpful / Not right buttons on an answer, the
 * "Not right" form, and the maintainers' figures in the Home tab.
 */
import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/index.js";
import type { SlackMessage } from "../../src/render/blocks.js";
import { feedbackModal } from "../../src/render/feedback.js";
import { maintainersBlocks } from "../../src/render/home.js";
import { answerMessage, privateAnswerMessage } from "../../src/render/index.js";
import { buildReport } from "../../src/report/report.js";
import type { AnswerRecord } from "../../src/store/index.js";
import { MAX_COMMENT_LENGTH } from "../../src/store/index.js";

const engine = createEngine({ teamsFile: null });
const RECORD_ID = "rEc0123456789abc";

const actionsOf = (message: SlackMessage) => message.blocks.filter((b) => b.type === "actions");

describe("feedback buttons", () => {
  it("end an answer, after Share, both carrying only the answer's record id", () => {
    const message = privateAnswerMessage(engine.answer("803 points"), {
      shareKey: "kEy0123456789abc",
      feedbackId: RECORD_ID,
    });
    expect(message.blocks.at(-1)).toEqual({
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: "share_answer",
          text: { type: "plain_text", text: "Share in channel", emoji: false },
          value: "kEy0123456789abc",
        },
        {
          type: "button",
          action_id: "feedback_helpful",
          text: { type: "plain_text", text: "Helpful", emoji: false },
          value: RECORD_ID,
        },
        {
          type: "button",
          action_id: "feedback_not_right",
          text: { type: "plain_text", text: "Not right", emoji: false },
          value: RECORD_ID,
        },
      ],
    });
  });

  it("share the answer's one row of buttons: no block is added for them", () => {
    const answer = engine.answer("1012");
    const without = answerMessage(answer, { shareKey: "k" });
    const withFeedback = answerMessage(answer, { shareKey: "k", feedbackId: RECORD_ID });
    expect(withFeedback.blocks).toHaveLength(without.blocks.length);
    expect(actionsOf(withFeedback)).toHaveLength(1);
  });

  it("are left off an answer that was not recorded, and off the usage text (nothing to rate)", () => {
    expect(JSON.stringify(answerMessage(engine.answer("803")))).not.toContain("feedback_");
    const help = answerMessage(engine.answer("help"), { feedbackId: RECORD_ID });
    expect(JSON.stringify(help)).not.toContain("feedback_");
  });
});

describe("the Not right form", () => {
  it("asks what was wrong in words (required) and takes an optional comment, cut by Slack at the kept length", () => {
    const view = feedbackModal('{"answerId":"x"}');
    expect(view).toMatchObject({
      type: "modal",
      callback_id: "feedback_not_right",
      title: { text: "Not right" },
      submit: { text: "Send" },
      private_metadata: '{"answerId":"x"}',
    });
    expect(view.blocks).toEqual([
      {
        type: "input",
        block_id: "reason",
        label: { type: "plain_text", text: "What was wrong?", emoji: false },
        optional: false,
        element: {
          type: "radio_buttons",
          action_id: "reason",
          options: [
            ["wrong_meaning", "Wrong meaning for this code"],
            ["wrong_resource", "Meaning of another resource"],
            ["wording", "Customer wording"],
            ["escalation", "Escalation"],
            ["other", "Something else"],
          ].map(([value, text]) => ({ text: { type: "plain_text", text, emoji: false }, value })),
        },
      },
      expect.objectContaining({
        type: "input",
        block_id: "comment",
        optional: true,
        element: expect.objectContaining({
          type: "plain_text_input",
          multiline: true,
          max_length: MAX_COMMENT_LENGTH,
        }) as unknown,
      }),
    ]);
  });
});

describe("the maintainers' figures", () => {
  const answer = (over: Partial<AnswerRecord>): AnswerRecord => ({
    time: 0,
    surface: "slash",
    entries: [{ code: 803, resource: "points" }],
    confidence: null,
    query: null,
    ...over,
  });

  it("count answers, Not right votes with their top reasons, unknown codes and missed questions, and show no comment", () => {
    const slash = answer({});
    const report = buildReport(
      {
        answers: [slash, answer({ surface: "paste" }), answer({ confidence: "weak", query: "q" })],
        votes: [
          { answer: slash, vote: "not_right", reason: "wording", comment: "<@U123> fix it" },
          { answer: slash, vote: "not_right", reason: "wording", comment: null },
          { answer: slash, vote: "not_right", reason: "escalation", comment: null },
          { answer: slash, vote: "helpful", reason: null, comment: null },
        ],
        sightings: [],
      },
      0,
      1,
    );
    const [header, figures, footer] = maintainersBlocks(report);
    expect(header).toMatchObject({
      type: "header",
      text: { text: "For maintainers, last 7 days" },
    });
    expect(figures).toEqual({
      type: "section",
      text: {
        type: "mrkdwn",
        text: [
          "*Answers:* 3",
          "• by surface: slash 2, paste 1",
          "• by confidence: code 2, weak 1",
          '*"Not right" votes:* 3 (Customer wording 2, Escalation 1)',
          "*Unknown codes seen:* 0",
          "*Missed questions:* 1",
        ].join("\n"),
      },
    });
    expect(JSON.stringify(footer)).toContain("loyalty-code report --since 7d");
    expect(JSON.stringify(maintainersBlocks(report))).not.toContain("U123");
  });
});
