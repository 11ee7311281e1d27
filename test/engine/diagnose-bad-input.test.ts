import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/index.js";
import { answerMessage } from "../../src/render/index.js";
import {
  allTexts,
  catalogRows,
  codesOf,
  diagnosed,
  expectWithinLimits,
  findingFor,
  fixture,
  seededRandom,
  timed,
} from "./diagnose-helpers.js";

const engine = createEngine();

/** Generous sanity bound: answers are computed in memory, far below Slack's 3 s. */
const PROMPT_MS = 500;
const SLACK_MAX = 40_000;

/** A v1.1 bulk customer add of known codes, as long as fits in `max` characters. */
function bigCustomerPaste(max: number): { text: string; items: number } {
  const rows = catalogRows().filter((r) => r.resource === "customer" && r.kind === "error");
  const head =
    '{"response":{"status":{"success":"false","code":500,"message":"All requests have failed due to errors"},"customers":{"customer":[';
  const tail = "]}}}";
  const items: string[] = [];
  for (let i = 0; ; i++) {
    const row = rows[i % rows.length];
    if (!row) throw new Error("no customer rows in the catalog");
    const item = JSON.stringify({
      mobile: `91980${String(1_000_000 + i)}`,
      item_status: { success: "false", code: String(row.code), message: row.description },
    });
    const next = head + [...items, item].join(",") + tail;
    if (next.length > max) break;
    items.push(item);
  }
  return { text: head + items.join(",") + tail, items: items.length };
}

describe("a 40,000-character paste", () => {
  const { text, items } = bigCustomerPaste(SLACK_MAX);

  it("is diagnosed promptly, every code counted", () => {
    expect(text.length).toBeGreaterThan(SLACK_MAX - 400);
    expect(items).toBeGreaterThan(200);
    engine.diagnose(text); // warm up once, so the bound measures the work, not the JIT
    const { result, ms } = timed(() => engine.diagnose(text));
    expect(ms).toBeLessThan(PROMPT_MS);
    if (result === null) throw new Error("expected a diagnosis");
    expect(result.truncated).toBe(false);
    expect(codesOf(result)).toHaveLength(items);
    expect(result.envelope.map((e) => e.code)).toEqual([500]);
  });

  it("renders within the paste budget: repeats collapsed, the rest counted in 'and N more'", () => {
    const { result: message, ms } = timed(() => answerMessage(engine.answer(text)));
    expect(ms).toBeLessThan(PROMPT_MS);
    expectWithinLimits(message);
    expect(message.blocks.length).toBeLessThanOrEqual(15);
    expect(allTexts(message).slice(1).join("").length).toBeLessThanOrEqual(3000);

    // The verdict counts every item, whatever is shown below it.
    const counted = [
      ...message.text.matchAll(/(\d+) (?:item errors?|warnings?|unknown codes?|succeeded)/g),
    ];
    expect(counted.reduce((sum, m) => sum + Number(m[1]), 0)).toBe(items);

    // No finding is dropped silently: each is named in bold or counted in "…and N more codes".
    const d = diagnosed(engine, text);
    const shown = allTexts(message).join("\n");
    const notShown = d.findings.filter((f) => !new RegExp(`\\*${f.code}\\b`).test(shown)).length;
    const more = /…and (\d+) more codes?/.exec(shown);
    expect(notShown).toBeGreaterThan(0);
    expect(Number(more?.[1])).toBeGreaterThanOrEqual(notShown);
  });

  it("with hundreds of distinct unknown codes is still diagnosed promptly", () => {
    // A bulk response from an API version newer than the catalog: every code is unknown.
    const errors: string[] = [];
    for (let i = 0; ; i++) {
      const error = `{"status":false,"code":${20_000 + i}}`;
      if (`{"errors":[${[...errors, error].join(",")}]}`.length > SLACK_MAX) break;
      errors.push(error);
    }
    const paste = `{"errors":[${errors.join(",")}]}`;
    expect(errors.length).toBeGreaterThan(1000);
    const { result, ms } = timed(() => engine.diagnose(paste));
    expect(result?.findings).toHaveLength(errors.length);
    expect(ms).toBeLessThan(PROMPT_MS);
    expectWithinLimits(answerMessage(engine.answer(paste)));
  });

  it("longer than Slack allows is read up to the engine's limit, not rejected", () => {
    const { text: long } = bigCustomerPaste(120_000);
    const { result, ms } = timed(() => engine.diagnose(long));
    expect(ms).toBeLessThan(PROMPT_MS);
    expect(result?.truncated).toBe(true);
    expect(result?.findings.length).toBeGreaterThan(0);
  });
});

