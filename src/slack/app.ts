import { App, HTTPReceiver, LogLevel, SocketModeReceiver } from "@slack/bolt";
import type { Config } from "../config.js";
import type { Engine } from "../engine/index.js";
import type { Store } from "../store/index.js";
import type { BotContext } from "./bot-context.js";
import { isRecord } from "../guards.js";
import { MaintainersGroup } from "./home/maintainers.js";
import { registerListeners } from "./listeners.js";
import type { OutboxPolicy } from "./outbox.js";
import { Outbox } from "./outbox.js";
import { nextTurn } from "./turns.js";

export type SlackConfig = Exclude<Config, { mode: "console" }>;

export interface BuildOptions {
  /** Where everything the bot remembers between requests is kept (see BotContext). */
  store: Store;
  /** How replies are retried; the production policy unless given. */
  outbox?: OutboxPolicy;
}

/** How long an event id is remembered: beyond Slack's retries (three, within minutes). */
export const CLAIM_TTL_MS = 10 * 60 * 1000;

const LOG_LEVELS = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
} as const;

export type Phase = "starting" | "ready" | "stopping";

/** Builds the Bolt app for HTTP or Socket Mode, with the bot's listeners registered. */
export function buildApp(config: SlackConfig, engine: Engine, options: BuildOptions) {
  const logLevel = LOG_LEVELS[config.logLevel];
  // The outbox retries, per channel; the client must neither retry nor pause its whole
  // queue on one channel's 429. A call that hangs is cut off, and retried, after 15 s.
  const clientOptions = {
    ...(config.slackApiUrl === null ? {} : { slackApiUrl: config.slackApiUrl }),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
  };
  let phase: Phase = "starting";
  const store = options.store;
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
                const health = store.health();
                const [status, text] =
                  phase !== "ready"
                    ? [503, phase]
                    : health.ok
                      ? [200, "ok"]
                      : [200, `degraded: ${health.detail}`];
                res.writeHead(status, { "content-type": "text/plain" });
                res.end(text);
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
    store,
    outbox: new Outbox(app.logger, options.outbox),
    pasteChannels: config.pasteChannels,
    recording: config.recording,
    recordRetentionDays: config.recordRetentionDays,
    maintainers:
      config.maintainersGroup === null ? null : new MaintainersGroup(config.maintainersGroup),
  };
  // A delivery of an event already claimed, here or by another instance sharing the
  // store, is dropped before any listener. Events are acked before this runs. What is
  // handled is tracked, so that stopping waits for it.
  app.use(async ({ body, next, logger }) => {
    const eventId = isRecord(body) && typeof body.event_id === "string" ? body.event_id : null;
    // An event is acked before this runs; answers take turns, so that a burst of pastes
    // does not hold back the acks Slack times.
    if (eventId !== null) await nextTurn();
    if (eventId !== null && !(await store.claimOnce(eventId, CLAIM_TTL_MS))) {
      logger.debug(`ignoring a repeated delivery of ${eventId}`);
      return;
    }
    await bot.outbox.track({ eventId, channel: channelOf(body), what: "an answer" }, next());
  });
  registerListeners(app, bot);
  app.error(async (error) => {
    app.logger.error(`unhandled error: ${error.message}`);
    await Promise.resolve();
  });
  return {
    app,
    receiver,
    bot,
    phase: () => phase,
    setPhase: (next: Phase) => {
      phase = next;
    },
  };
}

/** The channel of an event, a slash command or an interaction, for the log. */
function channelOf(body: unknown): string {
  if (!isRecord(body)) return "(unknown)";
  if (isRecord(body.event) && typeof body.event.channel === "string") return body.event.channel;
  if (typeof body.channel_id === "string") return body.channel_id;
  if (isRecord(body.channel) && typeof body.channel.id === "string") return body.channel.id;
  return "(unknown)";
}
