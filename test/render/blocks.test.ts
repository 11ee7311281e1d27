import { describe, expect, it } from "vitest";
import type { CauseClass, Entry } from "../../src/catalog/types.js";
import type { Answer } from "../../src/engine/index.js";
import { LIMITS, renderBlocks } from "../../src/render/blocks.js";
import { answerMessage, answerText } from "../../src/render/index.js";
import { present } from "../../src/render/present.js";
import { createEngine } from "../../src/engine/index.js";

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
  sameMeaning: over.id ?? "points.803.error",
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

const share = {
  type: "actions",
  elements: [
    {
      type: "button",
      action_id: "share_answer",
      text: { type: "plain_text", text: "Share in channel", emoji: false },
      value: "k3Y",
    },
  ],
};

const integrationTeam = {
  id: "integration-engineering",
  name: "Loyalty engineers",
  channel: "C0123ABCD",
  usergroup: "S0123ABCD",
};

describe("Block Kit rendering", () => {
  it("lays out one meaning verdict first: what it means, the customer wording as a quote, escalation, share", () => {
    const verdict =
      "*803 · points*: Unable to redeem. More than the available points → tell the customer, no escalation";
    expect(answerMessage(codeAnswer(entry()), { shareKey: "k3Y" })).toEqual({
      text: verdict,
      blocks: [
        { type: "section", text: { type: "mrkdwn", text: verdict } },
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: "*What it means:* Unable to redeem. More than the available points\nThe customer asked for more points than they have.\n*Check:* Check the balance.",
          },
        },
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: "*Tell the customer:*\n>You don't have enough points for this.",
          },
        },
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: "*Escalation:* none, the agent can resolve this with the customer.",
          },
        },
        share,
      ],
    });
  });

  it("says whom to escalate to in the verdict, mentions the team's group and channel, and lists what to collect once", () => {
    const escalating = (id: string, resource: "points" | "customer", collect: string[]) =>
      entry({
        id,
        resource,
        class: integration,
        escalation: { team: integrationTeam, urgency: "high", when: "Always.", collect },
      });
    const answer: Answer = {
      type: "codes",
      confidence: "strong",
      query: "803",
      words: "",
      items: [
        {
          code: 803,
          requestedResource: null,
          matches: [
            {
              entry: escalating("points.803.error", "points", ["request id", "store and till"]),
              score: 1,
              reasons: [],
              messageMatches: null,
            },
            {
              entry: escalating("customer.803.error", "customer", ["request id", "bill number"]),
              score: 0.9,
              reasons: [],
              messageMatches: null,
            },
          ],
          narrowed: false,
          nearest: [],
          notDocumentedFor: null,
          otherResources: [],
        },
      ],
    };
    const message = answerMessage(answer);
    expect(message.text).toBe(
      "*803*: 2 meanings; points: Unable to redeem. More than the available points → escalate to Loyalty engineers, high; customer: Unable to redeem. More than the available points → escalate to Loyalty engineers, high",
    );
    const all = JSON.stringify(message.blocks);
    expect(all).toContain(
      "*Escalate to* <!subteam^S0123ABCD> in <#C0123ABCD> · high urgency: Always.",
    );
    // One collect list for the whole answer, each item once.
    expect(all.match(/Collect first/g)).toHaveLength(1);
    expect(all).toContain("*Collect first, to escalate:* request id; store and till; bill number");
  });

  it("does not tell the agent to escalate now when the escalation depends on a condition", () => {
    const conditional = entry({
      id: "transaction.604.error",
      code: 604,
      resource: "transaction",
      description: "Transaction number already exists.",
      class: integration,
      escalation: {
        team: integrationTeam,
        urgency: "normal",
        when: "Only if the bill is missing from the customer's account.",
        collect: [],
      },
    });
    const answer: Answer = {
      type: "codes",
      confidence: "strong",
      query: "604",
      words: "",
      items: [
        {
          code: 604,
          requestedResource: null,
          matches: [{ entry: conditional, score: 1, reasons: [], messageMatches: null }],
          narrowed: false,
          nearest: [],
          notDocumentedFor: null,
          otherResources: [],
        },
      ],
    };
    // The condition is in the escalation block; the verdict must not read as "escalate now".
    expect(answerMessage(answer).text).toBe(
      "*604 · transaction*: Transaction number already exists → escalate if needed to Loyalty engineers, normal",
    );
  });

  it("shows meanings that say the same thing for several resources once, naming both", () => {
    const customer = entry({
      id: "customer.816.error",
      code: 816,
      resource: "customer",
      description: "Customer not found for organization.",
    });
    const points = entry({
      id: "points.816.error",
      code: 816,
      resource: "points",
      description: "Unable to find customer in this organization",
      sameMeaning: "customer.816.error",
    });
    const answer: Answer = {
      type: "codes",
      confidence: "strong",
      query: "816",
      words: "",
      items: [
        {
          code: 816,
          requestedResource: null,
          matches: [
            { entry: customer, score: 1, reasons: [], messageMatches: null },
            { entry: points, score: 1, reasons: [], messageMatches: null },
          ],
          narrowed: false,
          nearest: [],
          notDocumentedFor: null,
          otherResources: [],
        },
      ],
    };
    const message = answerMessage(answer);
    expect(message.text).toBe(
      "*816 · customer, points*: Customer not found for organization → tell the customer, no escalation",
    );
    expect(JSON.stringify(message)).not.toContain("Unable to find customer");
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
    expect(message.text).toBe(
      "No documented code matches `&lt;!channel&gt; &lt;@U1&gt; &lt;http://evil|x&gt; *b* 'c'`",
    );
  });

  it("summarises what does not fit in 50 blocks instead of failing", () => {
    const many: Answer = {
      type: "codes",
      query: "many",
      words: "",
      confidence: "strong",
      items: Array.from({ length: 60 }, (_, i) =>
        codeAnswer(entry({ code: 800 + i, id: `points.${800 + i}.error` })),
      ).flatMap((a) => (a.type === "codes" ? a.items : [])),
    };
    const message = answerMessage(many, { shareKey: "k3Y" });
    expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    const summary = message.blocks.at(-2);
    expect(JSON.stringify(summary)).toMatch(/…and 13 more:\* 847 · points, 848 · points/);
    expect(message.blocks.at(-1)?.type).toBe("actions");
    expect(message.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  });

  it("names who shared an answer above it, and offers no share button on a shared answer", () => {
    const message = answerMessage(codeAnswer(entry()), { sharedBy: "U0SHARER" });
    expect(message.blocks.some((b) => b.type === "actions")).toBe(false);
    expect(message.blocks[0]).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: "Shared by <@U0SHARER>" }],
    });
  });

  it("keeps every section within Slack's limits for huge text", () => {
    const huge = entry({ description: "word ".repeat(2000), explain: "x".repeat(5000) });
    const message = renderBlocks(present(codeAnswer(huge), { command: "/loyalty-code" }));
    for (const block of message.blocks) {
      if (block.type === "section")
        expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    }
  });
});

