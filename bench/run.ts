/**
 * npm run bench [-- --quick] [-- --only paste|wire|instances]
 *
 * Measures every path an agent waits on, against baselines measured in the same run,
 * prints a table and (unless --quick or --only) records it with the machine in
 * docs/benchmarks.md. `--only` runs one part and prints it, for iterating on it:
 * `paste` the in-process paste cases (diagnosis against its floor, and the linearity
 * check), `wire` the over-the-wire cases against bare Bolt, `instances` the burst, the
 * stores, two instances and recording.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { parseArgs } from "node:util";
import Fuse from "fuse.js";
import { loadCatalogOrThrow } from "../src/catalog/load.js";
import { Engine } from "../src/engine/index.js";
import type { Stats } from "./measure.js";
import { formatNs, measure, measurePair, table } from "./measure.js";
import { v11Paste } from "../support/pastes.js";
import {
  AGENT_QUERY_SETS,
  evaluateAgentQueries,
  loadAgentQueries,
} from "../support/agent-queries.js";
import { runInstanceBenchmarks } from "./instances.js";
import { runWireBenchmarks } from "./wire.js";

/** How busy the machine was when the run started: timings of a loaded machine are noise. */
const loadAtStart = loadavg()[0] ?? NaN;
const { values } = parseArgs({
  options: { quick: { type: "boolean", default: false }, only: { type: "string" } },
});
const quick = values.quick;
const PARTS = ["paste", "wire", "instances"];
if (values.only !== undefined && !PARTS.includes(values.only)) {
  throw new Error(`--only takes one of ${PARTS.join(", ")}, not "${values.only}"`);
}
const onlyPaste = values.only === "paste";
if (values.only === "wire" || values.only === "instances") {
  console.log(
    `Load average ${loadAtStart.toFixed(1)} at the start.\n\n${
      values.only === "wire"
        ? await runWireBenchmarks({ quick })
        : await runInstanceBenchmarks({ quick })
    }`,
  );
  process.exit(0);
}
const budget = quick ? 60 : 1500;

const loadStart = performance.now();
const catalog = loadCatalogOrThrow();
const loadMs = performance.now() - loadStart;
const indexStart = performance.now();
const engine = new Engine(catalog);
const indexMs = performance.now() - indexStart;

const queries = (
  JSON.parse(
    readFileSync(new URL("../../test/fixtures/search-queries.json", import.meta.url), "utf8"),
  ) as { query: string }[]
)
  .map((q) => q.query)
  .filter((q) => q.split(" ").length <= 4);
const messages = catalog.entries
  .slice(0, 60)
  .map((e) => `${e.description} (request failed at 10:42)`);
let qi = 0;
const nextQuery = () => queries[qi++ % queries.length] ?? "";
let mi = 0;
const nextMessage = () => messages[mi++ % messages.length] ?? "";

// Baselines: a plain Map lookup, and the naive fuse.js set-up the issue describes.
const plainMap = new Map(catalog.entries.map((e) => [e.code, e]));
const naiveFuse = new Fuse([...catalog.entries], {
  keys: [
    { name: "description", weight: 2 },
    { name: "variants", weight: 1 },
    { name: "explain", weight: 1 },
  ],
  ignoreLocation: true,
  threshold: 0.4,
});

/** Paste sizes measured, each against the parse-and-walk floor of the same response. */
const PASTE_SIZES = [1_000, 10_000, 40_000, 200_000];

function walkAll(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    count++;
    if (Array.isArray(node)) stack.push(...(node as unknown[]));
    else if (typeof node === "object" && node !== null)
      stack.push(...(Object.values(node) as unknown[]));
  }
  return count;
}

if (onlyPaste) {
  console.log(
    `Load average ${loadAtStart.toFixed(1)} at the start.\n\n## Paste diagnosis against its floor\n\n${measurePastes()}`,
  );
  process.exit(0);
}

