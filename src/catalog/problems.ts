import { isRecord } from "../guards.js";

/** A problem in a catalog file, named precisely enough to fix: file, entry, what is wrong. */
export interface Problem {
  file: string;
  entry: string | null;
  message: string;
}

export const formatProblem = (p: Problem): string =>
  `${p.file}${p.entry === null ? "" : ` [${p.entry}]`}: ${p.message}`;

export class CatalogInvalidError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    const shown = problems.slice(0, 20).map((p) => `  - ${formatProblem(p)}`);
    const more = problems.length > 20 ? [`  … and ${problems.length - 20} more`] : [];
    super(
      [
        `The catalog is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}):`,
        ...shown,
        ...more,
        "Fix the entries named above, then run `npm run catalog:check`.",
      ].join("\n"),
    );
    this.name = "CatalogInvalidError";
  }
}

/**
 * Narrows parsed YAML/JSON (`unknown`) field by field, recording a Problem for each
 * field that is missing or of the wrong type instead of stopping at the first.
 */
export class FieldReader {
  readonly problems: Problem[] = [];
  constructor(readonly file: string) {}

  problem(entry: string | null, message: string): void {
    this.problems.push({ file: this.file, entry, message });
  }

  record(value: unknown, entry: string | null, what: string): Record<string, unknown> | null {
    if (isRecord(value)) return value;
    this.problem(entry, `${what} must be a mapping, got ${describe(value)}`);
    return null;
  }

  string(obj: Record<string, unknown>, field: string, entry: string | null): string | null {
    const value = obj[field];
    if (typeof value === "string" && value.trim() !== "") return value.trim();
    this.problem(entry, `"${field}" must be a non-empty string, got ${describe(value)}`);
    return null;
  }

  optionalString(obj: Record<string, unknown>, field: string, entry: string | null): string | null {
    return obj[field] === undefined || obj[field] === null ? null : this.string(obj, field, entry);
  }

  stringList(obj: Record<string, unknown>, field: string, entry: string | null): string[] {
    const value = obj[field];
    if (value === undefined) return [];
    if (Array.isArray(value) && value.every((v): v is string => typeof v === "string"))
      return value;
    this.problem(entry, `"${field}" must be a list of strings, got ${describe(value)}`);
    return [];
  }

  number(obj: Record<string, unknown>, field: string, entry: string | null): number | null {
    const value = obj[field];
    if (typeof value === "number" && Number.isInteger(value)) return value;
    this.problem(entry, `"${field}" must be a whole number, got ${describe(value)}`);
    return null;
  }

  oneOf<T extends string>(
    obj: Record<string, unknown>,
    field: string,
    allowed: readonly T[],
    entry: string | null,
  ): T | null {
    const value = obj[field];
    const match = allowed.find((a) => a === value);
    if (match !== undefined) return match;
    this.problem(entry, `"${field}" must be one of ${allowed.join(", ")}, got ${describe(value)}`);
    return null;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return `"${value.slice(0, 40)}"`;
  return typeof value;
}
