import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** `npm start` without Slack credentials: the local console, fed as a user would type. */
const entry = fileURLToPath(new URL("../dist/src/index.js", import.meta.url));
const noSlack = {
  ...process.env,
  SLACK_BOT_TOKEN: "",
  SLACK_APP_TOKEN: "",
  SLACK_SIGNING_SECRET: "",
};

function startConsole(input: string) {
  return spawnSync(process.execPath, [entry], {
    encoding: "utf8",
    input,
    env: noSlack,
    timeout: 15_000,
  });
}

describe("npm start without Slack credentials", () => {
  it("opens the console, says how to connect Slack, and answers queries in turn", () => {
    const { status, stdout } = startConsole("803\ncoupon already used\nhelp\n");
    expect(status).toBe(0);
    expect(stdout).toContain("Not connected to Slack");
    expect(stdout).toContain("manifest.yml");
    expect(stdout.indexOf("803 · points: ")).toBeLessThan(stdout.indexOf("711 · coupon: "));
    expect(stdout).toContain("loyalty-code 816 points");
  });

  it("reads a multi-line pasted response, then goes on answering", () => {
    const paste = readFileSync(
      new URL("fixtures/pastes/v11-customer-add-slack.txt", import.meta.url),
      "utf8",
    );
    const { stdout } = startConsole(`${paste}\n\n803\nquit\n816\n`);
    expect(stdout).toContain("3 item errors: 1012 customer");
    expect(stdout).toContain("1012 · customer × 2: ");
    expect(stdout).toContain("803 · points: ");
    expect(stdout).not.toContain("816 · customer, points");
  });

  it("refuses to start with malformed credentials, naming the variable without echoing it", () => {
    const result = spawnSync(process.execPath, [entry], {
      encoding: "utf8",
      input: "",
      env: { ...noSlack, SLACK_BOT_TOKEN: "xoxp-secret-value-123", SLACK_SIGNING_SECRET: "nothex" },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("SLACK_BOT_TOKEN does not look right");
    expect(result.stderr).toContain("SLACK_SIGNING_SECRET does not look right");
    expect(result.stderr).not.toContain("xoxp-secret-value-123");
    expect(result.stderr).not.toContain("nothex");
  });
});
