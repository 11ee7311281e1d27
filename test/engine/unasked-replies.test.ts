/**
 * Which pastes deserve an unasked reply. A message in a channel is answered without
 * being asked only when it carries a recognisable Capillary response; error bodies and
 * log lines of other systems stay silent, however much they look like one. Asked, the
 * bot still diagnoses them and says that the text does not look like a Capillary response.
 */
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/index.js";
import { answerJson, answerMessage, answerText } from "../../src/render/index.js";
import { allTexts, fixture } from "./diagnose-helpers.js";
import { MANGLINGS, truncated } from "./mangle.js";

const engine = createEngine();

interface NotCapillary {
  kind: string;
  why: string;
  text: string;
}

function isNotCapillary(value: unknown): value is NotCapillary {
  if (typeof value !== "object" || value === null) return false;
  const row = value as Record<string, unknown>;
  return (
    typeof row.kind === "string" && typeof row.why === "string" && typeof row.text === "string"
  );
}

const corpus: unknown = JSON.parse(
  readFileSync(new URL("../fixtures/unasked/not-capillary.json", import.meta.url), "utf8"),
);
if (!Array.isArray(corpus) || !corpus.every(isNotCapillary)) {
  throw new Error("test/fixtures/unasked/not-capillary.json is malformed");
}
const notCapillary: NotCapillary[] = corpus;

/** Capillary responses from the other fixture sets: each must get its unasked reply. */
const CAPILLARY_PASTES = [
  "v11-coupon-isredeemable.json",
  "v11-customer-add-partial.json",
  "v11-customer-add-slack.txt",
  "v11-customer-get.xml",
  "v11-customer-unknown-code.json",
  "v11-customer-update-warnings.json",
  "v11-points-redeem-803.json",
  "v11-points-redeem-816.json",
  "v11-transaction-add-single.json",
  "v2-customer-bulk.json",
  "v2-customer-lookup-errors.json",
  "v2-points-redemption-status.json",
  "slack-links-entities.txt",
  "slack-points-redeem-request-line.txt",
  "slack-truncated-transaction-add.txt",
  "slack-escaped-xml.txt",
];
const SHAPES = readdirSync(new URL("../fixtures/shapes/", import.meta.url)).filter(
  (name) => /\.(json|xml)$/.test(name) && name !== "shapes.json",
);
const shape = (name: string) =>
  readFileSync(new URL(`../fixtures/shapes/${name}`, import.meta.url), "utf8");

/** Whether the bot would reply to this message in a channel without being asked. */
function repliesUnasked(text: string): boolean {
  return (engine.diagnose(text)?.recognisedAs ?? null) !== null;
}

describe("error bodies and log lines of other systems get no unasked reply", () => {
  it("has at least 30 of them, of every kind people paste", () => {
    expect(notCapillary.length).toBeGreaterThanOrEqual(30);
    const kinds = new Set(notCapillary.map((row) => row.kind));
    for (const kind of [
      "cloud SDK error",
      "payment gateway error",
      "HTTP server error",
      "Kubernetes event",
      "structured app log",
    ]) {
      expect(kinds).toContain(kind);
    }
  });

  describe.each(MANGLINGS)("$name", ({ apply }) => {
    it.each(notCapillary)("$kind: $why", ({ text }) => {
      expect(repliesUnasked(apply(text))).toBe(false);
    });
  });

  it.each(notCapillary)("cut short too — $kind: $why", ({ text }) => {
    expect(repliesUnasked(truncated(text))).toBe(false);
  });

  it("stays silent on the two bodies seen answered in a channel", () => {
    // An Express error body and our own service's log line: 500 and 1001 are Capillary
    // code numbers, but nothing else about them is.
    expect(repliesUnasked('{"statusCode":500,"error":"Internal Server Error"}')).toBe(false);
    expect(repliesUnasked('{"level":"error","code":1001,"msg":"db timeout"}')).toBe(false);
  });
});

