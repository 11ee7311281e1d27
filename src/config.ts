/** Configuration from the environment, validated with messages that say what to fix and where. */

export type LogLevel = "debug" | "info" | "warn" | "error";

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
  /** Override of catalog/teams.yml (Slack channel and user-group ids); null for the default. */
  teamsFile: string | null;
  /** A catalog folder other than the repository's; null for the default. */
  catalogDir: string | null;
  /** Where the embedded store keeps its file (LOYALTY_DATA_DIR, default ./data). */
  dataDir: string;
  /** A Redis shared by several instances; null for the embedded store. */
  redisUrl: string | null;
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
      problems.push(`${name} does not look right; copy it again from ${WHERE[name]}.`);
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
  if (!["debug", "info", "warn", "error"].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be debug, info, warn or error, got "${logLevel}".`);
  }
  const channelList = value("PASTE_CHANNELS");
  const channels = channelList?.split(/[\s,]+/).filter(Boolean) ?? null;
  const badChannel = channels?.find((id) => !/^[CG][A-Z0-9]{6,}$/.test(id));
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
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...mode,
    slackApiUrl,
    logLevel: logLevel as LogLevel,
    pasteChannels: channels ? new Set(channels) : null,
    teamsFile: value("LOYALTY_TEAMS_FILE"),
    catalogDir: value("LOYALTY_CATALOG_DIR"),
    dataDir: value("LOYALTY_DATA_DIR") ?? "data",
    redisUrl,
  };
}
