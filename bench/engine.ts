/**
 * `npm run bench:engine`: the embedded engine against plain SQLite on the same data, side by side in one run
 * and one process. Loads seeded log documents (1,000,000 by default) and execution records (100,000), then
 * times the bulk load, two ES|QL queries and the dashboard's poll, checking that both sides return the same
 * rows. The engine is timed at its REST door, from the request to the response text the client receives
 * (`EmbeddedEngine.handle`, as the client's Connection calls it, then the body as JSON text); the rows are
 * read from that text outside the timed region. The baseline runs the equivalent SQL through better-sqlite3. These machines are noisy, so only the ratios
 * measured in one run mean anything.
 *
 *   npm run bench:engine -- [--docs=1000000] [--executions=100000] [--runs=30] [--warmups=20] [--warm-seconds=2] [--batch=5000]
 *
 * The defaults time the queries once V8 has optimized the engine's code, as a server that has been up a
 * while runs it: each query is warmed up for at least `--warmups` runs and `--warm-seconds` (V8 optimizes a
 * function after it has run often enough, so 20 runs of a 20 ms query warm it, but not 20 of a 0.2 ms one).
 * `--runs=5 --warmups=1 --warm-seconds=0` times them nearly cold.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SYSTEM_INDICES, SYSTEM_TEMPLATES } from '../lib/elasticsearch/system-indices';
import { EmbeddedEngine, type EngineRequest } from '../lib/embedded';
import { median, parseBenchArgs } from './args';
import { generateExecutions, generateLogs, LOGS_MAPPING, type ExecutionDoc, type LogDoc } from './engine-data';
import { BASELINE_SQL, SqliteBaseline } from './engine-sqlite';

/** The measured ES|QL queries (issue 4, item 7). */
const ESQL = {
  stats: 'FROM logs | WHERE level == "ERROR" | STATS c = COUNT(*) BY service | SORT c DESC | LIMIT 10',
  filterSort: 'FROM logs | WHERE service == "api" AND bytes > 500 | SORT @timestamp DESC | LIMIT 100',
} as const;

/** The dashboard's poll, exactly as lib/executions/record-store.ts `search` sends it for `listExecutions`. */
const POLL_BODY = {
  query: { match_all: {} },
  sort: [{ created_at: { order: 'desc' } }, { execution_id: { order: 'desc' } }],
  size: 100,
  track_total_hits: false,
};

/** The ratio each step should stay within (issue 4, item 7). */
const TARGET = { load: 2, stats: 1.5, filterSort: 2, poll: 2 } as const;

