/**
 * Every response shape the vendor documents, in JSON and XML, as written in
 * test/fixtures/shapes/ (see shapes.json for the reason behind each expectation): every
 * code is found, with the right resource's meaning on top, whatever Slack did to it.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/index.js";
import { answerMessage, answerText } from "../../src/render/index.js";
import { diagnosed } from "./diagnose-helpers.js";
import { MANGLINGS } from "./mangle.js";

const engine = createEngine();

interface Expected {
  code: number;
  resource: string;
  kind?: string;
}
interface ShapeFixture {
  file: string;
  shape: string;
  why: string;
  codes: Expected[];
}

function isShapeFixture(value: unknown): value is ShapeFixture {
  if (typeof value !== "object" || value === null) return false;
  const row = value as Record<string, unknown>;
  return (
    typeof row.file === "string" &&
    typeof row.shape === "string" &&
    typeof row.why === "string" &&
    Array.isArray(row.codes) &&
    row.codes.every(
      (c: unknown) =>
        typeof c === "object" &&
        c !== null &&
        typeof (c as Record<string, unknown>).code === "number" &&
        typeof (c as Record<string, unknown>).resource === "string",
    )
  );
}

const dir = new URL("../fixtures/shapes/", import.meta.url);
const manifest: unknown = JSON.parse(readFileSync(new URL("shapes.json", dir), "utf8"));
const listed =
  typeof manifest === "object" && manifest !== null && "fixtures" in manifest
    ? manifest.fixtures
    : null;
if (!Array.isArray(listed) || !listed.every(isShapeFixture)) {
  throw new Error("test/fixtures/shapes/shapes.json is malformed");
}
const fixtures: ShapeFixture[] = listed;
const read = (file: string) => readFileSync(new URL(file, dir), "utf8");

describe("documented response shapes", () => {
  it("cover every shape in JSON and in XML", () => {
    const formats = new Set(fixtures.map((f) => f.file.split(".").pop()));
    expect(formats).toEqual(new Set(["json", "xml"]));
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
  });

  describe.each(MANGLINGS)("$name", ({ apply }) => {
    it.each(fixtures)("$file: $shape", ({ file, codes }) => {
      const d = diagnosed(engine, apply(read(file)));
      // Only the listed codes: a coupon code or an amount is not a response code.
      expect(new Set(d.findings.map((f) => f.code))).toEqual(new Set(codes.map((c) => c.code)));
      for (const { code, resource, kind } of codes) {
        const finding = d.findings.find((f) => f.code === code);
        expect(finding?.matches[0]?.entry.resource, `${String(code)} in ${file}`).toBe(resource);
        if (kind) expect(finding?.reported ?? finding?.matches[0]?.entry.kind).toBe(kind);
      }
    });
  });

  it.each(fixtures)("$file: the customer's phone number is never echoed", ({ file }) => {
    const answer = engine.answer(read(file));
    expect(JSON.stringify(answerMessage(answer))).not.toContain("919845012345");
    expect(answerText(answer)).not.toContain("919845012345");
  });
});

describe("numbers under warning and error keys that are not codes", () => {
  it("reads a count of errors as no code, and bare codes in a plural list as codes", () => {
    const d = diagnosed(
      engine,
      '{"response":{"status":{"success":"false","code":500,"message":"All requests have failed due to errors"},"summary":{"errors":150,"warnings":120},"customers":{"customer":{"item_status":{"success":"false","code":1012,"message":"x","warnings":["8056"]}}}}}',
    );
    expect(d.findings.map((f) => f.code).sort()).toEqual([1012, 8056]);
  });
});
