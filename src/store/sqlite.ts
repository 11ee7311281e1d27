import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type {
  Counters,
  Lifetimes,
  ReplyLinks,
  SharedAnswers,
  Store,
  StoreHealth,
} from "./store.js";
import type { Records } from "./records.js";
import { DATABASE_FILE, RECORDS_SCHEMA, SqliteRecords } from "./sqlite-records.js";
import {
  DEFAULT_LIFETIMES,
  StoreError,
  countedDays,
  dayOf,
  messageKey,
  newAnswerKey,
  replyLinkTtlMs,
  retainedDays,
} from "./store.js";

export { DATABASE_FILE };
export const LOCK_FILE = "loyalty-code.lock";

/** What the embedded store holds, for messages that must say what a lost file costs. */
const CONTENTS =
  "it holds only de-dup keys of recent Slack events, shared answers for a day, usage counts, links from answered messages to the bot's replies for a week and the maintainers' records of answers, votes and unknown codes";

/** Each entry brings the schema from the previous version (PRAGMA user_version) to the next. */
const MIGRATIONS = [
  `CREATE TABLE claims (id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) WITHOUT ROWID;
   CREATE TABLE shared_answers (key TEXT PRIMARY KEY, answer TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
   CREATE INDEX shared_answers_expiry ON shared_answers (expires_at);
   CREATE TABLE counters (day TEXT NOT NULL, name TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (day, name)) WITHOUT ROWID;`,
  RECORDS_SCHEMA,
  `CREATE TABLE reply_links (message TEXT PRIMARY KEY, reply_ts TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
   CREATE TABLE deleted_messages (message TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) WITHOUT ROWID;`,
];

/** Expired rows are deleted at most this often, in one statement per table. */
const PURGE_EVERY_MS = 60_000;

/**
 * Writes made within COMMIT_WINDOW_MS of each other (an answer's claim, share key,
 * counts and record, and those of the answers beside it) share one transaction: a
 * commit per answer cost more than the answer. The bot sees its own writes at once;
 * another process, such as the report, once committed. A crash loses at most that
 * window's writes; stopping commits them.
 */
const COMMIT_WINDOW_MS = 20;

class BatchedWrites {
  /** Why the last commit failed, for the store's health; null while commits succeed. */
  failure: string | null = null;

  private readonly begin: Database.Statement;
  private readonly commitStatement: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.begin = db.prepare("BEGIN IMMEDIATE");
    this.commitStatement = db.prepare("COMMIT");
  }

  write<T>(run: () => T): T {
    if (!this.db.inTransaction) {
      this.begin.run();
      setTimeout(() => {
        this.commit();
      }, COMMIT_WINDOW_MS);
    }
    return run();
  }

  commit(): void {
    if (!this.db.open || !this.db.inTransaction) return;
    try {
      this.commitStatement.run();
      this.failure = null;
    } catch (error) {
      // A full disk, say: that window's writes are lost; the next window tries again.
      this.failure = messageOf(error);
      this.rollbackIfOpen();
    }
  }

  /** A failed commit may have ended the transaction already, or left it open. */
  private rollbackIfOpen(): void {
    if (this.db.inTransaction) this.db.exec("ROLLBACK");
  }
}

/**
 * The embedded store: one SQLite file in the data directory, for a single instance.
 * A second process opening the same directory is refused (an exclusive lock on a
 * lock file, released by the system when the holder exits, even by a crash), since
 * claims in a file shared by two processes would not be claim-once without a server.
 */
export class SqliteStore implements Store {
  readonly kind = "sqlite";
  readonly answers: SharedAnswers;
  readonly counters: Counters;
  readonly replies: ReplyLinks;
  readonly records: Records;
  private readonly sqliteRecords: SqliteRecords;
  readonly path: string;
  private readonly db: Database.Database;
  private readonly lock: Database.Database;
  private lastPurge = 0;
  private readonly claimStatement: Database.Statement<[string, number, number]>;
  private readonly batch: BatchedWrites;