async function call(engine: EmbeddedEngine, request: EngineRequest): Promise<unknown> {
  const response = await engine.handle(request);
  if (response.status >= 300) throw new Error(`${request.method} ${request.path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

const bulkBody = (docs: object[]): string => docs.map((d) => `{"index":{}}\n${JSON.stringify(d)}\n`).join('');

function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Loads the logs batch by batch into both, interleaved (engine batch, then the same batch into SQLite) so
 * that the machine's drift hits both sides alike. On the engine's side only the `_bulk` calls (up to the
 * response text, as for the queries) and the refresh are timed; on SQLite's, each batch's transaction.
 */
async function loadLogs(engine: EmbeddedEngine, db: SqliteBaseline, logBatches: LogDoc[][]): Promise<{ engine: number; sqlite: number }> {
  await call(engine, { method: 'PUT', path: '/logs', body: JSON.stringify({ mappings: LOGS_MAPPING }) });
  let engineMs = 0;
  let sqliteMs = 0;
  for (const batch of logBatches) {
    const body = bulkBody(batch);
    let t0 = performance.now();
    const text = await responseText(engine, { method: 'POST', path: '/logs/_bulk', body });
    engineMs += performance.now() - t0;
    if ((JSON.parse(text) as { errors: boolean }).errors) throw new Error('engine bulk load reported item errors');
    t0 = performance.now();
    db.loadLogBatch(batch);
    sqliteMs += performance.now() - t0;
  }
  const t0 = performance.now();
  await call(engine, { method: 'POST', path: '/logs/_refresh' });
  return { engine: engineMs + performance.now() - t0, sqlite: sqliteMs };
}

async function loadEngineExecutions(engine: EmbeddedEngine, docs: ExecutionDoc[], batchSize: number): Promise<void> {
  const template = SYSTEM_TEMPLATES['escript-executions'];
  await call(engine, { method: 'PUT', path: '/_index_template/escript-executions', body: JSON.stringify(template) });
  for (const batch of batches(docs, batchSize)) {
    const body = batch.map((d) => `{"index":{"_id":"${d.execution_id}"}}\n${JSON.stringify(d)}\n`).join('');
    await call(engine, { method: 'POST', path: `/${SYSTEM_INDICES.executions}/_bulk`, body });
  }
}

/**
 * The engine's side of each query: the request, answered as the response text the client receives (what
 * the Connection sends: the text a handler wrote, or the body serialised), which is what is timed.
 */
const engineQueries = {
  stats: (engine: EmbeddedEngine) => responseText(engine, { method: 'POST', path: '/_query', body: JSON.stringify({ query: ESQL.stats }) }),
  filterSort: (engine: EmbeddedEngine) => responseText(engine, { method: 'POST', path: '/_query', body: JSON.stringify({ query: ESQL.filterSort }) }),
  poll: (engine: EmbeddedEngine) => responseText(engine, { method: 'POST', path: `/${SYSTEM_INDICES.executions}/_search`, body: JSON.stringify(POLL_BODY) }),
};

async function responseText(engine: EmbeddedEngine, request: EngineRequest): Promise<string> {
  const response = await engine.handle(request);
  const text = response.text ?? JSON.stringify(response.body);
  if (response.status >= 300) throw new Error(`${request.method} ${request.path}: ${response.status} ${text}`);
  return text;
}

/** The rows of each engine answer, shaped like the baseline's for the result check (not timed). */
const engineRows: Record<keyof typeof engineQueries, (text: string) => unknown> = {
  stats: (text) => (JSON.parse(text) as { values: unknown[][] }).values,
  filterSort: (text) => (JSON.parse(text) as { values: unknown[][] }).values,
  poll: (text) => (JSON.parse(text) as { hits: { hits: { _source: ExecutionDoc }[] } }).hits.hits.map((h) => h._source.execution_id),
};

const baselineQueries = {
  stats: (db: SqliteBaseline) => db.query(BASELINE_SQL.stats),
  filterSort: (db: SqliteBaseline) => db.query(BASELINE_SQL.filterSort),
  poll: (db: SqliteBaseline) => db.query(BASELINE_SQL.poll).map((r) => r[0]),
};

type QueryName = keyof typeof engineQueries;

/** Both sides must answer alike; the engine gives ISO dates with milliseconds, as the baseline stores them. */
function checkSame(name: QueryName, engine: unknown, baseline: unknown): void {
  const a = JSON.stringify(engine);
  const b = JSON.stringify(baseline);
  if (a !== b) throw new Error(`${name}: the engine and SQLite disagree\n engine: ${a.slice(0, 400)}\n sqlite: ${b.slice(0, 400)}`);
}

/**
 * Times one query on both sides, interleaved run by run so that drift of the machine hits both alike. The
 * engine's first run is reported apart: it makes the SQLite indexes the query uses (field-indexes.ts).
 */
async function timeQuery(name: QueryName, engine: EmbeddedEngine, db: SqliteBaseline, warmups: number, warmMs: number, runs: number) {
  const engineMs: number[] = [];
  const sqliteMs: number[] = [];
  let firstMs = 0;
  const start = performance.now();
  // the warm-up ends after `warmups` runs once `warmMs` have passed; then `runs` are timed
  while (warmups > 0 && performance.now() - start < warmMs) {
    const t0 = performance.now();
    await engineQueries[name](engine);
    if (firstMs === 0) firstMs = performance.now() - t0;
    baselineQueries[name](db);
  }
  for (let k = 0; k < warmups + runs; k++) {
    let t0 = performance.now();
    const mine = await engineQueries[name](engine);
    const engineTime = performance.now() - t0;
    if (firstMs === 0) firstMs = engineTime;
    t0 = performance.now();
    const theirs = baselineQueries[name](db);
    const sqliteTime = performance.now() - t0;
    checkSame(name, engineRows[name](mine), theirs);
    if (k >= warmups) { engineMs.push(engineTime); sqliteMs.push(sqliteTime); }
  }
  return { engine: median(engineMs), sqlite: median(sqliteMs), first: firstMs };
}

/** Milliseconds with three significant digits at least (the small queries take a fraction of one). */
const ms = (x: number) => x.toFixed(x < 10 ? 3 : 1);

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [header, ...rows]) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
}

async function main(): Promise<void> {
  const { options } = parseBenchArgs(process.argv.slice(2), []);
  const docs = Number(options.docs ?? 1_000_000);
  const executions = Number(options.executions ?? 100_000);
  const runs = Number(options.runs ?? 30);
  const warmups = Number(options.warmups ?? 20);
  const warmSeconds = Number(options['warm-seconds'] ?? 2);
  const batchSize = Number(options.batch ?? 5_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escript-bench-engine-'));
  const engine = new EmbeddedEngine(path.join(dir, 'engine'));
  const db = new SqliteBaseline(dir);
  try {
    console.log(`engine benchmark: ${docs.toLocaleString('en')} log documents, ${executions.toLocaleString('en')} executions, `
      + `bulk batches of ${batchSize.toLocaleString('en')}; queries: ${runs} timed runs after `
      + `a warm-up of at least ${warmups} runs${warmSeconds > 0 ? ` and ${warmSeconds} s` : ''}, medians in ms`);
    const logBatches = batches(generateLogs(docs), batchSize);
    const { engine: loadEngine, sqlite: loadSqlite } = await loadLogs(engine, db, logBatches);
    const executionDocs = generateExecutions(executions);
    await loadEngineExecutions(engine, executionDocs, batchSize);
    db.loadExecutions(executionDocs);
    db.analyze();
    const rows: string[][] = [];
    const row = (step: string, e: number, s: number, target: number, first?: number) =>
      rows.push([step, ms(e), ms(s), `${(e / s).toFixed(2)}x`, `${target}x`, e / s <= target ? 'yes' : 'no', first === undefined ? '' : ms(first)]);
    row(`bulk load (${docs.toLocaleString('en')} docs)`, loadEngine, loadSqlite, TARGET.load);
    const labels: Record<QueryName, string> = { stats: 'STATS COUNT BY service', filterSort: 'WHERE + SORT + LIMIT 100', poll: `dashboard poll (${executions.toLocaleString('en')})` };
    for (const name of Object.keys(engineQueries) as QueryName[]) {
      const { engine: e, sqlite: s, first } = await timeQuery(name, engine, db, warmups, warmSeconds * 1000, runs);
      row(labels[name], e, s, TARGET[name], first);
    }
    printTable(['step', 'engine ms', 'sqlite ms', 'engine/sqlite', 'target', 'met', 'engine first run ms'], rows);
  } finally {
    engine.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
