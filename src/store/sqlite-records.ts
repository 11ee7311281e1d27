import { join } from "node:path";
import Database from "better-sqlite3";
import type { Lifetimes } from "./store.js";
import { StoreError, dayOf, newAnswerKey, recordCutoff } from "./store.js";
import type { AnswerRecord, Records, SightingTotal, VoteSeen } from "./records.js";
import {
  addSighting,
  answerRecordFrom,
  sightingIdentity,
  storedVote,
  storedVoteFrom,
  voteOutcome,
} from "./records.js";

/** The embedded store's file in its data directory. */
export const DATABASE_FILE = "loyalty-code.sqlite";

/** The schema of the records, as the embedded store's second migration. */
export const RECORDS_SCHEMA = `
  CREATE TABLE answer_records (id TEXT PRIMARY KEY, time INTEGER NOT NULL, record TEXT NOT NULL) WITHOUT ROWID;
  CREATE INDEX answer_records_time ON answer_records (time);
  CREATE TABLE votes (answer_id TEXT NOT NULL, user_id TEXT NOT NULL, vote TEXT NOT NULL, PRIMARY KEY (answer_id, user_id)) WITHOUT ROWID;
  CREATE TABLE sightings (day TEXT NOT NULL, identity TEXT NOT NULL, count INTEGER NOT NULL, first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, PRIMARY KEY (day, identity)) WITHOUT ROWID;`;

/** Records in the embedded store's SQLite file. */
export class SqliteRecords implements Records {
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    private readonly lifetimes: Lifetimes,
    private readonly now: () => number,
    /** Runs a write; the store's own batches writes into one transaction. */
    private readonly write: <T>(run: () => T) => T = (run) => run(),
    /** False for the report's read-only connection beside a running bot. */
    private readonly writable = true,
  ) {
    this.statements = {
      putAnswer: db.prepare<[string, number, string]>(
        "INSERT INTO answer_records (id, time, record) VALUES (?, ?, ?)",
      ),
      answerTime: db.prepare<[string, number], { time: number }>(
        "SELECT time FROM answer_records WHERE id = ? AND time >= ?",
      ),
      previousVote: db.prepare<[string, string], { vote: string }>(
        "SELECT vote FROM votes WHERE answer_id = ? AND user_id = ?",
      ),
      putVote: db.prepare<[string, string, string]>(
        `INSERT INTO votes (answer_id, user_id, vote) VALUES (?, ?, ?)
         ON CONFLICT (answer_id, user_id) DO UPDATE SET vote = excluded.vote`,
      ),
      sighted: db.prepare<[string, string, number, number]>(
        `INSERT INTO sightings (day, identity, count, first_seen, last_seen) VALUES (?, ?, 1, ?, ?)
         ON CONFLICT (day, identity) DO UPDATE SET count = count + 1, last_seen = excluded.last_seen`,
      ),
      answersSince: db.prepare<[number], { record: string }>(
        "SELECT record FROM answer_records WHERE time >= ? ORDER BY time",
      ),
      votesSince: db.prepare<[number], { record: string; vote: string }>(
        `SELECT a.record AS record, v.vote AS vote FROM votes v
         JOIN answer_records a ON a.id = v.answer_id WHERE a.time >= ?`,
      ),
      sightingsSince: db.prepare<
        [string, number],
        { identity: string; count: number; first_seen: number; last_seen: number }
      >(
        `SELECT identity, SUM(count) AS count, MIN(first_seen) AS first_seen, MAX(last_seen) AS last_seen
         FROM sightings WHERE day >= ? AND last_seen >= ? GROUP BY identity`,
      ),
    };
  }

  answered(record: AnswerRecord): Promise<string> {
    const id = newAnswerKey();
    this.write(() => this.statements.putAnswer.run(id, record.time, JSON.stringify(record)));
    return Promise.resolve(id);
  }

  vote(vote: Parameters<Records["vote"]>[0]): ReturnType<Records["vote"]> {
    const cutoff = recordCutoff(this.now(), this.lifetimes);
    const next = storedVote(vote);
    // One transaction: a double click or a form sent twice reads the vote the other wrote.
    return Promise.resolve(
      this.write(
        this.db.transaction(() => {
          if (this.statements.answerTime.get(vote.answerId, cutoff) === undefined) return "expired";
          const previous = this.statements.previousVote.get(vote.answerId, vote.userId);
          this.statements.putVote.run(vote.answerId, vote.userId, JSON.stringify(next));
          return voteOutcome(previous ? storedVoteFrom(parse(previous.vote)) : null, next);
        }),
      ),
    );
  }

  sighted(sighting: Parameters<Records["sighted"]>[0]): Promise<void> {
    const time = this.now();
    this.write(() =>
      this.statements.sighted.run(dayOf(time), sightingIdentity(sighting), time, time),
    );
    return Promise.resolve();
  }

  since(since: number): ReturnType<Records["since"]> {
    if (this.writable) this.purge();
    const from = Math.max(since, recordCutoff(this.now(), this.lifetimes));
    const answers = this.statements.answersSince
      .all(from)
      .flatMap((row) => answerRecordFrom(parse(row.record)) ?? []);
    const votes: VoteSeen[] = this.statements.votesSince.all(from).flatMap((row) => {
      const answer = answerRecordFrom(parse(row.record));
      const vote = storedVoteFrom(parse(row.vote));
      return answer && vote ? [{ answer, ...vote }] : [];
    });
    const totals = new Map<string, SightingTotal>();
    for (const row of this.statements.sightingsSince.all(dayOf(from), from)) {
      addSighting(totals, row.identity, row.count, row.first_seen, row.last_seen);
    }
    return Promise.resolve({ answers, votes, sightings: [...totals.values()] });
  }

  /** Deletes what is past the retention period; the store calls it with its other purges. */
  purge(): void {
    const cutoff = recordCutoff(this.now(), this.lifetimes);
    this.db.prepare("DELETE FROM answer_records WHERE time < ?").run(cutoff);
    this.db
      .prepare("DELETE FROM votes WHERE answer_id NOT IN (SELECT id FROM answer_records)")
      .run();
    this.db.prepare("DELETE FROM sightings WHERE day < ?").run(dayOf(cutoff));
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * The records of the embedded store in `dataDir`, read-only and without its lock, so that
 * the report can read them while the bot runs (WAL lets a reader in beside the writer).
 */
export function readSqliteRecords(
  dataDir: string,
  lifetimes: Lifetimes,
): { records: Records; close: () => void } {
  const path = join(dataDir, DATABASE_FILE);
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.prepare("SELECT 1 FROM answer_records LIMIT 1").all();
  } catch (error) {
    throw new StoreError(
      `Cannot read the records in ${path} (${error instanceof Error ? error.message : String(error)}). Run the report where the bot keeps its data (LOYALTY_DATA_DIR), or with the bot's REDIS_URL.`,
      { cause: error },
    );
  }
  return {
    records: new SqliteRecords(db, lifetimes, Date.now, undefined, false),
    close: () => {
      db.close();
    },
  };
}
