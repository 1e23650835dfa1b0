import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { FIELD_INDEX_SCHEMA } from './field-indexes';

/** Tuning for the shared SQLite file; several processes (IDE server, CLI runs) open it at once. */
export const DATABASE_TUNING = {
  /** How long a writer waits for another process's write lock before SQLITE_BUSY. */
  busyTimeoutMs: 10_000,
  /** The file inside the data directory. */
  fileName: 'store.sqlite',
  /**
   * Page cache per connection, in KiB. Indexed reads jump from index entries to scattered document rows,
   * and SQLite's default of 2 MiB turns most of those jumps into reads of the file.
   */
  cacheKiB: 65_536,
  /** Bytes of the file read through a memory map rather than read() calls. */
  mmapBytes: 268_435_456,
} as const;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS indices (
  name TEXT PRIMARY KEY,
  settings TEXT NOT NULL,
  mappings TEXT NOT NULL,
  created INTEGER NOT NULL,
  seq_no INTEGER NOT NULL DEFAULT -1
);
CREATE TABLE IF NOT EXISTS documents (
  idx TEXT NOT NULL,
  id TEXT NOT NULL,
  source TEXT NOT NULL,
  seq_no INTEGER NOT NULL,
  primary_term INTEGER NOT NULL,
  version INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS documents_idx_id ON documents (idx, id);
CREATE TABLE IF NOT EXISTS index_templates (
  name TEXT PRIMARY KEY,
  body TEXT NOT NULL
);
-- One row per (alias, index) pair; body is the alias metadata as JSON (filter, routing, is_write_index, is_hidden).
-- Added after the first release: CREATE IF NOT EXISTS is the migration for older data directories.
CREATE TABLE IF NOT EXISTS aliases (
  alias TEXT NOT NULL,
  idx TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (alias, idx)
);
CREATE INDEX IF NOT EXISTS aliases_idx ON aliases (idx);
${FIELD_INDEX_SCHEMA}`;

/**
 * Opens (creating if needed) `<dataDir>/store.sqlite` in WAL mode with a busy timeout, and creates the
 * tables. The directory is created when missing. Every write must run in a transaction.
 */
export function openDatabase(dataDir: string): Database.Database {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(/* turbopackIgnore: true */ dataDir, DATABASE_TUNING.fileName));
  db.pragma(`busy_timeout = ${DATABASE_TUNING.busyTimeoutMs}`);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; FULL only adds power-loss safety.
  db.pragma('synchronous = NORMAL');
  db.pragma(`cache_size = -${DATABASE_TUNING.cacheKiB}`);
  db.pragma(`mmap_size = ${DATABASE_TUNING.mmapBytes}`);
  db.exec(SCHEMA);
  return db;
}
