import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConsole } from "../src/cli/console.js";
import { HISTORY_SIZE, loadHistory, saveHistory } from "../src/cli/history.js";
import { InputCollector, PasteShape } from "../src/cli/paste.js";
import { ConfigError, consoleStartProblem, refusedTokenError } from "../src/config.js";
import type { Engine } from "../src/engine/index.js";
import { createEngine } from "../src/engine/index.js";
import { FakeSlack } from "../support/fake-slack.js";

const paste = (name: string) =>
  readFileSync(new URL(`fixtures/pastes/${name}`, import.meta.url), "utf8");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Short intervals keep the tests quick; the grouping rules are the same. */
const timing = { pasteIntervalMs: 30, unfinishedMs: 250 };
/** Longer than either interval: the pause after a typed line. */
const PAUSE = { wait: 400 };

let engine: Engine;
beforeAll(() => {
  engine = createEngine();
});

/** The console on plain streams: chunks written as given, with pauses where asked. */
async function session(steps: (string | Buffer | { wait: number })[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = "";
  output.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const done = runConsole(engine, { input, output, env: {}, historyFile: null, timing }, "");
  for (const step of steps) {
    if (typeof step === "string" || Buffer.isBuffer(step)) input.write(step);
    else await sleep(step.wait);
  }
  input.end();
  await done;
  return out;
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe("console input: a paste is one input, typed lines are one each", () => {
  it("answers typed queries in turn", async () => {
    const out = await session(["803\n", PAUSE, "coupon already used\n", PAUSE, "help\n"]);
    expect(out.indexOf("803 · points · error")).toBeLessThan(out.indexOf("711 · coupon · error"));
    expect(out).toContain("loyalty-code 816 points");
  });

  it("keeps HTTP headers, blank lines and body of a paste together, with the request id", async () => {
    // Before, the first blank line split this paste: the status line was answered as code 400.
    const out = await session([paste("slack-points-redeem-request-line.txt") + "\n", PAUSE]);
    expect(count(out, "Diagnosis of a pasted response")).toBe(1);
    expect(out).toContain('Request id "0f4e1b7ac2d94be8"');
    expect(out).not.toContain("Response code 400");
    expect(out).toContain("816 · points · error");
  });

  it("takes a paste that arrives in pieces, headers first, as one input", async () => {
    const [head = "", body = ""] = paste("v11-customer-add-slack.txt").split("\n{");
    const out = await session([head + "\n", { wait: 120 }, "{" + body + "\n", PAUSE, "803\n"]);
    expect(count(out, "Diagnosis of a pasted response")).toBe(1);
    expect(out).toContain("1012 · customer · error × 2");
    expect(out).toContain("803 · points · error");
  });

  it("answers a paste that never closes its braces once the paste interval ends", async () => {
    const out = await session([
      '{"errors":[{"code":816,"message":"Customer not found"},\n{"code": 1012,\n',
      { wait: 600 },
      "803\n",
      PAUSE,
    ]);
    expect(count(out, "Diagnosis of a pasted response")).toBe(1);
    expect(out).toContain("cut short");
    // The query typed after the pause is an input of its own, not more of the paste.
    expect(out).toContain("Response code 803");
  });

  it("survives binary data and invalid UTF-8, and goes on answering", async () => {
    const binary = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 37) % 256));
    const invalid = Buffer.from(
      '{"errors":[{"code":816,"message":"not found \xff\xfe"}]}\n',
      "latin1",
    );
    const out = await session([binary, "\n", PAUSE, invalid, PAUSE, "803\n", PAUSE]);
    expect(out).toContain("816");
    expect(out).toContain("803 · points · error");
    expect(out).not.toContain("\x00");
  });

  it("reads a 10 MB paste and answers it once", async () => {
    const item = '  {"item_status": {"code": 1012, "message": "Cannot find customer"}},\n';
    const body = `{"response": {"customers": {"customer": [\n${item.repeat(150_000)}]}}}\n`;
    expect(body.length).toBeGreaterThan(10_000_000);
    const out = await session([body, PAUSE, "803\n", PAUSE]);
    expect(count(out, "Diagnosis of a pasted response")).toBe(1);
    expect(out).toContain("1012 · customer · error");
    expect(out).toContain("803 · points · error");
  });
});

describe("console commands", () => {
  it(":json switches to one JSON document per answer, and back", async () => {
    const out = await session([":json\n", PAUSE, "803\n", PAUSE, ":json\n", PAUSE, "803\n"]);
    const json = out.slice(out.indexOf("{"), out.indexOf("JSON output off."));
    expect(JSON.parse(json)).toMatchObject({ query: "803" });
    expect(out.slice(out.indexOf("JSON output off."))).toContain("803 · points · error");
  });

  it(":help explains the commands and keys; an unknown command lists them", async () => {
    const out = await session([":help\n", PAUSE, ":jsno\n"]);
    expect(out).toContain(":json   switch JSON output on or off");
    expect(out).toContain("Ctrl-C cancels the current entry");
    expect(out).toContain("Unknown command :jsno. Commands: :help, :json, :quit.");
  });

  it(":quit and quit leave; nothing after them is answered", async () => {
    for (const quit of [":quit", "quit"]) {
      const out = await session(["803\n", PAUSE, `${quit}\n`, PAUSE, "816\n"]);
      expect(out).toContain("803 · points · error");
      expect(out).not.toContain("816");
    }
  });
});