describe("deeply nested JSON and XML", () => {
  const DEPTH = 100_000;
  const cases: Record<string, string> = {
    "open arrays": "[".repeat(DEPTH),
    "closed arrays": "[".repeat(DEPTH) + "]".repeat(DEPTH),
    "closed objects with a code at the bottom":
      '{"a":'.repeat(DEPTH) + '{"code":1012,"message":"x"}' + "}".repeat(DEPTH),
    "unclosed objects": '{"a":'.repeat(DEPTH),
    "arrays of objects, unclosed": '[{"errors":'.repeat(DEPTH / 2),
    "XML elements, unclosed": "<a>".repeat(DEPTH) + "<code>1012</code>",
  };

  for (const [name, text] of Object.entries(cases)) {
    it(`${name}: returns promptly, without throwing, and renders within limits`, () => {
      const { result, ms } = timed(() => engine.diagnose(text));
      expect(ms).toBeLessThan(PROMPT_MS);
      if (result !== null) expect(result.depthCapped || result.truncated).toBe(true);
      const message = answerMessage(engine.answer(text));
      expectWithinLimits(message);
    });
  }

  it("still finds the codes that come before the deep part, and says part was skipped", () => {
    const text = `{"errors":[{"status":false,"code":8015,"message":"No customer found with the given identifier."}],"debug":${'{"a":['.repeat(DEPTH)}`;
    const { result, ms } = timed(() => engine.diagnose(text));
    expect(ms).toBeLessThan(PROMPT_MS);
    if (result === null) throw new Error("expected a diagnosis");
    expect(result.depthCapped).toBe(true);
    expect(result.truncated).toBe(true);
    expect(findingFor(result, 8015).paths).toEqual(["errors[0]"]);
    const message = answerMessage({ type: "diagnosis", diagnosis: result });
    expect(JSON.stringify(message)).toContain("nested too deeply to read");
  });

  it("reads a closed deep payload whose codes are near the top", () => {
    const text = `{"errors":[{"status":false,"code":8015}],"debug":${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}}`;
    const { result, ms } = timed(() => engine.diagnose(text));
    expect(ms).toBeLessThan(PROMPT_MS);
    expect(result?.findings.map((f) => f.code)).toEqual([8015]);
  });
});

describe("garbage", () => {
  const random = seededRandom(20_240_611);
  const bytes = Array.from({ length: SLACK_MAX }, () => Math.floor(random() * 256));
  const cases: Record<string, string> = {
    "random bytes as latin1": Buffer.from(bytes).toString("latin1"),
    "random bytes as UTF-8": Buffer.from(bytes).toString("utf8"),
    "lone surrogates": '\ud800\udc00\ud800 {"code":\udfff} \udbff[\ud800]',
    "NUL and control characters": '\u0000\u0001{\u0000"code"\u0000:803}\u001b[31m\u007f',
    "only brackets": "{[<".repeat(10_000),
    "unclosed declarations": "<?".repeat(20_000),
    "unclosed strings": '{"'.repeat(20_000),
  };

  for (const [name, text] of Object.entries(cases)) {
    it(`${name}: diagnose returns null or a result, promptly, and the answer renders`, () => {
      const { result, ms } = timed(() => engine.diagnose(text));
      expect(ms).toBeLessThan(PROMPT_MS);
      expect(result === null || Array.isArray(result.findings)).toBe(true);
      expectWithinLimits(answerMessage(engine.answer(text)));
    });
  }

  it("a code inside broken UTF-16 is still found, the message made well-formed", () => {
    const d = diagnosed(
      engine,
      '{"errors":[{"status":false,"code":8015,"message":"\ud800 bad \udfff"}]}',
    );
    const message = findingFor(d, 8015).message ?? "";
    expect(message).toBe("\ufffd bad \ufffd");
    expect(message.isWellFormed()).toBe(true);
  });
});

describe("prototype keys in a paste", () => {
  const polluted = () => (Object.prototype as Record<string, unknown>).polluted;

  it("do not pollute Object.prototype, and the codes are still found", () => {
    const d = diagnosed(engine, fixture("proto-keys.json"));
    expect(polluted()).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(d.envelope.map((e) => e.code)).toEqual([500]);
    const finding = findingFor(d, 1012);
    expect(finding.paths).toEqual(["response.customers.customer[0].item_status"]);
    expect(finding.messageDiffers).toBe(false);
  });

  it("do not pollute through the tolerant parser (single quotes, trailing text) either", () => {
    const loose = `${fixture("proto-keys.json").replace(/"__proto__"/g, "'__proto__'")}\nthanks`;
    const d = diagnosed(engine, loose);
    expect(polluted()).toBeUndefined();
    expect(findingFor(d, 1012).paths).toEqual(["response.customers.customer[0].item_status"]);
  });

  it("do not pollute through XML element names", () => {
    const d = diagnosed(
      engine,
      "<response><__proto__><polluted>true</polluted></__proto__><constructor><prototype><polluted>true</polluted></prototype></constructor><customers><customer><item_status><code>1012</code></item_status></customer></customers></response>",
    );
    expect(polluted()).toBeUndefined();
    expect(findingFor(d, 1012).paths).toEqual(["response.customers.customer.item_status"]);
  });

  it("are not taken for customer identifiers", () => {
    const d = diagnosed(
      engine,
      '{"constructor":"Acme Loyalty","__proto__":"x-1","toString":"y","response":{"customers":{"customer":{"mobile":"919845012345","item_status":{"code":1012}}}}}',
    );
    expect(findingFor(d, 1012).paths).toEqual(["response.customers.customer.item_status"]);
    expect(d.customer).toEqual(["mobile 91•••••••345"]);
    const everything = JSON.stringify(answerMessage({ type: "diagnosis", diagnosis: d }));
    expect(everything).not.toContain("native code");
    expect(everything).not.toContain("[object Object]");
  });
});

describe("messages that are not a pasted response get no reply", () => {
  for (const text of [
    "we had 803 tickets yesterday, call 919876543210",
    "803",
    "what does 1012 mean? customer says code 803 again",
    "see [803] and [1012] in the log",
    "<@U0123ABC> can you check 816 for points?",
    "status: 500, code 1012 {see above}",
    "",
    "   \n\t ",
  ]) {
    it(JSON.stringify(text), () => {
      expect(engine.diagnose(text)).toBeNull();
      expect(engine.answer(text).type).not.toBe("diagnosis");
    });
  }
});
