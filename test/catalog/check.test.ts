import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultCatalogDir } from "../../src/catalog/files.js";

const catalogDir = defaultCatalogDir();
const root = join(catalogDir, "..");
const check = (dir?: string) =>
  spawnSync(
    process.execPath,
    [join(root, "build/scripts/catalog-check.js"), ...(dir ? ["--catalog", dir] : [])],
    {
      encoding: "utf8",
    },
  );

/** A copy of the catalog with one file edited. */
function brokenCatalog(file: string, edit: (text: string) => string): string {
  const dir = join(mkdtempSync(join(tmpdir(), "catalog-")), "catalog");
  cpSync(catalogDir, dir, { recursive: true });
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), "utf8")));
  return dir;
}

describe("npm run catalog:check", () => {
  it("passes on the repository's catalog", () => {
    const result = check();
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^catalog:check OK: \d+ entries/);
    expect(result.status).toBe(0);
  });

  it.each([
    [
      "customer wording that reveals a fraud flag",
      "runbook/points-coupon.yml",
      (t: string) =>
        t.replace(/(points\.803\.error:[\s\S]*?customer: )[^\n]*/, "$1You are flagged for fraud."),
      'catalog/runbook/points-coupon.yml [points.803.error]: customer wording uses the internal term "fraud"',
    ],
    [
      "an unknown class",
      "runbook/points-coupon.yml",
      (t: string) => t.replace(/(points\.803\.error:\s*\n\s*class: )[\w-]+/, "$1made-up"),
      'catalog/runbook/points-coupon.yml [points.803.error]: unknown class "made-up"',
    ],
    [
      "an escalation to a team that does not exist",
      "classes.yml",
      (t: string) => t.replace("team: risk", "team: nobody"),
      'catalog/classes.yml [risk]: escalation names unknown team "nobody"',
    ],
    [
      "an entry without a runbook mapping",
      "runbook/points-coupon.yml",
      (t: string) => t.replace(/\n {2}points\.803\.error:[\s\S]*?(?=\n {2}\S)/, ""),
      "catalog/runbook/ [points.803.error]: the error has no runbook mapping",
    ],
    [
      "a duplicate entry",
      "codes.json",
      (t: string) => t.replace(/(\n {2}\{"id":"points\.803\.error"[^\n]*)/, "$1$1"),
      "catalog/codes.json [points.803.error]: duplicate id",
    ],
    [
      // customer-v1 prints "Unable to register. Invalid email ID."; only the other pages
      // print the description (issue 20).
      "an entry citing a page for a wording that page does not print",
      "codes.json",
      (t: string) =>
        t.replace(
          /("id":"customer\.1002\.error".*?"wordings":\[\{"text":"[^"]*","sources":\[)/,
          '$1"customer-v1",',
        ),
      'catalog/codes.json [customer.1002.error]: cites customer-v1 for "Unable to register. Invalid email id.", which customer-v1 does not print for 1002 (customer error)',
    ],
    [
      "a page in sources that prints none of the entry's wordings",
      "codes.json",
      (t: string) => t.replace(/("id":"points\.803\.error".*?"sources":\[)/, '$1"coupon-v2",'),
      "catalog/codes.json [points.803.error]: cites coupon-v2, but coupon-v2 prints none of its wordings",
    ],
    [
      "a raw placeholder in customer wording",
      "runbook/points-coupon.yml",
      (t: string) =>
        t.replace(/(points\.803\.error:[\s\S]*?customer: )[^\n]*/, "$1You have {x} points."),
      "customer wording contains a raw placeholder such as {x}",
    ],
  ])("fails on %s, naming the file, entry and problem", (_name, file, edit, message) => {
    const dir = brokenCatalog(file, edit);
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(message);
  });

  it("makes the bot refuse to start on an invalid catalog, saying why", () => {
    const dir = brokenCatalog("classes.yml", (t) => t.replace("team: risk", "team: nobody"));
    const result = spawnSync(process.execPath, [join(root, "dist/src/index.js")], {
      encoding: "utf8",
      input: "",
      env: {
        ...process.env,
        LOYALTY_CATALOG_DIR: dir,
        SLACK_BOT_TOKEN: "",
        SLACK_APP_TOKEN: "",
        SLACK_SIGNING_SECRET: "",
      },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("The catalog is invalid");
    expect(result.stderr).toContain(
      'catalog/classes.yml [risk]: escalation names unknown team "nobody"',
    );
  });
});
