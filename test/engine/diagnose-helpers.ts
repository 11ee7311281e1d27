import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { Diagnosis, Engine, Finding } from "../../src/engine/index.js";
import type { Block, SlackMessage } from "../../src/render/blocks.js";
import { LIMITS } from "../../src/render/blocks.js";
import { readPaste } from "../../src/engine/paste/read.js";

/** A paste from test/fixtures/pastes/, exactly as an agent would have pasted it. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/pastes/${name}`, import.meta.url), "utf8");
}

/** Diagnoses a paste that must be recognised as a response. */
export function diagnosed(engine: Engine, text: string): Diagnosis {
  const diagnosis = engine.diagnose(text);
  if (diagnosis === null) throw new Error("expected a diagnosis, got null");
  return diagnosis;
}

/** The formats (json, xml) the paste reader found payloads in. */
export function formatsRead(text: string): ("json" | "xml")[] {
  return readPaste(text)?.formats ?? [];
}

/** The single finding for a code; fails when there is none or more than one. */
export function findingFor(diagnosis: Diagnosis, code: number): Finding {
  const found = diagnosis.findings.filter((f) => f.code === code);
  if (found.length !== 1) {
    const codes = diagnosis.findings.map((f) => f.code).join(", ");
    throw new Error(`expected one finding for ${code}, got ${found.length} (codes: ${codes})`);
  }
  const [finding] = found;
  if (!finding) throw new Error("unreachable");
  return finding;
}

/** The resource of the top-ranked catalog meaning, or null for an unknown code. */
export function topResource(finding: Finding): string | null {
  return finding.matches[0]?.entry.resource ?? null;
}

/** Codes of every finding, sorted, repeated by count. */
export function codesOf(diagnosis: Diagnosis): number[] {
  return diagnosis.findings
    .flatMap((f) => Array<number>(f.count).fill(f.code))
    .sort((a, b) => a - b);
}

/** Every piece of text Slack would render from a message, block by block. */
export function blockTexts(block: Block): string[] {
  switch (block.type) {
    case "header":
      return [block.text.text];
    case "section":
      return [block.text.text];
    case "context":
      return block.elements.map((element) => element.text);
    case "actions":
      return block.elements.flatMap((button) => [button.text.text, button.value]);
  }
}

export function allTexts(message: SlackMessage): string[] {
  return [message.text, ...message.blocks.flatMap(blockTexts)];
}

/** Asserts Slack's Block Kit limits for a message. */
export function expectWithinLimits(message: SlackMessage): void {
  expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
  expect(message.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  expect(message.text.length).toBeGreaterThan(0);
  for (const block of message.blocks) {
    switch (block.type) {
      case "header":
        expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
        break;
      case "section":
        expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
        break;
      case "context":
        expect(block.elements.length).toBeLessThanOrEqual(10);
        for (const element of block.elements) {
          expect(element.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
        }
        break;
      case "actions":
        for (const button of block.elements) {
          expect(button.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
          expect(button.value.length).toBeLessThanOrEqual(LIMITS.buttonValue);
        }
        break;
    }
  }
}

/** Whether a message, as Slack would receive it, fits Block Kit's limits (for properties). */
export function withinLimits(message: SlackMessage): boolean {
  if (message.blocks.length > LIMITS.blocks) return false;
  if (message.text.length === 0 || message.text.length > LIMITS.fallbackText) return false;
  return message.blocks.every((block) => {
    switch (block.type) {
      case "header":
        return block.text.text.length <= LIMITS.headerText;
      case "section":
        return block.text.text.length <= LIMITS.sectionText;
      case "context":
        return (
          block.elements.length <= 10 &&
          block.elements.every((element) => element.text.length <= LIMITS.sectionText)
        );
      case "actions":
        return block.elements.every(
          (button) =>
            button.text.text.length <= LIMITS.buttonText &&
            button.value.length <= LIMITS.buttonValue,
        );
    }
  });
}

/** One catalog line, as catalog/codes.json writes it. */
export interface CatalogRow {
  id: string;
  code: number;
  resource: "customer" | "transaction" | "points" | "coupon";
  kind: "success" | "error" | "warning";
  description: string;
}

const RESOURCE_NAMES = new Set(["customer", "transaction", "points", "coupon"]);
const KIND_NAMES = new Set(["success", "error", "warning"]);

function isCatalogRow(value: unknown): value is CatalogRow {
  if (typeof value !== "object" || value === null) return false;
  const row = value as Record<string, unknown>;
  return (
    typeof row.id === "string" &&
    typeof row.code === "number" &&
    typeof row.resource === "string" &&
    RESOURCE_NAMES.has(row.resource) &&
    typeof row.kind === "string" &&
    KIND_NAMES.has(row.kind) &&
    typeof row.description === "string"
  );
}

/** The catalog rows of catalog/codes.json, read independently of the engine. */
export function catalogRows(): CatalogRow[] {
  const text = readFileSync(new URL("../../catalog/codes.json", import.meta.url), "utf8");
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new Error("catalog/codes.json is not an array");
  const rows = parsed.filter(isCatalogRow);
  if (rows.length !== parsed.length) throw new Error("catalog/codes.json has malformed rows");
  return rows;
}

/** A small deterministic PRNG (mulberry32), so that "random" inputs are the same every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Milliseconds a call takes, with its result. */
export function timed<T>(run: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
}
