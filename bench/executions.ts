/**
 * `npm run bench:executions` (issue 5): N no-op tracked async calls, each with an ON_DONE handler, end to end
 * until every execution and continuation is COMPLETED on the embedded store; then, in the same run, the rate
 * of plain SQLite inserts of the same documents (one transaction each, WAL, synchronous=NORMAL like the
 * store) as the ceiling. Prints executions per second, the CPU time per call, the store requests (and
 * `_bulk` items) per call and the time spent waiting for them, and the ratio to the ceiling. Then the
 * store's floor: the SQLite statements the engine must run for each call's 7 record writes (the version
 * look-ups of the conditional ones included) and its one commit, replayed with no JavaScript around them
 * into the store's own schema and indexes, copied from the run's data directory.
 *
 *   npm run bench:executions -- [--count=2000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Client } from '@elastic/elasticsearch';
import Database from 'better-sqlite3';
import { DATABASE_TUNING } from '../lib/embedded/storage/database';
import { closeService, configureService, runScript, serviceContext, waitForRun } from '../lib/service';
import { parseBenchArgs } from './args';

const DEFINITIONS = `
CREATE OR REPLACE PROCEDURE bench_noop(i NUMBER) BEGIN RETURN i; END PROCEDURE;
CREATE OR REPLACE PROCEDURE bench_done(r ANY) BEGIN RETURN r; END PROCEDURE;
`;
const loop = (count: number) => `
FOR i IN 1..${count} LOOP
  bench_noop(i) | ON_DONE bench_done(@result) | TRACK AS 'bench-' || i;
END LOOP;
`;

/** Store requests by kind, the items of `_bulk` requests, and the time spent in them, at the client's transport. */
interface RequestCounts {
  byKind: Map<string, number>;
  bulkItems: number;
  /** Milliseconds from sending each request to its answer, summed (on the embedded store: mostly the engine's work). */
  storeMs: number;
}

/** Counts the requests the client sends from now on (method and path, ids and names elided). */
function countRequests(client: Client): RequestCounts {
  const counts: RequestCounts = { byKind: new Map(), bulkItems: 0, storeMs: 0 };
  // The transport is the one door every request of the client goes through; wrapping it only observes.
  const transport = client.transport as unknown as {
    request: (params: { method: string; path: string; bulkBody?: unknown[] }, options?: unknown) => Promise<unknown>;
  };
  const request = transport.request.bind(transport);
  transport.request = (params, options) => {
    const kind = `${params.method} ${params.path.replace(/\/_doc\/.*$/, '/_doc/{id}')}`;
    counts.byKind.set(kind, (counts.byKind.get(kind) ?? 0) + 1);
    // The record batcher sends each item as one entry (action and document); a heartbeat sends two.
    if (params.bulkBody) counts.bulkItems += params.bulkBody.length;
    const sent = performance.now();
    return request(params, options).finally(() => (counts.storeMs += performance.now() - sent));
  };
  return counts;
}

/** Every record of `.escript_executions`, in index order. */
async function allRecords(): Promise<{ id: string; source: Record<string, unknown> }[]> {
  const { client } = await serviceContext();
  await client.indices.refresh({ index: '.escript_executions' });
  const out: { id: string; source: Record<string, unknown> }[] = [];
  let after: (string | number)[] | undefined;
  for (;;) {
    const page = await client.search<Record<string, unknown>>({
      index: '.escript_executions', size: 5000, sort: [{ execution_id: 'asc' }], ...(after ? { search_after: after } : {}),
    });
    for (const hit of page.hits.hits) out.push({ id: hit._id ?? '', source: hit._source ?? {} });
    if (page.hits.hits.length < 5000) return out;
    after = page.hits.hits[page.hits.hits.length - 1].sort as (string | number)[];
  }
}

/** Inserts each document in its own transaction into a plain SQLite table; returns documents per second. */
function sqliteCeiling(dir: string, docs: { id: string; source: Record<string, unknown> }[]): number {
  const db = new Database(path.join(dir, 'ceiling.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE docs (id TEXT PRIMARY KEY, source TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO docs (id, source) VALUES (?, ?)');
    const t0 = performance.now();
    for (const d of docs) insert.run(d.id, JSON.stringify(d.source));
    return docs.length / ((performance.now() - t0) / 1000);
  } finally {
    db.close();
  }
}

type StoredRecord = { id: string; source: Record<string, unknown> };

/**
 * The calls per second SQLite itself allows the store for this workload: each call's writes as the
 * engine's statements, one transaction per call as §13.2 step 3 makes the loop commit, on a copy of the
 * store's schema (`storeFile`'s tables, indexes and triggers, the expression index its searches made included).
 * Transaction k holds call k's PENDING record and the six later writes of call k-1 (RUNNING and COMPLETED,
 * its continuation's creation, RUNNING and COMPLETED, then `pipeline_done`), each replacing write after
 * the version look-up a conditional write makes. Every write stores the record's final text.
 */
