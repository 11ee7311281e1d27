import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/index.js";
import { answerJson, answerMessage, answerText } from "../../src/render/index.js";
import type { CatalogRow } from "./diagnose-helpers.js";
import { catalogRows, codesOf, withinLimits } from "./diagnose-helpers.js";

const engine = createEngine();
const rows = catalogRows();

const PING = "<!channel>";

/** Pieces of pastes, so that random text often reaches the JSON and XML readers. */
const FRAGMENTS = [
  "{",
  "}",
  "[",
  "]",
  ":",
  ",",
  '"',
  "'",
  '"code"',
  '"message"',
  '"errors"',
  '"item_status"',
  '"success"',
  '"mobile"',
  '"919876543210"',
  "1012",
  '"803"',
  "744.0",
  "true",
  "false",
  "<response>",
  "</response>",
  "<code>",
  "</code>",
  "<message>",
  "<?xml ",
  "<!DOCTYPE x [",
  "]>",
  "&lt;",
  "&gt;",
  "&amp;",
  "```",
  "\u201c",
  "\u201d",
  "\n",
  "X-CAP-REQUEST-ID: ",
  "POST /v1.1/points/redeem ",
  "<mailto:a@b.co|a@b.co>",
  "<http://x.example|x>",
  PING,
  "&lt;!channel&gt;",
  "<@U123>",
  "\ud800",
];

const pasteLike = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 })), { maxLength: 60 })
  .map((parts) => parts.join(""));

const anyText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.json({ maxDepth: 6 }),
  fc.jsonValue({ maxDepth: 6 }).map((value) => JSON.stringify(value)),
  pasteLike,
);

/** Runs the whole pipeline on a text and checks what must hold for any input. */
function holdsFor(text: string): boolean {
  engine.diagnose(text);
  const message = answerMessage(engine.answer(text), { shareKey: "kEy0123456789abc" });
  const shared = answerMessage(engine.answer(text), { sharedBy: "U0ABCDEF1" });
  return withinLimits(message) && withinLimits(shared);
}

