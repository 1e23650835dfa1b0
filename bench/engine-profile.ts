/**
 * Profiling aid for `bench:engine`'s queries: loads the same generated data into the engine only, then runs
 * one query many times, so that `node --cpu-prof` sees mostly that query.
 *
 *   npx tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/engine-profile.ts --query=filterSort [--docs=200000] [--executions=20000] [--times=300]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SYSTEM_INDICES, SYSTEM_TEMPLATES } from '../lib/elasticsearch/system-indices';
import { EmbeddedEngine, type EngineRequest } from '../lib/embedded';
import { parseBenchArgs } from './args';
import { generateExecutions, generateLogs, LOGS_MAPPING } from './engine-data';

const REQUESTS: Record<string, EngineRequest> = {
  stats: { method: 'POST', path: '/_query', body: JSON.stringify({ query: 'FROM logs | WHERE level == "ERROR" | STATS c = COUNT(*) BY service | SORT c DESC | LIMIT 10' }) },
  filterSort: { method: 'POST', path: '/_query', body: JSON.stringify({ query: 'FROM logs | WHERE service == "api" AND bytes > 500 | SORT @timestamp DESC | LIMIT 100' }) },
  poll: {
    method: 'POST', path: `/${SYSTEM_INDICES.executions}/_search`,
    body: JSON.stringify({ query: { match_all: {} }, sort: [{ created_at: { order: 'desc' } }, { execution_id: { order: 'desc' } }], size: 100, track_total_hits: false }),
  },
};

async function call(engine: EmbeddedEngine, request: EngineRequest): Promise<void> {
  const response = await engine.handle(request);
  if (response.status >= 300) throw new Error(`${request.method} ${request.path}: ${response.status} ${JSON.stringify(response.body)}`);
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
    if (query === 'poll') {
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
    const t0 = performance.now();
    for (let k = 0; k < times; k++) await call(engine, request);
    console.log(`${query}: ${((performance.now() - t0) / times).toFixed(3)} ms per request`);
  } finally {
    engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
