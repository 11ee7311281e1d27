import { describe, expect, it } from "vitest";
import type { CauseClass, Entry } from "../../src/catalog/types.js";
import type { Answer } from "../../src/engine/index.js";
import { LIMITS, renderBlocks } from "../../src/render/blocks.js";
import { answerMessage, answerText } from "../../src/render/index.js";
import { present } from "../../src/render/present.js";

const programRules: CauseClass = {
  id: "program-rules",
  title: "Program rules",
  customerCanAct: true,
  customerWording: null,
  customerWordingByResource: {},
  agentAdvice: "",
  escalation: null,
};
const integration: CauseClass = {
  ...programRules,
  id: "integration",
  title: "Our integration",
  customerCanAct: false,
};

const entry = (over: Partial<Entry> = {}): Entry => ({
  id: "points.803.error",
  code: 803,
  resource: "points",
  kind: "error",
  description: "Unable to redeem. More than the available points",
  variants: [],
  sources: ["v1.1-codes"],
  generations: ["v1.1"],
  notes: [],
  wordings: [{ text: "Unable to redeem. More than the available points", sources: ["v1.1-codes"] }],
  class: programRules,
  explain: "The customer asked for more points than they have.",
  check: "Check the balance.",
  customerWording: "You don't have enough points for this.",
  escalation: null,
  escalationWhy: null,
  ...over,
});

const codeAnswer = (e: Entry): Answer => ({
  type: "codes",
  query: "803",
  words: "",
  confidence: "strong",
  items: [
    {
      code: e.code,
      requestedResource: null,
      matches: [{ entry: e, score: 1, reasons: [], messageMatches: null }],
      narrowed: true,
      notDocumentedFor: null,
      otherResources: [],
      nearest: [],
    },
  ],
});

describe("Block Kit rendering", () => {
  it("lays out one meaning as header, meaning, customer wording, escalation and context, with a share button", () => {
    expect(answerMessage(codeAnswer(entry()), { shareValue: "803" })).toEqual({
      text: "Response code 803\n803 · points · error: Unable to redeem. More than the available points",
      blocks: [
        {
          type: "header",
          text: { type: "plain_text", text: "803 · points · error", emoji: false },
        },
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: "*What it means:* Unable to redeem. More than the available points\nThe customer asked for more points than they have.\n*Check:* Check the balance.",
          },
        },
        { type: "section", text: { type: "mrkdwn", text: "*Tell the customer:*" } },
        {
          type: "section",
          text: { type: "mrkdwn", text: "```You don't have enough points for this.```" },
        },
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: "*Escalation:* none, the agent can resolve this with the customer.",
          },
        },
        {
          type: "context",
          elements: [{ type: "mrkdwn", text: "Program rules · sources: v1.1-codes" }],
        },
        {
          type: "actions",
          elements: [
            {
              type: "button",
              action_id: "share_answer",
              text: { type: "plain_text", text: "Share in channel", emoji: false },
              value: "803",
            },
          ],
        },
      ],
    });
  });

  it("mentions the escalation team's user group and channel when the company has set them", () => {
    const escalating = entry({
      class: integration,
      escalation: {
        team: {
          id: "integration-engineering",
          name: "Loyalty engineers",
          channel: "C0123ABCD",
          usergroup: "S0123ABCD",
        },
        urgency: "normal",
        when: "Always.",
        collect: ["request id", "store and till"],
      },
    });
    const texts = answerMessage(codeAnswer(escalating)).blocks.map((b) => JSON.stringify(b));
    expect(texts.join("\n")).toContain(
      "*Escalate to* <!subteam^S0123ABCD> in <#C0123ABCD> · normal urgency",
    );
    expect(texts.join("\n")).toContain("*Collect first:* request id; store and till");
    const unset = entry({
      class: integration,
      escalation: {
        team: { id: "x", name: "Loyalty engineers", channel: null, usergroup: null },
        urgency: "high",
        when: "Always.",
        collect: [],
      },
    });
    expect(JSON.stringify(answerMessage(codeAnswer(unset)).blocks)).toContain(
      "*Escalate to* *Loyalty engineers* · high urgency",
    );
  });

  it("escapes echoed text so it cannot ping, link or restyle", () => {
    const answer: Answer = {
      type: "search",
      query: "<!channel> <@U1> <http://evil|x> *b* `c`",
      resource: null,
      confidence: "none",
      hits: [],
    };
    const message = answerMessage(answer);
    const all = JSON.stringify(message);
    for (const bad of ["<!channel>", "<@U1>", "<http://evil"]) expect(all).not.toContain(bad);
    expect(message.blocks[0]).toEqual({
      type: "section",
      text: {
        type: "mrkdwn",
        text: "No documented code matches `&lt;!channel&gt; &lt;@U1&gt; &lt;http://evil|x&gt; *b* 'c'`.\nAsk with a code (`/loyalty-code 803`), a code and a resource (`/loyalty-code 816 points`), or the words of the error message (`/loyalty-code Coupon has expired`).",
      },
    });
    expect(message.text).toBe("No matching codes");
  });

  it("summarises what does not fit in 50 blocks instead of failing", () => {
    const many: Answer = {
      type: "codes",
      query: "many",
      words: "",
      confidence: "strong",
      items: Array.from({ length: 40 }, (_, i) =>
        codeAnswer(entry({ code: 800 + i, id: `points.${800 + i}.error` })),
      ).flatMap((a) => (a.type === "codes" ? a.items : [])),
    };
    const message = answerMessage(many, { shareValue: "many" });
    expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    const summary = message.blocks.at(-2);
    expect(summary?.type).toBe("section");
    expect(JSON.stringify(summary)).toMatch(/…and 32 more:\* 808 · points · error: Unable/);
    expect(message.blocks.at(-1)?.type).toBe("actions");
    expect(message.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  });

  it("drops a share button whose value would exceed Slack's limit, and names who shared", () => {
    const message = answerMessage(codeAnswer(entry()), {
      shareValue: "x".repeat(2001),
      sharedBy: "U0SHARER",
    });
    expect(message.blocks.some((b) => b.type === "actions")).toBe(false);
    expect(message.blocks[0]).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: "Shared by <@U0SHARER>" }],
    });
  });

  it("keeps every section and header within Slack's limits for huge text", () => {
    const huge = entry({ description: "word ".repeat(2000), explain: "x".repeat(5000) });
    const message = renderBlocks(present(codeAnswer(huge), { command: "/loyalty-code" }));
    for (const block of message.blocks) {
      if (block.type === "section")
        expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      if (block.type === "header")
        expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    }
  });
});

describe("terminal rendering", () => {
  it("prints the same answer as plain text", () => {
    expect(answerText(codeAnswer(entry()))).toBe(
      [
        "Response code 803",
        "",
        "803 · points · error",
        "────────────────────",
        "What it means: Unable to redeem. More than the available points",
        "The customer asked for more points than they have.",
        "Check: Check the balance.",
        "Tell the customer:",
        "  │ You don't have enough points for this.",
        "Escalation: none, the agent can resolve this with the customer.",
        "  (Program rules · sources: v1.1-codes)",
        "",
      ].join("\n"),
    );
  });

  it("strips terminal control sequences from echoed text", () => {
    const text = answerText({
      type: "search",
      query: "\u001b[31mred\u001b[0m\u0007",
      resource: null,
      confidence: "none",
      hits: [],
    });
    expect(text.split("").filter((ch) => ch < " " && ch !== "\n")).toEqual([]);
    expect(text).toContain('"red"');
  });
});
