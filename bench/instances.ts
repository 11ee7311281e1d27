/**
 * Over-the-wire benchmarks of state and scale: a burst of mentions and 40 kB pastes,
 * code-query throughput with each store against the in-memory one, and two instances
 * sharing Redis behind a round-robin proxy against one. Each server runs in a process
 * of its own; the fake Slack Web API runs here, so that it sees when each reply arrives.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeSlack } from "../support/fake-slack.js";
import { v11Paste } from "../support/pastes.js";
import { startRedisServer } from "../support/redis-server.js";
import {
  eventEnvelope,
  mentionEvent,
  messageEvent,
  nextEventId,
  signedHeaders,
} from "../support/signed.js";
import { median, percentile, table } from "./measure.js";
import { startRoundRobinProxy } from "./proxy.js";
import type { StoreChoice } from "./servers.js";
import { BENCH_SECRET } from "./servers.js";
import type { ServerProcess } from "./wire.js";
import { load, serverProcess, slashCommand } from "./wire.js";

const ourServer = (store: StoreChoice, apiUrl: string, env: Record<string, string> = {}) =>
  serverProcess("ours", store, apiUrl, { env });

function memoryMb(pid: number | undefined, field: "VmRSS" | "VmHWM"): number {
  const status = readFileSync(`/proc/${String(pid)}/status`, "utf8");
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024;
}

/** An Events API request: an app_mention or a message, with a fresh event id. */
function eventRequest(
  type: "app_mention" | "message",
  channel: string,
  ts: string,
  text: string,
): { body: string; headers: Record<string, string> } {
  const event = (type === "app_mention" ? mentionEvent : messageEvent)({ channel, ts, text });
  const body = eventEnvelope(event, nextEventId());
  return { body, headers: signedHeaders(BENCH_SECRET, body, "application/json") };
}

let tsCounter = 0;
const nextTs = () => `${String(1_800_000_000 + ++tsCounter)}.${String(tsCounter).padStart(6, "0")}`;

