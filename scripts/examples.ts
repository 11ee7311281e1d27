/**
 * The answers kept as reviewed Block Kit examples in docs/examples/: one of each kind an
 * agent meets. `npm run examples` writes them; the test suite checks that they are
 * current, so a change to the layout shows as a diff of these files.
 */
import type { Engine } from "../src/engine/index.js";
import type { SlackMessage } from "../src/render/index.js";
import { answerMessage } from "../src/render/index.js";
import { escalateValueFor } from "../src/slack/answering.js";

export interface Example {
  /** File name in docs/examples/, without .json. */
  name: string;
  /** What the agent typed or pasted after /loyalty-code. */
  input: string;
}

/**
 * The key of the held answer its Share and Escalate buttons carry, fixed so that the
 * examples do not change on every run.
 */
export const EXAMPLE_SHARE_KEY = "example-share-key";

const CODES = [1012, 618, 8055, 1001, 1003, 91017, 816, 8999, 1012, 1000];

/**
 * A 40 kB customer/add response as Slack delivers a paste: text before it, request
 * headers, a code fence, smart quotes, `&lt;` entities, mailto-wrapped emails, and
 * hundreds of items of a few codes (one unknown) repeating.
 */
export function messyPaste(minLength = 40_000): string {
  const items: string[] = [];
  const body = () =>
    [
      "Customer add failing for the whole batch from store 0420, see below <@U0AGENT9>",
      "X-CAP-REQUEST-ID: 7d1e2c3b-4a5f-4e6d-8c9b-0a1f2e3d4c5b",
      "```",
      "{“response”:{“status”:{“success”:“false”,“code”:500,“message”:“All requests have failed due to errors”},",
      "“customers”:{“customer”:[",
      items.join(",\n"),
      "]}}}",
      "```",
    ].join("\n");
  for (let i = 0; body().length < minLength; i++) {
    const code = CODES[i % CODES.length] ?? 1012;
    const email = `member${String(i)}@example.com`;
    items.push(
      `{“mobile”:“91987${String(6543210 + i).padStart(7, "0")}”,“email”:“<mailto:${email}|${email}>”,` +
        `“item_status”:{“success”:“false”,“code”:“${String(code)}”,“message”:“Rejected &lt;${String(code)}&gt;”}}`,
    );
  }
  return body();
}

export const EXAMPLES: readonly Example[] = [
  { name: "single-code", input: "803" },
  { name: "ambiguous-code", input: "660" },
  { name: "free-text", input: "coupon already used" },
  { name: "unknown-code", input: "99999" },
  {
    name: "clean-paste",
    input: JSON.stringify({
      response: {
        status: { success: "false", code: 500, message: "All requests have failed due to errors" },
        responses: {
          points: {
            mobile: "919876543210",
            item_status: {
              success: "false",
              code: 816,
              message: "Unable to find customer in this organization",
            },
          },
        },
      },
    }),
  },
  { name: "messy-paste-40kb", input: messyPaste() },
];

/** An example's message, as the slash command would answer it privately. */
export function renderExample(engine: Engine, example: Example): SlackMessage {
  const answer = engine.answer(example.input);
  const escalateValue = escalateValueFor(answer, { key: EXAMPLE_SHARE_KEY, origin: null });
  return answerMessage(answer, {
    shareKey: EXAMPLE_SHARE_KEY,
    ...(escalateValue === undefined ? {} : { escalateValue }),
  });
}
