import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { closestOption } from "../src/cli/args.js";
import { main } from "../src/cli/main.js";

/** `loyalty-code` run in-process: main() with its standard streams captured. */
const fixture = (name: string) =>
  readFileSync(new URL(`fixtures/pastes/${name}`, import.meta.url), "utf8");

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

async function cli(
  args: string[],
  options: {
    stdin?: string | Buffer | null;
    stdoutIsTTY?: boolean;
    env?: Record<string, string>;
  } = {},
): Promise<Run> {
  let stdout = "";
  let stderr = "";
  // No stdin given: a terminal, as when the command is typed with a query.
  const stdin = Object.assign(Readable.from(options.stdin == null ? [] : [options.stdin]), {
    isTTY: options.stdin == null,
  });
  const status = await main(args, {
    stdin,
    stdout: {
      write: (text: string) => (stdout += text),
      isTTY: options.stdoutIsTTY ?? false,
    },
    stderr: { write: (text: string) => (stderr += text) },
    env: options.env ?? {},
  });
  return { status, stdout, stderr };
}

async function json(args: string[], stdin?: string): Promise<Record<string, unknown>> {
  const { stdout, status } = await cli(args, { stdin: stdin ?? null });
  expect(status).toBe(0);
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe("loyalty-code (command line)", () => {
  it("explains a code for people", async () => {
    const { status, stdout } = await cli(["803"]);
    expect(status).toBe(0);
    expect(stdout).toContain("803 · points · error");
    expect(stdout).toContain("Tell the customer:");
    expect(stdout).toContain("You don't have enough points");
  });

  it("puts the named resource first", async () => {
    const { stdout } = await cli(["816", "points"]);
    expect(stdout.indexOf("816 · points · error")).toBeGreaterThan(-1);
    expect(stdout.indexOf("816 · points · error")).toBeLessThan(
      stdout.indexOf("816 · customer · error"),
    );
  });

  it("searches free text", async () => {
    expect((await cli(["coupon", "expired"])).stdout).toContain("713 · coupon · error");
  });

  it("prints the answer model as JSON for machines", async () => {
    const answer = await json(["--json", "816", "points"]);
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

  it("diagnoses a response piped in or read from - ", async () => {
    for (const args of [["--json"], ["--json", "-"], ["--format=json", "-"]]) {
      const answer = (await json(args, fixture("v11-customer-add-slack.txt"))) as {
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
      expect(JSON.stringify(answer)).not.toContain("919876543554");
      expect(JSON.stringify(answer)).not.toContain("priya.k@example.com");
    }
  });

  it("diagnoses a piped response without --json for people", async () => {
    const { stdout } = await cli([], { stdin: fixture("v11-customer-add-slack.txt") });
    expect(stdout).toContain("1012 · customer · error × 2");
    expect(stdout).toContain("91•••••••554");
  });

  it("answers a short query piped in, as `echo 803 | loyalty-code` would", async () => {
    const { status, stdout } = await cli([], { stdin: "803\n" });
    expect(status).toBe(0);
    expect(stdout).toContain("803 · points · error");
  });

  it("prints the exact Slack message with --format slack", async () => {
    const message = await json(["--format", "slack", "803"]);
    expect(typeof message.text).toBe("string");
    const blocks = message.blocks as { type: string }[];
    expect(blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "803 · points · error", emoji: false },
    });
  });

  it("exports the whole catalog as a JSON array", async () => {
    const { stdout, status } = await cli(["catalog", "--json"]);
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
});

describe("usage errors: one line of ours, exit 2", () => {
  it.each([
    // Typos name the option that was meant.
    [["--jsn", "803"], "loyalty-code: unknown option '--jsn' (did you mean --json?); see --help"],
    [
      ["--fromat", "json"],
      "loyalty-code: unknown option '--fromat' (did you mean --format?); see --help",
    ],
    [
      ["--verison"],
      "loyalty-code: unknown option '--verison' (did you mean --version?); see --help",
    ],
    [["--vers"], "loyalty-code: unknown option '--vers' (did you mean --version?); see --help"],
    // Nothing close: no guess.
    [["--bogus"], "loyalty-code: unknown option '--bogus'; see --help"],
    [["-x", "803"], "loyalty-code: unknown option '-x'; see --help"],
    [
      ["--format", "xml", "803"],
      'loyalty-code: unknown format "xml"; use text, json or slack; see --help',
    ],
    [["--format"], "loyalty-code: option --format needs a value: text, json or slack; see --help"],
    [
      ["catalog"],
      "loyalty-code: use `loyalty-code catalog --json` to export the catalog; see --help",
    ],
    [[], "loyalty-code: give a code, some words, or - to read a pasted response; see --help"],
  ])("%j", async (args, line) => {
    const { status, stdout, stderr } = await cli(args);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(line + "\n");
  });

  it("suggests only options that are a typo or a prefix away", () => {
    expect(closestOption("--hepl")).toBe("--help");
    expect(closestOption("--jason")).toBe("--json");
    expect(closestOption("--form")).toBe("--format");
    expect(closestOption("--colour")).toBeNull();
    expect(closestOption("--xyz")).toBeNull();
  });

  it("takes a negative-looking number and anything after -- as the query", async () => {
    expect((await cli(["--", "--json"])).stdout).not.toMatch(/^\{/);
    expect((await cli(["-1"])).stderr).not.toContain("unknown option");
  });
});

describe("help, version and exit status", () => {
  it("documents the exit statuses under Exit status in --help", async () => {
    const { status, stdout } = await cli(["--help"]);
    expect(status).toBe(0);
    expect(stdout).toContain("Usage: loyalty-code");
    expect(stdout).toContain("loyalty-code 816 points");
    const section = stdout.slice(stdout.indexOf("Exit status:"));
    expect(section).toMatch(/^\s+0\s+an answer was given$/m);
    expect(section).toMatch(/^\s+1\s+nothing found: unknown code, no match, empty input/m);
    expect(section).toMatch(/^\s+2\s+usage or configuration error$/m);
    expect(section).toMatch(/^\s+3\s+invalid catalog$/m);
  });

  it("prints the package version with --version and -V", async () => {
    const { version } = JSON.parse(
      readFileSync(new URL("../package.json", import.meta.url), "utf8"),
    ) as { version: string };
    for (const flag of ["--version", "-V"]) {
      const { status, stdout } = await cli([flag]);
      expect(status).toBe(0);
      expect(stdout).toBe(`loyalty-code ${version}\n`);
    }
  });

  it("exits 1 for a code the catalog does not know, still showing the nearest codes", async () => {
    const { status, stdout } = await cli(["99999"]);
    expect(status).toBe(1);
    expect(stdout).toContain("99999");
  });

  it("exits 0 when at least one of several codes is known", async () => {
    expect((await cli(["803", "99999"])).status).toBe(0);
  });

  it("exits 1 when free text matches nothing", async () => {
    const { status, stdout } = await cli(["--json", "zzqxv", "wqkjh"]);
    expect(status).toBe(1);
    expect((JSON.parse(stdout) as { matches: unknown[] }).matches).toEqual([]);
  });

  it.each([
    ["empty standard input", [], "", "empty-input"],
    ["blank standard input", ["-"], " \n\t\n", "empty-input"],
    ["an empty query", [""], null, "empty-input"],
    [
      "a log with no response in it",
      ["-"],
      "2024-05-01 10:00:01 INFO server started\n2024-05-01 10:00:02 INFO all good\n",
      "no-response",
    ],
  ])("exits 1 for %s, saying why on stderr", async (_name, args, stdin, reason) => {
    const text = await cli(args, { stdin });
    expect(text.status).toBe(1);
    expect(text.stdout).toBe("");
    expect(text.stderr).toMatch(/^loyalty-code: .+\n$/);
    const machine = await cli(["--json", ...args], { stdin });
    expect(machine.status).toBe(1);
    expect(JSON.parse(machine.stdout)).toMatchObject({ found: false, reason });
  });
});

describe("bad input through standard input", () => {
  it("says binary data is not a response, without echoing it", async () => {
    const bytes = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 37) % 256));
    const { status, stdout, stderr } = await cli(["-"], { stdin: bytes });
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      "loyalty-code: the input (20 kB) looks like binary data, not an API response\n",
    );
  });

  it("diagnoses a response with invalid UTF-8 in it, showing U+FFFD for the bad bytes", async () => {
    const body = '{"errors":[{"status":false,"code":816,"message":"Customer not found \xff\xfe"}]}';
    const { status, stdout } = await cli(["--json", "-"], { stdin: Buffer.from(body, "latin1") });
    expect(status).toBe(0);
    const answer = JSON.parse(stdout) as { findings: { code: number; message: string }[] };
    expect(answer.findings[0]?.code).toBe(816);
    expect(answer.findings[0]?.message).toContain("\uFFFD");
  });

  it("reads a 10 MB paste, answers from its beginning and says how much was read", async () => {
    const item = '{"item_status":{"code":1012,"message":"Cannot find customer"}},';
    const body = `{"response":{"customers":{"customer":[${item.repeat(170_000)}]}}}`;
    expect(body.length).toBeGreaterThan(10_000_000);
    const { status, stdout, stderr } = await cli(["--json", "-"], { stdin: body });
    expect(status).toBe(0);
    const answer = JSON.parse(stdout) as { findings: { code: number }[]; truncated: boolean };
    expect(answer.findings.map((f) => f.code)).toEqual([1012]);
    expect(answer.truncated).toBe(true);
    expect(stderr).toBe("loyalty-code: the input is 10.2 MB; only its first 1.0 MB is read.\n");
  });

  it("answers a paste that never closes its braces with what it holds", async () => {
    const { status, stdout } = await cli(["-"], {
      stdin: '{"errors":[{"code":816,"message":"Customer not found"},{"code":',
    });
    expect(status).toBe(0);
    expect(stdout).toContain("816");
    expect(stdout).toContain("cut short");
  });
});

describe("colour", () => {
  const hasEscape = (text: string) => text.includes("\x1b[");

  it("is used on a terminal", async () => {
    expect(hasEscape((await cli(["803"], { stdoutIsTTY: true })).stdout)).toBe(true);
  });

  it("is never used into a pipe or file", async () => {
    expect(hasEscape((await cli(["803"], { stdoutIsTTY: false })).stdout)).toBe(false);
  });

  it("is never used when NO_COLOR is set, even on a terminal", async () => {
    const run = await cli(["803"], { stdoutIsTTY: true, env: { NO_COLOR: "1" } });
    expect(hasEscape(run.stdout)).toBe(false);
    expect(run.stdout).toContain("803 · points · error");
  });

  it("is never part of --json, which stays one JSON document", async () => {
    const { stdout } = await cli(["--json", "803"], { stdoutIsTTY: true });
    expect(hasEscape(stdout)).toBe(false);
    expect(() => {
      JSON.parse(stdout);
    }).not.toThrow();
  });
});