async function post(port: number, request: { body: string; headers: Record<string, string> }) {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${String(port)}/slack/events`, {
    method: "POST",
    ...request,
  });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

interface BurstFigures {
  acks: number[];
  /** Event sent → its reply received by the fake Slack API; empty for bare Bolt. */
  toReply: number[];
  failures: number;
  peakMb: number;
  afterMb: number;
  settledMb: number;
}

/**
 * Sends `count` mentions and `count` 40 kB pastes at once into `server`, after a warm-up,
 * and waits for every reply when `replies` (bare Bolt sends none).
 */
async function burstInto(
  server: ServerProcess,
  fake: FakeSlack,
  count: number,
  replies: boolean,
  settleSeconds: number,
): Promise<BurstFigures> {
  // Warm up the JIT on both kinds of event, as a running bot would be.
  const paste = v11Paste(40_000);
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      post(
        server.port,
        eventRequest(
          i % 2 ? "app_mention" : "message",
          "C0WARM",
          nextTs(),
          i % 2 ? "<@UBOT> 803" : paste,
        ),
      ),
    ),
  );
  if (replies) await fake.waitFor(() => fake.posted().length >= 20, 30_000);
  fake.reset();
  const sent = new Map<string, number>();
  const requests = Array.from({ length: 2 * count }, (_, i) => {
    const ts = nextTs();
    const request =
      i % 2 === 0
        ? eventRequest(
            "app_mention",
            "C0BURST",
            ts,
            `<@UBOT> ${["803", "1012", "816 points"][i % 3] ?? "803"}`,
          )
        : eventRequest("message", "C0BURST", ts, paste);
    return { ts, request };
  });
  const acks = await Promise.all(
    requests.map(({ ts, request }) => {
      sent.set(ts, Date.now());
      return post(server.port, request);
    }),
  );
  if (replies) await fake.waitFor(() => fake.posted().length >= requests.length, 60_000);
  const peakMb = memoryMb(server.child.pid, "VmHWM");
  const afterMb = memoryMb(server.child.pid, "VmRSS");
  const toReply = fake
    .posted()
    .map((call) => call.at - (sent.get(String(call.body.thread_ts)) ?? call.at))
    .sort((a, b) => a - b);
  await new Promise((resolve) => setTimeout(resolve, settleSeconds * 1000));
  return {
    acks: acks.map((ack) => ack.ms).sort((a, b) => a - b),
    toReply,
    failures: acks.filter((ack) => ack.status !== 200).length,
    peakMb,
    afterMb,
    settledMb: memoryMb(server.child.pid, "VmRSS"),
  };
}

/** (a) 300 mentions and 300 40 kB pastes sent at once, into bare Bolt and into the bot. */
async function burst(fake: FakeSlack, quick: boolean): Promise<string> {
  const count = quick ? 30 : 300;
  const settleSeconds = quick ? 5 : 60;
  const measureOne = async (which: "bare" | "ours") => {
    const server = await serverProcess(which, "sqlite", fake.apiUrl);
    try {
      return await burstInto(server, fake, count, which === "ours", settleSeconds);
    } finally {
      await server.stop();
    }
  };
  const bare = await measureOne("bare");
  const ours = await measureOne("ours");
  const row = (name: string, figures: BurstFigures) => {
    const ackP99 = percentile(figures.acks, 0.99);
    return [
      name,
      ms(ackP99),
      figures === bare ? "" : `${(ackP99 / percentile(bare.acks, 0.99)).toFixed(2)}×`,
      ms(figures.acks[figures.acks.length - 1] ?? NaN),
      figures.toReply.length === 0 ? "" : ms(percentile(figures.toReply, 0.5)),
      figures.toReply.length === 0 ? "" : ms(percentile(figures.toReply, 0.99)),
      String(figures.failures),
      `${figures.peakMb.toFixed(0)} MB`,
      `${figures.afterMb.toFixed(0)} MB`,
      `${figures.settledMb.toFixed(0)} MB`,
    ];
  };
  return [
    table(
      [
        "case",
        "ack p99",
        "vs bare",
        "ack max",
        "event → reply p50",
        "event → reply p99",
        "non-200",
        "peak RSS",
        "RSS after",
        `RSS ${String(settleSeconds)} s later`,
      ],
      [row("bare Bolt, handlers only ack (baseline)", bare), row("the bot, embedded store", ours)],
    ),
    "",
    `${String(count)} mentions and ${String(count)} 40 kB pastes sent at once. Goals: every ack under 3 s; event → reply p99 under 500 ms; RSS after the burst under 200 MB, and under 150 MB a minute later.`,
  ].join("\n");
}

/** Mentions of a code, `concurrency` at a time, until `count` replies arrived: replies per second. */
async function mentionThroughput(fake: FakeSlack, port: number, count: number): Promise<number> {
  fake.reset();
  const channel = `C0T${String(++tsCounter)}`;
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      await post(port, eventRequest("app_mention", channel, nextTs(), "<@UBOT> 803"));
    }
  };
  await Promise.all(Array.from({ length: 10 }, worker));
  await fake.waitFor(() => fake.posted().length >= count, 30_000);
  return count / ((performance.now() - started) / 1000);
}

/** (b) code queries with each store, against the in-memory store in the same run. */
async function stores(fake: FakeSlack, redisUrl: string, quick: boolean): Promise<string> {
  const seconds = quick ? 1 : 8;
  const mentions = quick ? 200 : 3000;
  const rounds = quick ? 1 : 3;
  const choices: StoreChoice[] = ["memory", "sqlite", "redis"];
  const slash: Record<string, number[]> = { memory: [], sqlite: [], redis: [] };
  const events: Record<string, number[]> = { memory: [], sqlite: [], redis: [] };
  // Rounds alternate the stores, so that drift on a shared machine touches each alike.
  for (let round = 0; round < rounds; round++) {
    for (const store of choices) {
      const server = await ourServer(store, fake.apiUrl, { REDIS_URL: redisUrl });
      try {
        await load(server.port, slashCommand("803"), quick ? 0.2 : 2);
        slash[store]?.push((await load(server.port, slashCommand("803"), seconds)).rps);
        await mentionThroughput(fake, server.port, Math.min(500, mentions));
        events[store]?.push(await mentionThroughput(fake, server.port, mentions));
      } finally {
        await server.stop();
      }
    }
  }
  const rows = choices.map((store) => [
    store === "memory" ? "in memory (baseline)" : store === "sqlite" ? "embedded SQLite" : "Redis",
    String(Math.round(median(slash[store]))),
    `${((median(slash[store]) / median(slash.memory)) * 100).toFixed(0)} %`,
    String(Math.round(median(events[store]))),
    `${((median(events[store]) / median(events.memory)) * 100).toFixed(0)} %`,
  ]);
  return [
    `Code queries with each store, median of ${String(rounds)} round${rounds > 1 ? "s" : ""}: \`/loyalty-code 803\` (autocannon, 10 connections, ${String(seconds)} s; each answer keeps its Share key in the store) and \`@loyalty-code 803\` mentions (10 at a time, ${String(mentions)} events, counted when their reply reaches the fake Slack API; each event is claimed in the store).`,
    "",
    table(["store", "slash req/s", "vs memory", "mention replies/s", "vs memory"], rows),
    "",
    "Goals: de-dup through Redis costs under 15 % of code-query throughput, through SQLite under 10 %.",
  ].join("\n");
}