describe("terminal rendering", () => {
  it("prints the same answer as plain text", () => {
    expect(answerText(codeAnswer(entry()))).toBe(
      [
        "803 · points: Unable to redeem. More than the available points → tell the customer, no escalation",
        "",
        "What it means: Unable to redeem. More than the available points",
        "The customer asked for more points than they have.",
        "Check: Check the balance.",
        "Tell the customer:",
        "  │ You don't have enough points for this.",
        "Escalation: none, the agent can resolve this with the customer.",
        "",
      ].join("\n"),
    );
  });

  it("adds sources and the class only with evidence (--verbose)", () => {
    expect(answerText(codeAnswer(entry()), { evidence: true })).toContain(
      "  (Program rules · sources: v1.1-codes)",
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

describe("search candidates", () => {
  const engine = createEngine({ teamsFile: null });

  it("lists each close candidate with its meaning and resource, and a button that opens it", () => {
    // "customer not found" fits 816, 8009, 8015 and 611 about equally: no single answer.
    const message = answerMessage(engine.answer("customer not found"));
    const list = message.blocks[1];
    const buttons = message.blocks[2];
    if (list?.type !== "section" || buttons?.type !== "actions") throw new Error("no candidates");
    const lines = list.text.text.split("\n").slice(1);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toBe("*816 · customer*: Customer not found for organization.");
    // Weak evidence: the meanings to choose from, no action until one is picked.
    expect(lines[1]).toBe("*8009 · customer*: Update failed, Customer not found");
    expect(buttons.elements.map((b) => [b.text.text, b.value]).slice(0, 2)).toEqual([
      ["816 · customer", "816 customer"],
      ["8009 · customer", "8009 customer"],
    ]);
    expect(message.text).toMatch(/^\d possible codes for `customer not found`/);
  });
});
