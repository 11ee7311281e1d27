import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { load as parse } from "js-yaml";
import { EXPLAIN_SHORTCUT_ID } from "../src/render/index.js";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");
const manifest: unknown = parse(read("../manifest.yml"));
const schema = JSON.parse(read("fixtures/slack/manifest.schema.1.0.0.json")) as object;

describe("manifest.yml", () => {
  it("is a valid Slack app manifest (schema 1.0.0)", () => {
    // Formats such as "uri" are not checked; the schema's structure and enums are.
    const validate = new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(
      schema,
    );
    expect(validate(manifest), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it("declares the surfaces the bot serves and only the scopes they need", () => {
    // toMatchObject compares arrays whole: no scope or event may be added unnoticed.
    expect(manifest).toMatchObject({
      features: {
        slash_commands: [{ command: "/loyalty-code" }],
        // The shortcut's callback id is the one the bot listens for.
        shortcuts: [{ type: "message", callback_id: EXPLAIN_SHORTCUT_ID }],
        app_home: {
          home_tab_enabled: true,
          messages_tab_enabled: true,
          messages_tab_read_only_enabled: false,
        },
      },
      oauth_config: {
        scopes: {
          bot: [
            "commands",
            "app_mentions:read",
            "chat:write",
            "chat:write.public",
            "channels:history",
            "groups:history",
            "im:history",
            "usergroups:read",
          ],
        },
      },
      settings: {
        event_subscriptions: {
          bot_events: [
            "app_mention",
            "message.channels",
            "message.groups",
            "message.im",
            "app_home_opened",
          ],
        },
        interactivity: { is_enabled: true },
        socket_mode_enabled: true,
      },
    });
  });
});
