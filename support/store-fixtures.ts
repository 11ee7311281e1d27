/**
 * What the store tests of one file share: a real redis-server, started before the file's
 * tests and stopped after them, and temporary directories for embedded stores, removed
 * after them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { RedisServer } from "./redis-server.js";
import { startRedisServer } from "./redis-server.js";

export interface StoreFixtures {
  /** The file's redis-server (started in beforeAll). */
  redis: () => RedisServer;
  /** A new empty directory, removed after the file's tests. */
  tempDir: () => string;
}

/** Registers the file's beforeAll and afterAll; `name` prefixes the temporary directories. */
export function useStoreFixtures(name: string): StoreFixtures {
  let redis: RedisServer | undefined;
  const dirs: string[] = [];
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  return {
    redis: () => {
      if (redis === undefined) throw new Error("redis-server is started in beforeAll");
      return redis;
    },
    tempDir: () => {
      const dir = mkdtempSync(join(tmpdir(), `${name}-`));
      dirs.push(dir);
      return dir;
    },
  };
}
