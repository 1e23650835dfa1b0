/**
 * The baseline of `npm run bench:engine`: the same data in plain SQLite tables through better-sqlite3, with
 * the indexes an engineer would write by hand for these queries, and the equivalent SQL. Same file settings
 * as the embedded store (WAL, synchronous=NORMAL, page cache, memory map), so only the engine's work differs.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { DATABASE_TUNING } from '../lib/embedded/storage/database';
import type { ExecutionDoc, LogDoc } from './engine-data';

const SCHEMA = `
CREATE TABLE logs (ts TEXT NOT NULL, level TEXT NOT NULL, service TEXT NOT NULL, message TEXT NOT NULL, bytes INTEGER NOT NULL);
CREATE INDEX logs_level ON logs (level);
CREATE INDEX logs_service_ts ON logs (service, ts);
CREATE TABLE executions (execution_id TEXT PRIMARY KEY, status TEXT, procedure_name TEXT, track_name TEXT,
  created_at TEXT NOT NULL, started_at TEXT, completed_at TEXT, duration_ms INTEGER, error TEXT, output TEXT, body TEXT NOT NULL);
CREATE INDEX executions_created ON executions (created_at, execution_id);
`;

/** The equivalent SQL of each measured query. */
export const BASELINE_SQL = {
  stats: `SELECT count(*) AS c, service FROM logs WHERE level = 'ERROR' GROUP BY service ORDER BY c DESC LIMIT 10`,
  filterSort: `SELECT ts, bytes, level, message, service FROM logs WHERE service = 'api' AND bytes > 500 ORDER BY ts DESC LIMIT 100`,
  poll: `SELECT execution_id, status, procedure_name, track_name, created_at, started_at, completed_at, duration_ms, error, output
    FROM executions ORDER BY created_at DESC, execution_id DESC LIMIT 100`,
} as const;

/** A plain SQLite database in `dir` holding the benchmark tables. */
export class SqliteBaseline {
  readonly db: Database.Database;

  constructor(dir: string) {
    this.db = new Database(path.join(dir, 'baseline.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`cache_size = -${DATABASE_TUNING.cacheKiB}`);
    this.db.pragma(`mmap_size = ${DATABASE_TUNING.mmapBytes}`);
    this.db.exec(SCHEMA);
  }

  private insertLogs: ((batch: LogDoc[]) => void) | undefined;

  /** Inserts one batch of log rows in one transaction (the engine gets the same batch as one `_bulk` request). */
  loadLogBatch(batch: LogDoc[]): void {
    if (!this.insertLogs) {
      const insert = this.db.prepare('INSERT INTO logs (ts, level, service, message, bytes) VALUES (?, ?, ?, ?, ?)');
      this.insertLogs = this.db.transaction((rows: LogDoc[]) => {
        for (const d of rows) insert.run(d['@timestamp'], d.level, d.service, d.message, d.bytes);
      });
    }
    this.insertLogs(batch);
  }

  loadExecutions(docs: ExecutionDoc[]): void {
    const insert = this.db.prepare(`INSERT INTO executions (execution_id, status, procedure_name, track_name, created_at,
      started_at, completed_at, duration_ms, error, output, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.db.transaction(() => {
      for (const d of docs) {
        insert.run(d.execution_id, d.status, d.procedure_name, d.track_name, d.created_at, d.started_at, d.completed_at,
          d.duration_ms, d.error && JSON.stringify(d.error), JSON.stringify(d.output), JSON.stringify(d));
      }
    })();
  }

  /** Refreshes the planner's statistics, as one would after a bulk load. */
  analyze(): void { this.db.exec('ANALYZE'); }

  /** Statements prepared once, as an application (and the engine, for its generated SQL) keeps them. */
  private readonly statements = new Map<string, Database.Statement>();

  query(sql: string): unknown[][] {
    let statement = this.statements.get(sql);
    if (!statement) { statement = this.db.prepare(sql).raw(); this.statements.set(sql, statement); }
    return statement.all() as unknown[][];
  }

  close(): void { this.db.close(); }
}
