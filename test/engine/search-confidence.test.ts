import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/engine/answer.js";
import { createEngine } from "../../src/engine/index.js";
import { answerJson, answerText } from "../../src/render/index.js";

/**
 * Free-text answers earn their confidence: what issue 12 saw the bot answer wrongly,
 * and what each confidence looks like to the agent.
 */
const engine = createEngine();

const ids = (answer: Answer) =>
  answer.type === "search"
    ? answer.hits.map((hit) => `${hit.entry.resource}.${String(hit.entry.code)}`)
    : answer.type === "codes"
      ? answer.items.flatMap((item) =>
          item.matches.map((m) => `${m.entry.resource}.${String(m.entry.code)}`),
        )
      : [];

const confidence = (answer: Answer) =>
  answer.type === "search" || answer.type === "codes" ? answer.confidence : null;

describe("small talk and off-topic questions get no code", () => {
  it.each([
    ["thanks!", "thanks matched 8101 'Limit should be greater than 0' through a typo correction"],
    ["ok will check", "an acknowledgement; 'will' is in 687's wording"],
    ["who is on call today", "a rota question; 'call' is in the 500 envelope's long note"],
    ["HTTP 502 from nginx", "a web server status, not a documented code"],
    ["error 99999", "no such documented code"],
    ["hi, thanks a lot!", "greeting and thanks only"],
    ["the", "a stop word alone"],
  ])("%j gets confidence none (%s)", (text) => {
    const answer = engine.query(text);
    expect(confidence(answer)).toBe("none");
    expect(answerJson(answer)).toMatchObject({ confidence: "none", matches: [] });
  });
});

describe("agent vocabulary finds what the agent means", () => {
  it("reads 'otp not received' as the OTP that could not be issued (860), not a wrong code", () => {
    expect(ids(engine.query("otp not received"))[0]).toBe("points.860");
  });

  it("reads 'points not showing' as points queued for later (687), not the redemption limit", () => {
    expect(ids(engine.query("points not showing"))[0]?.endsWith(".687")).toBe(true);
  });

  it("finds a verbatim vendor message even though it contains a number", () => {
    const answer = engine.query("limit cannot be greater than 100");
    expect(answer.type).toBe("search");
    expect(confidence(answer)).toBe("strong");
    expect(ids(answer)[0]).toBe("customer.8102");
  });

  it("finds a cut-off vendor message", () => {
    const answer = engine.query("Unable to redeem. The coupon is not valid for");
    expect(confidence(answer)).toBe("strong");
    expect(ids(answer)[0]).toBe("coupon.715");
  });
});

describe("'customer' beside another resource word keeps the other resource", () => {
  it.each([
    ["points redeem customer not found", "points", "points.816"],
    ["coupon redeem customer not found", "coupon", null],
    ["customer not found points", "points", "points.816"],
  ])("%j is about %s", (text, resource, first) => {
    const answer = engine.query(text);
    if (answer.type !== "search") throw new Error(`expected a search, got ${answer.type}`);
    expect(answer.resource).toBe(resource);
    if (first) expect(ids(answer)[0]).toBe(first);
    expect(answer.hits[0]?.entry.resource).toBe(resource);
  });

  it("leaves the resource open when two other resources are named", () => {
    const answer = engine.query("coupon points customer not found");
    expect(answer.type === "search" ? answer.resource : "not a search").toBeNull();
  });
});

describe("ranking", () => {
  it("gives a code listed as both error and warning with the same text one place", () => {
    for (const text of ["customer already in lowest slab", "customer status get failed"]) {
      const top = ids(engine.query(text)).slice(0, 3);
      expect(new Set(top).size, `${text}: ${top.join(", ")}`).toBe(top.length);
    }
  });

  it.each(["otp for email change", "change phone otp", "phone change", "who is on call today"])(
    "does not rank the 500 envelope's long note first for %j",
    (text) => {
      expect(ids(engine.query(text))[0] ?? "no code").not.toMatch(/\.500$/);
    },
  );
});

describe("what each confidence shows the agent", () => {
  it("strong: the best meaning in full, with its escalation", () => {
    const answer = engine.query("coupon has expired");
    expect(confidence(answer)).toBe("strong");
    const text = answerText(answer);
    expect(text).toContain("713 · coupon · error");
    expect(text).toContain("Tell the customer:");
    expect(text).toMatch(/Escalat/);
  });

  it("weak: two to five candidates with their meanings and no escalation block", () => {
    const answer = engine.query("customer not found");
    expect(confidence(answer)).toBe("weak");
    if (answer.type !== "search") throw new Error("expected a search");
    expect(answer.hits.length).toBeGreaterThanOrEqual(2);
    expect(answer.hits.length).toBeLessThanOrEqual(5);
    const text = answerText(answer);
    expect(text).toContain("Did you mean");
    for (const hit of answer.hits) expect(text).toContain(hit.entry.description);
    expect(text).not.toMatch(/Escalat/);
    expect(text).not.toContain("Tell the customer:");
  });

  it("none: says nothing documented matches and how to ask", () => {
    const text = answerText(engine.query("who is on call today"));
    expect(text).toContain("No documented code matches");
    expect(text).toContain("loyalty-code 803");
    expect(text).toContain("loyalty-code 816 points");
    expect(text).not.toMatch(/\b\d{3,5} · (customer|transaction|points|coupon)/);
  });
});

describe("loyalty-code command line", () => {
  const bin = fileURLToPath(new URL("../../dist/src/cli/bin.js", import.meta.url));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", input: "" });

  it("exits 1 with confidence none and no matches when nothing documented matches", () => {
    const result = run("--json", "thanks!");
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ confidence: "none", matches: [] });
  });

  it("exits 0 with the confidence when it answers", () => {
    const result = run("--json", "otp", "not", "received");
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as { confidence: string; matches: { code: number }[] };
    expect(json.confidence).toBe("strong");
    expect(json.matches[0]?.code).toBe(860);
  });
});
