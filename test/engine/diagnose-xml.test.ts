import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/index.js";
import { answerMessage } from "../../src/render/index.js";
import {
  codesOf,
  diagnosed,
  expectWithinLimits,
  findingFor,
  fixture,
  formatsRead,
  timed,
} from "./diagnose-helpers.js";

const engine = createEngine();

describe("XML responses of the v1.1 API", () => {
  it("reads status and customers.customer[].item_status from XML with a declaration", () => {
    const d = diagnosed(engine, fixture("v11-customer-get.xml"));
    expect(formatsRead(fixture("v11-customer-get.xml"))).toEqual(["xml"]);
    expect(d.envelope.map((e) => [e.code, e.path, e.message])).toEqual([
      [500, "response.status", "All requests have failed due to errors"],
    ]);
    expect(codesOf(d)).toEqual([618, 1012, 1012, 8055]);

    const notFound = findingFor(d, 1012);
    expect(notFound.count).toBe(2);
    expect(notFound.paths).toEqual([
      "response.customers.customer[0].item_status",
      "response.customers.customer[1].item_status",
    ]);
    expect(notFound.reported).toBe("error");
    expect(notFound.inferredResource).toBe("customer");
    expect(notFound.messageDiffers).toBe(false);

    const warning = findingFor(d, 8055);
    expect(warning.paths).toEqual(["response.customers.customer[0].item_status.warnings.warning"]);
    expect(warning.reported).toBe("warning");

    expect(findingFor(d, 618).matches[0]?.entry.id).toBe("customer.618.error");
    expect(d.customer).toContain("mobile 91•••••••345");
    expect(d.customer).toContain("email r•••@example.com");
  });

  it("does not expand entities declared in a DOCTYPE (billion laughs) and returns promptly", () => {
    const { result, ms } = timed(() => engine.diagnose(fixture("v11-billion-laughs.xml")));
    expect(ms).toBeLessThan(500);
    if (result === null) throw new Error("expected a diagnosis");
    expect(result.envelope.map((e) => e.code)).toEqual([500]);
    const finding = findingFor(result, 1012);
    expect(finding.paths).toEqual(["response.customers.customer.item_status"]);
    // The entity reference is kept as written, never expanded.
    expect(finding.message).toBe("&lol9;");
    expect(result.envelope[0]?.message).toBe("&lol9;");
    expect(JSON.stringify(result)).not.toContain("lollol");

    const message = answerMessage({ type: "diagnosis", diagnosis: result });
    expectWithinLimits(message);
    expect(JSON.stringify(message)).not.toContain("lollol");
  });

  it("reads XML that Slack entity-encoded (&lt;response&gt;) with a mailto link inside", () => {
    const d = diagnosed(engine, fixture("slack-escaped-xml.txt"));
    expect(formatsRead(fixture("slack-escaped-xml.txt"))).toEqual(["xml"]);
    expect(d.envelope.map((e) => e.code)).toEqual([500]);
    const expired = findingFor(d, 713);
    expect(expired.paths).toEqual(["response.coupons.redeemable.item_status"]);
    expect(expired.inferredResource).toBe("coupon");
    expect(expired.matches[0]?.entry.id).toBe("coupon.713.error");
    // &amp;amp; is Slack's encoding of the XML's &amp;: one decode each, so a plain "&".
    expect(expired.message).toBe("Coupon has expired & cannot be used");
    expect(d.customer).toEqual(["email r•••@example.com"]);
  });

  it("reads a truncated XML response and says so", () => {
    const d = diagnosed(
      engine,
      "<response><status><success>false</success><code>500</code></status><customers><customer><item_status><success>false</success><code>1012</code><message>Cannot fi",
    );
    expect(d.truncated).toBe(true);
    expect(d.envelope.map((e) => e.code)).toEqual([500]);
    const finding = findingFor(d, 1012);
    expect(finding.message).toBe("Cannot fi");
    expect(finding.paths).toEqual(["response.customers.customer.item_status"]);
  });

  it("reads attributes and self-closing elements", () => {
    const d = diagnosed(
      engine,
      '<response><customers><customer mobile="919845012345"><item_status success="false" code="1012" message="Customer not found"/></customer></customers></response>',
    );
    const finding = findingFor(d, 1012);
    expect(finding.paths).toEqual(["response.customers.customer.item_status"]);
    expect(finding.message).toBe("Customer not found");
    expect(finding.reported).toBe("error");
    expect(d.customer).toEqual(["mobile 91•••••••345"]);
  });

  it("keeps an external entity (XXE) declaration inert", () => {
    const xml = `<?xml version="1.0"?>
<!DOCTYPE response [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<response><status><code>500</code></status><customers><customer><item_status><code>1012</code><message>&xxe;</message></item_status></customer></customers></response>`;
    const d = diagnosed(engine, xml);
    expect(findingFor(d, 1012).message).toBe("&xxe;");
    expect(JSON.stringify(d)).not.toContain("root:");
  });
});
