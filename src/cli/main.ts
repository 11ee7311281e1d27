/**
 * loyalty-code: the bot's answers in a terminal.
 *   loyalty-code 803 | loyalty-code 816 points | loyalty-code coupon expired
 *   loyalty-code - < response.json        (or pipe a response in)
 *   loyalty-code catalog --json
 *
 * `main` does the work and returns the exit status; bin.ts runs it as the command.
 */
import { readFileSync } from "node:fs";
import { CatalogInvalidError } from "../catalog/problems.js";
import type { Answer, Engine } from "../engine/index.js";
import { createEngine } from "../engine/index.js";
import { isRecord } from "../guards.js";
import { answerJson, answerMessage, answerText, entryJson, usageLines } from "../render/index.js";
import { loadSettings } from "../settings.js";
import type { Format } from "./args.js";
import { UsageError, parseOptions } from "./args.js";
import { runReport } from "../report/command.js";
import { ANSI, wantsColor } from "./color.js";
import { EXIT, EXIT_STATUS_HELP, statusOf } from "./exit.js";
import { KEPT_BYTES, formatBytes, readInput } from "./input.js";

export interface Output {
  write: (text: string) => unknown;
  isTTY?: boolean;
}

export interface CliIO {
  stdin: AsyncIterable<unknown> & { isTTY?: boolean };
  stdout: Output;
  stderr: Output;
  env: Readonly<Record<string, string | undefined>>;
}

export const HELP = `Usage: loyalty-code [--json | --format text|json|slack] [--verbose] <query...>
       loyalty-code [--json | --format ...] -        read a pasted response from standard input
       loyalty-code catalog --json                  the whole catalog as a JSON array
       loyalty-code report [--since 7d] [--json]    what the bot recorded, for maintainers

${usageLines("loyalty-code").join("\n")}

Options:
  --json             the answer model as one JSON document (same as --format json)
  --format FORMAT    text (default), json, or slack (the exact message the bot would post)
  --verbose          with text: each meaning's sources and why it ranks where it does
  -h, --help         this help
  -V, --version      the version

Colour is used only on a terminal, and never when NO_COLOR is set.

${EXIT_STATUS_HELP}`;

/** A piped-in line this short, with no response in it, is a query (`echo 803 | loyalty-code`). */
const PIPED_QUERY_LENGTH = 200;

/** Runs the command with its arguments (without the command name); resolves to the exit status. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  if (argv[0] === "report") return runReport(argv.slice(1), io);
  let options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return usage(io, error.message);
  }
  if (options.help) {
    io.stdout.write(HELP + "\n");
    return EXIT.answered;
  }
  if (options.version) {
    io.stdout.write(`loyalty-code ${version()}\n`);
    return EXIT.answered;
  }
  const { format, positionals } = options;
  let engine: Engine;
  try {
    engine = createEngine(loadSettings(io.env).catalog);
  } catch (error) {
    if (!(error instanceof CatalogInvalidError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return EXIT.invalidCatalog;
  }
  if (positionals[0] === "catalog") {
    if (format !== "json" || positionals.length > 1)
      return usage(io, "use `loyalty-code catalog --json` to export the catalog");
    io.stdout.write(JSON.stringify(engine.catalog.entries.map(entryJson), null, 2) + "\n");
    return EXIT.answered;
  }
  const fromStdin =
    (positionals.length === 1 && positionals[0] === "-") ||
    (positionals.length === 0 && io.stdin.isTTY !== true);
  if (!fromStdin && positionals.length === 0)
    return usage(io, "give a code, some words, or - to read a pasted response");
  if (positionals.includes("-") && !fromStdin)
    return usage(io, "- (read standard input) cannot be combined with a query");

  const answer = fromStdin
    ? await answerPiped(engine, io, format)
    : answerQuery(engine, io, format, positionals.join(" "));
  if (typeof answer === "number") return answer;
  io.stdout.write(render(answer, format, wantsColor(io.stdout, io.env), options.verbose));
  return statusOf(answer);
}

function answerQuery(engine: Engine, io: CliIO, format: Format, query: string): Answer | number {
  if (query.trim() === "")
    return nothing(io, format, "empty-input", "the query is empty: give a code or some words");
  return engine.answer(query);
}

/** Standard input: a pasted response, or a short query piped in. */
async function answerPiped(engine: Engine, io: CliIO, format: Format): Promise<Answer | number> {
  const input = await readInput(io.stdin);
  const size = formatBytes(input.totalBytes);
  if (input.binary)
    return nothing(
      io,
      format,
      "binary-input",
      `the input (${size}) looks like binary data, not an API response`,
    );
  if (input.text.trim() === "")
    return nothing(
      io,
      format,
      "empty-input",
      "the input is empty: pipe in an API response, or give a code or some words",
    );
  if (input.totalBytes > KEPT_BYTES)
    io.stderr.write(
      `loyalty-code: the input is ${size}; only its first ${formatBytes(KEPT_BYTES)} is read.\n`,
    );
  const diagnosis = engine.diagnose(input.text);
  if (diagnosis) return { type: "diagnosis", diagnosis };
  const text = input.text.trim();
  if (!text.includes("\n") && text.length <= PIPED_QUERY_LENGTH) return engine.query(text);
  return nothing(
    io,
    format,
    "no-response",
    `no response code found in the input (${size}); paste the whole API response, or give a code`,
  );
}

/**
 * Nothing to answer: the reason on standard error, and for machines a JSON document
 * that says so, so that `--json` output is always one document.
 */
function nothing(io: CliIO, format: Format, reason: string, message: string): number {
  io.stderr.write(`loyalty-code: ${message}\n`);
  if (format === "json")
    io.stdout.write(JSON.stringify({ found: false, reason, message }, null, 2) + "\n");
  if (format === "slack") io.stdout.write(JSON.stringify({ text: message }, null, 2) + "\n");
  return EXIT.nothingFound;
}

function usage(io: CliIO, message: string): number {
  io.stderr.write(`loyalty-code: ${message}; see --help\n`);
  return EXIT.usage;
}

function render(answer: Answer, format: Format, color: boolean, verbose: boolean): string {
  if (format === "json") return JSON.stringify(answerJson(answer), null, 2) + "\n";
  if (format === "slack") return JSON.stringify(answerMessage(answer), null, 2) + "\n";
  return answerText(answer, { style: color ? ANSI : undefined, evidence: verbose });
}

/** The package's version, from the package.json above this file (in src/ or dist/src/). */
function version(): string {
  for (let dir = new URL(".", import.meta.url); ; dir = new URL("..", dir)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(new URL("package.json", dir), "utf8"));
      if (isRecord(parsed) && typeof parsed.version === "string") return parsed.version;
    } catch {
      // No package.json at this level: look one folder up.
    }
    if (dir.pathname === "/") return "unknown";
  }
}