describe("Capillary responses do get their unasked reply", () => {
  describe.each(MANGLINGS)("$name", ({ apply }) => {
    it.each(CAPILLARY_PASTES)("%s", (name) => {
      expect(repliesUnasked(apply(fixture(name)))).toBe(true);
    });
    it.each(SHAPES)("documented shape %s", (name) => {
      expect(repliesUnasked(apply(shape(name)))).toBe(true);
    });
  });

  it.each([
    [
      "a v1.1 item_status on its own, message as documented",
      '"item_status": {"success": "false", "code": "1012", "message": "Cannot find customer with the provided mobile number/external ID/e-mail ID."}',
    ],
    [
      "a v1.1 customer item without its envelope, message reworded",
      '"customer": [{"mobile": "919845012345", "item_status": {"success": "false", "code": 1012, "message": "customer not found"}}]',
    ],
    [
      "a v2 errors list with a known code",
      '{"errors":[{"status":false,"code":816,"message":"Customer not found"}]}',
    ],
    [
      "a v2 warnings list with a known code",
      '{"createdId": 381920051, "warnings":[{"status":true,"code":"8056","message":"Invalid mobile"}]}',
    ],
    [
      "a code with the catalog's message in a log line",
      '{"level":"error","code":803,"msg":"Unable to redeem. The points you are trying to redeem is more than the available points"}',
    ],
    [
      "an XML envelope whose items carry only unknown codes",
      "<response><status><success>false</success><code>500</code><message>All requests have failed due to errors</message></status><customers><customer><item_status><success>false</success><code>98765</code><message>Something new</message></item_status></customer></customers></response>",
    ],
  ])("%s", (_, text) => {
    expect(repliesUnasked(text)).toBe(true);
  });

  it("a v1.1 response cut short still gets its reply", () => {
    expect(repliesUnasked(truncated(shape("v11-transaction-add.json")))).toBe(true);
  });
});

describe("asked, the bot diagnoses anything and says when it is not a Capillary response", () => {
  const NOT_CAPILLARY = /does not look like a Capillary (API )?response/i;

  it("diagnoses the log line's code when asked, and says plainly it is not a Capillary response", () => {
    const answer = engine.answer('{"level":"error","code":1001,"msg":"db timeout"}');
    expect(answer.type).toBe("diagnosis");
    const message = answerMessage(answer);
    expect(allTexts(message).join("\n")).toMatch(NOT_CAPILLARY);
    expect(allTexts(message).join("\n")).toContain("1001");
    expect(answerText(answer)).toMatch(NOT_CAPILLARY);
    expect(answerJson(answer)).toMatchObject({ capillary: false });
  });

  it("says so for another system's error body without any code, instead of searching its words", () => {
    // A Stripe error, asked about: its words ("declined", "insufficient") must not be
    // matched against Capillary codes as if they were an agent's question.
    const answer = engine.answer(
      '{"error":{"code":"card_declined","decline_code":"insufficient_funds","message":"Your card has insufficient funds.","type":"card_error"}}',
    );
    expect(answer.type).toBe("diagnosis");
    const text = answerText(answer);
    expect(text).toMatch(NOT_CAPILLARY);
    expect(text).toMatch(/no response code/i);
    expect(repliesUnasked('{"error":{"code":"card_declined"}}')).toBe(false);
  });

  it("does not say so for a Capillary response", () => {
    const answer = engine.answer(fixture("v11-points-redeem-803.json"));
    expect(allTexts(answerMessage(answer)).join("\n")).not.toMatch(NOT_CAPILLARY);
    expect(answerJson(answer)).toMatchObject({ capillary: true });
  });

  it.each(notCapillary)("never echoes a phone number from $kind unmasked", ({ text }) => {
    const answer = engine.answer(text);
    expect(JSON.stringify(answerMessage(answer))).not.toContain("919845012345");
    expect(answerText(answer)).not.toContain("919845012345");
  });
});
