import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/load.js";
import type { Entry } from "../../src/catalog/types.js";
import { Engine } from "../../src/engine/index.js";
import { answerJson, answerText } from "../../src/render/index.js";

/**
 * Sweeps of the catalog's content, written from what a support lead's review found:
 * escalation that contradicts the entry's own text, wording that promises, sends the
 * customer to "contact us", asks for retries of bills, hard-codes channels, or reports
 * success for an error; agent text that leaks internal ids. Each sweep is phrased
 * independently of the check's own rules, so that both have to agree.
 */
const { catalog, problems } = loadCatalog();
const entries = catalog.entries;
const agentText = (e: Entry) => `${e.explain}\n${e.check}`;
const offenders = (test: (e: Entry) => boolean) => entries.filter(test).map((e) => e.id);

/** How agent text names a team, and the team key it means. */
const TEAM_WORDS: [RegExp, string][] = [
  [/integration engineering/i, "integration-engineering"],
  [/platform on-call/i, "platform-oncall"],
  [/risk team/i, "risk"],
  [/Capillary Support|loyalty platform owners/i, "loyalty-platform"],
];

describe("escalation agrees with the entry's own text", () => {
  it("loads cleanly, so every sweep below reads the real catalog", () => {
    expect(problems).toEqual([]);
  });

  it("escalates to every team the explain or check names, or says why not", () => {
    const disagree = entries.flatMap((e) =>
      TEAM_WORDS.filter(
        ([words, team]) =>
          words.test(agentText(e)) && e.escalation?.team.id !== team && e.escalationWhy === null,
      ).map(([, team]) => `${e.id} → ${team}`),
    );
    expect(disagree).toEqual([]);
  });

  it("never tells the agent to escalate where the escalation is none", () => {
    const told = offenders(
      (e) =>
        e.escalation === null &&
        /escalat/i.test(agentText(e).replace(/\b(no|not|never|don't) escalat\w*/gi, "")),
    );
    expect(told).toEqual([]);
  });

  it("puts a conditional escalation's condition in `when`, not only in the check", () => {
    const conditional = offenders(
      (e) =>
        e.escalation !== null &&
        /\bif\b[^.;]*escalat|escalat\w*[^.;]*\b(if|when)\b/i.test(e.check) &&
        /^Always\b/.test(e.escalation.when),
    );
    expect(conditional).toEqual([]);
  });

  it("keeps the cases the review named in line with their text", () => {
    const entry = (id: string) => catalog.byId.get(id);
    // 500 on customer and coupon is the generic envelope: the items decide.
    expect(entry("coupon.500.error")?.class.id).toBe("envelope");
    expect(entry("coupon.500.error")?.escalation).toBeNull();
    expect(entry("customer.500.error")?.class.id).toBe("envelope");
    // A duplicate bill already on the account loses nothing: escalate only when it is missing.
    expect(entry("transaction.604.error")?.escalation?.when).toMatch(
      /^Only if the bill is missing/,
    );
    // 742 names the risk team, 8153 the loyalty platform owners.
    expect(entry("coupon.742.error")?.escalation?.team.id).toBe("risk");
    expect(entry("customer.8153.error")?.escalation?.team.id).toBe("loyalty-platform");
    // 91016 is the same situation as an error and as a warning.
    expect(entry("customer.91016.error")?.class.id).toBe(entry("customer.91016.warning")?.class.id);
  });

  it("classes the same meaning as an error and as a warning alike", () => {
    const byMeaning = new Map<string, Entry[]>();
    for (const e of entries) {
      if (e.kind === "success") continue;
      const key = `${e.resource}|${e.code}|${e.description.toLowerCase()}`;
      byMeaning.set(key, [...(byMeaning.get(key) ?? []), e]);
    }
    const split = [...byMeaning.values()]
      .filter((twins) => new Set(twins.map((e) => e.class.id)).size > 1)
      .map((twins) => twins.map((e) => `${e.id}:${e.class.id}`).join(" "));
    expect(split).toEqual([]);
  });

  it("pages nobody at high urgency for informational warnings (WeChat, images, search indexing)", () => {
    const loud = offenders(
      (e) =>
        e.kind === "warning" &&
        /wechat|web engage|image|solr/i.test(e.description) &&
        e.escalation !== null &&
        ["high", "urgent"].includes(e.escalation.urgency),
    );
    expect(loud).toEqual([]);
  });

  it("explains generic envelope statuses from the catalog, never escalating the generic ones", () => {
    for (const code of [200, 201, 500]) {
      const status = catalog.envelope.get(code);
      expect(status?.escalation, String(code)).toBeNull();
      expect(status?.alone, String(code)).toMatch(/whole response|nothing went wrong/i);
    }
  });
});

describe("customer wording a support lead can stand behind", () => {
  const worded = entries.filter((e) => e.customerWording !== null);
  const saying = (pattern: RegExp, among: Entry[] = worded) =>
    among.filter((e) => pattern.test(e.customerWording ?? "")).map((e) => e.id);

  it("promises no outcome or follow-up", () => {
    expect(
      saying(/as soon as|will be fixed|will update you|will contact you|someone will|we will/i),
    ).toEqual([]);
  });

  it('never sends someone already talking to support to "contact us"', () => {
    expect(saying(/contact us|get in touch|let us know/i)).toEqual([]);
  });

  it("never asks the customer to resend a bill or a return", () => {
    const transactions = worded.filter((e) => e.resource === "transaction");
    expect(saying(/try again|retry|in a few minutes/i, transactions)).toEqual([]);
  });

  it("never tells the customer an error went through", () => {
    const errors = worded.filter((e) => e.kind === "error");
    expect(saying(/gone through|went through|successful/i, errors)).toEqual([]);
  });

  it("says it was passed to a team only where the entry escalates every time", () => {
    const notEscalated = worded.filter((e) => !/^Always/.test(e.escalation?.when ?? ""));
    expect(saying(/passed (it|this) to/i, notEscalated)).toEqual([]);
  });

  it("shows channels filled from the brand file, never a raw placeholder", () => {
    expect(saying(/[{}]/)).toEqual([]);
    expect(catalog.byId.get("customer.8089.error")?.customerWording).toBe(
      "It looks like you haven't joined our loyalty program yet. You can join in our app, on our website or at the store.",
    );
  });

  it("needs no customer message for success and informational notes", () => {
    for (const id of ["customer.1051.error", "customer.91011.error", "customer.1028.error"]) {
      expect(catalog.byId.get(id)?.customerWording, id).toBeNull();
    }
  });

  it("shows no internal entry id to anyone", () => {
    const leaks = offenders((e) =>
      /\b(customer|transaction|points|coupon)\.\d+\.(error|warning|success)/.test(
        `${agentText(e)}\n${e.customerWording ?? ""}`,
      ),
    );
    expect(leaks).toEqual([]);
  });
});

describe("what the agent sees of it", () => {
  const engine = new Engine(catalog);

  it("says no customer message is needed instead of inventing one", () => {
    expect(answerText(engine.answer("1051 customer"))).toContain(
      "no customer message needed for this code",
    );
  });

  it("shows an entry's own escalation with its reason, in the text and in --json", () => {
    const answer = engine.answer("604 transaction");
    expect(answerText(answer)).toContain("A duplicate of a bill that is already on the account");
    const json = answerJson(answer) as { matches: { escalation: { why: string | null } }[] };
    expect(json.matches[0]?.escalation.why).toMatch(/^A duplicate of a bill/);
  });
});
