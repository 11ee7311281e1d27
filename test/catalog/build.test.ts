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
    expect(diff.changed.map((c) => [c.after.id, c.fields])).toEqual([
      ["customer.801.error", ["sources", "generations"]],
    ]);
  });
});
