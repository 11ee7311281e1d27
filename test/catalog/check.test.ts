import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultCatalogDir } from "../../src/catalog/files.js";
import { loadCatalogOrThrow } from "../../src/catalog/load.js";
import { Engine } from "../../src/engine/index.js";
import { answerText } from "../../src/render/index.js";

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

/** The bot as a local console (no Slack tokens) over the given catalog folder. */
const startBot = (dir: string, input = "", env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [join(root, "dist/src/index.js")], {
    encoding: "utf8",
    input,
    env: {
      ...process.env,
      LOYALTY_CATALOG_DIR: dir,
      SLACK_BOT_TOKEN: "",
      SLACK_APP_TOKEN: "",
      SLACK_SIGNING_SECRET: "",
      ...env,
    },
  });

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
    [
      "customer wording that promises a follow-up",
      "runbook/points-coupon.yml",
      (t: string) =>
        t.replace(
          /(points\.803\.error:[\s\S]*?customer: )[^\n]*/,
          "$1You can't redeem this now. We will update you as soon as we know more.",
        ),
      'catalog/runbook/points-coupon.yml [points.803.error]: customer wording promises an outcome the agent cannot guarantee ("We will update")',
    ],
    [
      'customer wording that says "contact us"',
      "runbook/points-coupon.yml",
      (t: string) =>
        t.replace(
          /(points\.803\.error:[\s\S]*?customer: )[^\n]*/,
          "$1You don't have enough points. Please contact us for help.",
        ),
      'catalog/runbook/points-coupon.yml [points.803.error]: customer wording asks someone already talking to support to contact them ("contact us")',
    ],
    [
      "shared wording that asks the customer to resend a bill",
      "classes.yml",
      (t: string) =>
        t.replace(
          /(platform-temporary:[\s\S]*?transaction: )[^\n]*/,
          "$1Sorry, your purchase wasn't added. Please try again in a few minutes.",
        ),
      'catalog/runbook/transaction.yml [transaction.608.error]: customer wording asks the customer to retry a bill or return that only the store or system sends ("try again")',
    ],
    [
      "a channel written out instead of a placeholder",
      "runbook/customer-identity.yml",
      (t: string) =>
        t.replace("You can join in {app}, on {website} or at {store}.", "You can join in the app."),
      'catalog/runbook/customer-identity.yml [customer.8089.error]: customer wording names a channel ("the app"); use {app}, {website} or {store}',
    ],
    [
      "a placeholder the brand file does not fill",
      "runbook/customer-identity.yml",
      (t: string) =>
        t.replace("You can join in {app}, on {website} or at {store}.", "You can join at {kiosk}."),
      "catalog/runbook/customer-identity.yml [customer.8089.error]: customer wording contains a raw placeholder such as {x} ({kiosk}; the brand file fills {app}, {website}, {store})",
    ],
    [
      "an error told as gone through",
      "runbook/points-coupon.yml",
      (t: string) =>
        t.replace(
          /(points\.803\.error:[\s\S]*?customer: )[^\n]*/,
          "$1Your redemption has gone through.",
        ),
      'catalog/runbook/points-coupon.yml [points.803.error]: customer wording tells the customer an error went through ("has gone through")',
    ],
    [
      "a check that names a team the entry does not escalate to",
      "runbook/points-coupon.yml",
      (t: string) =>
        t.replace(
          /(points\.803\.error:[\s\S]*?check: )[^\n]*/,
          "$1Check the balance, then hand over to the risk team.",
        ),
      'catalog/runbook/points-coupon.yml [points.803.error]: the text names "risk team" but the escalation is none; escalate to risk or say why not (escalation.why)',
    ],
    [
      "a check that escalates where the escalation is none",
      "runbook/points-coupon.yml",
      (t: string) => t.replace(/(points\.803\.error:[\s\S]*?check: )[^\n]*/, "$1Escalate it."),
      'catalog/runbook/points-coupon.yml [points.803.error]: the text tells the agent to escalate ("Escalate") but the escalation is none',
    ],
    [
      "a conditional escalation whose `when` says always",
      "runbook/transaction.yml",
      (t: string) =>
        t.replace(
          "when: Only if the bill is missing from the customer's account or is on another customer.",
          "when: Always.",
        ),
      'catalog/runbook/transaction.yml [transaction.604.error]: the text escalates only under a condition ("if it is missing or on another customer, escalate") but escalation.when says "Always"',
    ],
    [
      "an escalation override without a reason",
      "runbook/transaction.yml",
      (t: string) => t.replace(/\n {6}why: Every bill from that till fails[^\n]*/, ""),
      'catalog/runbook/transaction.yml [transaction.671.error]: "why" must be a non-empty string, got nothing',
    ],
    [
      "an internal entry id in agent text",
      "runbook/points-coupon.yml",
      (t: string) =>
        t.replace(
          /(points\.803\.error:[\s\S]*?check: )[^\n]*/,
          "$1Check the balance (see also points.803.error).",
        ),
      'catalog/runbook/points-coupon.yml [points.803.error]: check shows the internal entry id "points.803.error"',
    ],
    [
      "an envelope status whose text escalates without an escalation",
      "envelope.yml",
      (t: string) =>
        t.replace(
          "alone: All items failed, but the reasons",
          "alone: Escalate at once. All items failed, but the reasons",
        ),
      'catalog/envelope.yml [500]: the text tells the agent to escalate ("Escalate") but the escalation is none',
    ],
    [
      "malformed codes.json",
      "codes.json",
      (t: string) => t.slice(0, 200),
      "catalog/codes.json: not valid JSON (",
    ],
    [
      "a YAML file that does not parse",
      "runbook/points-coupon.yml",
      (t: string) => t.replace("entries:", "entries:\n  - [unclosed"),
      "catalog/runbook/points-coupon.yml: line 4: not valid YAML (",
    ],
  ])("fails on %s, naming the file, entry and problem", (_name, file, edit, message) => {
    const dir = brokenCatalog(file, edit);
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(message);
  });

  it("reports a missing codes.json as an error, never as an empty catalog", () => {
    const dir = brokenCatalog("codes.json", (t) => t);
    rmSync(join(dir, "codes.json"));
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("catalog/codes.json: the file is missing");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("reports one bad line once", () => {
    const dir = brokenCatalog("runbook/points-coupon.yml", (t) =>
      t.replace(/(points\.803\.error:\s*\n\s*class: )[\w-]+/, "$1made-up"),
    );
    const result = check(dir);
    expect(result.stderr.match(/points\.803\.error/g)).toHaveLength(1);
    expect(result.stderr).toContain("catalog:check found 1 problem(s)");
  });

  it("shows no stack trace for a malformed codes.json", () => {
    const result = check(brokenCatalog("codes.json", (t) => t.slice(0, 200)));
    expect(result.status).toBe(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("makes the bot refuse to start on a broken brand override, naming the file and line", () => {
    const dir = brokenCatalog("brand.yml", (t) => t);
    writeFileSync(join(dir, "brand.local.yml"), "placeholders:\n  app: [our kiosk\n");
    const result = startBot(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${join(dir, "brand.local.yml")}: line 3: not valid YAML`);
  });

  it("refuses to start when the named teams override is missing, never using the defaults", () => {
    const missing = join(mkdtempSync(join(tmpdir(), "teams-")), "teams.yml");
    const result = startBot(catalogDir, "", { LOYALTY_TEAMS_FILE: missing });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${missing}: the file is missing or cannot be read`);
  });

  it("fills the brand override into every answer", () => {
    const dir = brokenCatalog("brand.yml", (t) => t);
    const brandFile = join(dir, "kiosk.yml");
    writeFileSync(brandFile, "placeholders:\n  app: our kiosk\n");
    const engine = new Engine(loadCatalogOrThrow({ dir, brandFile }));
    expect(answerText(engine.answer("8089 customer"))).toContain(
      "You can join in our kiosk, on our website or at the store.",
    );
  });

  it("makes the bot refuse to start on an invalid catalog, saying why", () => {
    const dir = brokenCatalog("classes.yml", (t) => t.replace("team: risk", "team: nobody"));
    const result = startBot(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("The catalog is invalid");
    expect(result.stderr).toContain(
      'catalog/classes.yml [risk]: escalation names unknown team "nobody"',
    );
  });
});
