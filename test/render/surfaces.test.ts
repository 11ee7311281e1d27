/**
 * The Block Kit of the modals and the Home tab, built as plain data from the answer and
 * the teams configuration: compared whole, so that any change to what an agent sees is
 * a deliberate one.
 */
import { describe, expect, it } from "vitest";
import type { Catalog, CauseClass, Team } from "../../src/catalog/types.js";
import type { Escalation } from "../../src/engine/index.js";
import {
  escalationModal,
  escalationPost,
  homeView,
  messageLink,
  packetText,
} from "../../src/render/index.js";

const integrationTeam: Team = {
  id: "integration-engineering",
  name: "Loyalty integration engineers",
  channel: "C0INTEG001",
  usergroup: "S0INTEG001",
};

/** What an agent escalates after pasting a transaction/add that answered 604. */
const escalation: Escalation = {
  team: integrationTeam,
  urgency: "normal",
  classTitle: "Our integration sent a bad request",
  when: "Always; the customer cannot fix it.",
  collect: ["request id (X-CAP-REQUEST-ID header)", "bill or reference number, if any"],
  codes: [{ code: 604, resource: "transaction", meaning: "Transaction number already exists." }],
  requestId: "7c1d2e3f-0a9b-4c8d-8e7f-6a5b4c3d2e1f",
  apiPath: "/v1.1/transaction/add",
  facts: [{ label: "Bill number", value: "BILL-88121" }],
  customer: ["mobile 91•••••••210"],
};

const LINK = "https://fake.slack.com/archives/C0SUPPORT1/p1700000001000001";

const PACKET = [
  "604 · transaction — Transaction number already exists.",
  "Class: Our integration sent a bad request",
  "Request id (X-CAP-REQUEST-ID): 7c1d2e3f-0a9b-4c8d-8e7f-6a5b4c3d2e1f",
  "API: /v1.1/transaction/add",
  "Bill number: BILL-88121",
  "Customer (masked): mobile 91•••••••210",
  `Original message: ${LINK}`,
].join("\n");

describe("escalation packet", () => {
  it("lists what the team needs, one fact a line, ending with the link to the message", () => {
    expect(packetText(escalation, LINK)).toBe(PACKET);
  });

  it("says when there is no message to link (a private /loyalty-code answer)", () => {
    const bare: Escalation = {
      ...escalation,
      requestId: null,
      apiPath: null,
      facts: [],
      customer: [],
    };
    expect(packetText(bare, null)).toBe(
      [
        "604 · transaction — Transaction number already exists.",
        "Class: Our integration sent a bad request",
        "Original message: none (asked privately with /loyalty-code)",
      ].join("\n"),
    );
  });

  it("links a thread reply with its thread, and a top-level message without", () => {
    expect(messageLink("acme", "C1", "1700000002.000200", "1700000001.000100")).toBe(
      "https://acme.slack.com/archives/C1/p1700000002000200?thread_ts=1700000001.000100&cid=C1",
    );
    expect(messageLink(null, "C1", "1700000001.000100", "1700000001.000100")).toBe(
      "https://slack.com/archives/C1/p1700000001000100",
    );
  });
});

