/**
 * Profiling aid for `bench:engine`'s queries: loads the same generated data into the engine only, then runs
 * one query many times, so that `node --cpu-prof` sees mostly that query.
 *
 *   npx tsx bench/engine-profile.ts --query=filterSort [--docs=200000] [--executions=20000] [--times=300] [--profile=FILE]
 *
 * `--query` is `stats`, `filterSort`, `poll`, or `poll1` (the poll for one hit: what a search costs
 * before its hits).
 *
 * `--profile=FILE` writes a CPU profile (`.cpuprofile`) of the timed requests alone, without the load that
 * `node --cpu-prof` would also record.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { SYSTEM_INDICES, SYSTEM_TEMPLATES } from '../lib/elasticsearch/system-indices';
import { EmbeddedEngine, type EngineRequest } from '../lib/embedded';
import { parseBenchArgs } from './args';
import { generateExecutions, generateLogs, LOGS_MAPPING } from './engine-data';

const REQUESTS: Record<string, EngineRequest> = {
  stats: { method: 'POST', path: '/_query', body: JSON.stringify({ query: 'FROM logs | WHERE level == "ERROR" | STATS c = COUNT(*) BY service | SORT c DESC | LIMIT 10' }) },
  filterSort: { method: 'POST', path: '/_query', body: JSON.stringify({ query: 'FROM logs | WHERE service == "api" AND bytes > 500 | SORT @timestamp DESC | LIMIT 100' }) },
  poll1: {
    method: 'POST', path: `/${SYSTEM_INDICES.executions}/_search`,
    body: JSON.stringify({ query: { match_all: {} }, sort: [{ created_at: { order: 'desc' } }, { execution_id: { order: 'desc' } }], size: 1, track_total_hits: false }),
  },
  poll: {
    method: 'POST', path: `/${SYSTEM_INDICES.executions}/_search`,
    body: JSON.stringify({ query: { match_all: {} }, sort: [{ created_at: { order: 'desc' } }, { execution_id: { order: 'desc' } }], size: 100, track_total_hits: false }),
  },
};

/** One request, answered as the response text the client receives (as bench/engine.ts times it). */
async function call(engine: EmbeddedEngine, request: EngineRequest): Promise<string> {
  const response = await engine.handle(request);
  const text = response.text ?? JSON.stringify(response.body);
  if (response.status >= 300) throw new Error(`${request.method} ${request.path}: ${response.status} ${text}`);
  return text;
}

async function startProfiler(): Promise<Session> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return session;
}

async function stopProfiler(session: Session): Promise<unknown> {
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  return profile;
}

async function main(): Promise<void> {
  const { options } = parseBenchArgs(process.argv.slice(2), []);
  const query = String(options.query ?? 'filterSort');
  const request = REQUESTS[query];
  if (!request) throw new Error(`--query is one of ${Object.keys(REQUESTS).join(', ')}`);
  const docs = Number(options.docs ?? 200_000);
  const times = Number(options.times ?? 300);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escript-bench-profile-'));
  const engine = new EmbeddedEngine(dir);
  try {
    if (query.startsWith('poll')) {
      await call(engine, { method: 'PUT', path: '/_index_template/escript-executions', body: JSON.stringify(SYSTEM_TEMPLATES['escript-executions']) });
      const all = generateExecutions(Number(options.executions ?? 20_000));
      for (let i = 0; i < all.length; i += 5_000) {
        const body = all.slice(i, i + 5_000).map((d) => `{"index":{"_id":"${d.execution_id}"}}\n${JSON.stringify(d)}\n`).join('');
        await call(engine, { method: 'POST', path: `/${SYSTEM_INDICES.executions}/_bulk`, body });
      }
    } else {
      await call(engine, { method: 'PUT', path: '/logs', body: JSON.stringify({ mappings: LOGS_MAPPING }) });
      const all = generateLogs(docs);
      for (let i = 0; i < all.length; i += 5_000) {
        await call(engine, { method: 'POST', path: '/logs/_bulk', body: all.slice(i, i + 5_000).map((d) => `{"index":{}}\n${JSON.stringify(d)}\n`).join('') });
      }
    }
    await call(engine, request);
    const profiler = options.profile ? await startProfiler() : undefined;
    const t0 = performance.now();
    for (let k = 0; k < times; k++) await call(engine, request);
    const ms = performance.now() - t0;
    if (profiler) fs.writeFileSync(options.profile, JSON.stringify(await stopProfiler(profiler)));
    console.log(`${query}: ${(ms / times).toFixed(3)} ms per request`);
  } finally {
    engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