describe("history file", () => {
  it("keeps the newest 500 queries, private to the user, and never a paste", () => {
    const file = join(mkdtempSync(join(tmpdir(), "loyalty-history-")), "history");
    const newestFirst = Array.from({ length: 600 }, (_, i) => `query ${600 - i}`);
    saveHistory(file, ["HTTP/1.1 400\n\n{}", "x".repeat(5000), ...newestFirst]);
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(HISTORY_SIZE);
    expect(lines.at(-1)).toBe("query 600");
    expect(lines[0]).toBe("query 101");
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(loadHistory(file).slice(0, 2)).toEqual(["query 600", "query 599"]);
    expect(loadHistory(join(file, "missing"))).toEqual([]);
  });
});

describe("paste shape", () => {
  const shape = (text: string) => {
    const tracker = new PasteShape();
    for (const line of text.split("\n")) tracker.feed(line);
    return tracker.complete;
  };

  it.each([
    ["a typed query", "coupon already used", true],
    ["a whole JSON body", '{"errors": [{"code": 816}]}', true],
    ["JSON still open", '{"errors": [{"code": 816}', false],
    ["braces inside strings do not count", '{"message": "use { and ["}', true],
    ["a stray quote does not hide the next line", '"oops\n{"code": 1}', true],
    ["headers waiting for their body", "HTTP/1.1 400 Bad Request\nX-CAP-REQUEST-ID: 1", false],
    ["headers and body", 'HTTP/1.1 400 Bad Request\n\n{"code": 1}', true],
    ["an open XML element", "<response><status>500</status>", false],
    ["a closed XML document", '<?xml version="1.0"?>\n<response><x a="1"/></response>', true],
    ["an open code fence", "```\n{}", false],
  ])("%s", (_name, text, complete) => {
    expect(shape(text)).toBe(complete);
  });

  it("a bracketed paste of several lines ends with the terminal's end marker", () => {
    const inputs: string[] = [];
    const collector = new InputCollector((text) => inputs.push(text), timing);
    collector.pasteStarted();
    for (const line of ["HTTP/1.1 400 Bad Request", "", '{"code": 816']) collector.addLine(line);
    expect(collector.pasteEnded("}")).toBe(true);
    expect(inputs).toEqual(['HTTP/1.1 400 Bad Request\n\n{"code": 816\n}']);
  });

  it("a bracketed paste within one line stays on the line being edited", () => {
    const inputs: string[] = [];
    const collector = new InputCollector((text) => inputs.push(text), timing);
    collector.pasteStarted();
    expect(collector.pasteEnded("816 points")).toBe(false);
    expect(inputs).toEqual([]);
  });
});

describe("start-up says what is wrong", () => {
  const entry = fileURLToPath(new URL("../dist/src/index.js", import.meta.url));
  const base = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    SLACK_BOT_TOKEN: "",
    SLACK_APP_TOKEN: "",
    SLACK_SIGNING_SECRET: "",
  };
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await FakeSlack.start();
  });
  afterAll(async () => {
    await fake.close();
  });

  /** npm start as a service runs it: no terminal, standard input from /dev/null. */
  function start(env: Record<string, string>) {
    return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [entry],
        { env: { ...base, ...env }, timeout: 15_000 },
        (_error, stdout, stderr) => {
          resolve({ status: child.exitCode, stdout, stderr });
        },
      );
      child.stdin?.end();
    });
  }

  it("exits 2 without Slack settings and without a terminal, saying what to set and where", async () => {
    const { status, stdout, stderr } = await start({});
    expect(status).toBe(2);
    expect(stdout).toBe("");
    for (const name of ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"])
      expect(stderr).toContain(name);
    expect(stderr).toContain('the README\'s "Connect it to Slack"');
    expect(consoleStartProblem(true)).toBeNull();
  });

  it("exits 2 on a signing secret that is not 32 hex characters, without echoing it", async () => {
    const secret = "0123456789abcdef0123456789abcdeg";
    const { status, stderr } = await start({
      SLACK_BOT_TOKEN: "xoxb-1234567890-abc",
      SLACK_SIGNING_SECRET: secret,
    });
    expect(status).toBe(2);
    expect(stderr).toContain(
      "SLACK_SIGNING_SECRET does not look right: it must be 32 hexadecimal characters",
    );
    expect(stderr).not.toContain(secret);
  });

  it("exits 2 when Slack refuses the bot token, naming the variable and Slack's error", async () => {
    fake.failNext("auth.test", { kind: "error", error: "invalid_auth" });
    const token = "xoxb-1234567890-revokedtoken";
    const { status, stderr } = await start({
      SLACK_BOT_TOKEN: token,
      SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99b0c0d085a5",
      SLACK_API_URL: fake.apiUrl,
      PORT: "0",
    });
    expect(status).toBe(2);
    expect(stderr).toContain(
      "Slack refused SLACK_BOT_TOKEN (invalid_auth: the token is not valid)",
    );
    expect(stderr).not.toContain(token);
  });

  it("names the app token when Socket Mode's connection is refused, and passes other failures on", () => {
    const refused = Object.assign(new Error("An API error occurred: token_revoked"), {
      code: "slack_webapi_platform_error",
      data: { ok: false, error: "token_revoked" },
    });
    const error = refusedTokenError(refused, "SLACK_APP_TOKEN");
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toContain(
      "Slack refused SLACK_APP_TOKEN (token_revoked: the token has been revoked)",
    );
    const network = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(refusedTokenError(network, "SLACK_BOT_TOKEN")).toBe(network);
  });
});
