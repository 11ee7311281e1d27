/**
 * `loyalty-code report [--since 7d] [--json]`: the maintainers' report from the store the
 * running bot writes to (REDIS_URL when set, otherwise LOYALTY_DATA_DIR, default ./data).
 */
import type { CliIO } from "../cli/main.js";
import { EXIT } from "../cli/exit.js";
import type { StoreLogger } from "../store/index.js";
import { StoreError, openRecordsReader } from "../store/index.js";
import { buildReport } from "./report.js";
import { reportJson, reportText } from "./text.js";

export const REPORT_HELP = `Usage: loyalty-code report [--since PERIOD] [--json]

What the bot recorded: answers by surface and confidence, the most asked codes, votes,
codes and messages the catalog does not know, and questions with no or weak answers,
with a snippet for each catalog change to make.

Options:
  --since PERIOD   how far back: 7d (default), 24h, 30d; never beyond the retention period
  --json           the report as one JSON document

Reads REDIS_URL when it is set, otherwise the embedded store in LOYALTY_DATA_DIR (./data).`;

const UNIT_MS = { h: 60 * 60 * 1000, d: 24 * 60 * 60 * 1000 } as const;

/** A period such as 7d or 24h in milliseconds; null when it is not one. */
export function parsePeriod(text: string): number | null {
  const match = /^(\d{1,4})([hd])$/.exec(text.trim());
  if (!match) return null;
  const [, amount = "", unit = "d"] = match;
  return Number(amount) * (unit === "h" ? UNIT_MS.h : UNIT_MS.d);
}

interface ReportOptions {
  sinceMs: number;
  json: boolean;
  help: boolean;
}

function parseReportOptions(argv: readonly string[]): ReportOptions | string {
  const options: ReportOptions = { sinceMs: 7 * UNIT_MS.d, json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const [name, inline] = arg.startsWith("--since=") ? ["--since", arg.slice(8)] : [arg, null];
    if (name === "--json") options.json = true;
    else if (name === "--help" || name === "-h") options.help = true;
    else if (name === "--since") {
      const value = inline ?? argv[++i] ?? "";
      const period = parsePeriod(value);
      if (period === null) return `--since needs a period such as 7d or 24h, got "${value}"`;
      options.sinceMs = period;
    } else return `unknown option '${arg}' for report (use --since PERIOD and --json)`;
  }
  return options;
}

export async function runReport(argv: readonly string[], io: CliIO): Promise<number> {
  const options = parseReportOptions(argv);
  if (typeof options === "string") {
    io.stderr.write(`loyalty-code report: ${options}\n`);
    return EXIT.usage;
  }
  if (options.help) {
    io.stdout.write(REPORT_HELP + "\n");
    return EXIT.answered;
  }
  const redisUrl = io.env.REDIS_URL?.trim() ?? "";
  const dataDir = io.env.LOYALTY_DATA_DIR?.trim() ?? "";
  const logger = stderrLogger(io);
  let reader;
  try {
    reader = await openRecordsReader(
      { redisUrl: redisUrl === "" ? null : redisUrl, dataDir: dataDir === "" ? "data" : dataDir },
      logger,
    );
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    io.stderr.write(`loyalty-code report: ${error.message}\n`);
    return EXIT.usage;
  }
  try {
    const until = Date.now();
    const since = until - options.sinceMs;
    const report = buildReport(await reader.records.since(since), since, until);
    io.stdout.write(options.json ? reportJson(report) : reportText(report));
    return EXIT.answered;
  } catch (error) {
    io.stderr.write(
      `loyalty-code report: cannot read the records (${error instanceof Error ? error.message : String(error)}).\n`,
    );
    return EXIT.usage;
  } finally {
    await reader.close();
  }
}

/** Store messages (a Redis that cannot be reached) go to standard error, debug left out. */
function stderrLogger(io: CliIO): StoreLogger {
  const write = (message: string) => {
    io.stderr.write(`${message}\n`);
  };
  return { debug: () => undefined, info: write, warn: write, error: write };
}
