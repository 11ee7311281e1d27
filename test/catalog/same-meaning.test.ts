import { describe, expect, it } from "vitest";
import { loadCatalogOrThrow } from "../../src/catalog/load.js";

const catalog = loadCatalogOrThrow();
const group = (id: string) => catalog.byId.get(id)?.sameMeaning;

describe("meanings that say the same thing across resources", () => {
  it("links entries the runbook curates as the same (816: customer not found, for customer and points)", () => {
    expect(group("points.816.error")).toBe(group("customer.816.error"));
    expect(group("transaction.618.error")).toBe(group("customer.618.error"));
  });

  it("links entries whose descriptions are equal once case and punctuation are ignored (687)", () => {
    // transaction: "Points activities are queued and will be updated later." and coupon: the same without the period.
    expect(group("coupon.687.error")).toBe(group("transaction.687.error"));
  });

  it("keeps meanings that differ apart (660: a revoked coupon is no registration-date failure)", () => {
    expect(group("coupon.660.error")).not.toBe(group("transaction.660.error"));
    expect(group("customer.1101.error")).not.toBe(group("transaction.1101.error"));
  });

  it("gives every entry of a group the same key, and one of the group's ids", () => {
    for (const entry of catalog.entries) {
      const representative = catalog.byId.get(entry.sameMeaning);
      expect(representative?.code).toBe(entry.code);
      expect(representative?.sameMeaning).toBe(representative?.id);
    }
  });
});
