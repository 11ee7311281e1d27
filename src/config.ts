/**
 * The bot's Slack configuration from the environment, validated with messages that say
 * what to fix and where. The catalog's location is read by loadSettings (settings.ts).
 */
import { CHANNEL_ID, USERGROUP_ID } from "./catalog/load.js";
import { slackErrorCode } from "./guards.js";

const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const isLogLevel = (level: string): level is LogLevel =>
  (LOG_LEVELS as readonly string[]).includes(level);

export type SlackMode =
  | { mode: "console" }
  | { mode: "socket"; botToken: string; appToken: string }
  | { mode: "http"; botToken: string; signingSecret: string; port: number };

export type Config = SlackMode & {
  /** Where the Slack Web API is (tests and proxies); null for Slack's own. */
  slackApiUrl: string | null;
  logLevel: LogLevel;
  /** Channels where pasted responses are diagnosed unasked; null for every channel the bot is in. */
  pasteChannels: ReadonlySet<string> | null;
  /** Where the embedded store keeps its file (LOYALTY_DATA_DIR, default ./data). */
  dataDir: string;
  /** A Redis shared by several instances; null for the embedded store. */
  redisUrl: string | null;
  /** Whether answers, votes and unknown codes are recorded for the report (LOYALTY_RECORDING). */
  recording: boolean;
  /** Days the records are kept (LOYALTY_RECORD_RETENTION_DAYS, default 90). */
  recordRetentionDays: number;
  /** The user group whose members see the report's figures in the Home tab; null for none. */
  maintainersGroup: string | null;
};

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Configuration problem${problems.length > 1 ? "s" : ""}:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example and the README's "Connect it to Slack".`,
    );
    this.name = "ConfigError";
  }
}

const WHERE = {
  SLACK_BOT_TOKEN:
    "Slack app settings → OAuth & Permissions → Bot User OAuth Token (starts with xoxb-)",
  SLACK_APP_TOKEN:
    "Slack app settings → Basic Information → App-Level Tokens, with the connections:write scope (starts with xapp-)",
  SLACK_SIGNING_SECRET:
    "Slack app settings → Basic Information → App Credentials → Signing Secret (32 hex characters)",
};

const FORMATS = {
  SLACK_BOT_TOKEN: /^xoxb-[A-Za-z0-9-]{10,}$/,
  SLACK_APP_TOKEN: /^xapp-[A-Za-z0-9-]{10,}$/,
  SLACK_SIGNING_SECRET: /^[0-9a-f]{32}$/i,
};

/** What a malformed value should look like: a signing secret typo fails every request's signature. */
const SHAPES = {
  SLACK_BOT_TOKEN: "a bot token starts with xoxb-",
  SLACK_APP_TOKEN: "an app-level token starts with xapp-",
  SLACK_SIGNING_SECRET: "it must be 32 hexadecimal characters",
};

type SecretName = keyof typeof WHERE;