describe("escalation modal", () => {
  it("shows the packet as text and asks what was checked, the urgency and what was collected", () => {
    expect(escalationModal(escalation, PACKET, "{}")).toEqual({
      type: "modal",
      callback_id: "escalation",
      title: { type: "plain_text", text: "Escalate", emoji: false },
      submit: { type: "plain_text", text: "Send to team", emoji: false },
      close: { type: "plain_text", text: "Cancel", emoji: false },
      private_metadata: "{}",
      blocks: [
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: "Goes to *Loyalty integration engineers* (<!subteam^S0INTEG001>) in <#C0INTEG001>. Always; the customer cannot fix it.",
          },
        },
        { type: "section", text: { type: "mrkdwn", text: "```" + PACKET + "```" } },
        {
          type: "input",
          block_id: "checked",
          label: { type: "plain_text", text: "What I already checked", emoji: false },
          optional: false,
          element: {
            type: "plain_text_input",
            action_id: "checked_text",
            multiline: true,
            max_length: 2000,
            placeholder: {
              type: "plain_text",
              text: "Retried once at 10:40, balance is 1,200 points, other customers fine",
              emoji: false,
            },
          },
        },
        {
          type: "input",
          block_id: "urgency",
          label: { type: "plain_text", text: "Urgency", emoji: false },
          optional: false,
          element: {
            type: "static_select",
            action_id: "urgency_choice",
            options: ["none", "low", "normal", "high", "urgent"].map((u) => ({
              text: { type: "plain_text", text: u, emoji: false },
              value: u,
            })),
            initial_option: {
              text: { type: "plain_text", text: "normal", emoji: false },
              value: "normal",
            },
          },
        },
        {
          type: "input",
          block_id: "collect",
          label: { type: "plain_text", text: "Collected first", emoji: false },
          optional: true,
          element: {
            type: "checkboxes",
            action_id: "collect_choices",
            options: [
              {
                text: {
                  type: "plain_text",
                  text: "request id (X-CAP-REQUEST-ID header)",
                  emoji: false,
                },
                value: "0",
              },
              {
                text: {
                  type: "plain_text",
                  text: "bill or reference number, if any",
                  emoji: false,
                },
                value: "1",
              },
            ],
          },
        },
      ],
    });
  });

  it("without a team channel, says so and only shows the packet to copy", () => {
    const noChannel: Escalation = {
      ...escalation,
      team: { ...integrationTeam, channel: null, usergroup: null },
    };
    expect(escalationModal(noChannel, PACKET, "{}")).toEqual({
      type: "modal",
      title: { type: "plain_text", text: "Escalate", emoji: false },
      close: { type: "plain_text", text: "Close", emoji: false },
      blocks: [
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: "This goes to *Loyalty integration engineers*, but no Slack channel is set for that team, so I can't post it. Copy the packet below and send it to them; to have me post escalations, set the team's channel in the teams configuration.",
          },
        },
        { type: "section", text: { type: "mrkdwn", text: "```" + PACKET + "```" } },
      ],
    });
  });

  it("keeps a paste's mrkdwn inert: no channel-wide ping, no broken code block", () => {
    const hostile: Escalation = {
      ...escalation,
      facts: [{ label: "Reference", value: "<!channel> ```x" }],
    };
    const packet = packetText(hostile, null);
    expect(escalationModal(hostile, packet, "{}").blocks[1]).toEqual({
      type: "section",
      text: {
        type: "mrkdwn",
        text: [
          "```604 · transaction — Transaction number already exists.",
          "Class: Our integration sent a bad request",
          "Request id (X-CAP-REQUEST-ID): 7c1d2e3f-0a9b-4c8d-8e7f-6a5b4c3d2e1f",
          "API: /v1.1/transaction/add",
          "Reference: &lt;!channel&gt; '''x",
          "Customer (masked): mobile 91•••••••210",
          "Original message: none (asked privately with /loyalty-code)```",
        ].join("\n"),
      },
    });
  });
});

describe("escalation post", () => {
  it("mentions the team's group, names the agent and urgency, then what was checked and collected", () => {
    expect(
      escalationPost(escalation, PACKET, {
        agent: "U0AGENT1",
        checked: "Retried once; <!here> same error",
        urgency: "high",
        collected: ["request id (X-CAP-REQUEST-ID header)"],
      }),
    ).toEqual({
      text: "Escalation for Loyalty integration engineers (high): 604 transaction",
      blocks: [
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: "<!subteam^S0INTEG001>: escalation from <@U0AGENT1> · urgency *high* · 604 transaction",
          },
        },
        // The agent's words are escaped: typing <!here> does not ping the channel.
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: "*Already checked:* Retried once; &lt;!here&gt; same error",
          },
        },
        {
          type: "section",
          text: { type: "mrkdwn", text: "*Collected:* request id (X-CAP-REQUEST-ID header)" },
        },
        { type: "section", text: { type: "mrkdwn", text: "```" + PACKET + "```" } },
      ],
    });
  });
});

describe("App Home tab", () => {
  const cls = (id: string, title: string, team: string | null): CauseClass => ({
    id,
    title,
    customerCanAct: team === null,
    customerWording: null,
    customerWordingByResource: {},
    agentAdvice: "",
    escalation: team === null ? null : { team, urgency: "high", when: "", collect: [] },
  });
  const catalog = {
    classes: new Map([
      ["program-rules", cls("program-rules", "Program rules", null)],
      [
        "integration",
        cls("integration", "Our integration sent a bad request", "integration-engineering"),
      ],
      ["risk", cls("risk", "Fraud & risk flags", "risk")],
    ]),
    teams: new Map([
      ["integration-engineering", integrationTeam],
      ["risk", { id: "risk", name: "Risk team", channel: null, usergroup: null }],
    ]),
  } as unknown as Catalog;

  it("shows how to ask, who gets each class, and the most asked codes as counts", () => {
    const view = homeView(catalog, [
      { code: 803, count: 12 },
      { code: 604, count: 1 },
    ]);
    expect(view.type).toBe("home");
    expect(view.blocks.slice(2)).toEqual([
      { type: "header", text: { type: "plain_text", text: "Who gets escalations", emoji: false } },
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: [
            "*Program rules*: no escalation",
            "*Our integration sent a bad request*: Loyalty integration engineers in <#C0INTEG001>, high urgency",
            "*Fraud &amp; risk flags*: Risk team (no channel set), high urgency",
          ].join("\n"),
        },
      },
      {
        type: "header",
        text: { type: "plain_text", text: "Most asked, last 7 days", emoji: false },
      },
      { type: "section", text: { type: "mrkdwn", text: "`803` · 12 times\n`604` · 1 time" } },
      {
        type: "context",
        elements: [{ type: "mrkdwn", text: "Counts of codes only; no customer data is kept." }],
      },
    ]);
  });

  it("says when nothing was asked this week rather than showing an empty list", () => {
    expect(homeView(catalog, []).blocks[5]).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: "No codes asked about in the last 7 days." },
    });
  });
});
