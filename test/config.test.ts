import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../src/config.js";
import { loadSettings } from "../src/settings.js";

const bot = "xoxb-1234567890-abcdefghij";
const app = "xapp-1-A0123-4567890-abcdef";
const secret = "0123456789abcdef0123456789abcdef";

const problems = (env: Record<string, string>) => {
  try {
    readConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe("readConfig", () => {
  it("runs the console when no Slack credentials are set", () => {
    expect(readConfig({})).toMatchObject({
      mode: "console",
      slackApiUrl: null,
      logLevel: "info",
      pasteChannels: null,
    });
  });

  it("chooses Socket Mode when an app token is set", () => {
    expect(readConfig({ SLACK_BOT_TOKEN: bot, SLACK_APP_TOKEN: app })).toMatchObject({
      mode: "socket",
      botToken: bot,
      appToken: app,
    });
  });

  it("chooses HTTP mode on PORT (default 3000) with a bot token and signing secret", () => {
    expect(readConfig({ SLACK_BOT_TOKEN: bot, SLACK_SIGNING_SECRET: secret })).toMatchObject({
      mode: "http",
      port: 3000,
    });
    expect(
      readConfig({ SLACK_BOT_TOKEN: bot, SLACK_SIGNING_SECRET: secret, PORT: "8080" }),
    ).toMatchObject({ port: 8080 });
  });

  it("reads the optional settings", () => {
    const config = readConfig({
      SLACK_API_URL: "http://127.0.0.1:9999/api/",
      LOG_LEVEL: "DEBUG",
      PASTE_CHANNELS: "C0123ABCD, G0456EFGH",
    });
    expect(config).toMatchObject({
      slackApiUrl: "http://127.0.0.1:9999/api/",
      logLevel: "debug",
    });
    expect([...(config.pasteChannels ?? [])]).toEqual(["C0123ABCD", "G0456EFGH"]);
  });

  it("reads where the catalog and the teams override are, for every entry point alike", () => {
    const settings = loadSettings({
      LOYALTY_TEAMS_FILE: "/etc/loyalty/teams.yml",
      LOYALTY_CATALOG_DIR: " /srv/catalog ",
    });
    expect(settings.catalog).toEqual({
      teamsFile: "/etc/loyalty/teams.yml",
      dir: "/srv/catalog",
    });
    // Unset or blank means the repository's catalog and its teams.local.yml, if any.
    expect(loadSettings({ LOYALTY_TEAMS_FILE: "" }).catalog).toEqual({});
  });

  it("names each missing or malformed variable and where to get it, never its value", () => {
    const found = problems({
      SLACK_BOT_TOKEN: "xoxp-user-token-value",
      PORT: "http",
      SLACK_API_URL: "slack.com",
    });
    expect(found.join("\n")).toContain(
      "SLACK_BOT_TOKEN does not look right: a bot token starts with xoxb-; copy it again from Slack app settings → OAuth & Permissions",
    );
    expect(found.join("\n")).toContain("SLACK_SIGNING_SECRET is missing for HTTP mode");
    expect(found.join("\n")).toContain('PORT must be a port number from 0 to 65535, got "http"');
    expect(found.join("\n")).toContain("SLACK_API_URL must be an http(s) URL");
    expect(found.join("\n")).not.toContain("xoxp-user-token-value");
    expect(problems({ SLACK_APP_TOKEN: app })).toEqual([
      "SLACK_BOT_TOKEN is missing (Socket Mode needs it too): Slack app settings → OAuth & Permissions → Bot User OAuth Token (starts with xoxb-).",
    ]);
    expect(problems({ PASTE_CHANNELS: "general" })[0]).toContain('"general" is not one');
    expect(problems({ LOG_LEVEL: "loud" })[0]).toContain(
      "LOG_LEVEL must be debug, info, warn or error",
    );
  });

  it("keeps state in ./data unless LOYALTY_DATA_DIR says otherwise, and in Redis when REDIS_URL is set", () => {
    expect(readConfig({})).toMatchObject({ dataDir: "data", redisUrl: null });
    expect(
      readConfig({ LOYALTY_DATA_DIR: "/var/lib/loyalty", REDIS_URL: "redis://cache:6379/2" }),
    ).toMatchObject({ dataDir: "/var/lib/loyalty", redisUrl: "redis://cache:6379/2" });
  });

  it("records for the maintainers' report for 90 days unless told otherwise", () => {
    expect(readConfig({})).toMatchObject({ recording: true, recordRetentionDays: 90 });
    expect(
      readConfig({ LOYALTY_RECORDING: "OFF", LOYALTY_RECORD_RETENTION_DAYS: "30" }),
    ).toMatchObject({ recording: false, recordRetentionDays: 30 });
    expect(problems({ LOYALTY_RECORDING: "no", LOYALTY_RECORD_RETENTION_DAYS: "0" })).toEqual([
      'LOYALTY_RECORDING must be on or off, got "no".',
      'LOYALTY_RECORD_RETENTION_DAYS must be a whole number of days from 1 to 9999, got "0".',
    ]);
  });

  it("shows maintainers' figures only to a user group named by its id", () => {
    expect(readConfig({})).toMatchObject({ maintainersGroup: null });
    expect(readConfig({ LOYALTY_MAINTAINERS_GROUP: " S0MAINT001 " })).toMatchObject({
      maintainersGroup: "S0MAINT001",
    });
    // A handle or a name is what people copy by mistake: the message says what is expected.
    expect(problems({ LOYALTY_MAINTAINERS_GROUP: "@catalog-maintainers" })).toEqual([
      'LOYALTY_MAINTAINERS_GROUP must be a user group id such as S0123ABCD (Slack: the group\'s profile → ⋮ → Copy group ID), got "@catalog-maintainers".',
    ]);
  });

  it("refuses a REDIS_URL that is not a redis URL without repeating it, as it may hold a password", () => {
    const found = problems({ REDIS_URL: "cache:6379 password=hunter2" });
    expect(found).toEqual([
      "REDIS_URL must be a redis:// or rediss:// URL, such as redis://localhost:6379/0.",
    ]);
  });
});
