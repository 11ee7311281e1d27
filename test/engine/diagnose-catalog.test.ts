import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/index.js";
import { answerJson, answerMessage, answerText } from "../../src/render/index.js";
import { allTexts, diagnosed, findingFor, fixture } from "./diagnose-helpers.js";

const engine = createEngine();

describe("codes the catalog does not know", () => {
  it("marks 8999 in a customer body as unknown, with its message and the nearest known codes", () => {
    const d = diagnosed(engine, fixture("v11-customer-unknown-code.json"));
    const finding = findingFor(d, 8999);
    expect(finding.matches).toEqual([]);
    expect(finding.paths).toEqual(["response.customers.customer[0].item_status"]);
    expect(finding.message).toBe("Customer profile is locked for migration");
    expect(finding.messageDiffers).toBe(false);
    expect(finding.inferredResource).toBe("customer");

    expect(finding.nearest.length).toBeGreaterThan(0);
    // Same resource as inferred, and never a success code.
    expect(finding.nearest.every((e) => e.resource === "customer")).toBe(true);
    expect(finding.nearest.every((e) => e.kind !== "success")).toBe(true);
    // The numerically closest known customer codes are among them (9028, then 8153).
    const codes = finding.nearest.map((e) => e.code);
    expect(codes).toContain(9028);
    expect(codes).toContain(8153);
    expect(codes.some((c) => Math.abs(c - 8999) < 100)).toBe(true);
  });

  it("without a message, nearest codes are by number only, closest first", () => {
    const d = diagnosed(
      engine,
      '{"response":{"customers":{"customer":{"item_status":{"success":"false","code":1063}}}}}',
    );
    const finding = findingFor(d, 1063);
    expect(finding.matches).toEqual([]);
    expect(finding.message).toBeNull();
    expect(finding.nearest.map((e) => e.code)).toEqual([1062, 1060, 1059]);
  });

  it("an unknown code in a body with no resource gets nearest codes of any resource", () => {
    const d = diagnosed(engine, '{"errors":[{"status":false,"code":717}]}');
    const finding = findingFor(d, 717);
    expect(finding.matches).toEqual([]);
    expect(finding.inferredResource).toBeNull();
    expect(finding.nearest.map((e) => e.code)).toEqual([716, 718, 715]);
  });

  it("says so in every rendering: unknown header, the message shown, nearest codes listed", () => {
    const answer = engine.answer(fixture("v11-customer-unknown-code.json"));
    const texts = allTexts(answerMessage(answer));
    expect(texts).toContain("8999 · unknown code");
    const body = texts.join("\n");
    expect(body).toContain("*8999* is not in the catalog.");
    expect(body).toContain("Message: `Customer profile is locked for migration`");
    expect(body).toContain("*Nearest known codes:*");
    expect(body).toContain("9028 · customer · error");

    expect(answerText(answer)).toContain("8999 is not in the catalog.");
    expect(answerJson(answer)).toMatchObject({
      findings: [
        {
          code: 8999,
          known: false,
          matches: [],
          message: "Customer profile is locked for migration",
          nearest: expect.arrayContaining([expect.objectContaining({ code: 9028 })]) as unknown,
        },
      ],
    });
  });
});

describe("when the message differs from the catalog's wording", () => {
  const body = (message: string) =>
    JSON.stringify({
      response: {
        status: { success: "false", code: 500, message: "All requests have failed due to errors" },
        customers: {
          customer: [{ item_status: { success: "false", code: 1012, message } }],
        },
      },
    });

  it("marks a known code whose message is other wording", () => {
    const finding = findingFor(
      diagnosed(engine, body("Customer with mobile 919876543210 not found")),
      1012,
    );
    expect(finding.matches[0]?.entry.id).toBe("customer.1012.error");
    expect(finding.messageDiffers).toBe(true);
    const texts = allTexts(answerMessage(engine.answer(body("Customer profile lookup failed"))));
    // Both texts: the documented one and the one that came with the code.
    expect(texts.join("\n")).toContain(
      "The message differs from the documentation: documented “Cannot find customer with the provided mobile number/external ID/e-mail ID.”, received `Customer profile lookup failed`.",
    );
  });

  it("does not mark the catalog's own wording, nor a variant, nor a change of case and punctuation", () => {
    for (const message of [
      "Cannot find customer with the provided mobile number/external ID/e-mail ID.",
      "Cannot find customer with the provided mobile number, external ID, or email ID.",
      "cannot find customer with the provided mobile number / external id / email id",
    ]) {
      const finding = findingFor(diagnosed(engine, body(message)), 1012);
      expect(finding.messageDiffers, message).toBe(false);
    }
    const texts = allTexts(
      answerMessage(
        engine.answer(
          body("Cannot find customer with the provided mobile number/external ID/e-mail ID."),
        ),
      ),
    );
    expect(texts.join("\n")).not.toContain("differs from the catalog");
  });

  it("does not mark a code that came without a message", () => {
    const finding = findingFor(
      diagnosed(engine, '{"errors":[{"status":false,"code":8015}]}'),
      8015,
    );
    expect(finding.message).toBeNull();
    expect(finding.messageDiffers).toBe(false);
  });

  it("keeps the same code with different messages apart", () => {
    const d = diagnosed(
      engine,
      JSON.stringify({
        errors: [
          { status: false, code: 8015, message: "No customer found with the given identifier." },
          { status: false, code: 8015, message: "Identifier lookup timed out" },
          { status: false, code: 8015, message: "No customer found with the given identifier." },
        ],
      }),
    );
    const found = d.findings.filter((f) => f.code === 8015);
    expect(found.map((f) => [f.count, f.messageDiffers, f.paths])).toEqual([
      [2, false, ["errors[0]", "errors[2]"]],
      [1, true, ["errors[1]"]],
    ]);
  });

  it("lists at most three places for a repeated code and says how many more", () => {
    const errors = Array.from({ length: 7 }, () => ({
      status: false,
      code: 8015,
      message: "No customer found with the given identifier.",
    }));
    const d = diagnosed(engine, JSON.stringify({ errors }));
    const finding = findingFor(d, 8015);
    expect(finding.count).toBe(7);
    expect(finding.paths).toEqual(["errors[0]", "errors[1]", "errors[2]"]);
    const texts = allTexts(answerMessage({ type: "diagnosis", diagnosis: d })).join("\n");
    expect(texts).toContain("Found at `errors[0]`, `errors[1]`, `errors[2]` and 4 more");
    expect(texts).toContain("× 7");
  });
});
