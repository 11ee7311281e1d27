/**
 * The built `loyalty-code` command as a shell runs it: real pipes, a reader that goes
 * away, the exit status the shell sees. Everything else is tested in-process (cli.test.ts).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../dist/src/cli/bin.js", import.meta.url));

/** A v2 error body of about `bytes` bytes: the code first, then a long list of entities. */
function largeResponse(bytes: number): string {
  const entity = '{"id":"EXT-000000","status":"ok","detail":"' + "x".repeat(200) + '"},';
  const head = '{"errors":[{"status":false,"code":816,"message":"Customer not found"}],"data":[';
  return head + entity.repeat(Math.ceil(bytes / entity.length)) + '{"id":"last"}]}';
}

describe("loyalty-code in a shell pipeline", () => {
  it("reads 1 MB through a real pipe, arriving in pieces, without EAGAIN", () => {
    const dir = mkdtempSync(join(tmpdir(), "loyalty-cli-"));
    const file = join(dir, "response.json");
    const body = largeResponse(1_000_000);
    writeFileSync(file, body);
    // The shell's `|` is a pipe(2); the pause makes the reader find it empty mid-way,
    // which is where a synchronous read of standard input fails with EAGAIN.
    const script = `{ head -c 300000 "$1"; sleep 0.3; tail -c +300001 "$1"; } | "$2" "$3" --json -`;
    const result = spawnSync("sh", ["-c", script, "sh", file, process.execPath, bin], {
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const answer = JSON.parse(result.stdout) as { findings: { code: number }[] };
    expect(answer.findings.map((f) => f.code)).toEqual([816]);
  });

  it("ends quietly with status 0 when the reader closes the pipe (| head)", () => {
    const result = spawnSync(
      "bash",
      ["-c", 'set -o pipefail; "$0" "$1" catalog --json | head -n 2', process.execPath, bin],
      { encoding: "utf8", timeout: 20_000 },
    );
    expect(result.stdout).toBe("[\n  {\n");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("exits 0 with nothing on stderr when its output pipe is closed early", async () => {
    const child = spawn(process.execPath, [bin, "catalog", "--json"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // Read one chunk, then close our end, as `head` does when it has its lines.
    await new Promise<void>((resolve) => {
      child.stdout.once("data", () => {
        resolve();
      });
    });
    child.stdout.destroy();
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(status).toBe(0);
  });

  it.each([
    [["803"], 0],
    [["99999"], 1],
    [["--bogus"], 2],
  ])("gives the shell the exit status for %j", (args, status) => {
    const result = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
    expect(result.status).toBe(status);
    if (status === 2)
      expect(result.stderr).toBe("loyalty-code: unknown option '--bogus'; see --help\n");
  });
});
