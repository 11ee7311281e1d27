import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/index.js";
import { answerMessage } from "../../src/render/index.js";
import {
  allTexts,
  diagnosed,
  expectWithinLimits,
  findingFor,
  fixture,
} from "./diagnose-helpers.js";

const engine = createEngine();

const PINGS = ["<!channel>", "<!here>", "<!everyone>", "<@U123>", "<http://evil", "<!subteam^"];

describe("text echoed from a paste cannot ping anyone or break the layout", () => {
  it("escapes mentions and links in item and envelope messages", () => {
    const answer = engine.answer(fixture("escaping-mentions.json"));
    const message = answerMessage(answer);
    expectWithinLimits(message);
    const everything = JSON.stringify(message);
    for (const ping of PINGS) expect(everything, ping).not.toContain(ping);

    const texts = allTexts(message).join("\n");
    expect(texts).toContain("&lt;!channel&gt;");
    expect(texts).toContain("&lt;@U123&gt;");
    expect(texts).toContain("&lt;!here&gt;");
    // The message is shown boxed in a code span, so *bold* cannot restyle the reply.
    expect(texts).toContain("received `&lt;!channel&gt; &lt;@U123&gt; click *bold*`.");
  });

  it("keeps the message text itself (the link label is kept, the wrapping dropped)", () => {
    const d = diagnosed(engine, fixture("escaping-mentions.json"));
    expect(findingFor(d, 1012).message).toBe("<!channel> <@U123> click *bold*");
    expect(d.envelope[0]?.message).toBe("All requests have failed due to errors <!here>");
  });

  it("escapes mentions that Slack sent entity-encoded, and in keys (paths)", () => {
    const paste =
      '{"&lt;!channel&gt;":{"errors":[{"status":false,"code":8015,"message":"&lt;!everyone&gt; &lt;@U0123ABC&gt; ping"}]}}';
    const message = answerMessage(engine.answer(paste));
    const everything = JSON.stringify(message);
    for (const ping of [...PINGS, "<@U0123ABC>"]) expect(everything, ping).not.toContain(ping);
    expect(allTexts(message).join("\n")).toContain("Found at `&lt;!channel&gt;.errors[0]`");
  });

  it("keeps echoed text on one line and free of backticks and control characters", () => {
    const paste = JSON.stringify({
      errors: [
        {
          status: false,
          code: 8015,
          message: "line one\n\n*line two*\n`code`\u001b[31mred\u0007",
        },
      ],
    });
    const texts = allTexts(answerMessage(engine.answer(paste))).join("\n");
    const line = texts.split("\n").find((t) => t.includes(", received `"));
    expect(line).toMatch(/, received `line one \*line two\* 'code'red`\.$/);
  });

  it("writes bold labels that Slack renders as bold (no space before the closing *)", () => {
    // Slack only closes *bold* after a non-space character: "*Check: *Ask" shows the asterisks.
    const message = answerMessage(engine.answer(fixture("v11-customer-add-slack.txt")));
    const badBold: string[] = [];
    for (const text of allTexts(message)) {
      const outsideCode = text.replace(/```[\s\S]*?```/g, "").replace(/`[^`]*`/g, "");
      const segments = outsideCode.split("*");
      for (let i = 1; i < segments.length - 1; i += 2) {
        const bold = segments[i] ?? "";
        if (bold === "" || /^\s|\s$/.test(bold)) badBold.push(`*${bold}*`);
      }
    }
    expect(badBold).toEqual([]);
  });

  it("cannot mention a user through the shared-by field unless it is a user id", () => {
    const answer = engine.answer(fixture("escaping-mentions.json"));
    const shared = answerMessage(answer, { sharedBy: "U0ABCDEF1" });
    expect(JSON.stringify(shared.blocks[0])).toContain("Shared by <@U0ABCDEF1>");
    const forged = answerMessage(answer, { sharedBy: "U1> <!channel" });
    expect(JSON.stringify(forged)).not.toContain("<!channel");
  });
});
