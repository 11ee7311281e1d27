/**
 * The answer budgets of the Slack layout, swept over every code of the catalog and a set
 * of real-shaped pastes: an agent should take in an answer in seconds, and a paste of any
 * size must stay one readable message. "Characters" are what Slack shows: the text of
 * every section, context and button.
 */
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXAMPLES } from "../../scripts/examples.js";
import { createEngine } from "../../src/engine/index.js";
import type { Answer } from "../../src/engine/index.js";
import type { Block, SlackMessage } from "../../src/render/blocks.js";
import { answerMessage } from "../../src/render/index.js";
import { escalateValueFor } from "../../src/slack/answering.js";
import { groupMeanings } from "../../src/render/meanings.js";
import { expectWithinLimits } from "../engine/diagnose-helpers.js";
import { hugeCustomerAddPaste } from "../../support/pastes.js";

const engine = createEngine({ teamsFile: null });
const HELD_KEY = "kEy0123456789abc";

/**
 * An answer with every button it carries in Slack: Share, Escalate where it names a team,
 * and the feedback buttons of a recorded answer.
 */
function withButtons(answer: Answer): SlackMessage {
  const escalateValue = escalateValueFor(answer, { key: HELD_KEY, origin: "1700000000.123456" });
  return answerMessage(answer, {
    shareKey: HELD_KEY,
    feedbackId: HELD_KEY,
    ...(escalateValue === undefined ? {} : { escalateValue }),
  });
}

/**
 * One meaning is read in at most 1,500 characters; the feedback buttons ("Helpful",
 * "Not right") sit on the row of buttons already there and add their 16 characters on top.
 */
const SINGLE_MEANING_CHARS = 1500 + "Helpful".length + "Not right".length;

const hasEscalate = (message: SlackMessage) =>
  message.blocks.some(
    (b) => b.type === "actions" && b.elements.some((e) => e.action_id === "escalate"),
  );

function shownChars(message: SlackMessage): number {
  const of = (block: Block): string[] => {
    switch (block.type) {
      case "section":
        return [block.text.text];
      case "context":
        return block.elements.map((e) => e.text);
      case "actions":
        return block.elements.map((b) => b.text.text);
    }
  };
  return message.blocks.flatMap(of).join("").length;
}

const codes = [...engine.catalog.byCode.keys()].sort((a, b) => a - b);

describe("code answers", () => {
  it(`every catalog code (${codes.length}) answers in at most 12 blocks; one meaning in at most 6 and 1,500 characters (and the feedback buttons)`, () => {
    const over: string[] = [];
    let single = 0;
    let escalated = 0;
    for (const code of codes) {
      const answer = engine.answer(String(code));
      const message = withButtons(answer);
      if (hasEscalate(message)) escalated++;
      expectWithinLimits(message);
      const blocks = message.blocks.length;
      const chars = shownChars(message);
      if (blocks > 12) over.push(`${code}: ${blocks} blocks`);
      const item = answer.type === "codes" ? answer.items[0] : undefined;
      if (item && (item.narrowed || groupMeanings(item.matches).length === 1)) {
        single++;
        if (blocks > 6 || chars > SINGLE_MEANING_CHARS)
          over.push(`${code}: ${blocks} blocks, ${chars} chars`);
      }
    }
    expect(over).toEqual([]);
    expect(single).toBeGreaterThan(300);
    // The sweep measures the Escalate button where it appears: most codes name a team.
    expect(escalated).toBeGreaterThan(codes.length / 2);
  });

  it("every meaning asked for by code and resource answers in at most 6 blocks and 1,500 characters (and the feedback buttons)", () => {
    const over: string[] = [];
    for (const entry of engine.catalog.entries) {
      const message = withButtons(engine.answer(`${entry.code} ${entry.resource}`));
      expectWithinLimits(message);
      const chars = shownChars(message);
      if (message.blocks.length > 6 || chars > SINGLE_MEANING_CHARS) {
        over.push(`${entry.id}: ${message.blocks.length} blocks, ${chars} chars`);
      }
    }
    expect(over).toEqual([]);
  });

  it("no answer shows agents the maintainers' evidence or a customer wording as a code block", () => {
    for (const code of codes) {
      const all = JSON.stringify(answerMessage(engine.answer(String(code))));
      expect(all).not.toMatch(/sources:|ranked by/);
      expect(all).not.toContain("```");
    }
  });

  it("816 (customer and points say the same thing) is one meaning, not the same one twice", () => {
    const message = withButtons(engine.answer("816"));
    expect(message.blocks.length).toBeLessThanOrEqual(6);
    expect(message.text).toMatch(/^\*816 · customer, points\*: /);
    expect(JSON.stringify(message).match(/Tell the customer/g)).toHaveLength(1);
  });
});

/** Pastes as agents and engineers bring them: the fixtures, the hostile corpus, big ones. */
function pastes(): [string, string][] {
  const dirs = ["../fixtures/pastes/", "../fixtures/hostile/"];
  const files = dirs.flatMap((dir) =>
    readdirSync(new URL(dir, import.meta.url))
      .filter((name) => !name.endsWith(".md") && !name.endsWith(".bin"))
      .map((name): [string, string] => [
        name,
        readFileSync(new URL(dir + name, import.meta.url), "utf8"),
      ]),
  );
  // A v2 bulk body with one error of every code the catalog has, 40 at a time.
  const everyCode: [string, string][] = [];
  for (let i = 0; i < codes.length; i += 40) {
    const errors = codes
      .slice(i, i + 40)
      .map((code) => ({ status: false, code, message: `Rejected ${String(code)}` }));
    everyCode.push([`v2 errors ${String(i)}`, JSON.stringify({ errors, warnings: errors })]);
  }
  return [
    ...files,
    ...everyCode,
    ["40 kB customer/add, 5 codes", hugeCustomerAddPaste([1012, 618, 803, 9901, 8055])],
    ["40 kB customer/add, 60 codes", hugeCustomerAddPaste(codes.slice(0, 60))],
    ...EXAMPLES.map((e): [string, string] => [e.name, e.input]),
  ];
}

describe("paste diagnoses", () => {
  const set = pastes().filter(([, text]) => engine.diagnose(text) !== null);

  it("the paste set is real-shaped and large", () => {
    expect(set.length).toBeGreaterThan(40);
  });

  it.each(set)("%s: at most 15 blocks and 3,000 characters, every item counted", (_name, text) => {
    const message = withButtons(engine.answer(text));
    expectWithinLimits(message);
    expect(message.blocks.length).toBeLessThanOrEqual(15);
    expect(shownChars(message)).toBeLessThanOrEqual(3000);
    const diagnosis = engine.diagnose(text);
    const items = diagnosis?.findings.reduce((n, f) => n + f.count, 0) ?? 0;
    const counted = [
      ...message.text.matchAll(/(\d+) (?:item errors?|warnings?|unknown codes?|succeeded)/g),
    ].reduce((n, m) => n + Number(m[1]), 0);
    expect(counted).toBe(items);
  });
});
