import { describe, expect, it } from "vitest";
import { buildEntries, diffEntries } from "../../src/catalog/import/build.js";
import type { SourceRow } from "../../src/catalog/import/parse-page.js";
import type { Curation, PageMeta } from "../../src/catalog/types.js";

const pages: PageMeta[] = [
  { id: "a", resource: null, generation: "v1.1" },
  { id: "b", resource: null, generation: "v2" },
];
const none: Curation = { attributions: [], kinds: [], sameMeaning: [], distinct: [] };
let line = 0;
const row = (
  page: string,
  code: number,
  text: string,
  extra: Partial<SourceRow> = {},
): SourceRow => ({
  code,
  resource: "customer",
  kind: "error",
  text,
  page,
  line: ++line,
  origin: "row",
  ...extra,
});

describe("buildEntries", () => {
  it("merges wordings that differ only in punctuation or phrasing, listing every page", () => {
    const { entries, report } = buildEntries(
      [
        row(
          "a",
          1012,
          "Cannot find customer with the provided mobile number/external ID/e-mail ID.",
        ),
        row(
          "b",
          1012,
          "Cannot find customer with the provided mobile number, external ID, or email ID.",
        ),
      ],
      pages,
      none,
      [],
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      id: "customer.1012.error",
      sources: ["a", "b"],
      generations: ["v1.1", "v2"],
      variants: ["Cannot find customer with the provided mobile number, external ID, or email ID."],
    });
    expect(report.settle).toEqual([]);
  });

  it("keeps each page's own spelling, with its pages, when it differs in more than spacing", () => {
    // The customer-v1 page's wordings of 1062, 1109 and 1088 (see issue 20): "and" for "&",
    // an added comma, a capital letter. Each is what that page prints, so each is kept.
    const { entries } = buildEntries(
      [
        row("a", 1062, "Invalid Test & Control status."),
        row("b", 1062, "Invalid test and control status."),
        row("a", 1109, "Unable to add, update or fetch subscription details."),
        row("b", 1109, "Unable to add, update, or fetch  subscription details."),
        row("a", 1088, "Unable to issue points. Please report to capillary support."),
        row("b", 1088, "Unable to issue points. Please report to Capillary Support."),
      ],
      pages,
      none,
      [],
    );
    expect(entries.map((e) => e.wordings)).toEqual([
      [
        { text: "Invalid Test & Control status.", sources: ["a"] },
        { text: "Invalid test and control status.", sources: ["b"] },
      ],
      [
        { text: "Unable to issue points. Please report to capillary support.", sources: ["a"] },
        { text: "Unable to issue points. Please report to Capillary Support.", sources: ["b"] },
      ],
      [
        { text: "Unable to add, update or fetch subscription details.", sources: ["a"] },
        // Only the doubled space is not the page's wording.
        { text: "Unable to add, update, or fetch subscription details.", sources: ["b"] },
      ],
    ]);
    expect(entries.map((e) => e.variants)).toEqual(
      entries.map((e) => e.wordings.slice(1).map((w) => w.text)),
    );
  });

  it("describes a meaning by the wording most pages agree on, however each page punctuates it", () => {
    // Pages a and b print the same wording with different capitals; page b also prints a
    // different wording of the same meaning. The shared wording is the description.
    const { entries } = buildEntries(
      [
        row("b", 1013, "Customer is not registered for loyalty program."),
        row("a", 1013, "Customer not registered for the Loyalty Program"),
        row("b", 1013, "Customer not registered for the loyalty program"),
      ],
      pages,
      { ...none, sameMeaning: [{ resource: "customer", code: 1013, kind: "error", why: "" }] },
      [],
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]?.description).toBe("Customer not registered for the Loyalty Program");
    expect(entries[0]?.wordings).toEqual([
      { text: "Customer not registered for the Loyalty Program", sources: ["a"] },
      { text: "Customer is not registered for loyalty program.", sources: ["b"] },
      { text: "Customer not registered for the loyalty program", sources: ["b"] },
    ]);
    expect(entries[0]?.sources).toEqual(["a", "b"]);
  });

  it("keeps different meanings apart and asks a person to settle them", () => {
    const { entries, report } = buildEntries(
      [
        row("a", 8014, "Invalid Primary Id"),
        row("b", 8014, "Country configuration is missing or invalid."),
      ],
      pages,
      none,
      [],
    );
    expect(entries.map((e) => e.id)).toEqual(["customer.8014.error", "customer.8014.error.2"]);
    expect(report.settle[0]).toMatch(/customer 8014 error has 2 wordings/);
  });

  it("applies curation: same meaning merges, distinct silences the report", () => {
    const rows = [
      row("a", 711, "Coupon is redeemed already"),
      row("b", 711, "Coupon is already used"),
    ];
    const merged = buildEntries(
      rows,
      pages,
      { ...none, sameMeaning: [{ resource: "customer", code: 711, kind: "error", why: "" }] },
      [],
    );
    expect(merged.entries).toHaveLength(1);
    const apart = buildEntries(
      rows,
      pages,
      { ...none, distinct: [{ resource: "customer", code: 711, kind: "error", why: "" }] },
      [],
    );
    expect(apart.entries).toHaveLength(2);
    expect(apart.report.settle).toEqual([]);
  });

  it("reports a continuation row that pages attach to different codes, and keeps both until settled", () => {
    const rows = [
      row("a", 1000, "Referrals are invited successfully.", {
        kind: "success",
        origin: "continuation",
      }),
      row("b", 1040, "Referrals are invited successfully.", {
        kind: "success",
        origin: "continuation",
      }),
    ];
    const unsettled = buildEntries(rows, pages, none, []);
    expect(unsettled.entries.map((e) => e.id)).toEqual([
      "customer.1000.success",
      "customer.1040.success",
    ]);
    expect(unsettled.report.settle.join("\n")).toMatch(
      /attached to different codes: 1000 \(a\) vs 1040 \(b\)/,
    );

    const settled = buildEntries(
      rows,
      pages,
      {
        ...none,
        attributions: [
          {
            text: "Referrals are invited successfully.",
            resource: "customer",
            kind: "success",
            code: 1000,
            why: "",
          },
        ],
      },
      [],
    );
    expect(settled.entries.map((e) => e.id)).toEqual(["customer.1000.success"]);
    expect(settled.entries[0]?.notes).toEqual([
      'b: "Referrals are invited successfully." listed under 1040; curated to 1000',
    ]);
  });

  it("reports success wording under an error heading and applies a curated kind", () => {
    const rows = [row("b", 731, "Coupon redemption successful")];
    expect(buildEntries(rows, pages, none, []).report.settle[0]).toMatch(/reads like a success/);
    const curated = buildEntries(
      rows,
      pages,
      { ...none, kinds: [{ page: "b", code: 731, kind: "success", why: "" }] },
      [],
    );
    expect(curated.entries[0]).toMatchObject({
      id: "customer.731.success",
      kind: "success",
      notes: ["b: listed as error; curated as success"],
    });
  });

  it("keeps existing ids on re-import, so runbook mappings stay attached", () => {
    const existing = buildEntries(
      [row("a", 8014, "Country configuration is missing or invalid.")],
      pages,
      none,
      [],
    ).entries;
    expect(existing[0]?.id).toBe("customer.8014.error");
    // A new page brings a second meaning listed first: the old meaning keeps its id.
    const { entries } = buildEntries(
      [
        row("b", 8014, "Invalid Primary Id"),
        row("a", 8014, "Country configuration is missing or invalid."),
      ],
      pages,
      { ...none, distinct: [{ resource: "customer", code: 8014, kind: "error", why: "" }] },
      existing,
    );
    const byText = new Map(entries.map((e) => [e.description, e.id]));
    expect(byText.get("Country configuration is missing or invalid.")).toBe("customer.8014.error");
    expect(byText.get("Invalid Primary Id")).toBe("customer.8014.error.2");
  });
});

describe("diffEntries", () => {
  it("names what was added, changed (with fields) and removed", () => {
    const before = buildEntries(
      [row("a", 801, "Old wording"), row("a", 802, "Gone")],
      pages,
      none,
      [],
    ).entries;
    const after = buildEntries(
      [row("a", 801, "Old wording"), row("b", 801, "Old wording."), row("a", 803, "New")],
      pages,
      none,
      before,
    ).entries;
    const diff = diffEntries(before, after);
    expect(diff.added.map((e) => e.id)).toEqual(["customer.803.error"]);
    expect(diff.removed.map((e) => e.id)).toEqual(["customer.802.error"]);
    // Page b's own spelling (with a full stop) is a new variant that page b prints.
    expect(diff.changed.map((c) => [c.after.id, c.fields])).toEqual([
      ["customer.801.error", ["variants", "sources", "generations", "wordings"]],
    ]);
  });
});
