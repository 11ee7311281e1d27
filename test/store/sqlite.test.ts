/**
 * The embedded store on real files in a temporary directory: what survives a restart,
 * and the clear refusals an operator sees when the file or folder cannot be used.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout } from "node:timers/promises";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SqliteStore, StoreError } from "../../src/store/index.js";
import { DATABASE_FILE } from "../../src/store/sqlite.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "loyalty-sqlite-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The StoreError thrown by opening the store in `dataDir`. */
function openingError(dataDir: string): StoreError {
  try {
    new SqliteStore(dataDir);
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error(`the store in ${dataDir} opened`);
}

describe("the embedded store", () => {
  it("keeps de-dup keys, shared answers and counts across a restart", async () => {
    const first = new SqliteStore(dir);
    expect(await first.claimOnce("Ev1", 600_000)).toBe(true);
    const key = await first.answers.put("816 points");
    await first.counters.increment("usage:mention");
    await first.close();

    // Slack redelivers Ev1 after the restart: it must not be answered a second time.
    const second = new SqliteStore(dir);
    expect(await second.claimOnce("Ev1", 600_000)).toBe(false);
    expect(await second.answers.get(key)).toBe("816 points");
    expect(await second.counters.totals()).toEqual({ "usage:mention": 1 });
    await second.close();
  });

  it("commits writes made close together at once, for another reader shortly after", async () => {
    const store = new SqliteStore(dir);
    const reader = new Database(join(dir, DATABASE_FILE), { readonly: true });
    const claims = () =>
      (reader.prepare("SELECT COUNT(*) AS n FROM claims").get() as { n: number }).n;
    await store.claimOnce("Ev1", 600_000);
    await store.counters.increment("usage:mention");
    await store.claimOnce("Ev2", 600_000);
    // The bot itself sees its writes at once; another process sees them committed.
    expect(await store.claimOnce("Ev1", 600_000)).toBe(false);
    expect(claims()).toBe(0);
    await setTimeout(100);
    expect(claims()).toBe(2);
    // Stopping commits what is pending.
    await store.claimOnce("Ev3", 600_000);
    await store.close();
    expect(claims()).toBe(3);
    reader.close();
  });

  it("counts only the days of the retention period", async () => {
    let now = Date.parse("2026-11-01T12:00:00Z");
    const store = new SqliteStore(dir, {
      lifetimes: { answerTtlMs: 1000, counterRetentionDays: 7 },
      now: () => now,
    });
    await store.counters.increment("usage:paste", 5);
    now += 3 * 24 * 3600 * 1000;
    await store.counters.increment("usage:paste");
    expect(await store.counters.totals()).toEqual({ "usage:paste": 6 });
    now += 5 * 24 * 3600 * 1000;
    expect(await store.counters.totals()).toEqual({ "usage:paste": 1 });
    await store.close();
  });

  it("refuses a second instance on the same folder, in the same process", async () => {
    const first = new SqliteStore(dir);
    const error = openingError(dir);
    expect(error.message).toContain(
      `Another loyalty-code instance is already using the embedded store in ${dir}`,
    );
    expect(error.message).toContain("REDIS_URL");
    await first.close();
    // Once the first has closed, the folder is free again.
    await new SqliteStore(dir).close();
  });

  it("refuses a second instance on the same folder from another process", async () => {
    const first = new SqliteStore(dir);
    // The built module, as `npm test` builds before it runs the tests.
    const built = new URL("../../dist/src/store/sqlite.js", import.meta.url).href;
    const script = `import(${JSON.stringify(built)}).then((m) => new m.SqliteStore(${JSON.stringify(dir)})).then(() => console.log("opened"), (e) => console.log(e.message))`;
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", script]);
    expect(stdout).toContain("Another loyalty-code instance is already using the embedded store");
    await first.close();
  });

  it("names the file and says what to do when it is not a database", () => {
    const path = join(dir, DATABASE_FILE);
    writeFileSync(
      path,
      "this is not a SQLite database, it was overwritten by mistake\n".repeat(100),
    );
    const error = openingError(dir);
    expect(error.message).toContain(path);
    expect(error.message).toContain("move it aside");
    expect(error.message).toContain("de-dup keys");
  });

  it("names the folder when the data directory is a file", () => {
    const path = join(dir, "data");
    writeFileSync(path, "");
    const error = openingError(path);
    expect(error.message).toContain(path);
    expect(error.message).toContain("LOYALTY_DATA_DIR");
  });

  it("names the file when the database cannot be written", () => {
    // A folder where the database file should be: it can neither be opened nor created.
    mkdirSync(join(dir, DATABASE_FILE));
    const error = openingError(dir);
    expect(error.message).toContain(join(dir, DATABASE_FILE));
    expect(error.message).toContain("LOYALTY_DATA_DIR");
  });
});