export function readConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const problems: string[] = [];
  const value = (name: string): string | null => {
    const raw = env[name]?.trim();
    return raw === undefined || raw === "" ? null : raw;
  };
  // Never echo a secret's value: name it, say what shape it should have and where to get it.
  const secret = (name: SecretName): string | null => {
    const raw = value(name);
    if (raw !== null && !FORMATS[name].test(raw)) {
      problems.push(
        `${name} does not look right: ${SHAPES[name]}; copy it again from ${WHERE[name]}.`,
      );
    }
    return raw;
  };
  const botToken = secret("SLACK_BOT_TOKEN");
  const appToken = secret("SLACK_APP_TOKEN");
  const signingSecret = secret("SLACK_SIGNING_SECRET");

  let mode: SlackMode = { mode: "console" };
  if (appToken !== null) {
    if (botToken === null)
      problems.push(
        `SLACK_BOT_TOKEN is missing (Socket Mode needs it too): ${WHERE.SLACK_BOT_TOKEN}.`,
      );
    mode = { mode: "socket", botToken: botToken ?? "", appToken };
  } else if (botToken !== null || signingSecret !== null) {
    if (botToken === null) problems.push(`SLACK_BOT_TOKEN is missing: ${WHERE.SLACK_BOT_TOKEN}.`);
    if (signingSecret === null) {
      problems.push(
        `SLACK_SIGNING_SECRET is missing for HTTP mode: ${WHERE.SLACK_SIGNING_SECRET}. Or set SLACK_APP_TOKEN for Socket Mode: ${WHERE.SLACK_APP_TOKEN}.`,
      );
    }
    const portText = value("PORT") ?? "3000";
    const port = Number(portText);
    // 0 asks the system for a free port (tests and benchmarks use it).
    if (!/^\d+$/.test(portText) || port > 65535) {
      problems.push(`PORT must be a port number from 0 to 65535, got "${portText}".`);
    }
    mode = { mode: "http", botToken: botToken ?? "", signingSecret: signingSecret ?? "", port };
  }

  const slackApiUrl = value("SLACK_API_URL");
  if (slackApiUrl !== null && !/^https?:\/\/[^\s]+\/$/.test(slackApiUrl)) {
    problems.push(
      `SLACK_API_URL must be an http(s) URL ending in "/", such as https://slack.com/api/, got "${slackApiUrl}".`,
    );
  }
  const logLevel = (value("LOG_LEVEL") ?? "info").toLowerCase();
  if (!isLogLevel(logLevel)) {
    problems.push(`LOG_LEVEL must be debug, info, warn or error, got "${logLevel}".`);
  }
  const channelList = value("PASTE_CHANNELS");
  const channels = channelList?.split(/[\s,]+/).filter(Boolean) ?? null;
  const badChannel = channels?.find((id) => !CHANNEL_ID.test(id));
  if (badChannel !== undefined) {
    problems.push(
      `PASTE_CHANNELS must list channel ids such as C0123ABCD, separated by commas; "${badChannel}" is not one.`,
    );
  }
  const redisUrl = value("REDIS_URL");
  if (redisUrl !== null && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) {
    // The URL may hold a password: say what is wrong without repeating it.
    problems.push(
      "REDIS_URL must be a redis:// or rediss:// URL, such as redis://localhost:6379/0.",
    );
  }
  const recording = (value("LOYALTY_RECORDING") ?? "on").toLowerCase();
  if (recording !== "on" && recording !== "off") {
    problems.push(`LOYALTY_RECORDING must be on or off, got "${recording}".`);
  }
  const retention = value("LOYALTY_RECORD_RETENTION_DAYS") ?? "90";
  if (!/^[1-9]\d{0,3}$/.test(retention)) {
    problems.push(
      `LOYALTY_RECORD_RETENTION_DAYS must be a whole number of days from 1 to 9999, got "${retention}".`,
    );
  }
  const maintainersGroup = value("LOYALTY_MAINTAINERS_GROUP");
  if (maintainersGroup !== null && !USERGROUP_ID.test(maintainersGroup)) {
    problems.push(
      `LOYALTY_MAINTAINERS_GROUP must be a user group id such as S0123ABCD (Slack: the group's profile → ⋮ → Copy group ID), got "${maintainersGroup}".`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...mode,
    slackApiUrl,
    logLevel: isLogLevel(logLevel) ? logLevel : "info",
    pasteChannels: channels ? new Set(channels) : null,
    dataDir: value("LOYALTY_DATA_DIR") ?? "data",
    redisUrl,
    recording: recording !== "off",
    recordRetentionDays: Number(retention),
    maintainersGroup,
  };
}

/**
 * npm start with no Slack settings opens the console, which needs a terminal. Without
 * one (a container, a service, a pipe) there is nothing to run: say what to set.
 */
export function consoleStartProblem(onTerminal: boolean): ConfigError | null {
  if (onTerminal) return null;
  return new ConfigError([
    "No Slack settings, and no terminal for the console. Set SLACK_BOT_TOKEN with SLACK_APP_TOKEN (Socket Mode) or with SLACK_SIGNING_SECRET (HTTP mode), in the environment or in .env.",
  ]);
}

/** Slack's answers that mean the token itself was refused, and what each means. */
const REFUSED_TOKEN: Readonly<Record<string, string>> = {
  invalid_auth: "the token is not valid",
  not_authed: "no token reached Slack",
  token_revoked: "the token has been revoked",
  token_expired: "the token has expired",
  account_inactive: "the app was uninstalled or its workspace deactivated",
  team_disabled: "the workspace has been disabled",
  user_removed_from_team: "the app was removed from the workspace",
  not_allowed_token_type: "this is not the kind of token expected here",
};

export type TokenVariable = "SLACK_BOT_TOKEN" | "SLACK_APP_TOKEN";

/**
 * A start-up failure where Slack refused a token, as a ConfigError naming the variable
 * and Slack's error; any other failure (a network error, a busy port) is returned as is.
 */
export function refusedTokenError(error: unknown, variable: TokenVariable): unknown {
  const slackError = slackErrorCode(error);
  if (slackError === null || !(slackError in REFUSED_TOKEN)) return error;
  return new ConfigError([
    `Slack refused ${variable} (${slackError}: ${REFUSED_TOKEN[slackError] ?? ""}); copy it again from ${WHERE[variable]}.`,
  ]);
}