describe("properties of the paste pipeline", () => {
  it("never throws and always fits Slack's limits, for arbitrary JSON values", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => holdsFor(JSON.stringify(value))),
      { numRuns: 300 },
    );
  });

  it("never throws and always fits Slack's limits, for arbitrary text", () => {
    fc.assert(fc.property(anyText, holdsFor), { numRuns: 500 });
  });

  it("never lets <!channel> from the input through, wherever it is in the paste", () => {
    const withPing = fc
      .tuple(anyText, anyText, fc.constantFrom(PING, "&lt;!channel&gt;"))
      .map(([before, after, ping]) => `${before}${ping}${after}`);
    const pingInPayload = fc
      .tuple(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(...rows.map((r) => r.code)))
      .map(([extra, code]) =>
        JSON.stringify({
          [PING]: extra,
          errors: [{ status: false, code, message: `${PING} failed` }],
          response: { status: { code: 500, message: PING }, [PING]: { code, message: "x" } },
        }),
      );
    fc.assert(
      fc.property(fc.oneof(withPing, pingInPayload), (text) => {
        const message = answerMessage(engine.answer(text));
        return !JSON.stringify(message).includes(PING);
      }),
      { numRuns: 400 },
    );
  });

  it("finds every code of a v1.1 payload built from catalog entries, under its resource", () => {
    const wrappers = {
      customer: (items: unknown) => ({ customers: { customer: items } }),
      transaction: (items: unknown) => ({ transactions: { transaction: items } }),
      points: (items: unknown) => ({ responses: { points: items } }),
      coupon: (items: unknown) => ({ coupons: { redeemable: items } }),
    } as const;
    const byResource = (resource: CatalogRow["resource"]) =>
      rows.filter((row) => row.resource === resource);

    // 803, "803", "803.0", and a float literal 803.0 (written in after JSON.stringify).
    const codeAs = (code: number, form: number): number | string =>
      [code, String(code), `${code}.0`, `__float_${code}__`][form] ?? code;

    const item = (row: CatalogRow, form: number, mobile: number) => {
      const status =
        row.kind === "warning"
          ? {
              success: "true",
              warnings: { warning: { code: codeAs(row.code, form), message: row.description } },
            }
          : {
              success: String(row.kind === "success"),
              code: codeAs(row.code, form),
              message: row.description,
            };
      return { mobile: String(mobile), item_status: status };
    };

    const payload = fc
      .constantFrom("customer", "transaction", "points", "coupon" as const)
      .chain((resource) =>
        fc.record({
          resource: fc.constant(resource),
          items: fc.array(
            fc.record({
              row: fc.constantFrom(...byResource(resource)),
              form: fc.integer({ min: 0, max: 3 }),
              mobile: fc.integer({ min: 916_000_000_000, max: 919_999_999_999 }),
            }),
            { minLength: 1, maxLength: 8 },
          ),
          single: fc.boolean(),
          envelope: fc.constantFrom(
            { success: "false", code: 500, message: "All requests have failed due to errors" },
            { success: "true", code: 201, message: "Some requests have failed due to errors" },
            { success: "true", code: 200, message: "SUCCESS" },
          ),
        }),
      );

    fc.assert(
      fc.property(payload, ({ resource, items, single, envelope }) => {
        const built = items.map(({ row, form, mobile }) => item(row, form, mobile));
        const collection = single && built.length === 1 ? built[0] : built;
        const text = JSON.stringify({
          response: { status: envelope, ...wrappers[resource](collection) },
        }).replace(/"__float_(\d+)__"/g, "$1.0");
        const d = engine.diagnose(text);
        expect(d).not.toBeNull();
        if (d === null) return;

        expect(codesOf(d)).toEqual(items.map(({ row }) => row.code).sort((a, b) => a - b));
        expect(d.envelope.map((e) => e.code)).toEqual([envelope.code]);
        for (const finding of d.findings) {
          expect(finding.inferredResource).toBe(resource);
          expect(finding.matches[0]?.entry.resource).toBe(resource);
          expect(finding.paths.every((p) => p.startsWith("response."))).toBe(true);
        }
        for (const { row } of items) {
          const finding = d.findings.find(
            (f) => f.code === row.code && f.matches[0]?.entry.kind === row.kind,
          );
          expect(finding, row.id).toBeDefined();
        }
        for (const { mobile } of items) expect(JSON.stringify(d)).not.toContain(String(mobile));
      }),
      { numRuns: 300 },
    );
  });

  it("reads a payload's strings the same whether or not text follows it", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (message) => {
        const body = JSON.stringify({ errors: [{ status: false, code: 8015, message }] });
        const alone = engine.diagnose(body);
        const followed = engine.diagnose(`${body}\nthanks!`);
        const read = (d: typeof alone) =>
          d?.findings.map((f) => f.message?.replace(/\s+/g, " ") ?? null) ?? [];
        expect(read(followed)).toEqual(read(alone));
      }),
      { numRuns: 300 },
    );
  });

  it("finds every code of a v2 body built from catalog entries, and never echoes the customer", () => {
    const entity = fc.record({
      mobile: fc.integer({ min: 916_000_000_000, max: 919_999_999_999 }).map(String),
      email: fc
        .tuple(fc.stringMatching(/^[a-z]{3,8}$/), fc.stringMatching(/^[a-z]{3,8}$/))
        .map(([user, domain]) => `${user}.x@${domain}.example`),
      errors: fc.array(fc.constantFrom(...rows.filter((row) => row.kind === "error")), {
        maxLength: 3,
      }),
      warnings: fc.array(fc.constantFrom(...rows.filter((row) => row.kind === "warning")), {
        maxLength: 2,
      }),
    });
    const body = fc.record({
      bulk: fc.boolean(),
      entities: fc.array(entity, { minLength: 1, maxLength: 5 }),
    });

    fc.assert(
      fc.property(body, ({ bulk, entities }) => {
        const results = entities.map(({ mobile, email, errors, warnings }) => ({
          entity: {
            identifiers: [
              { type: "mobile", value: mobile },
              { type: "email", value: email },
            ],
          },
          errors: errors.map((row) => ({
            status: false,
            code: row.code,
            message: row.description,
          })),
          warnings: warnings.map((row) => ({
            status: true,
            code: String(row.code),
            message: row.description,
          })),
        }));
        const codes = entities.flatMap((e) => [...e.errors, ...e.warnings].map((row) => row.code));
        const text = JSON.stringify(bulk ? results : { ...results[0], createdId: 0 });
        const expected = (
          bulk
            ? codes
            : [...(entities[0]?.errors ?? []), ...(entities[0]?.warnings ?? [])].map((r) => r.code)
        ).sort((a, b) => a - b);
        const d = engine.diagnose(text);
        if (expected.length === 0) return;
        expect(d).not.toBeNull();
        if (d === null) return;
        expect(codesOf(d)).toEqual(expected);
        for (const finding of d.findings) {
          const reported = finding.reported;
          expect(reported === "error" || reported === "warning").toBe(true);
        }
        const answer = engine.answer(text);
        const rendered = [
          JSON.stringify(answerMessage(answer)),
          answerText(answer),
          JSON.stringify(answerJson(answer)),
        ].join("\n");
        for (const { mobile, email } of bulk ? entities : entities.slice(0, 1)) {
          expect(rendered).not.toContain(mobile);
          expect(rendered).not.toContain(email);
        }
      }),
      { numRuns: 200 },
    );
  });
});
