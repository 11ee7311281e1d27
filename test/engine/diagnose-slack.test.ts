import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/index.js";
import { answerMessage } from "../../src/render/index.js";
import {
  allTexts,
  codesOf,
  diagnosed,
  findingFor,
  fixture,
  topResource,
} from "./diagnose-helpers.js";

const engine = createEngine();

const NOT_FOUND = "Cannot find customer with the provided mobile number/external ID/e-mail ID.";

describe("what Slack does to a paste", () => {
  it("reads through code fences, smart quotes, headers and text before and after", () => {
    const d = diagnosed(engine, fixture("v11-customer-add-slack.txt"));
    expect(codesOf(d)).toEqual([618, 1012, 1012, 8055]);
    expect(d.requestId).toBe("5f2c9a1e-77b3-4d2e-9c1a-0b8e2f6d4a11");
    // The <mailto:…|…> wrapping is undone, so the email is known (and masked).
    expect(d.customer).toContain("email p•••@example.com");
  });

  it("keeps the X-CAP-REQUEST-ID from the headers above the payload", () => {
    const d = diagnosed(engine, fixture("slack-points-redeem-request-line.txt"));
    expect(d.requestId).toBe("0f4e1b7ac2d94be8");
    const texts = allTexts(answerMessage({ type: "diagnosis", diagnosis: d }));
    expect(texts.some((t) => t.includes("Request id `0f4e1b7ac2d94be8`"))).toBe(true);
  });

  it("keeps a request id that happens to contain a run of digits unchanged", () => {
    // A UUID whose second and third groups are all digits: 7731-4812-9 is not a phone number.
    const d = diagnosed(engine, fixture("slack-request-id-digits.txt"));
    expect(d.requestId).toBe("3f2a9c1e-7731-4812-9c1a-0b8e2f6d4a11");
  });

  it("uses the API path of a request line to infer the resource when the body has none", () => {
    const d = diagnosed(engine, fixture("slack-points-redeem-request-line.txt"));
    expect(d.apiPath).toBe("/v1.1/points/redeem");
    const finding = findingFor(d, 816);
    expect(finding.paths).toEqual(["errors[0]"]);
    expect(finding.message).toBe("Customer not found");
    expect(finding.inferredResource).toBe("points");
    expect(topResource(finding)).toBe("points");
    expect(finding.matches.map((m) => m.entry.resource)).toEqual(["points", "customer"]);
    expect(finding.matches[0]?.reasons).toContain(
      "resource inferred from the API path (/v1.1/points/redeem)",
    );
  });

  it("without an API path, the same v2 body leaves 816 open with every meaning", () => {
    const d = diagnosed(
      engine,
      '{"errors":[{"status":false,"code":816,"message":"Customer not found"}]}',
    );
    const finding = findingFor(d, 816);
    expect(finding.inferredResource).toBeNull();
    expect(finding.narrowed).toBe(false);
    expect(new Set(finding.matches.map((m) => m.entry.resource))).toEqual(
      new Set(["points", "customer"]),
    );
  });

  it("prefers the resource of the payload path over the API path", () => {
    const text = `POST /v1.1/customer/add?format=json\n\n${fixture("v11-points-redeem-816.json")}`;
    const finding = findingFor(diagnosed(engine, text), 816);
    expect(finding.inferredResource).toBe("points");
    expect(topResource(finding)).toBe("points");
  });

  it("reads a full URL with a v2 path", () => {
    const text =
      'curl -s -X POST "https://eu.api.capillarytech.com/v2/coupon/redeem" -d @body.json\n{"errors":[{"status":false,"code":500,"message":"All requests have failed due to errors"}]}';
    const d = diagnosed(engine, text);
    expect(d.apiPath).toBe("/v2/coupon/redeem");
    const finding = findingFor(d, 500);
    expect(finding.inferredResource).toBe("coupon");
    expect(finding.matches[0]?.entry.id).toBe("coupon.500.error");
  });

  it("undoes entities, mailto and http link wrapping, and keeps the message text", () => {
    const d = diagnosed(engine, fixture("slack-links-entities.txt"));
    expect(d.envelope.map((e) => e.code)).toEqual([500]);
    const finding = findingFor(d, 1012);
    expect(finding.paths).toEqual(["response.customers.customer[0].item_status"]);
    expect(finding.message).toBe(`${NOT_FOUND} See docs & retry <later>`);
    expect(d.customer).toEqual(["email a•••@example.net", "mobile 91•••••••234"]);

    const texts = allTexts(answerMessage({ type: "diagnosis", diagnosis: d })).join("\n");
    expect(texts).toContain("See docs &amp; retry &lt;later&gt;");
    expect(texts).not.toContain("anita.d@example.net");
    expect(texts).not.toContain("mailto:");
  });

  it("reads a payload cut short mid-string: truncated, and the codes before the cut found", () => {
    const d = diagnosed(engine, fixture("slack-truncated-transaction-add.txt"));
    expect(d.truncated).toBe(true);
    expect(d.requestId).toBe("9c3e7d2a5b1f4e08");
    expect(d.envelope.map((e) => e.code)).toEqual([500]);

    const amount = findingFor(d, 601);
    expect(amount.paths).toEqual(["response.transactions.transaction[0].item_status"]);
    expect(amount.message).toBe(
      "Transaction failed. Transaction amount, quantity, rate, or discount is invalid.",
    );
    expect(amount.messageDiffers).toBe(false);
    expect(amount.inferredResource).toBe("transaction");

    const number = findingFor(d, 602);
    expect(number.paths).toEqual(["response.transactions.transaction[1].item_status"]);
    expect(number.message).toBe("Transaction num");

    const texts = allTexts(answerMessage({ type: "diagnosis", diagnosis: d }));
    expect(texts.some((t) => t.includes("The paste was cut short"))).toBe(true);
  });

  it("reads a paste cut short right after a code (no closing quote or brace)", () => {
    const d = diagnosed(
      engine,
      '{"response":{"customers":{"customer":[{"item_status":{"success":"false","code":"1012"',
    );
    expect(d.truncated).toBe(true);
    expect(findingFor(d, 1012).paths).toEqual(["response.customers.customer[0].item_status"]);
  });

  it("reads JSON with trailing commas, single quotes and unquoted keys", () => {
    const d = diagnosed(
      engine,
      "{errors: [{status: False, 'code': '8015', message: 'No customer found with the given identifier.',},],}",
    );
    const finding = findingFor(d, 8015);
    expect(finding.reported).toBe("error");
    expect(finding.message).toBe("No customer found with the given identifier.");
    expect(finding.messageDiffers).toBe(false);
  });

  it("text after the payload does not change how its strings are read (\\r\\n, \\b)", () => {
    const body =
      '{"errors":[{"status":false,"code":8015,"message":"No customer found\\r\\nwith the given identifier.\\b"}]}';
    const alone = findingFor(diagnosed(engine, body), 8015);
    const followed = findingFor(diagnosed(engine, `${body}\n\nany idea why?`), 8015);
    expect(alone.message).toBe("No customer found\r\nwith the given identifier.\b");
    expect(followed.message).toBe(alone.message);
    expect(followed.messageDiffers).toBe(alone.messageDiffers);
  });

  it("reads the request and the response when both are pasted, and masks the request's identifiers", () => {
    const text = [
      "Request:",
      "POST /v1.1/points/redeem?format=json",
      '{"root":{"redeem":[{"points_redeemed":"500","customer":{"mobile":"919845012345"}}]}}',
      "Response:",
      fixture("v11-points-redeem-816.json"),
    ].join("\n");
    const d = diagnosed(engine, text);
    expect(codesOf(d)).toEqual([816]);
    expect(d.customer).toEqual(["mobile 91•••••••345"]);
    expect(topResource(findingFor(d, 816))).toBe("points");
  });

  it("finds the payload after prose that mentions a field in angle brackets", () => {
    // Agents write placeholders such as <mobile>; Slack sends them as &lt;mobile&gt;.
    const text = `the &lt;mobile&gt; param is set, still failing:\n${fixture("v2-customer-lookup-errors.json")}`;
    const d = engine.diagnose(text);
    expect(d?.findings.map((f) => f.code)).toEqual([8015, 8055]);
  });

  it("reads a paste with Windows line endings, zero-width and non-breaking spaces", () => {
    const text = fixture("v11-points-redeem-816.json")
      .replace(/\n/g, "\r\n")
      .replace('"response"', '\u200b"response"')
      .replace(': "816"', ':\u00a0"816"');
    expect(findingFor(diagnosed(engine, text), 816).paths).toEqual([
      "response.responses.points.item_status",
    ]);
  });
});
