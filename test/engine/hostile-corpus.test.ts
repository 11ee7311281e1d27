/**
 * Every file of test/fixtures/hostile/ (see its README) through the engine and all three
 * renderers. What must hold for any input is checked for each; what a file is about is
 * checked for that file. The wider random and size-based cases live in
 * diagnose-bad-input.test.ts and properties.test.ts.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { Answer, Diagnosis } from "../../src/engine/index.js";
import { createEngine } from "../../src/engine/index.js";
import type { Block, SlackMessage } from "../../src/render/blocks.js";
import { answerJson, answerMessage, answerText } from "../../src/render/index.js";
import { expectWithinLimits, formatsRead, timed } from "./diagnose-helpers.js";

// The repository's teams only, so that no local override can add Slack ids to answers.
const engine = createEngine({ teamsFile: null });

const DIR = new URL("../fixtures/hostile/", import.meta.url);
/** Generous: answers are computed in memory in milliseconds. */
const BOUND_MS = 1000;
const SHARER = "U0SHARER1";

/** Control sequences that would ping, mention or link if Slack received them unescaped. */
const SLACK_CONTROL = [
  "<!channel",
  "<!here",
  "<!everyone",
  "<@U",
  "<@W",
  "<!subteam",
  "<#C",
  "<http",
  "<mailto",
];
/** What /etc/passwd starts with on every Linux system. */
const PASSWD = "root:x:0:0";
const CANARY = `CANARY-${String(process.pid)}-7f3a9c`;

// ---------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------

interface HostileInput {
  /** The file (or generated input) name, with the variant after a colon. */
  name: string;
  file: string;
  text: string;
}

const canaryDir = mkdtempSync(join(tmpdir(), "hostile-"));
const canaryFile = join(canaryDir, "secret.txt");
writeFileSync(canaryFile, `${PASSWD}:root:/root:/bin/bash\n${CANARY}\n`);

afterAll(() => {
  rmSync(canaryDir, { recursive: true, force: true });
});

function readHostile(file: string): Buffer {
  return readFileSync(new URL(file, DIR));
}

