/**
 * A code the catalog documents only for other resources than the one in context, and
 * the message that came with a code. The vendor reuses numbers across resources (744 is
 * a coupon-series code; 660 is a transaction and a coupon code, never a customer one):
 * giving another resource's meaning as the answer would send an agent the wrong way.
 */
import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/index.js";
import type { CodeAnswer } from "../../src/engine/index.js";
import { answerJson, answerText } from "../../src/render/index.js";
import { diagnosed, findingFor } from "./diagnose-helpers.js";
import { readFileSync } from "node:fs";

const engine = createEngine();
const shape = (name: string) =>
  readFileSync(new URL(`../fixtures/shapes/${name}`, import.meta.url), "utf8");

function onlyItem(text: string): CodeAnswer {
  const answer = engine.query(text);
  if (answer.type !== "codes" || answer.items.length !== 1 || !answer.items[0]) {
    throw new Error(`expected one code answer for ${text}`);
  }
  return answer.items[0];
}

describe("a code named with a resource it is not documented for", () => {
  it("744 points: not a points code; the coupon meaning is named but not applied", () => {
    const item = onlyItem("744 points");
    expect(item.matches).toEqual([]);
    expect(item.notDocumentedFor).toBe("points");
    expect(item.otherResources.map((m) => m.entry.id)).toEqual(["coupon.744.error"]);
    // Nearest documented points codes, so that the agent has somewhere to go.
    expect(item.nearest.length).toBeGreaterThan(0);
    expect(item.nearest.every((e) => e.resource === "points")).toBe(true);

    const text = answerText(engine.query("744 points"));
    expect(text).toMatch(/744 is not a documented points code/);
    expect(text).toMatch(/on coupon, 744 means .*Couldn't save coupon series fields.*not applied/i);
    // No escalation block for a meaning that does not apply.
    expect(text).not.toMatch(/Escalat/);
  });

  it("660 customer: says so instead of silently dropping the word", () => {
    const item = onlyItem("660 customer");
    expect(item.matches).toEqual([]);
    expect(item.notDocumentedFor).toBe("customer");
    expect(item.otherResources.map((m) => m.entry.resource).sort()).toEqual([
      "coupon",
      "transaction",
    ]);
    const text = answerText(engine.query("660 customer"));
    expect(text).toMatch(/660 is not a documented customer code/);
    expect(text).toMatch(/on transaction, 660 means/i);
    expect(text).toMatch(/on coupon, 660 means .*Coupon code has been revoked/i);
  });

  it("reports known: false and the other resources in JSON", () => {
    const json = answerJson(engine.query("744 points"));
    expect(json).toMatchObject({
      matches: [],
      unknown: [
        {
          code: 744,
          known: false,
          resource: "points",
          otherResources: [{ id: "coupon.744.error", code: 744, resource: "coupon" }],
        },
      ],
    });
  });

  it("still answers a code documented for the named resource as before", () => {
    const item = onlyItem("816 points");
    expect(item.notDocumentedFor).toBeNull();
    expect(item.matches[0]?.entry.id).toBe("points.816.error");
    expect(item.otherResources).toEqual([]);
  });
});

describe("a code in a paste whose resource it is not documented for", () => {
  it("a points response carrying 744 is not given the coupon meaning", () => {
    const d = diagnosed(engine, shape("v11-points-redeem-744.json"));
    const finding = findingFor(d, 744);
    expect(finding.inferredResource).toBe("points");
    expect(finding.matches).toEqual([]);
    expect(finding.notDocumentedFor).toBe("points");
    expect(finding.otherResources.map((m) => m.entry.id)).toEqual(["coupon.744.error"]);
    // Nearest points codes by the message that came with it: it speaks of redeeming more
    // points than are available, which is 803.
    expect(finding.nearest.every((e) => e.resource === "points")).toBe(true);
    expect(finding.nearest.map((e) => e.code)).toContain(803);

    const answer = { type: "diagnosis" as const, diagnosis: d };
    const text = answerText(answer);
    expect(text).toMatch(/744 is not a documented points code/);
    expect(text).toContain("Points redemption failed");
    expect(text).toMatch(/on coupon, 744 means .*not applied/i);
    expect(answerJson(answer)).toMatchObject({
      findings: [
        {
          code: 744,
          known: false,
          resource: "points",
          otherResources: [{ id: "coupon.744.error" }],
        },
      ],
    });
  });

  it("the same code with the coupon's own message is the coupon meaning: the message wins", () => {
    const text = shape("v11-points-redeem-744.json").replace(
      /"message": "Points redemption[^"]*"/,
      '"message": "Couldn\'t save coupon series fields"',
    );
    const finding = findingFor(diagnosed(engine, text), 744);
    expect(finding.notDocumentedFor).toBeNull();
    expect(finding.matches[0]?.entry.id).toBe("coupon.744.error");
    expect(finding.matches[0]?.reasons).toContain("message matches this wording");
  });
});

describe("the message that came with a code", () => {
  it("picks the meaning whose message matches over the resource guessed from the path", () => {
    // A points API path, but the message is the customer page's wording of 816.
    const d = diagnosed(
      engine,
      'POST /v1.1/points/redeem\n{"errors":[{"status":false,"code":816,"message":"Customer not found for organization."}]}',
    );
    const finding = findingFor(d, 816);
    expect(finding.matches[0]?.entry.id).toBe("customer.816.error");
    expect(finding.messageDiffers).toBe(false);
  });

  it("says the message differs from the documentation, with both texts", () => {
    const d = diagnosed(
      engine,
      '{"response":{"status":{"success":"false","code":500,"message":"All requests have failed due to errors"},"responses":{"points":{"item_status":{"success":"false","code":"803","message":"Balance too low for this redemption"}}}}}',
    );
    const finding = findingFor(d, 803);
    expect(finding.messageDiffers).toBe(true);
    const text = answerText({ type: "diagnosis", diagnosis: d });
    expect(text).toMatch(/message differs from the documentation/i);
    expect(text).toContain("Balance too low for this redemption");
    expect(text).toContain(
      "Unable to redeem. The points you are trying to redeem is more than the available points",
    );
  });
});