const rows: { stats: Stats; baseline?: Stats; goal?: string }[] = [];
const mapLookup = measure("baseline: Map.get(code)", () => plainMap.get(803), budget, 1000);
rows.push({ stats: mapLookup });
rows.push({
  stats: measure("code lookup `803`", () => engine.query("803"), budget, 20),
  baseline: mapLookup,
  goal: "p99 < 0.1 ms",
});
rows.push({
  stats: measure("code with resource `816 points`", () => engine.query("816 points"), budget, 20),
  baseline: mapLookup,
  goal: "p99 < 0.1 ms",
});
const naiveShort = measure(
  "baseline: naive fuse.js, short query",
  () => naiveFuse.search(nextQuery()),
  budget,
);
rows.push({ stats: naiveShort });
rows.push({
  stats: measure("free text, short agent queries", () => engine.query(nextQuery()), budget),
  baseline: naiveShort,
  goal: "p99 < 5 ms",
});
const naiveMessage = measure(
  "baseline: naive fuse.js, pasted message",
  () => naiveFuse.search(nextMessage()),
  budget,
);
rows.push({ stats: naiveMessage });
rows.push({
  stats: measure("free text, pasted single messages", () => engine.query(nextMessage()), budget),
  baseline: naiveMessage,
  goal: "p99 < 5 ms",
});
/**
 * Each paste size against its floor, timed alternately, and how the diagnosis grows with
 * size below the engine's 50,000-character cut (10,000 → 40,000, against the floor's
 * growth over the same sizes): the table and its notes, as recorded in the doc.
 */
function measurePastes(): string {
  const pasteRows: string[][] = [];
  const medians = new Map<number, { ours: number; floor: number }>();
  for (const size of PASTE_SIZES) {
    const mangled = v11Paste(size);
    const clean = v11Paste(size, false);
    const chars = size.toLocaleString("en");
    const { base, ours, ratio } = measurePair(
      { base: `JSON.parse + walk, ${chars} chars`, ours: `diagnosis, ${chars} chars` },
      () => walkAll(JSON.parse(clean)),
      () => engine.diagnose(mangled),
      budget,
    );
    medians.set(size, { ours: ours.median, floor: base.median });
    const goal =
      size === 40_000 ? "median ≤ 4×, p99 ≤ 6×" : size === 200_000 ? "≤ 6× the 40,000 time" : "";
    pasteRows.push([
      chars,
      formatNs(base.median),
      formatNs(ours.median),
      formatNs(ours.p99),
      `${ratio.toFixed(2)}×`,
      `${(ours.p99 / base.median).toFixed(2)}×`,
      goal,
    ]);
  }
  const growth = (from: number, to: number, side: "ours" | "floor") =>
    (medians.get(to)?.[side] ?? NaN) / (medians.get(from)?.[side] ?? NaN);
  return `${table(["chars", "floor median", "diagnosis median", "diagnosis p99", "ratio", "p99 ratio", "goal"], pasteRows)}

Linearity, below the cut: from 10,000 to 40,000 characters (4× the text) the diagnosis
took ${growth(10_000, 40_000, "ours").toFixed(2)}× the time, its floor ${growth(10_000, 40_000, "floor").toFixed(2)}× (linear is 4×).

200,000 against 40,000 characters: ${growth(40_000, 200_000, "ours").toFixed(2)}× the time (goal ≤ 6×). The engine
reads the first 50,000 characters of a paste (Slack's messages hold 40,000), so this
measures that cut, not a 200,000-character diagnosis: the cut falls inside the JSON, the
strict parse fails and the loose reader reads the 50,000 characters, which is what costs
more than the 40,000 case. The 10,000 → 40,000 growth above is the linearity check.`;
}

/** "3.3× slower than X" or "570× faster than X": readable either way round. */
function ratio(ours: number, base: number, name: string): string {
  return ours >= base
    ? `${(ours / base).toFixed(1)}× the time of ${name}`
    : `${(base / ours).toFixed(0)}× faster than ${name}`;
}

const inProcess = table(
  ["case", "median", "p99", "ops/s", "vs baseline (median)", "goal"],
  rows.map(({ stats, baseline, goal }) => [
    stats.name,
    formatNs(stats.median),
    formatNs(stats.p99),
    Math.round(stats.opsPerSecond).toLocaleString("en"),
    baseline ? ratio(stats.median, baseline.median, baseline.name.replace("baseline: ", "")) : "",
    goal ?? "",
  ]),
);

const pastes = measurePastes();