  constructor(
    dataDir: string,
    private readonly options: { lifetimes?: Lifetimes; now?: () => number } = {},
  ) {
    this.path = join(dataDir, DATABASE_FILE);
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (error) {
      throw new StoreError(
        `Cannot create the data directory ${dataDir} for the embedded store (${messageOf(error)}). Set LOYALTY_DATA_DIR to a writable folder.`,
        { cause: error },
      );
    }
    this.lock = lockDirectory(dataDir);
    let db: Database.Database | undefined;
    try {
      db = new Database(this.path);
      this.db = db;
      this.db.pragma("journal_mode = WAL");
      // WAL with NORMAL sync: a power cut may lose the last few claims, never corrupt the file.
      this.db.pragma("synchronous = NORMAL");
      // 16 MB of pages (SQLite's default is 2 MB): a week of records and held answers
      // outgrows the default, and every insert then reads and writes pages again.
      this.db.pragma("cache_size = -16000");
      migrate(this.db);
      // Cheap write check: a read-only file fails here, at start-up, not on the first event.
      this.db.prepare("DELETE FROM claims WHERE expires_at <= ?").run(this.now());
    } catch (error) {
      db?.close();
      this.lock.close();
      throw new StoreError(
        `The embedded store ${this.path} cannot be used (${messageOf(error)}). If it is damaged, move it aside and start again (${CONTENTS}); if the folder is read-only, set LOYALTY_DATA_DIR to a writable one.`,
        { cause: error },
      );
    }
    const lifetimes = options.lifetimes ?? DEFAULT_LIFETIMES;
    this.batch = new BatchedWrites(this.db);
    const write = <T>(run: () => T): T => this.batch.write(run);
    // One statement, so claim-once holds without a transaction: a new id is inserted, an
    // expired one is taken over, a live one is left alone (no row changed).
    this.claimStatement = this.db.prepare(
      `INSERT INTO claims (id, expires_at) VALUES (?, ?)
       ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at WHERE claims.expires_at <= ?`,
    );
    const putAnswer = this.db.prepare<[string, string, number]>(
      "INSERT INTO shared_answers (key, answer, expires_at) VALUES (?, ?, ?)",
    );
    const getAnswer = this.db.prepare<[string, number], { answer: string }>(
      "SELECT answer FROM shared_answers WHERE key = ? AND expires_at > ?",
    );
    const increment = this.db.prepare<[string, string, number]>(
      `INSERT INTO counters (day, name, count) VALUES (?, ?, ?)
       ON CONFLICT (day, name) DO UPDATE SET count = count + excluded.count`,
    );
    const totals = this.db.prepare<[string], { name: string; total: number }>(
      "SELECT name, SUM(count) AS total FROM counters WHERE day >= ? GROUP BY name",
    );
    this.sqliteRecords = new SqliteRecords(this.db, lifetimes, () => this.now(), write);
    this.records = this.sqliteRecords;
    this.answers = {
      put: (answer) => {
        const key = newAnswerKey();
        write(() => putAnswer.run(key, answer, this.now() + lifetimes.answerTtlMs));
        this.purgeNow();
        return Promise.resolve(key);
      },
      get: (key) => Promise.resolve(getAnswer.get(key, this.now())?.answer),
    };
    this.counters = {
      increment: (name, by = 1) => {
        write(() => increment.run(dayOf(this.now()), name, by));
        return Promise.resolve();
      },
      totals: (counted) => {
        const days = countedDays(this.now(), lifetimes.counterRetentionDays, counted);
        const oldest = days[days.length - 1] ?? dayOf(this.now());
        return Promise.resolve(
          Object.fromEntries(totals.all(oldest).map((row) => [row.name, row.total])),
        );
      },
    };
    this.replies = this.replyLinks(replyLinkTtlMs(lifetimes), write);
  }

  claimOnce(id: string, ttlMs: number): Promise<boolean> {
    const time = this.now();
    const claimed =
      this.batch.write(() => this.claimStatement.run(id, time + ttlMs, time)).changes === 1;
    this.purgeNow();
    return Promise.resolve(claimed);
  }

  health(): StoreHealth {
    const failure = this.batch.failure;
    return failure === null
      ? { ok: this.db.open, detail: `embedded store ${this.path}` }
      : { ok: false, detail: `embedded store ${this.path} cannot be written (${failure})` };
  }

  close(): Promise<void> {
    this.batch.commit();
    if (this.db.open) this.db.close();
    if (this.lock.open) this.lock.close();
    return Promise.resolve();
  }

