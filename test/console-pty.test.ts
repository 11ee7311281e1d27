/**
 * The console on a real pseudo-terminal, driven key by key as a person would. `script`
 * (util-linux, part of every Debian install) runs `npm start`'s entry point on a new
 * pseudo-terminal and relays our writes to it as keyboard input.
 */
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const entry = fileURLToPath(new URL("../dist/src/index.js", import.meta.url));
const PROMPT = "loyalty-code> ";
const KEY = { up: "\x1b[A", ctrlC: "\x03", ctrlD: "\x04", enter: "\r" };
/** A terminal in bracketed-paste mode wraps a paste in these markers. */
const PASTE_START = "\x1b[200~";
const PASTE_END = "\x1b[201~";
const ESC = String.fromCharCode(27);
const COLOUR = new RegExp(`${ESC}\\[[0-9;]*m`);
// Drawing codes (colour, cursor moves) and the carriage returns of the terminal's line ends.
const plain = (text: string) =>
  text.replace(new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]`, "g"), "").replace(/\r/g, "");

/** A terminal session: what we type goes in, everything the program draws comes out. */
class Terminal {
  private raw = "";
  private readonly exited: Promise<number | null>;
  private readonly child: ChildProcessWithoutNullStreams;

  constructor(env: Record<string, string>) {
    this.child = spawn("script", ["-qfec", `"${process.execPath}" "${entry}"`, "/dev/null"], {
      env: { PATH: process.env.PATH ?? "", TERM: "xterm-256color", ...env },
    });
    this.child.stdout.on("data", (chunk: Buffer) => (this.raw += chunk.toString()));
    this.child.stderr.on("data", (chunk: Buffer) => (this.raw += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on("close", resolve));
  }

  /** Where the output is now: later waits and reads look only after this point. */
  mark(): number {
    return this.raw.length;
  }

  type(keys: string): void {
    this.child.stdin.write(keys);
  }

  since(mark: number, raw = false): string {
    const text = this.raw.slice(mark);
    return raw ? text : plain(text);
  }

  /** Waits until the output after `mark` satisfies `done`; fails with what was drawn. */
  async waitFor(mark: number, done: (text: string) => boolean, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.since(mark))) {
      if (Date.now() > deadline)
        throw new Error(`timed out; the terminal shows:\n${this.since(mark).slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.since(mark);
  }

  /** Waits for an answer containing `text` and the prompt drawn after it. */
  answered(mark: number, text: string) {
    return this.waitFor(
      mark,
      (out) => out.includes(text) && out.lastIndexOf(PROMPT) > out.indexOf(text),
    );
  }

  exit(): Promise<number | null> {
    return this.exited;
  }
}

/** A 5 kB response as an agent copies it: status line, headers, a blank line, a bulk body with blank lines. */
function responseWithHeaders(): string {
  const entities = Array.from(
    { length: 34 },
    (_, i) => `    {
      "entity": "EXT-${String(4000 + i)}",
      "status": "failed",

      "errors": [{ "status": false, "code": 816, "message": "Customer not found" }]
    }`,
  );
  const text = `HTTP/1.1 400 Bad Request
Content-Type: application/json; charset=UTF-8
X-CAP-REQUEST-ID: 7a1c44e0b9d24f65

{
  "data": [
${entities.join(",\n")}
  ]
}`;
  expect(text.length).toBeGreaterThan(5000);
  return text;
}

function withoutSlack(home: string): Record<string, string> {
  return { HOME: home, SLACK_BOT_TOKEN: "", SLACK_APP_TOKEN: "", SLACK_SIGNING_SECRET: "" };
}

describe("the console on a terminal", () => {
  it("answers a typed query and a pasted response, recalls, cancels and quits", async () => {
    const home = mkdtempSync(join(tmpdir(), "loyalty-home-"));
    const term = new Terminal(withoutSlack(home));
    await term.waitFor(0, (out) => out.includes(PROMPT));

    let at = term.mark();
    term.type("803" + KEY.enter);
    expect(await term.answered(at, "803 · points · error")).toContain("Tell the customer:");
    // On a terminal, and NO_COLOR unset: the answer is in colour.
    expect(term.since(at, true)).toMatch(COLOUR);

    // A bracketed paste: headers, blank lines and body are one input, answered once.
    const response = responseWithHeaders();
    at = term.mark();
    term.type(PASTE_START + response.replace(/\n/g, "\r") + PASTE_END);
    let out = await term.answered(at, "Diagnosis of a pasted response");
    expect(out.split("Diagnosis of a pasted response")).toHaveLength(2);
    expect(out).toContain('Request id "7a1c44e0b9d24f65"');
    expect(out).toContain("816 · customer · error × 34");
    expect(out).not.toContain("Response code 400");

    // The same paste from a terminal without bracketed paste: grouped by timing and shape.
    at = term.mark();
    term.type(response.replace(/\n/g, "\r") + KEY.enter);
    out = await term.answered(at, "Diagnosis of a pasted response");
    expect(out.split("Diagnosis of a pasted response")).toHaveLength(2);
    expect(out).toContain('Request id "7a1c44e0b9d24f65"');

    // Up recalls the last query, not a line of the pastes.
    at = term.mark();
    term.type(KEY.up);
    await term.waitFor(at, (text) => text.includes(PROMPT + "803"));
    term.type(KEY.enter);
    await term.answered(at, "Response code 803");

    // Ctrl-C cancels the entry being typed: it is never answered.
    at = term.mark();
    term.type("coupon expired");
    await term.waitFor(at, (text) => text.includes("coupon expired"));
    term.type(KEY.ctrlC);
    await term.waitFor(at, (text) => text.includes("^C"));
    term.type("816 points" + KEY.enter);
    out = await term.answered(at, "816 · points · error");
    expect(out).not.toContain("713 · coupon");

    // Ctrl-D leaves, with status 0; only the typed queries are in the history file.
    term.type(KEY.ctrlD);
    expect(await term.exit()).toBe(0);
    expect(readFileSync(join(home, ".loyalty-code_history"), "utf8")).toBe("803\n816 points\n");
  });

  it("recalls a query from an earlier session, and draws no colour with NO_COLOR", async () => {
    const home = mkdtempSync(join(tmpdir(), "loyalty-home-"));
    writeFileSync(join(home, ".loyalty-code_history"), "803\ncoupon already used\n");
    const term = new Terminal({ ...withoutSlack(home), NO_COLOR: "1" });
    await term.waitFor(0, (out) => out.includes(PROMPT));
    const at = term.mark();
    term.type(KEY.up);
    await term.waitFor(at, (text) => text.includes(PROMPT + "coupon already used"));
    term.type(KEY.enter);
    await term.answered(at, "711 · coupon · error");
    expect(term.since(at, true)).not.toMatch(COLOUR);
    term.type(":quit" + KEY.enter);
    expect(await term.exit()).toBe(0);
  });
});
