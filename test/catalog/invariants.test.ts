import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/load.js";
import { RESOURCES, KINDS } from "../../src/catalog/types.js";
import {
  FORBIDDEN_TERMS,
  customerWordingProblems,
  fillBrand,
} from "../../src/catalog/wording-rules.js";

/** Sweeps every entry for the invariants catalog/README.md promises. */
const { catalog, problems } = loadCatalog();

describe("the catalog", () => {
  it("loads without a single problem", () => {
    expect(problems).toEqual([]);
    expect(catalog.entries.length).toBeGreaterThan(500);
  });

  it.each(catalog.entries.map((e) => [e.id, e] as const))(
    "%s is well formed and mapped",
    (id, entry) => {
      expect(RESOURCES).toContain(entry.resource);
      expect(KINDS).toContain(entry.kind);
      expect(id.startsWith(`${entry.resource}.${entry.code}.${entry.kind}`)).toBe(true);
      expect(entry.description.trim()).not.toBe("");
      expect(entry.sources.length).toBeGreaterThan(0);
      expect(entry.explain.trim()).not.toBe("");
      expect(entry.check.trim()).not.toBe("");
      if (entry.customerWording === null) {
        // "No customer message needed": a warning whose request went through, or a class
        // (success, informational, envelope) that has no customer message at all. An
        // error the customer met always gets words.
        expect(entry.class.customerCanAct).toBe(false);
        if (entry.kind === "error") expect(entry.class.customerWording).toBeNull();
      }
      if (entry.kind !== "success") expect(entry.class.id).not.toBe("success");
      if (/fraud/i.test([entry.description, ...entry.variants].join(" "))) {
        expect(entry.class.id).toBe("risk");
        expect(entry.escalation?.team.id).toBe("risk");
      }
      if (entry.class.customerCanAct) {
        // Where the customer can act, the wording is the entry's own, not a shared line.
        expect(entry.customerWording).not.toBe(entry.class.customerWording);
      }
    },
  );

  it("has unique ids", () => {
    const ids = catalog.entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("gives customer-actionable entries specific wording: few share a sentence", () => {
    const actionable = catalog.entries.filter((e) => e.class.customerCanAct);
    const counts = new Map<string, number>();
    for (const e of actionable)
      counts.set(e.customerWording ?? "", (counts.get(e.customerWording ?? "") ?? 0) + 1);
    const shared = [...counts].filter(([, n]) => n > 3);
    expect(shared).toEqual([]);
  });

  it("says what the customer can do for the cases the brief names", () => {
    const wording = (id: string) => catalog.byId.get(id)?.customerWording ?? "";
    expect(wording("points.803.error")).toMatch(/enough points/i);
    expect(wording("coupon.713.error")).toMatch(/expired/i);
    expect(wording("customer.1021.error")).toMatch(/code/i);
    expect(wording("customer.1016.error")).toMatch(/email/i);
  });

  it("sends fraud-flagged accounts to the risk team with neutral wording", () => {
    for (const id of [
      "customer.618.error",
      "coupon.740.error",
      "coupon.750.error",
      "points.809.error",
      "transaction.820.error",
      "points.3045.error",
    ]) {
      const entry = catalog.byId.get(id);
      expect(entry?.class.id, id).toBe("risk");
      expect(entry?.customerWording, id).not.toMatch(/fraud|flag|risk/i);
    }
  });

  it("escalates only to teams that exist, and where the agent resolves it, only on a stated condition", () => {
    for (const entry of catalog.entries) {
      if (entry.escalation)
        expect(catalog.teams.get(entry.escalation.team.id)).toBe(entry.escalation.team);
      if (
        entry.escalation &&
        ["customer-input", "account-state", "program-rules", "success", "informational"].includes(
          entry.class.id,
        )
      ) {
        expect(entry.escalationWhy, entry.id).not.toBeNull();
        expect(entry.escalation.when, entry.id).toMatch(/^(Only if|Unless)\b/);
      }
    }
  });

  it("maps agent vocabulary onto catalog words", () => {
    const { terms, resources } = catalog.synonyms;
    expect(terms.otp).toContain("validation code");
    expect(terms.voucher).toContain("coupon");
    expect(terms.bill).toContain("transaction");
    expect(terms.tier).toContain("slab");
    expect(terms.phone).toContain("mobile");
    expect(terms.member).toContain("customer");
    expect([resources.voucher, resources.bill, resources.member]).toEqual([
      "coupon",
      "transaction",
      "customer",
    ]);
  });
});

describe("customerWordingProblems", () => {
  it("accepts plain, kind, second-person wording", () => {
    expect(
      customerWordingProblems("This coupon has expired. You can check your other coupons."),
    ).toEqual([]);
  });

  it.each([
    ["Your account is flagged for fraud.", 'uses the internal term "fraud"'],
    ["The EMF call failed for you.", 'uses the internal term "emf"'],
    ["Your slab is too low.", 'uses the internal term "slab"'],
    ["Your org configuration is wrong.", 'uses the internal term "org"'],
    ["You sent invalid JSON.", 'uses the internal term "json"'],
    [
      "Your {x} is invalid.",
      "contains a raw placeholder such as {x} ({x}; the brand file fills none)",
    ],
    [
      "Your points will be restored today.",
      'promises an outcome the agent cannot guarantee ("will be restored")',
    ],
    [
      "Sorry about this, you'll hear more as soon as we know.",
      'promises an outcome the agent cannot guarantee ("as soon as")',
    ],
    [
      "If it's wrong, please contact us.",
      'asks someone already talking to support to contact them ("contact us")',
    ],
    [
      "You can join in the app.",
      'names a channel ("the app"); use {app}, {website} or {store}, which the brand file fills',
    ],
    ["The coupon has expired.", 'is not in the second person ("you")'],
    ["You can try. You can wait. You can call. You can go.", "has 4 sentences (at most 3)"],
  ])("rejects %j", (text, problem) => {
    expect(customerWordingProblems(text)).toContain(problem);
  });

  it.each([
    [
      "Sorry, your purchase wasn't added. Please try again in a few minutes.",
      "transaction",
      "error",
      true,
      'asks the customer to retry a bill or return that only the store or system sends ("try again")',
    ],
    [
      "Your request has gone through.",
      "customer",
      "error",
      true,
      'tells the customer an error went through ("has gone through")',
    ],
    [
      "Sorry, this failed. I've passed it to our team.",
      "coupon",
      "error",
      false,
      `says it was handed over ("I've passed it"), but the entry does not always escalate`,
    ],
  ] as const)(
    "rejects %j for a %s %s (always escalates: %s)",
    (text, resource, kind, alwaysEscalates, problem) => {
      expect(customerWordingProblems(text, {}, { resource, kind, alwaysEscalates })).toContain(
        problem,
      );
    },
  );

  it("allows retry advice where the customer performs the action, and fills brand placeholders", () => {
    const context = { resource: "customer", kind: "error", alwaysEscalates: false } as const;
    expect(
      customerWordingProblems("Please check your email address and try again.", {}, context),
    ).toEqual([]);
    const brand = { app: "our kiosk", store: "the store" };
    expect(customerWordingProblems("You can join in {app} or at {store}.", brand)).toEqual([]);
    expect(fillBrand("{store} can help you. You can also use {app}.", brand)).toBe(
      "The store can help you. You can also use our kiosk.",
    );
  });

  it("matches forbidden terms as whole words only", () => {
    expect(FORBIDDEN_TERMS).toContain("org");
    expect(
      customerWordingProblems("Your organic-looking receipt is fine, you're all set."),
    ).toEqual([]);
  });
});
