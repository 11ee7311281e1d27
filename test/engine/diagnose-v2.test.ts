import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/index.js";
import { answerJson } from "../../src/render/index.js";
import { codesOf, diagnosed, findingFor, fixture, topResource } from "./diagnose-helpers.js";

const engine = createEngine();

describe("v2 bodies", () => {
  it("reads errors[] and warnings[] of {status, code, message}", () => {
    const d = diagnosed(engine, fixture("v2-customer-lookup-errors.json"));
    expect(d.envelope).toEqual([]);
    expect(d.findings.map((f) => [f.code, f.reported])).toEqual([
      [8015, "error"],
      [8055, "warning"],
    ]);

    const notFound = findingFor(d, 8015);
    expect(notFound.paths).toEqual(["errors[0]"]);
    expect(notFound.message).toBe("Customer not found for the given identifiers");
    // The message is one of the catalog's variants of 8015, so it does not "differ".
    expect(notFound.messageDiffers).toBe(false);
    expect(notFound.matches.map((m) => m.entry.id)).toEqual(["customer.8015.error"]);

    const warning = findingFor(d, 8055);
    expect(warning.paths).toEqual(["warnings[0]"]);
    expect(warning.matches[0]?.entry.kind).toBe("warning");
  });

  it("reports warnings with kind warning in the JSON output", () => {
    const json = answerJson(engine.answer(fixture("v2-customer-lookup-errors.json")));
    expect(json).toMatchObject({
      findings: [
        { code: 8015, path: "errors[0]", kind: "error", known: true },
        { code: 8055, path: "warnings[0]", kind: "warning", known: true },
      ],
    });
  });

  it("reads a bulk array with one result per entity, each with its own errors", () => {
    const d = diagnosed(engine, fixture("v2-customer-bulk.json"));
    expect(codesOf(d)).toEqual([8003, 8003, 8004, 8056]);

    const source = findingFor(d, 8003);
    // Same code and message in two entities ("8003" and 8003.0): one finding, two places.
    expect(source.count).toBe(2);
    expect(source.paths).toEqual(["[0].errors[0]", "[2].errors[1]"]);
    expect(source.message).toBe("Invalid source passed");
    expect(source.reported).toBe("error");

    const noSource = findingFor(d, 8004);
    expect(noSource.paths).toEqual(["[2].errors[0]"]);
    expect(noSource.reported).toBe("error");

    const mobile = findingFor(d, 8056);
    expect(mobile.paths).toEqual(["[1].warnings[0]"]);
    expect(mobile.reported).toBe("warning");

    // Errors before warnings.
    expect(d.findings.map((f) => f.reported)).toEqual(["error", "error", "warning"]);
  });

  it("takes the v2 identifier lists ({type, value}) as customer identifiers to mask", () => {
    const d = diagnosed(engine, fixture("v2-customer-bulk.json"));
    expect(d.customer).toEqual([
      "mobile 91•••••••345",
      "email m•••@example.org",
      "mobile 91•••••••000",
    ]);
  });

  it("reads redemptionStatus with the code as a string", () => {
    const d = diagnosed(engine, fixture("v2-points-redemption-status.json"));
    const finding = findingFor(d, 803);
    expect(finding.paths).toEqual(["redemptionStatus"]);
    expect(finding.reported).toBe("error");
    expect(finding.message).toBe(
      "Unable to redeem. The points you are trying to redeem is more than the available points",
    );
    expect(topResource(finding)).toBe("points");
    expect(d.envelope).toEqual([]);
  });

  it('reads codes as numbers, strings, floats and padded strings (744, 744.0, "744.0", " 8055 ")', () => {
    const d = diagnosed(engine, fixture("v2-code-formats.json"));
    const coupon = findingFor(d, 744);
    expect(coupon.count).toBe(3);
    expect(coupon.paths).toEqual(["errors[0]", "errors[1]", "errors[2]"]);
    expect(topResource(coupon)).toBe("coupon");
    expect(findingFor(d, 720).paths).toEqual(["errors[3]"]);
    expect(findingFor(d, 8055).paths).toEqual(["warnings[0]"]);
    expect(codesOf(d)).toEqual([720, 744, 744, 744, 8055]);
  });

  it("reads success and status as booleans or strings", () => {
    const body = JSON.stringify({
      results: [
        {
          item_status: { success: true, code: 1000, message: "Customer registered successfully." },
        },
        { item_status: { success: "false", code: 1001, message: "x" } },
        { item_status: { status: "FAILURE", code: 1002, message: "x" } },
        { item_status: { status: "Success", code: 1040, message: "x" } },
        { item_status: { status: false, code: 1003, message: "x" } },
        { item_status: { success: "TRUE", code: 1050, message: "x" } },
      ],
    });
    const d = diagnosed(engine, body);
    const reported = Object.fromEntries(d.findings.map((f) => [f.code, f.reported]));
    expect(reported).toEqual({
      1000: "success",
      1001: "error",
      1002: "error",
      1040: "success",
      1003: "error",
      1050: "success",
    });
  });

  it("ignores values that are not response codes (too short, fractional, words)", () => {
    const d = diagnosed(
      engine,
      JSON.stringify({
        errors: [
          { code: 42, message: "x" },
          { code: 803.5, message: "x" },
          { code: "eight", message: "x" },
          { code: "8O3", message: "x" },
          { code: 8015, message: "No customer found with the given identifier." },
        ],
      }),
    );
    expect(codesOf(d)).toEqual([8015]);
  });
});
