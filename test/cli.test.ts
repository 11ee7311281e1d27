import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** The built `loyalty-code` bin, spawned as a user would run it. */
const bin = fileURLToPath(new URL("../dist/src/cli/main.js", import.meta.url));
const fixture = (name: string) =>
  readFileSync(new URL(`fixtures/pastes/${name}`, import.meta.url), "utf8");

function cli(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: "utf8",
    input: input ?? "",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json(args: string[], input?: string): Record<string, unknown> {
  const { stdout, status } = cli(args, input);
  expect(status).toBe(0);
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe("loyalty-code (command line)", () => {
  it("explains a code for people", () => {
    const { status, stdout } = cli(["803"]);
    expect(status).toBe(0);
    expect(stdout).toMatch(
      /^803 · points: Unable to redeem.* → tell the customer, no escalation\n/,
    );
    expect(stdout).toContain("Tell the customer:");
    expect(stdout).toContain("You don't have enough points");
  });

  it("puts the named resource first, naming the resource that says the same thing", () => {
    const { stdout } = cli(["816", "points"]);
    expect(stdout).toMatch(/^816 · points, customer: Unable to find customer in this organization/);
  });

  it("searches free text", () => {
    expect(cli(["coupon", "expired"]).stdout).toMatch(
      /^Best match for "coupon expired": 713 · coupon/,
    );
  });

  it("shows sources and ranking evidence only with --verbose", () => {
    // Maintainers' evidence; agents never need it, so the plain answer leaves it out.
    expect(cli(["816"]).stdout).not.toContain("sources:");
    const verbose = cli(["--verbose", "816", "points"]).stdout;
    expect(verbose).toContain("sources: v1.1-codes, points-v1.1");
    expect(verbose).toContain("ranked by:");
  });

  it("prints the answer model as JSON for machines", () => {
    const answer = json(["--json", "816", "points"]);
    expect(answer.query).toBe("816 points");
    const matches = answer.matches as Record<string, unknown>[];
    expect(matches.map((m) => [m.code, m.resource])).toEqual([
      [816, "points"],
      [816, "customer"],
    ]);
    expect(matches[0]).toMatchObject({
      kind: "error",
      class: "account-state",
      escalation: null,
      description: "Unable to find customer in this organization",
    });
    expect(typeof matches[0]?.customerWording).toBe("string");
  });

  it("diagnoses a response piped in or read from - ", () => {
    for (const args of [[], ["--json", "-"]]) {
      const { stdout, status } = cli(
        args.length === 0 ? ["--json"] : args,
        fixture("v11-customer-add-slack.txt"),
      );
      expect(status, stdout).toBe(0);
      const answer = JSON.parse(stdout) as {
        findings: { code: number; count: number; path: string; known: boolean }[];
        requestId: string;
      };
      expect(answer.requestId).toBe("5f2c9a1e-77b3-4d2e-9c1a-0b8e2f6d4a11");
      expect(answer.findings.map((f) => [f.code, f.count])).toEqual([
        [1012, 2],
        [618, 1],
        [8055, 1],
      ]);
      expect(answer.findings[0]?.path).toBe("response.customers.customer[0].item_status");
      expect(stdout).not.toContain("919876543554");
      expect(stdout).not.toContain("priya.k@example.com");
    }
  });

  it("diagnoses a piped response without --json for people", () => {
    const { stdout } = cli([], fixture("v11-customer-add-slack.txt"));
    expect(stdout).toMatch(/^3 item errors: 1012 customer · .* × 2, 618 customer, transaction/);
    expect(stdout).toContain("1012 · customer × 2: ");
    expect(stdout).toContain("91•••••••554");
  });

  it("prints the exact Slack message with --format slack", () => {
    const message = json(["--format", "slack", "803"]);
    expect(typeof message.text).toBe("string");
    const blocks = message.blocks as { type: string }[];
    expect(blocks[0]).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: message.text },
    });
    expect(message.text).toMatch(/^\*803 · points\*: Unable to redeem/);
  });

  it("exports the whole catalog as a JSON array", () => {
    const { stdout, status } = cli(["catalog", "--json"]);
    expect(status).toBe(0);
    const entries = JSON.parse(stdout) as Record<string, unknown>[];
    expect(entries.length).toBeGreaterThan(500);
    for (const entry of entries) {
      expect(typeof entry.code).toBe("number");
      for (const field of ["resource", "kind", "description", "class"])
        expect(typeof entry[field]).toBe("string");
      expect(Array.isArray(entry.sources)).toBe(true);
      expect("customerWording" in entry && "escalation" in entry).toBe(true);
    }
    const risk = entries.find((e) => e.code === 618 && e.resource === "customer");
    expect(risk?.escalation).toMatchObject({ team: "risk", urgency: "normal" });
  });

  it.each([
    [["--bogus"], /Unknown option '--bogus'/],
    [["--format", "xml", "803"], /unknown format "xml"/],
    [["catalog"], /use `loyalty-code catalog --json`/],
  ])("rejects bad usage %j with exit 2 and a clear message", (args, message) => {
    const { status, stderr } = cli(args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
  });

  it("shows help", () => {
    const { status, stdout } = cli(["--help"]);
    expect(status).toBe(0);
    expect(stdout).toContain("Usage: loyalty-code");
    expect(stdout).toContain("loyalty-code 816 points");
  });
});
