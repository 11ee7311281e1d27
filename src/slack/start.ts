import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { HTTPReceiver } from "@slack/bolt";
import { refusedTokenError } from "../config.js";
import type { Engine } from "../engine/index.js";
import type { Store } from "../store/index.js";
import { DEFAULT_LIFETIMES, openStore } from "../store/index.js";
import type { BuildOptions, SlackConfig } from "./app.js";
import { buildApp } from "./app.js";

export interface RunningBot {
  /** The HTTP server in HTTP mode (its address tells the port), null in Socket Mode. */
  server: Server | null;
  /** Stops gracefully (see startSlack); calling it again returns the same promise. */
  stop: () => Promise<void>;
}

export interface StartOptions extends Partial<BuildOptions> {
  handleSignals?: boolean;
  host?: string;
  /** How long a stop waits for replies in flight. */
  drainMs?: number;
}

const DRAIN_MS = 10_000;

/**
 * Starts the bot, with the store configured (Redis or the embedded store) unless one
 * is given. Stopping, on SIGTERM and SIGINT however often they come: /healthz and new
 * requests get 503 (Slack delivers those to another instance), Socket Mode disconnects,
 * replies in flight get up to 10 s to finish and each one left is logged, then the
 * store is closed and the process exits 0.
 */
export async function startSlack(
  config: SlackConfig,
  engine: Engine,
  options: StartOptions = {},
): Promise<RunningBot> {
  const store: Store =
    options.store ??
    (await openStore(
      {
        redisUrl: config.redisUrl,
        dataDir: config.dataDir,
        lifetimes: { ...DEFAULT_LIFETIMES, recordRetentionDays: config.recordRetentionDays },
      },
      consoleLogger(config.logLevel),
    ));
  const { app, receiver, bot, phase, setPhase } = buildApp(config, engine, {
    ...options,
    store,
  });
  let server: Server | null = null;
  try {
    // auth.test checks the bot token; in Socket Mode, start opens a connection with the app token.
    await app.init().catch((error: unknown) => {
      throw refusedTokenError(error, "SLACK_BOT_TOKEN");
    });
    if (config.mode === "http") {
      server = await listen(receiver as HTTPReceiver, config.port, options.host, phase);
    } else {
      await app.start().catch((error: unknown) => {
        throw refusedTokenError(error, "SLACK_APP_TOKEN");
      });
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  setPhase("ready");
  const where =
    config.mode === "http"
      ? `HTTP mode, listening on port ${String(portOf(server) ?? config.port)} (/slack/events, /healthz)`
      : "Socket Mode";
  app.logger.info(
    `loyalty-code bot is running in ${where} with ${engine.catalog.entries.length} catalog entries and the ${store.health().detail}.`,
  );

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      setPhase("stopping");
      if (config.mode === "socket") {
        await app.stop().catch((error: unknown) => {
          app.logger.error(`closing the Socket Mode connection failed: ${String(error)}`);
        });
      }
      const unfinished = await bot.outbox.drain(options.drainMs ?? DRAIN_MS);
      if (unfinished > 0)
        app.logger.error(`stopping with ${String(unfinished)} replies undelivered.`);
      if (server !== null) await close(server);
      await store.close();
    })();
    return stopping;
  };
  if (options.handleSignals ?? true) {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.on(signal, () => {
        if (stopping !== null) {
          app.logger.info(`${signal} received while stopping: still finishing replies.`);
          return;
        }
        app.logger.info(`${signal} received: stopping.`);
        stop().then(
          () => process.exit(0),
          (error: unknown) => {
            app.logger.error(
              `stopping failed: ${error instanceof Error ? error.message : String(error)}`,
            );
            process.exit(1);
          },
        );
      });
    }
  }
  return { server, stop };
}

/** Bolt's request handling behind a server of our own, which refuses requests while stopping. */
function listen(
  receiver: HTTPReceiver,
  port: number,
  host: string | undefined,
  phase: () => string,
): Promise<Server> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (phase() === "stopping" && req.url?.startsWith("/healthz") !== true) {
      res.writeHead(503, { "content-type": "text/plain", connection: "close" });
      res.end("stopping");
      return;
    }
    try {
      receiver.requestListener(req, res);
    } catch {
      // Bolt throws for a path it does not serve.
      if (!res.headersSent) res.writeHead(404);
      res.end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeAllConnections();
  });
}

function portOf(server: Server | null): number | null {
  const address = server?.address();
  return typeof address === "object" && address !== null ? address.port : null;
}

/** The store's log, before Bolt's logger exists, in the same form. */
function consoleLogger(level: SlackConfig["logLevel"]) {
  const order = ["debug", "info", "warn", "error"];
  const at = (wanted: string) => order.indexOf(wanted) >= order.indexOf(level);
  return {
    debug: (message: string) => {
      if (at("debug")) console.debug(`[DEBUG]  store ${message}`);
    },
    info: (message: string) => {
      if (at("info")) console.info(`[INFO]  store ${message}`);
    },
    warn: (message: string) => {
      if (at("warn")) console.warn(`[WARN]  store ${message}`);
    },
    error: (message: string) => {
      if (at("error")) console.error(`[ERROR]  store ${message}`);
    },
  };
}
