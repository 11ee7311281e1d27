/**
 * npm start: loads .env and the catalog, then runs the bot in Socket Mode, in HTTP
 * mode, or, without Slack credentials, as a local console.
 */
import "dotenv/config";
import { runConsole } from "./cli/console.js";
import { ConfigError, readConfig } from "./config.js";
import { CatalogInvalidError } from "./catalog/problems.js";
import { createEngine } from "./engine/index.js";
import { startSlack } from "./slack/start.js";

const CONSOLE_BANNER = `loyalty-code console: type a code (803), a code and resource (816 points),
some words (coupon already used) or paste an API response and end it with an empty line.
"help" for usage, Ctrl-D or "quit" to leave.

Not connected to Slack: no SLACK_BOT_TOKEN is set. To connect, create the app from
manifest.yml and put its tokens in .env (see .env.example and the README).

`;

async function main(): Promise<number> {
  let config;
  let engine;
  try {
    config = readConfig(process.env);
    engine = createEngine({
      ...(config.teamsFile === null ? {} : { teamsFile: config.teamsFile }),
      ...(config.brandFile === null ? {} : { brandFile: config.brandFile }),
      ...(config.catalogDir === null ? {} : { dir: config.catalogDir }),
    });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof CatalogInvalidError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  if (config.mode === "console") {
    await runConsole(engine, { input: process.stdin, output: process.stdout }, CONSOLE_BANNER);
    return 0;
  }
  await startSlack(config, engine);
  return 0;
}

main().then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      "loyalty-code bot failed to start:",
      error instanceof Error ? error.message : error,
    );
    process.exitCode = 1;
  },
);