/** Turns JSON-style \uXXXX surrogate escapes into the raw (lone) code units. */
function rawSurrogates(text: string): string {
  return text.replace(/\\u(d[89a-f][0-9a-f]{2})/gi, (_all, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

function inputsOf(file: string): HostileInput[] {
  const bytes = readHostile(file);
  if (file.endsWith(".bin")) {
    return [
      { name: `${file}:utf8`, file, text: new TextDecoder().decode(bytes) },
      { name: `${file}:latin1`, file, text: bytes.toString("latin1") },
    ];
  }
  const text = bytes.toString("utf8");
  const inputs: HostileInput[] = [{ name: file, file, text }];
  if (file === "lone-surrogates.txt") {
    inputs.push({ name: `${file}:raw`, file, text: rawSurrogates(text) });
  }
  if (text.includes("file:///etc/passwd")) {
    inputs.push({
      name: `${file}:canary`,
      file,
      text: text.replaceAll("file:///etc/passwd", pathToFileURL(canaryFile).href),
    });
  }
  return inputs;
}

const DEPTH = 100_000;
const generated: HostileInput[] = [
  {
    name: "json-nested-100000",
    file: "json-nested-100000",
    text:
      '{"errors":[{"status":false,"code":8015,"message":"No customer found with the given identifier."}],"debug":' +
      '[{"k":'.repeat(DEPTH / 2) +
      "1" +
      "}]".repeat(DEPTH / 2) +
      "}",
  },
];

const files = readdirSync(DIR)
  .filter((file) => file !== "README.md")
  .sort();
const inputs: HostileInput[] = [...files.flatMap(inputsOf), ...generated];

// ---------------------------------------------------------------------------------------
// Running one input
// ---------------------------------------------------------------------------------------

interface Outcome {
  answer: Answer;
  query: Answer;
  diagnosis: Diagnosis | null;
  /** answerMessage of the answer: plain, with a share button, and shared. */
  answerMessages: SlackMessage[];
  /** Every Slack rendering: of the answer, then of the input read as a query. */
  messages: SlackMessage[];
  texts: string[];
  json: string[];
  slowest: { step: string; ms: number };
}

function run(input: string): Outcome {
  let slowest = { step: "", ms: 0 };
  const step = <T>(name: string, work: () => T): T => {
    const { result, ms } = timed(work);
    if (ms > slowest.ms) slowest = { step: name, ms };
    return result;
  };
  const answer = step("answer", () => engine.answer(input));
  const query = step("query", () => engine.query(input));
  const diagnosis = step("diagnose", () => engine.diagnose(input));
  const render = (a: Answer) => [
    step("answerMessage", () => answerMessage(a)),
    step("answerMessage (share button)", () => answerMessage(a, { shareValue: input })),
    step("answerMessage (shared)", () => answerMessage(a, { sharedBy: SHARER })),
  ];
  const answerMessages = render(answer);
  const messages = [...answerMessages, ...render(query)];
  const texts = [answer, query].map((a) => step("answerText", () => answerText(a)));
  const json = [answer, query].map((a) => step("answerJson", () => JSON.stringify(answerJson(a))));
  return { answer, query, diagnosis, answerMessages, messages, texts, json, slowest };
}

/** Every string Slack would render from a message (a button's value is not shown). */
function shownTexts(message: SlackMessage): string[] {
  const ofBlock = (block: Block): string[] => {
    switch (block.type) {
      case "header":
      case "section":
        return [block.text.text];
      case "context":
        return block.elements.map((element) => element.text);
      case "actions":
        return block.elements.map((button) => button.text.text);
    }
  };
  return [message.text, ...message.blocks.flatMap(ofBlock)];
}

/** Slack text with our own "Shared by <@U…>" line taken out. */
function shownWithoutSharer(message: SlackMessage): string[] {
  return shownTexts(message).map((text) => text.replace(`Shared by <@${SHARER}>`, ""));
}

function codesOf(d: Diagnosis | null): number[] {
  return (d?.findings ?? []).map((finding) => finding.code);
}

function itemCodes(d: Diagnosis | null): number {
  return (d?.findings ?? []).reduce((sum, finding) => sum + finding.count, 0);
}

function diagnosisOf(outcome: Outcome): Diagnosis {
  if (outcome.diagnosis === null) throw new Error("expected a diagnosis, got null");
  expect(outcome.answer.type).toBe("diagnosis");
  return outcome.diagnosis;
}

const allSlack = (outcome: Outcome): string => JSON.stringify(outcome.messages);

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const TERMINAL_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** Object.prototype's own keys before any hostile input ran. */
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

// ---------------------------------------------------------------------------------------
// What holds for every input
// ---------------------------------------------------------------------------------------

function inputText(name: string): string {
  const input = inputs.find((candidate) => candidate.name === name);
  if (input === undefined) throw new Error(`no hostile input named ${name}`);
  return input.text;
}

const outcomes = new Map<string, Outcome>();
function outcomeOf(name: string): Outcome {
  let outcome = outcomes.get(name);
  if (outcome === undefined) {
    outcome = run(inputText(name));
    outcomes.set(name, outcome);
  }
  return outcome;
}

describe("the corpus", () => {
  it("lists every file in its README, and every file the README lists exists", () => {
    const readme = readFileSync(new URL("README.md", DIR), "utf8");
    const listed = [...readme.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1] ?? "");
    const storedListed = listed.filter((name) => !generated.some((g) => g.file === name));
    expect([...storedListed].sort()).toEqual(files);
    expect(listed.filter((name) => generated.some((g) => g.file === name))).toEqual(
      generated.map((g) => g.file),
    );
    expect(files.length).toBeGreaterThanOrEqual(20);
  });
});

describe.each(inputs.map((input) => [input.name, input] as const))("%s", (name, input) => {
  it("is answered within the time bound, by every entry point, without throwing", () => {
    const outcome = run(input.text);
    outcomes.set(name, outcome);
    expect(outcome.slowest.ms, `slowest step: ${outcome.slowest.step}`).toBeLessThan(BOUND_MS);
    for (const text of outcome.texts) expect(text.length).toBeGreaterThan(0);
    for (const json of outcome.json) expect(() => JSON.parse(json) as unknown).not.toThrow();
  });

  it("fits Block Kit's limits in every rendering", () => {
    for (const message of outcomeOf(name).messages) expectWithinLimits(message);
  });

  it("lets no mention, ping or link from the input through to Slack", () => {
    for (const message of outcomeOf(name).messages) {
      for (const text of shownWithoutSharer(message)) {
        for (const control of SLACK_CONTROL) expect(text).not.toContain(control);
      }
    }
  });

  it("never shows what an external entity points at", () => {
    const outcome = outcomeOf(name);
    for (const output of [allSlack(outcome), ...outcome.texts, ...outcome.json]) {
      expect(output).not.toContain(PASSWD);
      expect(output).not.toContain(CANARY);
    }
  });

  it("writes no terminal control codes in the console's text", () => {
    for (const text of outcomeOf(name).texts) expect(text).not.toMatch(TERMINAL_CONTROL);
  });

  it("sends Slack only well-formed Unicode (no lone surrogates)", () => {
    const outcome = outcomeOf(name);
    for (const message of outcome.messages) {
      for (const text of shownTexts(message)) {
        expect(text.isWellFormed(), `lone surrogate in ${JSON.stringify(text)}`).toBe(true);
      }
    }
    for (const text of outcome.texts) {
      expect(text.isWellFormed(), `lone surrogate in ${JSON.stringify(text)}`).toBe(true);
    }
  });

  it("reports only codes that are plausible (non-negative safe integers)", () => {
    const outcome = outcomeOf(name);
    for (const code of codesOf(outcome.diagnosis)) {
      expect(Number.isSafeInteger(code) && code >= 0, String(code)).toBe(true);
    }
    const items = [outcome.answer, outcome.query].flatMap((a) =>
      a.type === "codes" ? a.items : [],
    );
    for (const item of items) {
      expect(Number.isSafeInteger(item.code) && item.code >= 0, String(item.code)).toBe(true);
    }
  });

  it("does not pollute Object.prototype", () => {
    outcomeOf(name);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    const probe: Record<string, unknown> = {};
    for (const key of ["polluted", "code", "isAdmin", "item_status"]) {
      expect(probe[key]).toBeUndefined();
    }
  });
});

// ---------------------------------------------------------------------------------------
// What each file is about
// ---------------------------------------------------------------------------------------

describe("mention and link injection", () => {
  it("shows a free-text query escaped, not stripped, and still searches", () => {
    const outcome = outcomeOf("mention-injection-query.txt");
    expect(outcome.answer.type).toBe("search");
    if (outcome.answer.type === "search") expect(outcome.answer.hits.length).toBeGreaterThan(0);
    // Proof that the query was echoed (escaped), so the "no link" checks are not vacuous.
    expect(allSlack(outcome)).toContain("&lt;http");
  });

  it("finds the code between the pings", () => {
    const { answer } = outcomeOf("mention-injection-codes.txt");
    if (answer.type !== "codes") throw new Error(`expected codes, got ${answer.type}`);
    expect(answer.items.map((item) => item.code)).toContain(803);
  });

  it("diagnoses a v2 body with pings in messages, keys and codes", () => {
    const outcome = outcomeOf("mention-injection-v2.json");
    const d = diagnosisOf(outcome);
    expect(codesOf(d)).toEqual(expect.arrayContaining([8015, 99001, 8056]));
    // The unknown code's message is shown, escaped.
    const unknown = d.findings.find((finding) => finding.code === 99001);
    expect(unknown?.matches).toEqual([]);
    expect(allSlack(outcome)).toContain("&lt;!here&gt; unknown code");
  });

  it("diagnoses XML with pings in CDATA and entities", () => {
    const d = diagnosisOf(outcomeOf("mention-injection-v11.xml"));
    expect(formatsRead(inputText("mention-injection-v11.xml"))).toEqual(["xml"]);
    expect(codesOf(d)).toEqual([1012]);
    expect(d.envelope.map((e) => e.code)).toEqual([500]);
  });

  it("diagnoses a Slack-escaped paste and takes no ping for a request id or API path", () => {
    const d = diagnosisOf(outcomeOf("mention-injection-slack-escaped.txt"));
    expect(codesOf(d)).toEqual([803]);
    expect(d.requestId ?? "").not.toMatch(/[<>!@]/);
    expect(d.apiPath ?? "").not.toMatch(/[<>!@]/);
  });
});

describe("mrkdwn breakers", () => {
  /** mrkdwn texts (sections and contexts) of a message. */
  const mrkdwnTexts = (message: SlackMessage): string[] =>
    message.blocks.flatMap((block) =>
      block.type === "section"
        ? [block.text.text]
        : block.type === "context"
          ? block.elements.map((element) => element.text)
          : [],
    );

  it.each(["mrkdwn-breakers.json", "mrkdwn-breakers-query.txt"])(
    "%s: echoed text cannot start a quote or unbalance code spans",
    (name) => {
      const outcome = outcomeOf(name);
      for (const message of outcome.messages) {
        for (const text of [message.text, ...mrkdwnTexts(message)]) {
          for (const line of text.split("\n")) {
            expect(line).not.toMatch(/^\s*(>|&gt;)/);
          }
          expect((text.match(/`/g) ?? []).length % 2, text).toBe(0);
        }
      }
    },
  );

  it("finds both codes of the JSON, and echoes no more than a line of each long message", () => {
    const outcome = outcomeOf("mrkdwn-breakers.json");
    const d = diagnosisOf(outcome);
    expect(codesOf(d)).toEqual([1012, 1012]);
    for (const message of outcome.messages) {
      expect(JSON.stringify(message)).not.toContain("~".repeat(400));
    }
  });
});

describe("a 40,000-character paste with hundreds of codes and pings", () => {
  const name = "huge-paste-40k.txt";
  const text = inputs.find((input) => input.name === name)?.text ?? "";

  it("is diagnosed with every code counted, and what does not fit is summarised", () => {
    expect(text.length).toBeGreaterThan(39_000);
    const outcome = outcomeOf(name);
    const d = diagnosisOf(outcome);
    const inPaste = (text.match(/"code":/g) ?? []).length;
    expect(inPaste).toBeGreaterThanOrEqual(200);
    expect(itemCodes(d)).toBe(inPaste);
    const [message] = outcome.messages;
    expect(message?.blocks.at(-1)?.type).toBe("section");
    expect(JSON.stringify(message?.blocks.at(-1))).toMatch(/…and \d+ more/);
  });

  it("echoes none of the customers' phone numbers", () => {
    const outcome = outcomeOf(name);
    const phones = text.match(/9198\d{8}/g) ?? [];
    expect(phones.length).toBeGreaterThanOrEqual(200);
    const everything = [allSlack(outcome), ...outcome.texts].join("\n");
    expect(phones.filter((phone) => everything.includes(phone))).toEqual([]);
  });
});

describe("JSON nested 100,000 levels", () => {
  it("still finds the code before the deep part", () => {
    expect(generated[0]?.text.length).toBeGreaterThan(300_000);
    const d = diagnosisOf(outcomeOf("json-nested-100000"));
    expect(codesOf(d)).toEqual([8015]);
  });
});

describe("prototype keys", () => {
  it("finds the real code where it is, and shows nothing of JavaScript's internals", () => {
    const outcome = outcomeOf("proto-keys-everywhere.json");
    const d = diagnosisOf(outcome);
    const finding = d.findings.find((f) => f.code === 1012);
    expect(finding?.paths).toEqual(["response.customers.customer[0].item_status"]);
    const everything = [allSlack(outcome), ...outcome.texts, ...outcome.json].join("\n");
    for (const internal of ["[object Object]", "native code", "function ", "=>"]) {
      expect(everything).not.toContain(internal);
    }
  });
});

describe("invalid UTF-8", () => {
  it.each(["invalid-utf8.bin:utf8", "invalid-utf8.bin:latin1"])(
    "%s: the codes around the bad bytes are found",
    (name) => {
      const d = diagnosisOf(outcomeOf(name));
      expect(codesOf(d)).toEqual(expect.arrayContaining([803, 1012, 8015]));
    },
  );

  it("decodes the bad bytes to U+FFFD with TextDecoder, and never to nothing", () => {
    const input = inputs.find((candidate) => candidate.name === "invalid-utf8.bin:utf8");
    expect(input?.text).toContain("\ufffd");
  });
});

describe("lone surrogates", () => {
  it.each(["lone-surrogates.txt", "lone-surrogates.txt:raw"])(
    "%s: the codes are found, the surrogate-glued code is not taken",
    (name) => {
      const d = diagnosisOf(outcomeOf(name));
      expect(codesOf(d)).toEqual(expect.arrayContaining([8015, 803]));
      expect(codesOf(d)).not.toContain(8056);
    },
  );

  it("XML references to surrogates: the code is found", () => {
    expect(codesOf(diagnosisOf(outcomeOf("lone-surrogates.xml")))).toEqual([1012]);
  });
});

describe("emoji where echoed text is cut", () => {
  it("the codes are found, and the message is shown up to the cut", () => {
    const outcome = outcomeOf("emoji-at-truncation.json");
    const d = diagnosisOf(outcome);
    expect(codesOf(d)).toEqual(expect.arrayContaining([8015, 99003]));
    expect(allSlack(outcome)).toContain("a".repeat(298));
    // Whether the pair survives the cut is checked with every input (well-formed Unicode).
  });
});

describe("truncated bodies", () => {
  it("a v1.1 response cut mid-message: both codes, and the cut is said", () => {
    const outcome = outcomeOf("truncated-v11.json");
    const d = diagnosisOf(outcome);
    expect(d.truncated).toBe(true);
    expect(codesOf(d)).toEqual(expect.arrayContaining([1012, 803]));
    expect(allSlack(outcome)).toContain("cut short");
  });

  it("a v2 body cut mid-code: the complete code only, not the stump", () => {
    const d = diagnosisOf(outcomeOf("truncated-v2.json"));
    expect(d.truncated).toBe(true);
    expect(codesOf(d)).toEqual([8015]);
  });

  it("XML cut mid-element: the code before the cut", () => {
    const d = diagnosisOf(outcomeOf("truncated-xml.xml"));
    expect(d.truncated).toBe(true);
    expect(codesOf(d)).toEqual([1012]);
  });
});

describe("XML entities", () => {
  it("expands no declared internal entity: not as a code, not as markup, not as text", () => {
    const outcome = outcomeOf("xml-internal-entities.xml");
    const d = diagnosisOf(outcome);
    expect(codesOf(d)).toEqual([1012]);
    const everything = [allSlack(outcome), ...outcome.texts, ...outcome.json].join("\n");
    expect(everything).not.toContain("A".repeat(100));
  });

  it.each(["xml-external-entity.xml", "xml-external-entity.xml:canary"])(
    "%s: reads no external entity, DTD or XInclude, and still finds the code",
    (name) => {
      const d = diagnosisOf(outcomeOf(name));
      expect(codesOf(d)).toEqual([1012]);
      // The checks for every input assert that neither /etc/passwd nor the canary shows.
      const input = inputs.find((candidate) => candidate.name === name);
      expect(input?.text).toMatch(/SYSTEM "file:\/\//);
    },
  );
});

describe("enormous numbers", () => {
  it("finds the valid codes, whatever their form, and shows no absurd number", () => {
    const outcome = outcomeOf("enormous-numbers.json");
    const d = diagnosisOf(outcome);
    expect([...codesOf(d)].sort((a, b) => a - b)).toEqual(
      expect.arrayContaining([744, 803, 1012, 8015]),
    );
    const shown = outcome.answerMessages.flatMap(shownTexts).join("\n");
    for (const absurd of ["Infinity", "NaN", "e+", "99999999999999999999", "-803"]) {
      expect(shown).not.toContain(absurd);
    }
  });

  it("typed as a query, still answers the valid code", () => {
    const outcome = outcomeOf("enormous-numbers-query.txt");
    if (outcome.answer.type !== "codes")
      throw new Error(`expected codes, got ${outcome.answer.type}`);
    expect(outcome.answer.items.map((item) => item.code)).toContain(1012);
    const shown = outcome.answerMessages.flatMap(shownTexts).join("\n");
    expect(shown).not.toContain("Infinity");
    expect(shown).not.toContain("e+");
  });
});

describe("terminal escapes", () => {
  it.each(["terminal-escapes.txt", "terminal-escapes.xml"])(
    "%s: the codes are found (the console checks are above)",
    (name) => {
      const d = diagnosisOf(outcomeOf(name));
      expect(codesOf(d).length).toBeGreaterThan(0);
    },
  );
});
