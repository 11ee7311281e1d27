/**
 * A server process for the over-the-wire benchmark, kept apart from the load
 * generator: `node build/bench/servers.js ours|bare [memory|sqlite|redis] [api-url]`
 * starts either the real app (with that store, the in-memory one by default) or a bare
 * Bolt app whose handlers only ack, both in HTTP mode on loopback, talking to the Slack
 * Web API at api-url or to a fake one of its own, then prints "READY <port>" and runs
 * until stdin closes. The embedded store lives in LOYALTY_DATA_DIR, Redis at REDIS_URL.
 */
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { readConfig } from "../src/config.js";
import { createEngine } from "../src/engine/index.js";
import { startSlack } from "../src/slack/index.js";
import { MemoryStore, openStore } from "../src/store/index.js";
import { FakeSlack } from "../support/fake-slack.js";

export const BENCH_SECRET = "0123456789abcdef0123456789abcdef";
export const BENCH_TOKEN = "xoxb-0000000000-benchmark";

async function startBare(slackApiUrl: string) {
  const receiver = new HTTPReceiver({ signingSecret: BENCH_SECRET, logLevel: LogLevel.ERROR });
  const app = new App({
    token: BENCH_TOKEN,
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

export type StoreChoice = "memory" | "sqlite" | "redis";

async function startOurs(slackApiUrl: string, storeChoice: StoreChoice) {
  const config = readConfig({
    SLACK_BOT_TOKEN: BENCH_TOKEN,
    SLACK_SIGNING_SECRET: BENCH_SECRET,
    PORT: "0",
    SLACK_API_URL: slackApiUrl,
    LOG_LEVEL: "error",
    ...(process.env.LOYALTY_DATA_DIR === undefined
      ? {}
      : { LOYALTY_DATA_DIR: process.env.LOYALTY_DATA_DIR }),
    ...(storeChoice === "redis" ? { REDIS_URL: process.env.REDIS_URL ?? "" } : {}),
    LOYALTY_RECORDING: process.env.LOYALTY_RECORDING ?? "on",
  });
  if (config.mode !== "http") throw new Error("benchmark config must be HTTP mode");
  const store =
    storeChoice === "memory"
      ? new MemoryStore()
      : await openStore({ redisUrl: config.redisUrl, dataDir: config.dataDir }, console);
  const bot = await startSlack(config, createEngine(), {
    handleSignals: false,
    host: "127.0.0.1",
    store,
  });
  return { port: (bot.server?.address() as AddressInfo).port, stop: bot.stop };
}

if (process.argv[1]?.endsWith("servers.js")) {
  const [which, storeArgument = "memory", apiUrl] = process.argv.slice(2);
  const storeChoice: StoreChoice =
    storeArgument === "sqlite" || storeArgument === "redis" ? storeArgument : "memory";
  const fake = apiUrl === undefined ? await FakeSlack.start() : null;
  // The stand-in records every call; forget them so its memory does not count as the app's.
  setInterval(() => {
    fake?.reset();
  }, 500).unref();
  const slackApiUrl = apiUrl ?? fake?.apiUrl ?? "";
  const server =
    which === "bare" ? await startBare(slackApiUrl) : await startOurs(slackApiUrl, storeChoice);
  process.stdout.write(`READY ${String(server.port)}\n`);
  process.stdin.resume();
  process.stdin.on("end", () => {
    void server.stop().then(async () => {
      await fake?.close();
      process.exit(0);
    });
  });
}
