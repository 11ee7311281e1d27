/**
 * npm start: loads the settings (.env) and the catalog, then runs the bot in Socket Mode, in HTTP
 * mode, or, without Slack credentials, as a local console.
 */
import { runConsole } from "./cli/console.js";
import { ConfigError, consoleStartProblem, readConfig } from "./config.js";
import { CatalogInvalidError } from "./catalog/problems.js";
import { createEngine } from "./engine/index.js";
import { loadSettings } from "./settings.js";
import { startSlack } from "./slack/index.js";

async function main(): Promise<number> {
  const settings = loadSettings();
  let config;
  let engine;
  try {
    config = readConfig(settings.env);
    engine = createEngine(settings.catalog);
    if (config.mode === "console") {
      const problem = consoleStartProblem(process.stdin.isTTY);
      if (problem) throw problem;
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof CatalogInvalidError) {
      console.error(error.message);
      return error instanceof ConfigError ? 2 : 1;
    }
    throw error;
  }
  if (config.mode === "console") {
    await runConsole(engine, { input: process.stdin, output: process.stdout, env: settings.env });
    return 0;
  }
  try {
    await startSlack(config, engine);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 2;
  }
  return 0;
}

// A refused start exits at once rather than when the event loop empties: a handle left open
// on the failure path (a database, a socket, a timer) must not keep a refused bot running
// silently. Writes to stderr are synchronous for files and pipes, so the message is kept.
main().then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(
      "loyalty-code bot failed to start:",
      error instanceof Error ? error.message : error,
    );
    process.exit(1);
  },
);
