import type { Server } from "node:http";
import { refusedTokenError } from "../config.js";
import type { Engine } from "../engine/index.js";
import type { BuildOptions, SlackConfig } from "./app.js";
import { buildApp } from "./app.js";

export interface RunningBot {
  /** The HTTP server in HTTP mode (its address tells the port), null in Socket Mode. */
  server: Server | null;
  stop: () => Promise<void>;
}

/** Starts the bot and stops it gracefully on SIGTERM and SIGINT. */
export async function startSlack(
  config: SlackConfig,
  engine: Engine,
  options: BuildOptions & { handleSignals?: boolean; host?: string } = {},
): Promise<RunningBot> {
  const { app, markReady } = buildApp(config, engine, options);
  // auth.test checks the bot token; in Socket Mode, start opens a connection with the app token.
  await app.init().catch((error: unknown) => {
    throw refusedTokenError(error, "SLACK_BOT_TOKEN");
  });
  const started: unknown =
    config.mode === "http"
      ? await app.start({
          port: config.port,
          ...(options.host === undefined ? {} : { host: options.host }),
        })
      : await app.start().catch((error: unknown) => {
          throw refusedTokenError(error, "SLACK_APP_TOKEN");
        });
  markReady();
  const server = config.mode === "http" ? (started as Server) : null;
  const where =
    config.mode === "http"
      ? `HTTP mode, listening on port ${String(portOf(server) ?? config.port)} (/slack/events, /healthz)`
      : "Socket Mode";
  app.logger.info(
    `loyalty-code bot is running in ${where} with ${engine.catalog.entries.length} catalog entries.`,
  );
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= app.stop().then(() => undefined);
    return stopping;
  };
  if (options.handleSignals ?? true) {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.once(signal, () => {
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

function portOf(server: Server | null): number | null {
  const address = server?.address();
  return typeof address === "object" && address !== null ? address.port : null;
}
