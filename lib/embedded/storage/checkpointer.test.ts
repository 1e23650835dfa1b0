import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Checkpointer } from './checkpointer';
import { DATABASE_TUNING, openDatabase } from './database';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escript-checkpointer-'));
  dirs.push(dir);
  return dir;
}

const walBytes = (dir: string) => fs.statSync(path.join(dir, DATABASE_TUNING.fileName + '-wal')).size;
const autocheckpoint = (db: ReturnType<typeof openDatabase>) => db.pragma('wal_autocheckpoint', { simple: true });

/** A store-like writer: `commits` transactions of 4 rows of 1 KB each, telling the checkpointer after each. */
async function write(db: ReturnType<typeof openDatabase>, checkpointer: Checkpointer, commits: number, first = 0): Promise<void> {
  const insert = db.prepare('INSERT INTO t (n, body) VALUES (?, ?)');
  const commit = db.transaction((n: number) => { for (let k = 0; k < 4; k++) insert.run(n * 4 + k, 'x'.repeat(1000)); });
  for (let i = first; i < first + commits; i++) {
    commit(i);
    checkpointer.committed();
    // let the worker thread's reports arrive on a busy machine as they would between requests
    if (i % 100 === 99) await new Promise((r) => setTimeout(r, 1));
  }
}

describe('WAL checkpoints on a worker thread', () => {
  it('starts once the WAL is large, keeps the WAL bounded under continuous commits, and loses nothing', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const checkpointer = new Checkpointer(db, db.name, DATABASE_TUNING.busyTimeoutMs, { startBytes: 256 * 1024, restartFrames: 256 });
    await write(db, checkpointer, 5);
    expect(checkpointer.running).toBe(false);
    expect(autocheckpoint(db)).toBe(1000);

    await write(db, checkpointer, 200, 5);
    expect(checkpointer.running).toBe(true);
    expect(autocheckpoint(db)).toBe(0);

    // About 50 MB of pages in all: without checkpoints that restart it, the WAL would hold all of them.
    await write(db, checkpointer, 10_000, 205);
    expect(walBytes(dir)).toBeLessThan(20 * 1024 * 1024);

    checkpointer.stop();
    db.close();
    const reopened = openDatabase(dir);
    expect(reopened.prepare('SELECT count(*) AS n, max(n) AS last FROM t').get()).toEqual({ n: 40_820, last: 40_819 });
    reopened.close();
  });

  it('stays off when ESCRIPT_CHECKPOINT_THREAD=0, leaving SQLite to checkpoint in the committing connection', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    process.env.ESCRIPT_CHECKPOINT_THREAD = '0';
    try {
      const checkpointer = new Checkpointer(db, db.name, DATABASE_TUNING.busyTimeoutMs, { startBytes: 64 * 1024 });
      await write(db, checkpointer, 500);
      expect(checkpointer.running).toBe(false);
      expect(autocheckpoint(db)).toBe(1000);
    } finally {
      delete process.env.ESCRIPT_CHECKPOINT_THREAD;
      db.close();
    }
  });
});
