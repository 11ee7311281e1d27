/**
 * The command line's options. A small parser of our own, so that every mistake gets one
 * line of our wording (with the closest valid option) rather than Node's parser text.
 */

export type Format = "text" | "json" | "slack";

export interface Options {
  format: Format;
  help: boolean;
  version: boolean;
  positionals: string[];
}

export class UsageError extends Error {
  override name = "UsageError";
}

/** Every option the command takes, long and short, as the user would type it. */
const FLAGS = ["--json", "--help", "-h", "--version", "-V"] as const;
const VALUED = ["--format"] as const;
const KNOWN: readonly string[] = [...FLAGS, ...VALUED];
const FORMATS: readonly Format[] = ["text", "json", "slack"];

function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

/** Parses the arguments after the command name; throws UsageError with a one-line message. */
export function parseOptions(argv: readonly string[]): Options {
  const options: Options = { format: "text", help: false, version: false, positionals: [] };
  let json = false;
  let format: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") {
      options.positionals.push(...argv.slice(i + 1));
      break;
    }
    // "-" means standard input; negative numbers are not options either.
    if (!arg.startsWith("-") || arg === "-" || /^-\d/.test(arg)) {
      options.positionals.push(arg);
      continue;
    }
    const [name, inline] = splitInline(arg);
    switch (name) {
      case "--json":
        if (inline !== null) throw new UsageError(`option --json takes no value`);
        json = true;
        break;
      case "--help":
      case "-h":
        options.help = true;
        break;
      case "--version":
      case "-V":
        options.version = true;
        break;
      case "--format": {
        const value = inline ?? argv[++i];
        if (value === undefined || value === "")
          throw new UsageError(`option --format needs a value: text, json or slack`);
        format = value;
        break;
      }
      default:
        throw new UsageError(unknownOption(name));
    }
  }
  if (format !== null && !isFormat(format))
    throw new UsageError(`unknown format "${format}"; use text, json or slack`);
  if (json && format !== null && format !== "json")
    throw new UsageError(`--json and --format ${format} ask for different outputs; choose one`);
  options.format = json ? "json" : (format ?? "text");
  return options;
}

function splitInline(arg: string): [string, string | null] {
  const equals = arg.indexOf("=");
  return arg.startsWith("--") && equals > 0
    ? [arg.slice(0, equals), arg.slice(equals + 1)]
    : [arg, null];
}

function unknownOption(name: string): string {
  const closest = closestOption(name);
  return `unknown option '${name}'${closest === null ? "" : ` (did you mean ${closest}?)`}`;
}

/** The valid option a mistyped one most likely meant: a prefix of it, or a typo or two away. */
export function closestOption(name: string): string | null {
  const longs = KNOWN.filter((option) => option.startsWith("--"));
  const bare = name.replace(/^-+/, "");
  if (bare.length >= 2) {
    const prefixed = longs.filter((option) => option.startsWith(`--${bare}`));
    if (prefixed.length === 1) return prefixed[0] ?? null;
  }
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const option of longs) {
    const distance = editDistance(bare, option.slice(2));
    if (distance < bestDistance) {
      best = option;
      bestDistance = distance;
    }
  }
  // Two edits in a short word is a different word, not a typo.
  const allowed = bare.length <= 4 ? 1 : 2;
  return bestDistance <= allowed ? best : null;
}

/** Levenshtein distance with adjacent transpositions counted as one edit. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] ?? [];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        distance = Math.min(distance, at(i - 2, j - 2) + 1);
      row[j] = distance;
    }
  }
  return at(a.length, b.length);
}
