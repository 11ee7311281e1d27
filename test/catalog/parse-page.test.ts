import { describe, expect, it } from "vitest";
import { parsePage } from "../../src/catalog/import/parse-page.js";
import type { PageMeta } from "../../src/catalog/types.js";

const page = (resource: PageMeta["resource"] = null): PageMeta => ({
  id: "p",
  resource,
  generation: null,
});
const summary = (text: string, meta = page()) =>
  parsePage(text, meta).rows.map((r) => `${r.resource} ${r.code} ${r.kind} ${r.origin}: ${r.text}`);

describe("parsePage", () => {
  it("reads pipe rows under resource and kind headings", () => {
    const text = [
      "Points",
      "Response Codes",
      "Success Codes",
      "Code | Description |",
      "800 | Points redeemed successfully |",
      "Error Codes",
      "Code | Description |",
      "803 | Unable to redeem. |",
    ].join("\n");
    expect(summary(text)).toEqual([
      "points 800 success row: Points redeemed successfully",
      "points 803 error row: Unable to redeem.",
    ]);
  });

  it("attaches text-only rows to the code above and splits 1008/ 1038 into two codes", () => {
    const text = [
      "Customer",
      "Success Codes",
      "1000 | Customer registered successfully. |",
      "Customer retrieved successfully. | |",
      "Ticket added successfully. |",
      "Error Codes",
      "1008/ 1038 | Unable to register with external id. |",
    ].join("\n");
    expect(summary(text)).toEqual([
      "customer 1000 success row: Customer registered successfully.",
      "customer 1000 success continuation: Customer retrieved successfully.",
      "customer 1000 success continuation: Ticket added successfully.",
      "customer 1008 error row: Unable to register with external id.",
      "customer 1038 error row: Unable to register with external id.",
    ]);
  });

  it("reads Markdown tables, skips their header and separator, and unescapes placeholders", () => {
    const text = [
      "This section lists the codes of the customers resource.",
      "Warning Codes",
      "| Warning Code | Description |",
      "|---|---|",
      "| 8051 | Same Customer found in other sources, Merging with userId \\{0\\} |",
    ].join("\n");
    const rows = parsePage(text, page("customer")).rows;
    expect(rows).toEqual([
      {
        code: 8051,
        resource: "customer",
        kind: "warning",
        text: "Same Customer found in other sources, Merging with userId {0}",
        page: "p",
        line: 5,
        origin: "row",
      },
    ]);
  });

  it("reads squashed cells; a code-less line continues a success row but wraps an error row", () => {
    const text = [
      "Points",
      "Success Codes",
      "CodeDescription",
      "1000Customer registered successfully.",
      "Customer retrieved successfully.",
      "Error Codes",
      "819Points are more than the maximum allowed redemption limit.",
      "Unable to send message to customer",
      "91005{x} is a primary key.",
    ].join("\n");
    expect(summary(text)).toEqual([
      "points 1000 success row: Customer registered successfully.",
      "points 1000 success continuation: Customer retrieved successfully.",
      "points 819 error wrapped: Points are more than the maximum allowed redemption limit. Unable to send message to customer",
      "points 91005 error row: {x} is a primary key.",
    ]);
  });

  it("splits a cell that packs several success messages", () => {
    const text = [
      "Success Codes",
      "700 | Coupon series fetched successfully Coupon resent successfully. |",
    ].join("\n");
    expect(summary(text, page("coupon"))).toEqual([
      "coupon 700 success split: Coupon series fetched successfully",
      "coupon 700 success split: Coupon resent successfully.",
    ]);
  });

  it("skips introductory prose and guesses the resource from it only when nothing else says, saying so", () => {
    const text = [
      "Coupon represents store promotions. A coupon can be redeemed.",
      "Points are not mentioned as often.",
      "Error Codes",
      "711 | Coupon is already used |",
    ].join("\n");
    const parsed = parsePage(text, page(null));
    expect(parsed.rows.map((r) => `${r.resource} ${r.code}`)).toEqual(["coupon 711"]);
    expect(parsed.problems.join("\n")).toMatch(/guessed from the page's prose/);
  });

  it("reports a text row with no code above it instead of inventing one", () => {
    const parsed = parsePage(["Error Codes", "Orphan text | |"].join("\n"), page("points"));
    expect(parsed.rows).toEqual([]);
    expect(parsed.problems).toEqual(['p line 2: text row with no code above it: "Orphan text"']);
  });
});
