import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/index.js";
import { answerMessage } from "../../src/render/index.js";
import {
  allTexts,
  codesOf,
  diagnosed,
  findingFor,
  fixture,
  formatsRead,
  topResource,
} from "./diagnose-helpers.js";

const engine = createEngine();

const ALL_FAILED = "All requests have failed due to errors";
const NOT_FOUND = "Cannot find customer with the provided mobile number/external ID/e-mail ID.";

describe("v1.1 envelopes: the generic status and the item-level reasons", () => {
  it("explains the generic 500 briefly and reports every item_status of customers.customer[]", () => {
    const d = diagnosed(engine, fixture("v11-customer-add-slack.txt"));

    expect(d.envelope).toEqual([
      {
        code: 500,
        path: "response.status",
        message: ALL_FAILED,
        meaning: expect.stringMatching(/^All items failed; the item-level codes/) as unknown,
        escalation: null,
      },
    ]);
    // The envelope 500 is not an item-level finding.
    expect(d.findings.map((f) => f.code)).toEqual([1012, 618, 8055]);
    expect(codesOf(d)).toEqual([618, 1012, 1012, 8055]);
    expect(formatsRead(fixture("v11-customer-add-slack.txt"))).toEqual(["json"]);
    expect(d.truncated).toBe(false);
  });

  it("collapses a repeated code into one finding with a count and every path", () => {
    const d = diagnosed(engine, fixture("v11-customer-add-slack.txt"));
    const notFound = findingFor(d, 1012);

    expect(notFound.count).toBe(2);
    expect(notFound.paths).toEqual([
      "response.customers.customer[0].item_status",
      "response.customers.customer[1].item_status",
    ]);
    expect(notFound.message).toBe(NOT_FOUND);
    expect(notFound.reported).toBe("error");
    expect(notFound.inferredResource).toBe("customer");
    expect(notFound.matches[0]?.entry.id).toBe("customer.1012.error");
    expect(notFound.messageDiffers).toBe(false);

    const header = answerMessage({ type: "diagnosis", diagnosis: d }).blocks.find(
      (b) => b.type === "header" && b.text.text.startsWith("1012"),
    );
    expect(header?.type === "header" ? header.text.text : null).toBe("1012 · customer · error × 2");
  });

  it('reads codes written as strings and floats in the same response ("1012", 1012.0)', () => {
    // The fixture writes the first 1012 as "1012" and the second as 1012.0.
    const text = fixture("v11-customer-add-slack.txt");
    expect(text).toContain("“code”: “1012”");
    expect(text).toContain("“code”: 1012.0");
    expect(findingFor(diagnosed(engine, text), 1012).count).toBe(2);
  });

  it("picks the customer meaning of 618 under customers.customer, but keeps the transaction one", () => {
    const fraud = findingFor(diagnosed(engine, fixture("v11-customer-add-slack.txt")), 618);
    expect(fraud.paths).toEqual(["response.customers.customer[2].item_status"]);
    expect(fraud.message).toBe("Not allowed - customer is marked as fraud.");
    expect(fraud.matches.map((m) => m.entry.id)).toEqual([
      "customer.618.error",
      "transaction.618.error",
    ]);
    expect(fraud.narrowed).toBe(true);
  });

  it("reads transactions.transaction when it is one object instead of an array", () => {
    const d = diagnosed(engine, fixture("v11-transaction-add-single.json"));
    expect(d.envelope.map((e) => e.code)).toEqual([500]);
    expect(d.findings).toHaveLength(1);
    const finding = findingFor(d, 602);
    expect(finding.paths).toEqual(["response.transactions.transaction.item_status"]);
    expect(finding.message).toBe("Transaction number is invalid.");
    expect(finding.inferredResource).toBe("transaction");
    expect(topResource(finding)).toBe("transaction");
    expect(finding.reported).toBe("error");
  });

  it("takes 816 under responses.points as the points meaning, not the customer one", () => {
    const d = diagnosed(engine, fixture("v11-points-redeem-816.json"));
    const finding = findingFor(d, 816);
    expect(finding.paths).toEqual(["response.responses.points.item_status"]);
    expect(finding.message).toBe("Unable to find customer in this organization");
    expect(finding.inferredResource).toBe("points");
    expect(topResource(finding)).toBe("points");
    expect(finding.matches.map((m) => m.entry.resource)).toEqual(["points", "customer"]);
    expect(finding.narrowed).toBe(true);
    expect(finding.messageDiffers).toBe(false);
  });

  it("reads the points redeem 803 (code as a number) under responses.points", () => {
    const d = diagnosed(engine, fixture("v11-points-redeem-803.json"));
    const finding = findingFor(d, 803);
    expect(finding.paths).toEqual(["response.responses.points.item_status"]);
    expect(finding.inferredResource).toBe("points");
    expect(finding.matches.map((m) => m.entry.id)).toEqual(["points.803.error"]);
    expect(finding.message).toBe(
      "Unable to redeem. The points you are trying to redeem is more than the available points",
    );
    expect(d.envelope.map((e) => [e.code, e.path])).toEqual([[500, "response.status"]]);
  });

  it("reads coupons.redeemable items of coupon isredeemable (711, 713) as coupon codes", () => {
    const d = diagnosed(engine, fixture("v11-coupon-isredeemable.json"));
    expect(d.findings.map((f) => f.code)).toEqual([711, 713]);

    const used = findingFor(d, 711);
    expect(used.paths).toEqual(["response.coupons.redeemable[0].item_status"]);
    expect(used.message).toBe("Coupon is redeemed already");
    expect(used.inferredResource).toBe("coupon");
    expect(topResource(used)).toBe("coupon");

    const expired = findingFor(d, 713);
    expect(expired.paths).toEqual(["response.coupons.redeemable[1].item_status"]);
    expect(expired.message).toBe("Coupon has expired");
    expect(expired.inferredResource).toBe("coupon");
    expect(expired.matches[0]?.entry.id).toBe("coupon.713.error");
  });

  it('does not mistake the coupon code field ("code": "XMAS25OFF") for a response code', () => {
    const d = diagnosed(engine, fixture("v11-coupon-isredeemable.json"));
    expect(d.findings.every((f) => f.paths.every((p) => p.endsWith(".item_status")))).toBe(true);
    expect(codesOf(d)).toEqual([711, 713]);
  });

  it("explains a 201 'Some requests have failed' and reports the success and the failure", () => {
    const d = diagnosed(engine, fixture("v11-customer-add-partial.json"));
    expect(d.envelope).toHaveLength(1);
    expect(d.envelope[0]?.code).toBe(201);
    expect(d.envelope[0]?.path).toBe("response.status");
    expect(d.envelope[0]?.message).toBe("Some requests have failed due to errors");
    expect(d.envelope[0]?.meaning).toMatch(/^Some items failed/);
    expect(d.envelope[0]?.escalation).toBeNull();

    // Errors first, then successes.
    expect(d.findings.map((f) => [f.code, f.reported])).toEqual([
      [1001, "error"],
      [1000, "success"],
    ]);
    const failed = findingFor(d, 1001);
    expect(failed.paths).toEqual(["response.customers.customer[1].item_status"]);
    expect(failed.message).toBe("Unable to register. Invalid mobile number.");

    const ok = findingFor(d, 1000);
    expect(ok.paths).toEqual(["response.customers.customer[0].item_status"]);
    // 1000 is also a coupon error; under customers.customer it is the customer success.
    expect(ok.matches[0]?.entry.id).toBe("customer.1000.success");
    expect(ok.matches.map((m) => m.entry.id)).toContain("coupon.1000.error");
  });

  it("shows the envelope note in the Slack message, briefly, before the item findings", () => {
    const message = answerMessage(engine.answer(fixture("v11-customer-add-partial.json")));
    const [first] = message.blocks;
    expect(first?.type).toBe("context");
    const text = first?.type === "context" ? (first.elements[0]?.text ?? "") : "";
    expect(text).toContain("*201* at `response.status`");
    expect(text).toContain("Some items failed");
    expect(message.text).toMatch(/^Diagnosis of a pasted response: 2 item-level codes/);
  });

  it("reads item_status.warnings.warning as an array and as a single object, as warnings", () => {
    const d = diagnosed(engine, fixture("v11-customer-update-warnings.json"));
    expect(d.envelope.map((e) => e.code)).toEqual([200]);

    const email = findingFor(d, 8055);
    expect(email.paths).toEqual(["response.customers.customer[0].item_status.warnings.warning[0]"]);
    expect(email.reported).toBe("warning");
    expect(email.matches[0]?.entry.kind).toBe("warning");
    expect(email.message).toBe("Invalid email id");

    const comm = findingFor(d, 8057);
    expect(comm.paths).toEqual(["response.customers.customer[0].item_status.warnings.warning[1]"]);
    expect(comm.reported).toBe("warning");

    const mobile = findingFor(d, 8056);
    expect(mobile.paths).toEqual(["response.customers.customer[1].item_status.warnings.warning"]);
    expect(mobile.reported).toBe("warning");
    expect(mobile.inferredResource).toBe("customer");

    // Two successes with the same message collapse; warnings come before successes.
    const success = findingFor(d, 1000);
    expect(success.count).toBe(2);
    expect(success.reported).toBe("success");
    expect(d.findings.map((f) => f.code)).toEqual([8055, 8057, 8056, 1000]);
  });

  it("answers an envelope-only response (500, no items) by asking for the whole response", () => {
    // The generic 500 is never the reason: the items are, and this paste has none.
    const d = diagnosed(
      engine,
      `{"response":{"status":{"success":"false","code":500,"message":"${ALL_FAILED}"}}}`,
    );
    expect(d.findings).toEqual([]);
    expect(d.envelope).toHaveLength(1);
    expect(d.envelope[0]?.meaning).toMatch(/each item's own code/);
    expect(d.envelope[0]?.meaning).toMatch(/Ask for the whole response/);
    expect(d.envelope[0]?.escalation).toBeNull();
  });

  it("escalates an envelope-only 401: the credentials are the whole reason", () => {
    const d = diagnosed(
      engine,
      `{"response":{"status":{"success":"false","code":401,"message":"Unauthorized"}}}`,
    );
    expect(d.findings).toEqual([]);
    expect(d.envelope[0]?.escalation?.team.id).toBe("integration-engineering");
  });

  it("names where each code was found in the Slack message", () => {
    const texts = allTexts(answerMessage(engine.answer(fixture("v11-points-redeem-816.json"))));
    expect(texts.some((t) => t.includes("Found at `response.responses.points.item_status`"))).toBe(
      true,
    );
    expect(texts.some((t) => t.startsWith("816 · points · error"))).toBe(true);
  });
});
