/**
 * Over-the-wire benchmarks: the real app and a bare Bolt app (handlers that only ack),
 * each in its own process, driven by autocannon from this process with signed requests.
 */
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { FakeSlack } from "../support/fake-slack.js";
import {
  eventEnvelope,
  messageEvent,
  nextEventId,
  signedHeaders,
  slashCommandForm,
} from "../support/signed.js";
import { formatNs, percentile, table } from "./measure.js";
import { v11Paste } from "../support/pastes.js";
import type { StoreChoice } from "./servers.js";
import { BENCH_SECRET, BENCH_TOKEN } from "./servers.js";

type SignedRequest = () => { body: string; headers: Record<string, string> };

export function slashCommand(text: string): SignedRequest {
  return () => {
    const body = slashCommandForm({ text });
    return {
      body,
      headers: signedHeaders(BENCH_SECRET, body, "application/x-www-form-urlencoded"),
    };
  };
}

/** A message event with a fresh event_id each time, so de-duplication does not short-cut it. */
function pasteMessage(text: string): SignedRequest {
  return () => {
    const body = eventEnvelope(messageEvent({ channel: "C1", text }), nextEventId());
    return { body, headers: signedHeaders(BENCH_SECRET, body, "application/json") };
  };
}

export async function load(port: number, request: SignedRequest, seconds: number) {
  const result = await autocannon({
    url: `http://127.0.0.1:${String(port)}/slack/events`,
    method: "POST",
    connections: 10,
    duration: seconds,
    requests: [{ setupRequest: (req) => ({ ...req, ...request() }) }],
  });
  return {
    rps: result.requests.average,
    /** Requests answered 2xx: for an event, acked. */
    acked: result["2xx"],
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/**
 * The Node options `npm start` runs the bot with (package.json), so that the servers
 * measured here run as in production.
 */
function startOptions(): string[] {
  const packageJson = JSON.parse(
    readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
  ) as {
    scripts: { start: string };
  };
  return packageJson.scripts.start.split(/\s+/).filter((word) => word.startsWith("--"));
}

/** Resolves with the first match of `pattern` in a child's output, or rejects after a while. */
function waitForOutput(
  child: ChildProcessWithoutNullStreams,
  pattern: RegExp,
  what: string,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      reject(new Error(`${what} did not start within 15 s: ${output}`));
    }, 15_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
  });
}

/** The embedded stores of the measured bot and of the start-up runs, removed after the run. */
const WIRE_DATA_DIR = join(tmpdir(), `loyalty-bench-wire-${String(process.pid)}`);
const START_DATA_DIR = join(tmpdir(), `loyalty-bench-start-${String(process.pid)}`);

/** A server process of servers.js, and how to stop it (closing its stdin). */
export interface ServerProcess {
  port: number;
  child: ChildProcessWithoutNullStreams;
  stop(): Promise<void>;
}

/**
 * Starts the real app (or, for `bare`, a Bolt app whose handlers only ack) in a process
 * of its own, with the given store and Node options, talking to the Web API at `apiUrl`,
 * and resolves once it prints READY.
 */
export async function serverProcess(
  which: "ours" | "bare",
  store: StoreChoice,
  apiUrl: string,
  { env = {}, nodeOptions = [] }: { env?: Record<string, string>; nodeOptions?: string[] } = {},
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [...nodeOptions, fileURLToPath(new URL("servers.js", import.meta.url)), which, store, apiUrl],
    { env: { ...process.env, ...env } },
  );
  const match = await waitForOutput(child, /READY (\d+)/, `the ${which} ${store} server`);
  return {
    port: Number(match[1]),
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => {
          resolve();
        });
        child.stdin.end();
      }),
  };
}

function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${String(pid)}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