function storeFloor(dir: string, storeFile: string, records: StoredRecord[]): number {
  const source = new Database(storeFile, { readonly: true });
  const ddl = source.prepare<[], string>(`SELECT sql FROM sqlite_master WHERE tbl_name IN ('documents', 'indices', 'irregular_values')
    AND sql IS NOT NULL ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, rowid`).pluck().all();
  source.close();
  const db = new Database(path.join(dir, 'floor.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`cache_size = -${DATABASE_TUNING.cacheKiB}`);
    db.exec(ddl.join(';\n'));
    const index = '.escript_executions';
    db.prepare(`INSERT INTO indices (name, settings, mappings, created, seq_no) VALUES (?, '{}', '{}', 0, -1)`).run(index);
    const insert = db.prepare('INSERT INTO documents (idx, id, source, seq_no, primary_term, version) VALUES (?, ?, ?, ?, 1, 1)');
    const version = db.prepare<[string, string], unknown>('SELECT seq_no, primary_term, version FROM documents WHERE idx = ? AND id = ?');
    const replace = db.prepare(`INSERT INTO documents (idx, id, source, seq_no, primary_term, version) VALUES (?, ?, ?, ?, 1, 2)
      ON CONFLICT (idx, id) DO UPDATE SET source = excluded.source, seq_no = excluded.seq_no, primary_term = excluded.primary_term, version = excluded.version`);
    const seqNo = db.prepare('UPDATE indices SET seq_no = ? WHERE name = ?');
    const text = new Map(records.map((r) => [r.id, JSON.stringify(r.source)]));
    const calls = records.filter((r) => r.source.kind === 'procedure').map((r) => r.id);
    const continuationOf = new Map(records.filter((r) => r.source.kind === 'continuation').map((r) => [r.source.parent_id as string, r.id]));
    let seq = 0;
    const write = (id: string, fresh: boolean) => {
      if (fresh) insert.run(index, id, text.get(id), seq++);
      else { version.get(index, id); replace.run(index, id, text.get(id), seq++); }
    };
    const step = db.transaction((k: number) => {
      if (k < calls.length) write(calls[k], true);
      const previous = calls[k - 1];
      const continuation = previous && continuationOf.get(previous);
      if (previous && continuation) {
        write(previous, false);
        write(previous, false);
        write(continuation, true);
        write(continuation, false);
        write(continuation, false);
        write(previous, false);
      }
      seqNo.run(seq, index);
    });
    const t0 = performance.now();
    for (let k = 0; k <= calls.length; k++) step(k);
    return calls.length / ((performance.now() - t0) / 1000);
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const { options } = parseBenchArgs(process.argv.slice(2), []);
  const count = Number(options.count ?? 2000);
  if (!Number.isSafeInteger(count) || count < 1) throw new Error(`--count must be a positive integer, got ${options.count}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escript-bench-exec-'));
  configureService({ dataDir: path.join(dir, 'store') });
  try {
    const defined = await runScript({ source: DEFINITIONS });
    if (defined.exit !== 0) throw new Error(`definitions failed: ${JSON.stringify(defined.events)}`);
    const counts = countRequests((await serviceContext()).client);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const run = await runScript({ source: loop(count) });
    if (run.exit !== 0) throw new Error(`the loop failed: ${JSON.stringify(run.events.slice(-1))}`);
    const started = performance.now();
    await waitForRun(run.runId);
    const elapsed = (performance.now() - t0) / 1000;
    // CPU time of this process per call: steadier than the rate on a machine shared with other work.
    const cpu = process.cpuUsage(cpu0);
    const cpuPerCall = (cpu.user + cpu.system) / 1000 / count;
    const requests = [...counts.byKind].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${(n / count).toFixed(2)} ${kind}`);
    const records = await allRecords();
    const completed = records.filter((r) => r.source.status === 'COMPLETED').length;
    if (completed !== 2 * count) throw new Error(`expected ${2 * count} COMPLETED records (calls and continuations), found ${completed}`);
    const rate = count / elapsed;
    const ceiling = sqliteCeiling(dir, records);
    const floor = storeFloor(dir, path.join(dir, 'store', DATABASE_TUNING.fileName), records);
    console.log(`${count} tracked async calls with ON_DONE: started in ${((started - t0) / 1000).toFixed(2)} s, all ${completed} executions COMPLETED after ${elapsed.toFixed(2)} s`);
    console.log(`executions:          ${rate.toFixed(0)} tracked calls/s (${(completed / elapsed).toFixed(0)} records/s)`);
    console.log(`CPU per call:        ${cpuPerCall.toFixed(2)} ms (user and system time of this process)`);
    // An upper bound of the store's share: the client's own work and overlapping requests are included.
    console.log(`store time per call: ${(counts.storeMs / count).toFixed(2)} ms from request to answer, summed (${(counts.storeMs / 1000 / elapsed * 100).toFixed(0)}% of the run)`);
    console.log(`store requests per call: ${requests.join(', ')}; ${(counts.bulkItems / count).toFixed(2)} _bulk items`);
    console.log(`plain SQLite insert: ${ceiling.toFixed(0)} documents/s (one transaction each)`);
    console.log(`ratio records/s to ceiling: ${((completed / elapsed) / ceiling).toFixed(3)}`);
    console.log(`store floor:         ${floor.toFixed(0)} calls/s (${(1000 / floor).toFixed(3)} ms per call: the engine's SQLite statements for each call's 7 writes and its commit, on the store's schema, with no JavaScript)`);
  } finally {
    await closeService();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
