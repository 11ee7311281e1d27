import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultCatalogDir } from "../../src/catalog/files.js";

const catalogDir = defaultCatalogDir();
const importer = join(catalogDir, "..", "build", "scripts", "catalog-import.js");

function copyCatalog(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "catalog-")), "catalog");
  cpSync(catalogDir, dir, { recursive: true });
  return dir;
}

const run = (args: string[]) =>
  spawnSync(process.execPath, [importer, ...args], { encoding: "utf8" });

describe("npm run catalog:import", () => {
  it("rebuilds catalog/codes.json from the source pages byte for byte", () => {
    const dir = copyCatalog();
    const result = run(["--catalog", dir]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Read \d+ rows from 5 pages: \d+ entries\.\nNo changes\./);
    expect(readFileSync(join(dir, "codes.json"), "utf8")).toBe(
      readFileSync(join(catalogDir, "codes.json"), "utf8"),
    );
  });

  it("prints what an updated page adds, changes and removes, and keeps ids runbook mappings use", () => {
    const dir = copyCatalog();
    const page = join(dir, "sources", "004_ad9cda6bd90487ab.txt");
    const text = readFileSync(page, "utf8")
      .replace("713 | Coupon has expired |\n", "")
      .replace(
        "1000 | Filters not provided |",
        "1000 | Filters not provided |\n1001 | Coupon wallet is full |",
      )
      .replace(
        "660 | Coupon code has been revoked |",
        "660 | Coupon code has been revoked by the brand |",
      );
    writeFileSync(page, text);
    const result = run(["--catalog", dir]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('+ coupon.1001.error "Coupon wallet is full"');
    expect(result.stdout).toMatch(/~ coupon\.660\.error .*\(description, wordings\)/);
    expect(result.stdout).toMatch(/~ coupon\.713\.error .*\(sources, generations, wordings\)/);
    // The runbook still maps every old id: the catalog check passes on the copy
    // except for the one new, unmapped error.
    const check = spawnSync(
      process.execPath,
      [join(catalogDir, "..", "build", "scripts", "catalog-check.js"), "--catalog", dir],
      { encoding: "utf8" },
    );
    expect(check.status).toBe(1);
    expect(check.stderr).toContain("catalog:check found 1 problem(s)");
    expect(check.stderr).toContain("[coupon.1001.error]: the error has no runbook mapping");
  });

  it("imports the raw vendor pages (prose and all) to the same result, and reports files without tables", () => {
    const dir = copyCatalog();
    const rawPage = join(dir, "004_ad9cda6bd90487ab.txt");
    writeFileSync(
      rawPage,
      "Coupon represents store promotions or discounts.\nThe V2 coupon entity just allows you to redeem coupons.\n" +
        readFileSync(join(dir, "sources", "004_ad9cda6bd90487ab.txt"), "utf8"),
    );
    const readme = join(dir, "README.md");
    writeFileSync(readme, "# Source documents\n\nThe vendor's published response-code tables.\n");
    const others = [
      "000_fe31ed784e3cc29d",
      "001_80a6432114b34776",
      "002_33cb81487ac705a5",
      "003_57566d9ca04c6e41",
    ].map((stem) => join(dir, "sources", `${stem}.txt`));
    const result = run(["--catalog", dir, "--dry-run", ...others, rawPage, readme]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("No changes.");
    expect(result.stdout).toContain("README.md: no code tables found; skipped");
  });

  it("fails clearly, writing nothing, when a page cannot be read", () => {
    const dir = copyCatalog();
    const result = run(["--catalog", dir, join(dir, "missing.txt")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cannot read .*missing\.txt/);
    expect(readFileSync(join(dir, "codes.json"), "utf8")).toBe(
      readFileSync(join(catalogDir, "codes.json"), "utf8"),
    );
  });
});