/** Launches `npm start`'s entry in HTTP mode and times it to the first healthy /healthz. */
async function startUp(slackApiUrl: string): Promise<{ ms: number; rss: number }> {
  const entry = fileURLToPath(new URL("../../dist/src/index.js", import.meta.url));
  const started = performance.now();
  const child = spawn(process.execPath, [...startOptions(), entry], {
    env: {
      ...process.env,
      SLACK_BOT_TOKEN: BENCH_TOKEN,
      SLACK_APP_TOKEN: "",
      SLACK_SIGNING_SECRET: BENCH_SECRET,
      PORT: "0",
      SLACK_API_URL: slackApiUrl,
      LOG_LEVEL: "info",
      // The embedded store, in a folder of its own; one start at a time may hold it.
      LOYALTY_DATA_DIR: START_DATA_DIR,
    },
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    const port = Number((await waitForOutput(child, /listening on port (\d+)/, "npm start"))[1]);
    for (let tries = 0; tries < 5000; tries++) {
      const response = await fetch(`http://127.0.0.1:${String(port)}/healthz`).catch(() => null);
      if (response?.status === 200) break;
      await new Promise((r) => setTimeout(r, 2));
    }
    const ms = performance.now() - started;
    await warmUp(port);
    return { ms, rss: rssMb(child.pid) };
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

async function warmUp(port: number): Promise<void> {
  const request = slashCommand("803");
  for (let i = 0; i < 200; i++) {
    const { body, headers } = request();
    await fetch(`http://127.0.0.1:${String(port)}/slack/events`, { method: "POST", body, headers });
  }
}

/** Waits for the bot's reply to each of `count` events sent from `started`: replies per second. */
async function repliesPerSecond(api: FakeSlack, count: number, started: number): Promise<number> {
  await api.waitFor(() => api.posted().length >= count, 120_000);
  const last = Math.max(...api.posted().map((call) => call.at));
  return (count / (last - started)) * 1000;
}

export async function runWireBenchmarks({ quick }: { quick: boolean }): Promise<string> {
  const seconds = quick ? 1 : 10;
  // The fake Slack API runs here, so that it sees when each of the bot's replies arrives.
  const api = await FakeSlack.start();
  // The bot keeps its state in the embedded store, as it does unless REDIS_URL is set,
  // and both run with npm start's Node options.
  const options = { env: { LOYALTY_DATA_DIR: WIRE_DATA_DIR }, nodeOptions: startOptions() };
  const ours = await serverProcess("ours", "sqlite", api.apiUrl, options);
  const bare = await serverProcess("bare", "sqlite", api.apiUrl, options);
  const pasteCase = pasteMessage(v11Paste(40_000));
  const cases: [string, SignedRequest, string][] = [
    ["slash command, code `803`", slashCommand("803"), "≥ 80 %"],
    [
      "slash command, free text `coupon already used`",
      slashCommand("coupon already used"),
      "≥ 50 %",
    ],
    ["message event, 40,000-character paste", pasteCase, "≥ 35 %, p99 ack < 50 ms"],
  ];
  const rows: string[][] = [];
  let memory: string;
  let warm = { ours: NaN, bare: NaN };
  try {
    for (const [name, request, goal] of cases) {
      if (request === cases[cases.length - 1]?.[1]) {
        warm = { ours: rssMb(ours.child.pid), bare: rssMb(bare.child.pid) };
      }
      // Warm both servers' JIT on this request before measuring them, and let the bot
      // answer what the warm-up sent.
      await load(bare.port, request, quick ? 0.2 : 2);
      api.reset();
      const warmUp = await load(ours.port, request, quick ? 0.2 : 2);
      if (request === pasteCase) {
        await api.waitFor(() => api.posted().length >= warmUp.acked, 120_000);
      }
      const base = await load(bare.port, request, seconds);
      api.reset();
      const started = Date.now();
      const mine = await load(ours.port, request, seconds);
      // An event is acked before it is answered: its answers are counted as they arrive.
      const replies =
        request === pasteCase ? await repliesPerSecond(api, mine.acked, started) : null;
      rows.push([
        name,
        `${String(Math.round(mine.rps))} / ${String(Math.round(base.rps))}`,
        replies === null ? "" : String(Math.round(replies)),
        `${String(mine.p50)} / ${String(base.p50)} ms`,
        `${String(mine.p99)} / ${String(base.p99)} ms`,
        `${(((replies ?? mine.rps) / base.rps) * 100).toFixed(0)} %`,
        goal,
        String(mine.failures + base.failures),
      ]);
    }
    const flooded = { ours: rssMb(ours.child.pid), bare: rssMb(bare.child.pid) };
    // A minute without load: what the process gives back once the flood is over.
    const restSeconds = quick ? 2 : 60;
    await new Promise((resolve) => setTimeout(resolve, restSeconds * 1000));
    const rested = { ours: rssMb(ours.child.pid), bare: rssMb(bare.child.pid) };
    const mb = (n: number) => `${n.toFixed(0)} MB`;
    memory = table(
      ["resident memory", "ours", "bare Bolt", "ours / bare", "goal"],
      [
        [
          "warm, before the paste flood",
          mb(warm.ours),
          mb(warm.bare),
          (warm.ours / warm.bare).toFixed(2),
          "",
        ],
        [
          "after the paste flood",
          mb(flooded.ours),
          mb(flooded.bare),
          (flooded.ours / flooded.bare).toFixed(2),
          "≤ 1.3",
        ],
        [
          `${String(restSeconds)} s later`,
          mb(rested.ours),
          mb(rested.bare),
          (rested.ours / rested.bare).toFixed(2),
          `within 10 % of warm (ours: ${(((rested.ours - warm.ours) / warm.ours) * 100).toFixed(0)} %)`,
        ],
      ],
    );
  } finally {
    await Promise.all([ours.stop(), bare.stop()]);
    await api.close();
  }

  const fake = await FakeSlack.start();
  const runs = quick ? 1 : 5;
  const starts: number[] = [];
  let startRss = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const { ms, rss } = await startUp(fake.apiUrl);
      starts.push(ms);
      startRss = Math.max(startRss, rss);
    }
  } finally {
    await fake.close();
    for (const dir of [WIRE_DATA_DIR, START_DATA_DIR])
      rmSync(dir, { recursive: true, force: true });
  }
  starts.sort((a, b) => a - b);
  return [
    `autocannon, 10 connections, ${String(seconds)} s per case, from the benchmark process; the real app and a bare Bolt app (a handler that only acks) each run in a process of their own. Each figure is ours / bare, measured back to back.`,
    "",
    table(
      [
        "case",
        "req/s",
        "answered/s",
        "p50",
        "p99",
        "throughput vs bare",
        "goal",
        "non-2xx or errors",
      ],
      rows,
    ),
    "",
    memory,
    "",
    `Start-up, process launch of \`npm start\`'s entry to \`/healthz\` 200 (median of ${String(runs)}): ${formatNs(percentile(starts, 0.5) * 1e6)}; resident memory after 200 warm-up commands: ${startRss.toFixed(0)} MB. Goals: under 500 ms and 100 MB.`,
  ].join("\n");
}
