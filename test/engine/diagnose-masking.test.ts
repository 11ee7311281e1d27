import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/index.js";
import type { Answer } from "../../src/engine/index.js";
import { answerJson, answerMessage, answerText } from "../../src/render/index.js";
import { diagnosed, findingFor, fixture } from "./diagnose-helpers.js";

const engine = createEngine();

/** Everything the bot can send back for an answer: JSON, terminal text, Slack blocks. */
function everyOutput(answer: Answer): Record<string, string> {
  return {
    json: JSON.stringify(answerJson(answer)),
    text: answerText(answer),
    slack: JSON.stringify(answerMessage(answer)),
    slackShared: JSON.stringify(answerMessage(answer, { sharedBy: "U0ABCDEF1" })),
  };
}

function expectAbsent(answer: Answer, identifiers: readonly string[]): void {
  for (const [surface, output] of Object.entries(everyOutput(answer))) {
    for (const identifier of identifiers) {
      expect(output.includes(identifier), `${identifier} in ${surface} output`).toBe(false);
    }
  }
}

describe("customer identifiers in a paste are never echoed back", () => {
  const RAW = [
    "919876543210",
    "9876543210",
    "priyanka.s@example.com",
    "Priyanka",
    "Sharma",
    "EXT-44120",
    "4111111111111111",
    "4111 1111 1111 1111",
    "919812345678",
    "rahul.m@example.org",
    "Rahul",
    "Menon",
    "CRM00912",
  ];

  it("masks phone numbers, emails, names, external ids and card numbers in every output", () => {
    const answer = engine.answer(fixture("masking-customer-add.json"));
    expect(answer.type).toBe("diagnosis");
    expectAbsent(answer, RAW);
  });

  it("masks identifiers inside message strings, keeping the rest of the message", () => {
    const d = diagnosed(engine, fixture("masking-customer-add.json"));
    expect(findingFor(d, 1012).message).toBe("Customer with mobile 91•••••••210 not found");
    const register = findingFor(d, 1001).message ?? "";
    expect(register).toMatch(
      /^Unable to register R•+l M•+n \(C•+2\): invalid mobile number 91•+678/,
    );
    expect(register).toMatch(/card 41•+111$/);
    expect(findingFor(d, 8055).message).toBe("Invalid email id r•••@example.org");
  });

  it("shows the masked forms in diagnosis.customer", () => {
    const d = diagnosed(engine, fixture("masking-customer-add.json"));
    expect(d.customer).toHaveLength(5);
    expect(d.customer[0]).toMatch(/^mobile 91•+210$/);
    expect(d.customer).toContain("email p•••@example.com");
    expect(d.customer).toContain("external id E••••••0");
    expect(d.customer.some((c) => /^name P•+a$/.test(c))).toBe(true);
    for (const entry of d.customer) {
      for (const identifier of RAW) expect(entry).not.toContain(identifier);
    }
  });

  it("masks a phone number written with spaces or a plus in a message", () => {
    const d = diagnosed(
      engine,
      '{"response":{"customers":{"customer":[{"mobile":"919876543210","item_status":{"code":1012,"message":"Customer +91 98765 43210 not found"}}]}}}',
    );
    expect(findingFor(d, 1012).message).toBe("Customer 91•••••••210 not found");
    expectAbsent({ type: "diagnosis", diagnosis: d }, ["98765 43210", "9876543210"]);
  });

  it("masks emails and long numbers in messages even when no identifier field held them", () => {
    const d = diagnosed(
      engine,
      '{"errors":[{"status":false,"code":8015,"message":"No customer for someone.else@example.co.in or 9123456789"}]}',
    );
    expect(findingFor(d, 8015).message).toBe("No customer for s•••@example.co.in or 91•••••789");
    expectAbsent({ type: "diagnosis", diagnosis: d }, ["someone.else", "9123456789"]);
  });

  it("masks the envelope message too", () => {
    const d = diagnosed(
      engine,
      '{"response":{"status":{"success":"false","code":500,"message":"All requests have failed for 919876543210"},"customers":{"customer":{"mobile":"919876543210","item_status":{"code":1012,"message":"x"}}}}}',
    );
    expect(d.envelope[0]?.message).toBe("All requests have failed for 91•••••••210");
    expectAbsent({ type: "diagnosis", diagnosis: d }, ["919876543210"]);
  });

  it("masks identifiers that arrive in XML and in v2 identifier lists", () => {
    expectAbsent(engine.answer(fixture("v11-customer-get.xml")), [
      "919845012345",
      "ravi.k@example.com",
      "EXT-88120",
      "919812340000",
      "919800000001",
    ]);
    expectAbsent(engine.answer(fixture("v2-customer-bulk.json")), [
      "919845012345",
      "meenakshi.r@example.org",
      "919812340000",
    ]);
  });

  it("masks a name in a message whatever its case", () => {
    const d = diagnosed(
      engine,
      '{"response":{"customers":{"customer":[{"firstname":"priyanka","lastname":"SHARMA","item_status":{"code":1012,"message":"No customer named Priyanka Sharma"}}]}}}',
    );
    expectAbsent({ type: "diagnosis", diagnosis: d }, ["Priyanka", "Sharma"]);
  });

  it("never echoes an identifier used as a key of the payload (a path)", () => {
    // Some loggers key results by the customer's mobile number or email.
    const d = diagnosed(
      engine,
      '{"919876543210":{"errors":[{"status":false,"code":8015,"message":"No customer found with the given identifier."}]},"ravi.k@example.com":{"errors":[{"status":false,"code":8003,"message":"Invalid source passed"}]}}',
    );
    expect(d.findings.map((f) => f.code).sort()).toEqual([8003, 8015]);
    expectAbsent({ type: "diagnosis", diagnosis: d }, ["919876543210", "ravi.k@example.com"]);
  });
});