/** (d) code queries with the maintainers' records kept, against recording off in the same run. */
async function recording(fake: FakeSlack, quick: boolean): Promise<string> {
  const seconds = quick ? 1 : 8;
  const rounds = quick ? 1 : 3;
  const modes = ["off", "on"] as const;
  const slash: Record<string, number[]> = { off: [], on: [] };
  // Rounds alternate the modes, so that drift on a shared machine touches each alike.
  for (let round = 0; round < rounds; round++) {
    for (const mode of modes) {
      const server = await ourServer("sqlite", fake.apiUrl, { LOYALTY_RECORDING: mode });
      try {
        await load(server.port, slashCommand("803"), quick ? 0.2 : 2);
        slash[mode]?.push((await load(server.port, slashCommand("803"), seconds)).rps);
      } finally {
        await server.stop();
      }
    }
  }
  const off = median(slash.off);
  const on = median(slash.on);
  return [
    `\`/loyalty-code 803\` with the embedded store (autocannon, 10 connections, ${String(seconds)} s, median of ${String(rounds)} round${rounds > 1 ? "s" : ""}), the maintainers' records off and on.`,
    "",
    table(
      ["recording", "slash req/s", "vs off"],
      [
        ["off (baseline)", String(Math.round(off)), "100 %"],
        ["on", String(Math.round(on)), `${((on / off) * 100).toFixed(0)} %`],
      ],
    ),
    "",
    "Goal: recording costs under 10 % of code-query throughput.",
  ].join("\n");
}

/** (c) two instances sharing Redis behind a round-robin proxy, against one behind the same proxy. */
async function scaleOut(fake: FakeSlack, redisUrl: string, quick: boolean): Promise<string> {
  const seconds = quick ? 1 : 8;
  const servers = [
    await ourServer("redis", fake.apiUrl, { REDIS_URL: redisUrl }),
    await ourServer("redis", fake.apiUrl, { REDIS_URL: redisUrl }),
  ];
  const one = await startRoundRobinProxy([servers[0]?.port ?? 0]);
  const two = await startRoundRobinProxy(servers.map((server) => server.port));
  try {
    const request = slashCommand("803");
    await load(one.port, request, quick ? 0.2 : 2);
    await load(two.port, request, quick ? 0.2 : 2);
    const single = await load(one.port, request, seconds);
    const pair = await load(two.port, request, seconds);
    return [
      `Two instances sharing Redis behind a local round-robin proxy, against one behind the same proxy: \`/loyalty-code 803\`, autocannon, 10 connections, ${String(seconds)} s each.`,
      "",
      table(
        ["instances", "req/s", "p50", "p99", "vs one"],
        [
          [
            "one",
            String(Math.round(single.rps)),
            `${String(single.p50)} ms`,
            `${String(single.p99)} ms`,
            "100 %",
          ],
          [
            "two",
            String(Math.round(pair.rps)),
            `${String(pair.p50)} ms`,
            `${String(pair.p99)} ms`,
            `${((pair.rps / single.rps) * 100).toFixed(0)} %`,
          ],
        ],
      ),
      "",
      "The load generator, the proxy, the fake Slack API and both instances share the machine's cores, so a second instance adds availability more than throughput here.",
    ].join("\n");
  } finally {
    await Promise.all([one.close(), two.close()]);
    await Promise.all(servers.map((server) => server.stop()));
  }
}

export async function runInstanceBenchmarks({ quick }: { quick: boolean }): Promise<string> {
  const fake = await FakeSlack.start();
  const redis = await startRedisServer();
  const dataDir = mkdtempSync(join(tmpdir(), "loyalty-bench-"));
  process.env.LOYALTY_DATA_DIR = dataDir;
  try {
    return [
      "### A burst",
      "",
      await burst(fake, quick),
      "",
      "### Stores",
      "",
      await stores(fake, redis.url, quick),
      "",
      "### Two instances",
      "",
      await scaleOut(fake, redis.url, quick),
      "",
      "### Recording for the report",
      "",
      await recording(fake, quick),
    ].join("\n");
  } finally {
    await redis.stop();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
