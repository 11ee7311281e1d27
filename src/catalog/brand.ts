import { existsSync } from "node:fs";
import { join } from "node:path";
import { readYaml } from "./files.js";
import type { Problem } from "./problems.js";
import { FieldReader } from "./problems.js";

export interface Brand {
  /** The neutral values of catalog/brand.yml: wording is checked with these. */
  defaults: Readonly<Record<string, string>>;
  /** The values customers see: the defaults with the company's override applied. */
  filled: Readonly<Record<string, string>>;
}

const MAX_VALUE_LENGTH = 40;

/**
 * catalog/brand.yml (where customers shop or look things up: {app}, {website},
 * {store}) and the company's override: `brandFile`, or catalog/brand.local.yml when it
 * exists. A named override that is missing is a problem, never a silent default.
 */
export function readBrand(
  dir: string,
  brandFile: string | null | undefined,
  problems: Problem[],
): Brand {
  const reader = new FieldReader("catalog/brand.yml");
  const defaults = readValues(reader, join(dir, "brand.yml"));
  problems.push(...reader.problems);

  const overridePath = brandFile ?? join(dir, "brand.local.yml");
  if (brandFile === null || (brandFile === undefined && !existsSync(overridePath))) {
    return { defaults, filled: defaults };
  }
  const overrides = new FieldReader(overridePath);
  const values = readValues(overrides, overridePath);
  for (const name of Object.keys(values)) {
    if (!(name in defaults)) {
      overrides.problem(name, `no placeholder "${name}" in catalog/brand.yml to override`);
    }
  }
  problems.push(...overrides.problems);
  return { defaults, filled: { ...defaults, ...values } };
}

function readValues(reader: FieldReader, path: string): Record<string, string> {
  const parsed = readYaml(reader, path);
  if (parsed === undefined) return {};
  const root = reader.record(parsed, null, "the file");
  const section = root ? reader.record(root.placeholders, null, '"placeholders"') : null;
  const values: Record<string, string> = {};
  for (const name of Object.keys(section ?? {})) {
    const value = section ? reader.string(section, name, name) : null;
    if (value === null) continue;
    if (/[{}<>]/.test(value) || value.length > MAX_VALUE_LENGTH) {
      reader.problem(
        name,
        `must be plain words of at most ${MAX_VALUE_LENGTH} characters, got "${value}"`,
      );
      continue;
    }
    values[name] = value;
  }
  return values;
}
