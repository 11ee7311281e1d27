/**
 * Over-the-wire benchmarks: the real app in HTTP mode on loopback, and a bare Bolt app
 * whose handlers only ack, driven by autocannon with signed requests in the same run.
 */
import { spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import autocannon from "autocannon";
import { readConfig } from "../src/config.js";
import { createEngine } from "../src/engine/index.js";
import { startSlack } from "../src/slack/start.js";
import { FakeSlack } from "../test/slack/support/fake-slack.js";
import { formatNs, percentile, table } from "./measure.js";
import { v11Paste } from "./payloads.js";

const SECRET = "0123456789abcdef0123456789abcdef";
const TOKEN = "xoxb-0000000000-benchmark";

type Target = { name: string; port: number };

function sign(body: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac("sha256", SECRET).update(`v0:${timestamp}:${body}`).digest("hex");
  return { "x-slack-request-timestamp": String(timestamp), "x-slack-signature": `v0=${signature}` };
}

function slashCommand(text: string): () => { body: string; headers: Record<string, string> } {
  return () => {
    const body = new URLSearchParams({
      token: "legacy",
      team_id: "T1",
      channel_id: "C1",
      user_id: "U1",
      command: "/loyalty-code",
      text,
      response_url: "http://127.0.0.1:9/respond",
      trigger_id: "1.2.3",
    }).toString();
    return {
      body,
      headers: { "content-type": "application/x-www-form-urlencoded", ...sign(body) },
    };
  };
}

/** A message event with a fresh event_id each time, so de-duplication does not short-cut it. */
function messageEvent(text: string): () => { body: string; headers: Record<string, string> } {
  return () => {
    const ts = `${Date.now() / 1000}`;
    const body = JSON.stringify({
      token: "legacy",
      team_id: "T1",
      api_app_id: "A1",
      type: "event_callback",
      event_id: `Ev${randomUUID()}`,
      event_time: Math.floor(Date.now() / 1000),
      event: { type: "message", channel: "C1", user: "U1", text, ts, channel_type: "channel" },
    });
    return { body, headers: { "content-type": "application/json", ...sign(body) } };
  };
}

async function load(
  target: Target,
  request: () => { body: string; headers: Record<string, string> },
  seconds: number,
) {
  const result = await autocannon({
    url: `http://127.0.0.1:${target.port}/slack/events`,
    method: "POST",
    connections: 10,
    duration: seconds,
    requests: [{ setupRequest: (req) => ({ ...req, ...request() }) }],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

async function bareBolt(
  slackApiUrl: string,
): Promise<{ port: number; stop: () => Promise<unknown> }> {
  const receiver = new HTTPReceiver({ signingSecret: SECRET, logLevel: LogLevel.ERROR });
  const app = new App({
    token: TOKEN,
    receiver,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl },
  });
  app.command("/loyalty-code", async ({ ack }) => {
    await ack();
  });
  app.event("message", async () => {
    await Promise.resolve();
  });
  const server = (await app.start({ port: 0, host: "127.0.0.1" })) as {
    address: () => AddressInfo;
  };
  return { port: server.address().port, stop: () => app.stop() };
}

/** Launches `npm start`'s entry in HTTP mode and times it to the first healthy /healthz. */
async function startUp(slackApiUrl: string): Promise<{ ms: number; rssMb: number }> {
  const entry = fileURLToPath(new URL("../src/index.js", import.meta.url));
  const started = performance.now();
  const child = spawn(process.execPath, [entry], {
    env: {
      ...process.env,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_APP_TOKEN: "",
      SLACK_SIGNING_SECRET: SECRET,
      PORT: "0",
      SLACK_API_URL: slackApiUrl,
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let output = "";
      const timer = setTimeout(() => {
        reject(new Error(`no start-up within 10 s: ${output}`));
      }, 10_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on port (\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      };
      child.stdout.on("data", read);
      child.stderr.on("data", read);
    });
    for (;;) {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
      if (response?.status === 200) break;
      await new Promise((r) => setTimeout(r, 2));
    }
    const ms = performance.now() - started;
    const warm = slashCommand("803");
    for (let i = 0; i < 200; i++) {
      const { body, headers } = warm();
      await fetch(`http://127.0.0.1:${port}/slack/events`, { method: "POST", body, headers });
    }
    const status = readFileSync(`/proc/${String(child.pid)}/status`, "utf8");
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return { ms, rssMb: rssKb / 1024 };
  } finally {
    child.kill("SIGTERM");
  }
}

export async function runWireBenchmarks({ quick }: { quick: boolean }): Promise<string> {
  const fake = await FakeSlack.start();
  const config = readConfig({
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    PORT: "0",
    SLACK_API_URL: fake.apiUrl,
    LOG_LEVEL: "error",
  });
  if (config.mode !== "http") throw new Error("benchmark config must be HTTP mode");
  const ours = await startSlack(config, createEngine(), {
    handleSignals: false,
    host: "127.0.0.1",
    retryConfig: { retries: 0 },
  });
  const bare = await bareBolt(fake.apiUrl);
  const seconds = quick ? 1 : 10;
  const oursTarget = { name: "loyalty-code", port: (ours.server?.address() as AddressInfo).port };
  const bareTarget = { name: "bare Bolt", port: bare.port };
  const cases: [string, () => { body: string; headers: Record<string, string> }, number][] = [
    ["slash command, code `803`", slashCommand("803"), 0.8],
    ["slash command, free text `coupon already used`", slashCommand("coupon already used"), 0.5],
    ["message event, 40,000-character paste", messageEvent(v11Paste(40_000)), 0],
  ];
  const rows: string[][] = [];
  try {
    for (const [name, request, goal] of cases) {
      const base = await load(bareTarget, request, seconds);
      const mine = await load(oursTarget, request, seconds);
      rows.push([
        name,
        `${Math.round(mine.rps)} / ${Math.round(base.rps)}`,
        `${mine.p50} / ${base.p50} ms`,
        `${mine.p99} / ${base.p99} ms`,
        `${((mine.rps / base.rps) * 100).toFixed(0)} %`,
        goal > 0 ? `≥ ${String(goal * 100)} %` : "ack < 3 s",
        String(mine.failures + base.failures),
      ]);
    }
    const runs = quick ? 1 : 5;
    const starts: number[] = [];
    let rss = 0;
    for (let i = 0; i < runs; i++) {
      const { ms, rssMb } = await startUp(fake.apiUrl);
      starts.push(ms);
      rss = Math.max(rss, rssMb);
    }
    starts.sort((a, b) => a - b);
    return [
      `autocannon, 10 connections, ${String(seconds)} s per case; each figure is ours / bare Bolt (a handler that only acks), measured back to back.`,
      "",
      table(
        ["case", "req/s", "p50", "p99", "throughput vs bare", "goal", "non-2xx or errors"],
        rows,
      ),
      "",
      `Start-up, process launch to \`/healthz\` 200 (median of ${String(runs)}): ${formatNs(percentile(starts, 0.5) * 1e6)}; resident memory after 200 warm-up commands: ${rss.toFixed(0)} MB. Goals: under 500 ms and 100 MB.`,
    ].join("\n");
  } finally {
    await ours.stop();
    await bare.stop();
    await fake.close();
  }
}
