import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints on a worker thread (ARCHITECTURE decision 19).
 *
 * SQLite's automatic checkpoint runs inside the COMMIT that crosses 1,000 WAL pages: it copies the pages
 * into the database file and, with `synchronous = NORMAL`, fsyncs the WAL and the database, all on the
 * thread that committed. For the scheduler's small `_bulk` commits that was about 120 µs of each 220 µs
 * commit, on the event loop. Here a worker thread with its own connection to the same file runs
 * `PRAGMA wal_checkpoint(PASSIVE)` a short while after commits, and the store's own connection stops
 * checkpointing. A passive checkpoint never blocks writers or readers, so nothing else changes: commits are
 * as durable as before (a committed transaction is in the WAL, which survives a crash of the process), and
 * other processes sharing the file are unaffected.
 *
 * It starts only once a store has written a WAL of `START_BYTES`: tests open hundreds of small stores,
 * and a worker costs a thread and some milliseconds. If the worker cannot start or stops, the store's
 * connection checkpoints automatically again.
 */
export interface CheckpointerOptions {
  /** The WAL size at which the worker starts. */
  startBytes?: number;
  /** How long the worker lets commits gather before a checkpoint, in milliseconds. */
  delayMs?: number;
  /** The WAL size in frames (pages) at which the store's connection finishes a checkpoint itself. */
  restartFrames?: number;
  /** Commits without a checkpoint of the worker after which the store's connection checkpoints itself. */
  patience?: number;
}

/** SQLite's default `wal_autocheckpoint`, restored when the worker is not running. */
const AUTOCHECKPOINT_PAGES = 1000;
const START_BYTES = 1 << 20;
const DELAY_MS = 100;

// The shared slots: commits announced by the store, the stop flag, the WAL's size in frames at the
// worker's last checkpoint (0 once the store has acted on it), and the worker's checkpoints so far.
const COMMITS = 0;
const STOP = 1;
const WAL_FRAMES = 2;
const PASSES = 3;
/**
 * A starved worker (both cores busy) must not let the WAL grow without end: after this many commits with
 * no checkpoint of the worker, the store's connection checkpoints, as SQLite would have every 1,000 pages.
 */
const PATIENCE = 1000;
/**
 * A WAL restarts from its beginning only at a write that finds every frame checkpointed. With the store
 * committing while the worker checkpoints, that moment may never come, so once the worker reports a WAL of
 * this many frames, the store's connection checkpoints the few frames written since, right after a commit;
 * its next write then restarts the WAL.
 */
const RESTART_FRAMES = 8192;

