/**
 * Emails are found in one pass from each "@" (fast on a whole paste); this checks that
 * the pass finds exactly what the usual email pattern finds, on text built from the
 * characters where the two could disagree.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { replaceEmails } from "../../src/engine/paste/mask.js";

/** The definition the pass must agree with. */
const EMAIL_PATTERN = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const mark = (email: string) => `<${email}>`;

const emailish = fc
  .array(
    fc.constantFrom(
      "a",
      "Z",
      "7",
      ".",
      "-",
      "_",
      "%",
      "+",
      "@",
      " ",
      "\u2022",
      '"',
      "co",
      ".com",
      "@example.com",
      "name.surname",
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

describe("finding emails", () => {
  it("finds what the email pattern finds, and nothing else", () => {
    fc.assert(
      fc.property(fc.oneof(emailish, fc.string({ maxLength: 60 })), (text) => {
        expect(replaceEmails(text, mark)).toBe(text.replace(EMAIL_PATTERN, mark));
      }),
      { numRuns: 20_000 },
    );
  });

  it("masks addresses as agents paste them", () => {
    expect(replaceEmails('{"email":"ravi.k+loyalty@mail.example.co.in","x":"a@b"}', mark)).toBe(
      '{"email":"<ravi.k+loyalty@mail.example.co.in>","x":"a@b"}',
    );
    // Already masked: nothing left to find.
    expect(replaceEmails("r\u2022\u2022\u2022@example.com", mark)).toBe(
      "r\u2022\u2022\u2022@example.com",
    );
    expect(replaceEmails("write to a@b.c or to first.last@shop.example.com.", mark)).toBe(
      "write to a@b.c or to <first.last@shop.example.com>.",
    );
  });
});