const fixtures = new URL("../../test/fixtures/", import.meta.url);
const agentQueries = table(
  [
    "query set",
    "on-topic",
    "top-1",
    "top-3",
    "strong answers right",
    "off-topic",
    "off-topic `none`",
  ],
  AGENT_QUERY_SETS.map(({ name, file }) => {
    const f = evaluateAgentQueries(engine, loadAgentQueries(fixtures, file));
    const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
    return [
      name,
      String(f.onTopic),
      pct(f.top1),
      pct(f.top3),
      pct(f.strongRight),
      String(f.offTopic),
      pct(f.offTopicNone),
    ];
  }),
);

const wire = await runWireBenchmarks({ quick });
const instances = await runInstanceBenchmarks({ quick });
const machine = `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
const report = `# Benchmarks

Measured by \`npm run bench\` on ${machine}, ${new Date().toISOString().slice(0, 10)}, load average ${loadAtStart.toFixed(1)} at the start.
Rerun it to measure your machine; absolute numbers drift on a shared machine, so each
case is quoted next to a baseline measured in the same run.

Catalog load ${loadMs.toFixed(1)} ms and index build ${indexMs.toFixed(1)} ms (${String(catalog.entries.length)} entries), once at start-up.

How to read it. Each in-process case runs for a fixed time after a warm-up, timed per
call (or per batch of calls where one call is below the timer's resolution); median
and p99 are over those samples. The baselines are the floors the issue named: a plain
\`Map.get\` for code lookup, a naive fuse.js set-up (description, variants and
explanation as weighted keys, \`ignoreLocation\`, threshold 0.4) for free text, and
\`JSON.parse\` plus a walk of a clean 40,000-character response for paste diagnosis.
fuse.js stays the fuzzy layer, but only where it is cheap: it corrects misspelt query
words against the catalog's vocabulary (single words), while an IDF-weighted word index
ranks the entries. Paste diagnosis reads Slack-mangled text (smart quotes, fences,
headers), so it does more than the clean-JSON baseline.

## In process (real catalog)

${inProcess}

## Paste diagnosis against its floor

Slack-mangled v1.1 customer/add responses (smart quotes, fences, headers) of each size,
diagnosed by the engine, against \`JSON.parse\` plus a walk of the same response
unmangled, the two timed alternately call by call. "ratio" is the median of the
per-pair ratios; "p99 ratio" is our p99 over the floor's median.

${pastes}

### Where a paste's time goes

Profiled on 2026-11-30 on the 40,000-character case: \`node --cpu-prof\` over a loop of
\`engine.diagnose\`, per-phase timings (each phase timed alternately with the floor, the
median of 300 per-pair ratios), and \`--heap-prof\` plus \`gc\` counts after a flood of
pastes, on the shared 2-core machine under a load average of 2.2-8.5: read the ratios,
not the microseconds. Each phase is given as a multiple of the floor; "first" is the
profile that started this work, "second" the state the last full run measured.

| phase | first | second | now |
| --- | --- | --- | --- |
| cleaning (entities, links, quotes, spaces, fences) | 3.5× | 2.0× | 1.2× |
| \`JSON.parse\` of the cleaned body (strict, succeeds) | 0.9× | 1.0× | 0.85× |
| walk for codes, facts, identifiers (\`findCodes\`) | 2.0-4.0× | 2.0× | 1.0× |
| ranking, grouping and masking (\`diagnosePaste\`) | 9.1× | 3.5× | 1.55× |
| rendering and Block Kit serialisation (\`answerMessage\` + \`JSON.stringify\`) | 1.2-1.3× | unchanged | not remeasured |
| whole diagnosis (\`engine.diagnose\`) | 11.8-22× | 8.6× | 4.55-4.65× |

The second profile (CPU profile of \`engine.diagnose\`): reading the paste 54 % (cleaning
24 %, of which the smart-quote pattern 7 % and the scan for rare characters 4 %;
\`JSON.parse\` 10 %, slower than the floor's own parse because cleaning returned a
two-byte string; the walk 15 %), diagnosing it 31 % (masking 14 %, most of it building
and running one pattern of the 292 identifier values; grouping 19 %, mostly two key
strings built and hashed per item), garbage collection 8 %.

Allocations: after 3,000 pastes and a full collection nothing of them is live (heap 11.5
MB against 20.7 MB warm; the sampling heap profile holds module code, the catalog and
the cleaning pass's fixed scratch memory). What a diagnosis allocates halved: 2,000
diagnoses with \`--max-semi-space-size=2\` (as \`npm start\` runs) caused 499 scavenges,
against 1,004 before this change; every cleaning pass was a copy of the paste, and
each item built key strings and a second copy of its path.

What changed: (a) cleaning is one pass over the paste's code units, copied natively
into a typed array, that decodes entities, fixes quotes and spaces, drops invisible
characters and replaces lone surrogates, writing one byte a character into a fixed
scratch buffer (250 kB, for the 50,000 characters read), so that \`JSON.parse\` gets a
one-byte string; a paste with nothing to fix is not copied. (b) Record keys are
classified once (code, code list, identifier, fact, \`item_status\`, kind, resource) in a
cache shared by walks, of at most 4,096 keys of up to 64 characters, emptied when full.
(c) Identifier values are indexed by their first two characters and then by length, so
that a text is searched with a map look-up per character; the email pattern runs only on
texts holding an \`@\`. A text of 2,000 characters or more (the whole paste, masked when
it is held for its buttons) still uses one pattern of the values, built once per paste:
there the regular expression engine is the faster. Also: grouped findings are keyed by numbers instead of strings
built per item; each catalog entry's wordings are normalised once (a \`WeakMap\` per
entry, as large as the catalog) instead of on every comparison; the API-path pattern
runs only when the paste holds \`/v1.1/\` or \`/v2/\`; paths are built as shown, without a
dot to strip. The answers are the same: every test keeps its assertions, and the old and
new cleaning, masking and walk were compared on random inputs. The loose readers run
only where \`JSON.parse\` failed, as before.

What is left, and what would meet the 4× goal (4.46× in the bench's own interleaved
measure): cleaning is 1.2× because this machine runs a loop over 40,000 code units at
about 3 ns each and every sixth one is a smart quote; \`JSON.parse\` (0.85×) is the floor
itself; the walk (1.0×) allocates a node per container to work out paths lazily; and
\`diagnosePaste\` (1.55×) is about a third indexing 292 identifier values to mask some
25 short texts, a third ranking six distinct codes, a third grouping. Indexing only the
values whose first characters occur in the texts masked, and a walk that keeps
ancestors on its stack instead of a node object per container, would each take about
0.3× off. Per paste there is also a fixed cost of about 65 µs (ranking, normalising each
distinct message, building maskers), which is why small pastes have the highest ratios
and why the diagnosis grows less than linearly from 10,000 to 40,000 characters.

### Parsers compared

\`jsonrepair\` 3.15.0 and \`fast-xml-parser\` 5.12.1 against our readers, on the test
pastes (\`test/fixtures/pastes\`, \`test/fixtures/hostile\`) after cleaning: same findings
(code, path, message, kind) and facts, and CPU time (median of 40 rounds).

| reader | same findings and facts | time, same input |
| --- | --- | --- |
| ours, loose JSON | reference | 576 µs (a 40,000-character paste cut at 30,000) |
| \`jsonrepair\` + \`JSON.parse\` | 26 of 31 JSON pastes: prose after the payload becomes more array items, so every path gains \`[0].\` | 1,867 µs (3.2×) |
| ours, XML | reference | 1,093 µs (24,000 characters, 150 items) |
| \`fast-xml-parser\` | 3 of 9 XML pastes: truncated XML, internal entities, broken UTF-16 and escaped mentions read differently; a DOCTYPE with an external entity throws | 2,723 µs (2.5×) |

Neither is adopted: both are slower, and neither reads the pastes as ours do. The
comparison was run once, by hand, with both packages installed outside the project;
they are not dependencies.

## Free-text answers on agent queries

The agent query set (\`test/fixtures/search-agent-*.json\`): queries written from the
vendor pages before the search was tuned, each with the codes an agent would accept and
why, and off-topic chat that must get confidence \`none\`. The tuning part was used
while improving the search, the held-out part only measured. A query answered \`none\`
shows no code, so an on-topic one counts as a miss. Targets: top-3 ≥ 95 %, top-1 ≥ 85 %,
off-topic \`none\` ≥ 95 %.

${agentQueries}

Before confidence and the current ranking (same sets, same rules): tuning part top-1
77.5 %, top-3 88.3 %, off-topic \`none\` 26.7 % (the old search answered nearly
everything); held-out part 79.7 %, 84.4 %, 33.3 %.

## Over the wire (HTTP mode on loopback)

${wire}

## Stores, bursts and several instances (HTTP mode on loopback)

${instances}

## Goals: met, not met, and why

Read on 2026-11-30 from a run on the quiet machine (load average 1.5), with CPU
profiles of the server processes under the same loads; later runs print new figures
above, not new reasons.

Met: code and free-text p99 (µs, against 0.1 ms and 5 ms); 200,000 characters ≤ 6× the
40,000 time (the 50,000-character cut; the 10,000 → 40,000 growth is below linear);
every ack of the burst under 3 s; RSS a minute after the burst under 150 MB; recording
for the report under 10 % of code-query throughput.

Not met:

- **40,000-character diagnosis ≤ 4× its floor (4.4-4.5×), p99 ≤ 6× (about 20×).** What
  is left of the median is under "Where a paste's time goes". The slow 1 % was not
  isolated; the floor allocates far less than a diagnosis, so collection pauses are
  the likely cause.
- **Code queries over the wire ≥ 80 % of bare Bolt (about 45 %), free text ≥ 50 %
  (about 25 %).** Bare Bolt answers in about 0.15 ms, so 80 % leaves about 40 µs for
  everything of ours. Bolt runs the matchers of every registered listener on every
  request: with the bot's 15 listeners (one per surface and button), its middleware
  dispatch alone was 13-15 % of the server's CPU. Each answer also writes its Share key,
  counts and record to the store. Meeting it would take one dispatching listener per
  kind of request instead of one per surface, which the layout of \`src/slack/\` avoids.
- **40 kB pastes over the wire ≥ 35 % of bare Bolt (11-14 % of replies per second),
  p99 ack < 50 ms.** Events are acked before they are answered (answers take turns, so
  the acks keep up), and the figure counts replies. A paste costs the server about 5 ms:
  collection about a fifth, holding the masked paste for Escalate and Share (masking 40 kB
  and writing it to the store) about a sixth, then reading and diagnosing it, Bolt's
  parse of the body, and the reply through the Web API client. What would meet it:
  holding a compact form of the answer instead of the masked paste, fewer allocations in
  the paste path, and cores not shared with the load generator.
- **RSS after the paste flood ≤ 1.3× bare Bolt's (about 3×).** In a separate run after
  the same flood, \`process.memoryUsage()\` gave a heap of 190 MB of which 38 MB was
  live: V8 keeps the pages the flood's garbage used until the process is idle, and a
  minute later the bot was back under its warm level. The warm level itself is higher
  than bare Bolt's by the catalog, the indexes and the store. A lower old-space limit
  would bound the peak at the cost of more full collections, and would risk ending the
  process under a burst; it was not taken.
- **Burst event → reply p99 < 500 ms (about 3 s), RSS after the burst < 200 MB (about
  230 MB).** Bare Bolt alone takes 0.6-0.9 s to ack this burst; 300 pastes at about 5 ms
  each are answered on one thread after that. Answering within 500 ms would take
  diagnosis on worker threads, on a machine with cores to spare.
- **Start-up under 500 ms and 100 MB (about 830-890 ms, 102-107 MB).** Loading Bolt
  alone takes about 0.3 s over a bare Node start and the catalog with its indexes about
  0.2 s; the Redis client is now loaded only when \`REDIS_URL\` is set. What would meet it:
  a catalog prebuilt into one JSON file instead of YAML read and checked at start.
- **De-dup and answers through SQLite cost < 10 %, Redis < 15 % of code-query
  throughput (61-92 % and 38-89 % across the day's runs).** Each code answer writes its
  Share key, two counts and its record; the embedded store now commits writes made
  within 20 ms together and keys sort by time, and Redis sends one tick's commands in one
  write. The two stores' figures moved by 30 points between runs of the same code on
  this machine, so this benchmark cannot say which of them is under its goal.
`;
console.log(report);
if (!quick) {
  writeFileSync(new URL("../../docs/benchmarks.md", import.meta.url), report);
  console.log("Recorded in docs/benchmarks.md.");
}
