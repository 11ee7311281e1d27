import type { RetryOptions } from "@slack/web-api";
import { App, HTTPReceiver, LogLevel, SocketModeReceiver } from "@slack/bolt";
import type { Config } from "../config.js";
import type { Engine } from "../engine/index.js";
import type { BotContext } from "./bot-context.js";
import { isRecord } from "../guards.js";
import type { DedupeStore } from "./dedupe.js";
import { MemoryDedupeStore } from "./dedupe.js";
import { registerListeners } from "./listeners.js";
import type { SurfaceMemory } from "./surface-memory.js";
import { memorySurfaceMemory } from "./surface-memory.js";

export type SlackConfig = Exclude<Config, { mode: "console" }>;

export interface BuildOptions {
  dedupe?: DedupeStore;
  /** Reply links, asked-code counts, held inputs and home refreshes; in memory unless given. */
  memory?: SurfaceMemory;
  /**
   * How the Web API client retries failed calls. The default gives up after about
   * half a minute, so that a Slack outage can never pile up work without bound.
   */
  retryConfig?: RetryOptions;
}

const LOG_LEVELS = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
} as const;

const DEFAULT_RETRY: RetryOptions = {
  retries: 3,
  factor: 2,
  minTimeout: 1000,
  maxTimeout: 10_000,
};

/** Builds the Bolt app for HTTP or Socket Mode, with the bot's listeners registered. */
export function buildApp(config: SlackConfig, engine: Engine, options: BuildOptions = {}) {
  const logLevel = LOG_LEVELS[config.logLevel];
  const clientOptions = {
    ...(config.slackApiUrl === null ? {} : { slackApiUrl: config.slackApiUrl }),
    retryConfig: options.retryConfig ?? DEFAULT_RETRY,
  };
  let ready = false;
  const receiver =
    config.mode === "http"
      ? new HTTPReceiver({
          signingSecret: config.signingSecret,
          endpoints: ["/slack/events"],
          logLevel,
          customRoutes: [
            {
              path: "/healthz",
              method: ["GET"],
              handler: (_req, res) => {
                res.writeHead(ready ? 200 : 503, { "content-type": "text/plain" });
                res.end(ready ? "ok" : "starting");
              },
            },
          ],
        })
      : new SocketModeReceiver({
          appToken: config.appToken,
          logLevel,
          installerOptions: { clientOptions },
        });
  // Initialisation (auth.test) is awaited by startSlack, so a bad token fails the start
  // with Slack's error instead of an unhandled rejection later.
  const app = new App({
    token: config.botToken,
    receiver,
    logLevel,
    clientOptions,
    deferInitialization: true,
    // The bot keeps no conversation state; Bolt's default store costs ~7 % per request.
    convoStore: false,
  });
  const bot: BotContext = {
    engine,
    dedupe: options.dedupe ?? new MemoryDedupeStore(),
    memory: options.memory ?? memorySurfaceMemory(),
    pasteChannels: config.pasteChannels,
  };
  // A retried delivery (same event_id) was already handled: drop it before any listener.
  app.use(async ({ body, next, logger }) => {
    const eventId = isRecord(body) && typeof body.event_id === "string" ? body.event_id : null;
    if (eventId !== null && !bot.dedupe.claim(eventId)) {
      logger.debug(`ignoring a repeated delivery of ${eventId}`);
      return;
    }
    await next();
  });
  registerListeners(app, bot);
  app.error(async (error) => {
    app.logger.error(`unhandled error: ${error.message}`);
    await Promise.resolve();
  });
  return {
    app,
    receiver,
    markReady: () => {
      ready = true;
    },
  };
}