// Plain CommonJS run with `eval`: no file to resolve next to a bundled server chunk. It waits (blocking is
// fine on its own thread) for the commit counter to move, lets more commits gather, then checkpoints.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const slots = new Int32Array(workerData.slots);
const pause = new Int32Array(new SharedArrayBuffer(4));
const db = new Database(workerData.file);
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
let seen = Atomics.load(slots, ${COMMITS});
for (;;) {
  Atomics.wait(slots, ${COMMITS}, seen);
  if (Atomics.load(slots, ${STOP}) !== 0) break;
  Atomics.wait(pause, 0, 0, workerData.delayMs);
  seen = Atomics.load(slots, ${COMMITS});
  if (Atomics.load(slots, ${STOP}) !== 0) break;
  // a failed pass (another process holding a lock it needs) is only a pass skipped
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    if (result) Atomics.store(slots, ${WAL_FRAMES}, result.log);
    Atomics.add(slots, ${PASSES}, 1);
  } catch {}
}
db.close();
`;

/**
 * The file the worker loads better-sqlite3 from. Next's bundler turns a resolve it can see into a module
 * number, so the name is hidden from it; a bundle's `import.meta.url` may not point into the project, so
 * the working directory (the project, for the IDE server) is the second place to look.
 */
function driverPath(): string {
  const name = /* turbopackIgnore: true */ ['better-sqlite3'][0];
  for (const base of [import.meta.url, path.join(process.cwd(), 'package.json')]) {
    try {
      const found: unknown = createRequire(base).resolve(/* turbopackIgnore: true */ name);
      if (typeof found === 'string') return found;
    } catch { /* try the next place */ }
  }
  throw new Error(`cannot find ${name}`);
}

export class Checkpointer {
  private readonly slots = new Int32Array(new SharedArrayBuffer(16));
  private readonly walFile: string;
  private readonly startBytes: number;
  private readonly delayMs: number;
  private readonly restartFrames: number;
  private readonly patience: number;
  /** The worker's checkpoints seen, and the commits since that number last moved. */
  private passesSeen = 0;
  private commitsWaiting = 0;
  private commitsUnchecked = 0;
  private worker: Worker | undefined;
  /** Set once the worker is started or could not be: no more size checks. */
  private settled: boolean;

  constructor(private readonly db: Database.Database, private readonly file: string, private readonly busyTimeoutMs: number,
    options: CheckpointerOptions = {}) {
    this.walFile = `${file}-wal`;
    this.startBytes = options.startBytes ?? START_BYTES;
    this.delayMs = options.delayMs ?? DELAY_MS;
    this.restartFrames = options.restartFrames ?? RESTART_FRAMES;
    this.patience = options.patience ?? PATIENCE;
    this.settled = process.env.ESCRIPT_CHECKPOINT_THREAD === '0';
  }

  /**
   * Called after each commit of the store's connection: wakes the worker, or starts it once the WAL is
   * large. Never throws: the commit it follows has happened, whatever befalls a checkpoint.
   */
  committed(): void {
    try { this.afterCommit(); } catch (e) {
      process.stderr.write(`escript: WAL checkpoint skipped: ${(e as Error).message}\n`);
    }
  }

  private afterCommit(): void {
    if (this.worker) {
      const passes = Atomics.load(this.slots, PASSES);
      if (passes !== this.passesSeen) { this.passesSeen = passes; this.commitsWaiting = 0; }
      if (++this.commitsWaiting >= this.patience) { this.commitsWaiting = 0; this.finishCheckpoint(); }
      else if (Atomics.load(this.slots, WAL_FRAMES) >= this.restartFrames) this.finishCheckpoint();
      Atomics.add(this.slots, COMMITS, 1);
      Atomics.notify(this.slots, COMMITS);
      return;
    }
    // before the worker starts, the WAL's size is looked at every 16th commit only: small stores never need it
    if (this.settled || (++this.commitsUnchecked & 15) !== 0) return;
    let size = 0;
    try { size = fs.statSync(this.walFile).size; } catch { return; }
    if (size >= this.startBytes) this.start();
  }

  /**
   * Checkpoints what the worker has not yet, so that the next write restarts the WAL. While the worker is
   * checkpointing too, this one is busy and the next commit tries again.
   */
  private finishCheckpoint(): void {
    const [result] = this.db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    if (result && result.busy === 0 && result.checkpointed === result.log) Atomics.store(this.slots, WAL_FRAMES, 0);
  }

  /** Whether checkpoints run on the worker thread. */
  get running(): boolean { return this.worker !== undefined; }

  private start(): void {
    this.settled = true;
    let worker: Worker;
    try {
      const driver = driverPath();
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { driver, file: this.file, slots: this.slots.buffer, delayMs: this.delayMs, busyTimeoutMs: this.busyTimeoutMs },
      });
    } catch (e) {
      process.stderr.write(`escript: WAL checkpoints stay on the main thread: ${(e as Error).message}\n`);
      return;
    }
    worker.unref();
    // The worker only checkpoints: if it fails, the connection goes back to checkpointing itself.
    const fallBack = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
      if (why) process.stderr.write(`escript: WAL checkpoint thread stopped (${why}); checkpoints are back on the main thread\n`);
    };
    worker.on('error', (e) => fallBack(e.message));
    worker.on('exit', (code) => fallBack(Atomics.load(this.slots, STOP) !== 0 ? '' : `exit code ${code}`));
    this.worker = worker;
    this.db.pragma('wal_autocheckpoint = 0');
    Atomics.add(this.slots, COMMITS, 1);
    Atomics.notify(this.slots, COMMITS);
  }

  /**
   * Stops the worker; it closes its connection on its own thread. When the store's connection closes
   * first, the worker's close is the last one and checkpoints the rest of the WAL, as SQLite does.
   */
  stop(): void {
    this.settled = true;
    if (!this.worker) return;
    Atomics.store(this.slots, STOP, 1);
    Atomics.add(this.slots, COMMITS, 1);
    Atomics.notify(this.slots, COMMITS);
    this.worker = undefined;
  }
}
