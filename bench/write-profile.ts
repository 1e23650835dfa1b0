/**
 * Profiling aid for the embedded engine's write path, at its REST door (`EmbeddedEngine.handle`):
 * - `--shape=load`: log documents through `/logs/_bulk` in requests of `--batch` documents (bench:engine's load);
 * - `--shape=records`: `_bulk` requests of 7 conditional items into `.escript_executions` with
 *   `refresh=wait_for`, the way the scheduler writes tracked calls' records (2 creates of new records and
 *   5 replaces of earlier ones at the version their previous write answered), with the expression index
 *   `bench:executions` ends up with.
 * Prints wall and CPU time per document or per request, and the size of SQLite's WAL file at the end.
 *
 *   npx tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/write-profile.ts --shape=records [--requests=3000]
 *   npx tsx bench/write-profile.ts --shape=load [--docs=200000] [--batch=5000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SYSTEM_INDICES, SYSTEM_TEMPLATES } from '../lib/elasticsearch/system-indices';
import { EmbeddedEngine, type EngineRequest } from '../lib/embedded';
import { parseBenchArgs } from './args';
import { generateExecutions, generateLogs, LOGS_MAPPING } from './engine-data';

/** The expression index bench:executions' run makes on `.escript_executions` (the scheduler's look-up of its own running records). */
const EXECUTION_INDEXES = [['node', 'heartbeat_at', 'status']];

interface BulkAnswer { errors: boolean; items: Record<string, { status: number; _seq_no?: number; _primary_term?: number; error?: unknown }>[] }

/** Milliseconds of CPU (user and system) this process used since `since`: steadier than wall time on a shared machine. */
const cpuMs = (since: NodeJS.CpuUsage) => { const u = process.cpuUsage(since); return (u.user + u.system) / 1000; };

async function call(engine: EmbeddedEngine, request: EngineRequest): Promise<unknown> {
  const response = await engine.handle(request);
  if (response.status >= 300) throw new Error(`${request.method} ${request.path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function load(engine: EmbeddedEngine, docs: number, batch: number): Promise<void> {
  await call(engine, { method: 'PUT', path: '/logs', body: JSON.stringify({ mappings: LOGS_MAPPING }) });
  const all = generateLogs(docs);
  const bodies: string[] = [];
  for (let i = 0; i < all.length; i += batch) bodies.push(all.slice(i, i + batch).map((d) => `{"index":{}}\n${JSON.stringify(d)}\n`).join(''));
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (const body of bodies) await call(engine, { method: 'POST', path: '/logs/_bulk', body });
  const ms = performance.now() - t0;
  console.log(`load: ${docs} documents in ${bodies.length} requests: ${(ms / 1000).toFixed(2)} s, ${(ms * 1000 / docs).toFixed(1)} µs per document, CPU ${(cpuMs(cpu0) * 1000 / docs).toFixed(1)} µs`);
}

async function records(engine: EmbeddedEngine, requests: number): Promise<void> {
  const index = SYSTEM_INDICES.executions;
  await call(engine, { method: 'PUT', path: '/_index_template/escript-executions', body: JSON.stringify(SYSTEM_TEMPLATES['escript-executions']) });
  await call(engine, { method: 'PUT', path: `/${index}` });
  for (const fields of EXECUTION_INDEXES) engine.store.expressionIndex(index, fields);
  const docs = generateExecutions(2 * requests);
  // a request carries at most one item per record (the scheduler sends a record's next write after the
  // previous one is answered): 2 new records, and the next transition of 5 records written before
  const versions = new Map<string, { seqNo: number; primaryTerm: number; writes: number }>();
  const live: string[] = [];
  const byId = new Map(docs.map((d) => [d.execution_id, d]));
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let r = 0; r < requests; r++) {
    const ids = [docs[2 * r].execution_id, docs[2 * r + 1].execution_id, ...live.slice(0, 5)];
    const body = ids.map((id) => {
      const v = versions.get(id);
      const action = v
        ? { index: { _index: index, _id: id, if_seq_no: v.seqNo, if_primary_term: v.primaryTerm } }
        : { create: { _index: index, _id: id } };
      const status = !v ? 'PENDING' : v.writes === 1 ? 'RUNNING' : 'COMPLETED';
      return `${JSON.stringify(action)}\n${JSON.stringify({ ...byId.get(id), status, pipeline_done: (v?.writes ?? 0) >= 3 })}\n`;
    }).join('');
    const answer = await call(engine, { method: 'POST', path: '/_bulk', querystring: 'refresh=wait_for', body }) as BulkAnswer;
    if (answer.errors) throw new Error(`item failed: ${JSON.stringify(answer.items.find((it) => Object.values(it)[0].error))}`);
    answer.items.forEach((item, i) => {
      const x = Object.values(item)[0];
      versions.set(ids[i], { seqNo: x._seq_no!, primaryTerm: x._primary_term!, writes: (versions.get(ids[i])?.writes ?? 0) + 1 });
    });
    live.splice(0, Math.min(5, live.length));
    // each record is written 4 times in all (PENDING, RUNNING, COMPLETED, pipeline_done)
    for (const id of ids) if (versions.get(id)!.writes < 4) live.push(id);
  }
  const ms = performance.now() - t0;
  console.log(`records: ${requests} requests: ${(ms / 1000).toFixed(2)} s, ${(ms * 1000 / requests).toFixed(1)} µs per request, CPU ${(cpuMs(cpu0) * 1000 / requests).toFixed(1)} µs`);
}

async function main(): Promise<void> {
  const { options } = parseBenchArgs(process.argv.slice(2), []);
  const shape = String(options.shape ?? 'load');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escript-bench-writes-'));
  const engine = new EmbeddedEngine(dir);
  try {
    if (shape === 'load') await load(engine, Number(options.docs ?? 200_000), Number(options.batch ?? 5_000));
    else if (shape === 'records') await records(engine, Number(options.requests ?? 3_000));
    else throw new Error('--shape is load or records');
    const wal = path.join(dir, 'store.sqlite-wal');
    if (fs.existsSync(wal)) console.log(`WAL: ${(fs.statSync(wal).size / 1024).toFixed(0)} KiB`);
  } finally {
    engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
