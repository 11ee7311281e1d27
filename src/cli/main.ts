#!/usr/bin/env node
/**
 * loyalty-code: the bot's answers in a terminal.
 *   loyalty-code 803 | loyalty-code 816 points | loyalty-code coupon expired
 *   loyalty-code - < response.json        (or pipe a response in)
 *   loyalty-code catalog --json
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { CatalogInvalidError } from "../catalog/problems.js";
import { answerConfidence } from "../engine/answer.js";
import { createEngine } from "../engine/index.js";
import { entryJson } from "../render/model.js";
import { answerJson, answerMessage, answerText } from "../render/index.js";
import { usageLines } from "../render/help.js";

const HELP = `Usage: loyalty-code [--json | --format text|json|slack] <query...>
       loyalty-code [--json | --format ...] -        read a pasted response from standard input
       loyalty-code catalog --json                  the whole catalog as a JSON array

${usageLines("loyalty-code").join("\n")}

Options:
  --json             the answer model as JSON (same as --format json)
  --format FORMAT    text (default), json, or slack (the exact message the bot would post)
  -h, --help         this help

Exit status: 0 answered, 1 no documented code matches, 2 bad usage, 3 invalid catalog.`;

type Format = "text" | "json" | "slack";

export function main(
  argv: string[],
  stdin: { read: () => string; isTTY: boolean },
  out: (s: string) => void,
  err: (s: string) => void,
): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        format: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    err(
      `loyalty-code: ${error instanceof Error ? error.message : String(error)}\nRun loyalty-code --help for usage.\n`,
    );
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(HELP + "\n");
    return 0;
  }
  const format = values.json ? "json" : (values.format ?? "text");
  if (format !== "text" && format !== "json" && format !== "slack") {
    err(`loyalty-code: unknown format "${format}"; use text, json or slack.\n`);
    return 2;
  }
  let engine;
  try {
    engine = createEngine();
  } catch (error) {
    if (error instanceof CatalogInvalidError) {
      err(`${error.message}\n`);
      return 3;
    }
    throw error;
  }
  if (positionals[0] === "catalog") {
    if (format !== "json" || positionals.length > 1) {
      err("loyalty-code: use `loyalty-code catalog --json` to export the catalog.\n");
      return 2;
    }
    out(JSON.stringify(engine.catalog.entries.map(entryJson), null, 2) + "\n");
    return 0;
  }
  let input: string;
  // `-`, or nothing at all with a response piped in: read the paste from standard input.
  if (
    (positionals.length === 1 && positionals[0] === "-") ||
    (positionals.length === 0 && !stdin.isTTY)
  ) {
    input = stdin.read();
  } else if (positionals.length > 0) input = positionals.join(" ");
  else {
    err(
      "loyalty-code: give a code, some words, or - to read a pasted response.\nRun loyalty-code --help for usage.\n",
    );
    return 2;
  }
  const answer = engine.answer(input);
  out(render(answer, format));
  return answerConfidence(answer) === "none" ? 1 : 0;
}

function render(
  answer: ReturnType<ReturnType<typeof createEngine>["answer"]>,
  format: Format,
): string {
  if (format === "json") return JSON.stringify(answerJson(answer), null, 2) + "\n";
  if (format === "slack") return JSON.stringify(answerMessage(answer), null, 2) + "\n";
  return answerText(answer);
}

process.exitCode = main(
  process.argv.slice(2),
  { read: () => readFileSync(0, "utf8"), isTTY: process.stdin.isTTY },
  (s) => process.stdout.write(s),
  (s) => process.stderr.write(s),
);