  private replyLinks(ttlMs: number, write: <T>(run: () => T) => T): ReplyLinks {
    const link = this.db.prepare<[string, string, number]>(
      "INSERT OR REPLACE INTO reply_links (message, reply_ts, expires_at) VALUES (?, ?, ?)",
    );
    const replyTo = this.db.prepare<[string, number], { reply_ts: string }>(
      "SELECT reply_ts FROM reply_links WHERE message = ? AND expires_at > ?",
    );
    const unlink = this.db.prepare<[string]>("DELETE FROM reply_links WHERE message = ?");
    const markDeleted = this.db.prepare<[string, number]>(
      "INSERT OR REPLACE INTO deleted_messages (message, expires_at) VALUES (?, ?)",
    );
    const wasDeleted = this.db.prepare<[string, number], { found: number }>(
      "SELECT 1 AS found FROM deleted_messages WHERE message = ? AND expires_at > ?",
    );
    const deleted = this.db.transaction((key: string, time: number) => {
      const reply = replyTo.get(key, time)?.reply_ts;
      unlink.run(key);
      markDeleted.run(key, time + ttlMs);
      return reply;
    });
    return {
      link: (message, replyTs) => {
        write(() => link.run(messageKey(message), replyTs, this.now() + ttlMs));
        this.purgeNow();
        return Promise.resolve();
      },
      replyTo: (message) => Promise.resolve(replyTo.get(messageKey(message), this.now())?.reply_ts),
      deleted: (message) => Promise.resolve(write(() => deleted(messageKey(message), this.now()))),
      wasDeleted: (message) =>
        Promise.resolve(wasDeleted.get(messageKey(message), this.now()) !== undefined),
    };
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private purgeNow(): void {
    const time = this.now();
    if (time - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = time;
    this.batch.write(() => {
      this.purgeExpired(time);
    });
  }

  private purgeExpired(time: number): void {
    const retention = (this.options.lifetimes ?? DEFAULT_LIFETIMES).counterRetentionDays;
    const days = retainedDays(time, retention);
    this.db.prepare("DELETE FROM claims WHERE expires_at <= ?").run(time);
    this.db.prepare("DELETE FROM shared_answers WHERE expires_at <= ?").run(time);
    this.db.prepare("DELETE FROM reply_links WHERE expires_at <= ?").run(time);
    this.db.prepare("DELETE FROM deleted_messages WHERE expires_at <= ?").run(time);
    this.db.prepare("DELETE FROM counters WHERE day < ?").run(days[days.length - 1] ?? "");
    this.sqliteRecords.purge();
  }
}

/**
 * Holds an exclusive SQLite lock on the directory's lock file for as long as the store
 * is open. The system drops the lock when the process ends, so a crash leaves nothing stale.
 */
function lockDirectory(dataDir: string): Database.Database {
  const path = join(dataDir, LOCK_FILE);
  let lock: Database.Database;
  try {
    lock = new Database(path, { timeout: 0 });
    lock.pragma("locking_mode = EXCLUSIVE");
  } catch (error) {
    throw new StoreError(
      `Cannot open the lock file ${path} of the embedded store (${messageOf(error)}). Set LOYALTY_DATA_DIR to a writable folder.`,
      { cause: error },
    );
  }
  try {
    // In exclusive locking mode the lock taken by this write is kept until the connection closes.
    lock.exec("BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS holder (pid INTEGER); COMMIT;");
    return lock;
  } catch (error) {
    lock.close();
    if (isSqliteCode(error, "SQLITE_BUSY")) {
      throw new StoreError(
        `Another loyalty-code instance is already using the embedded store in ${dataDir}. The embedded store is for one instance: to run several, set REDIS_URL so that they share one Redis (see "Running several instances" in the README), or give this one its own LOYALTY_DATA_DIR.`,
        { cause: error },
      );
    }
    throw new StoreError(
      `Cannot lock the embedded store in ${dataDir} (${messageOf(error)}). Set LOYALTY_DATA_DIR to a writable folder.`,
      { cause: error },
    );
  }
}

function migrate(db: Database.Database): void {
  const version = db.pragma("user_version", { simple: true });
  if (typeof version !== "number" || version > MIGRATIONS.length) {
    throw new Error(
      `schema version ${String(version)} is newer than this program knows (${MIGRATIONS.length})`,
    );
  }
  db.transaction(() => {
    for (const [index, sql] of MIGRATIONS.entries()) {
      if (index < version) continue;
      db.exec(sql);
    }
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
}

function isSqliteCode(error: unknown, code: string): boolean {
  return error instanceof Database.SqliteError && error.code.startsWith(code);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
