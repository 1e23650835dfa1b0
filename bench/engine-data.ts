/**
 * The benchmark's data, generated from a fixed seed so every run (and both sides of a run) sees the same
 * documents: log lines (`@timestamp`, `level`, `service`, `message`, `bytes`) and execution records shaped
 * like `.escript_executions` documents.
 */

/** mulberry32: a small, fast PRNG that is deterministic for a seed (the quality is ample for test data). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks from `items` with the given relative weights. */
function weighted<T>(random: () => number, items: readonly (readonly [T, number])[]): () => T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  return () => {
    let r = random() * total;
    for (const [item, w] of items) { r -= w; if (r < 0) return item; }
    return items[items.length - 1][0];
  };
}

/** Levels and services with distinct weights, so STATS counts have no ties and both sides order them alike. */
const LEVELS = [['INFO', 70], ['WARN', 17], ['ERROR', 9], ['DEBUG', 4]] as const;
const SERVICES = [
  ['api', 20], ['web', 16], ['auth', 13], ['billing', 11], ['search', 9], ['mailer', 8], ['queue', 7],
  ['cache', 6], ['reports', 4], ['admin', 3], ['export', 2], ['import', 1],
] as const;
const VERBS = ['GET', 'POST', 'PUT', 'DELETE'] as const;
const PATHS = ['/users', '/orders', '/items', '/login', '/search', '/invoices', '/health'] as const;

/** One log document, field order as a shipper would write it. */
export interface LogDoc { '@timestamp': string; level: string; service: string; message: string; bytes: number }

/** The explicit mapping the benchmark creates `logs` with (what a user would declare for log data). */
export const LOGS_MAPPING = {
  properties: {
    '@timestamp': { type: 'date' }, level: { type: 'keyword' }, service: { type: 'keyword' },
    message: { type: 'text' }, bytes: { type: 'long' },
  },
} as const;

/** Epoch ms of the first log line; lines are about 100 ms apart, with jitter, and timestamps are unique. */
const LOGS_START = Date.UTC(2026, 0, 1);

/** `count` log documents from `seed`, in timestamp order. */
export function generateLogs(count: number, seed = 42): LogDoc[] {
  const random = seededRandom(seed);
  const level = weighted(random, LEVELS);
  const service = weighted(random, SERVICES);
  const docs: LogDoc[] = [];
  for (let i = 0; i < count; i++) {
    const verb = VERBS[Math.floor(random() * VERBS.length)];
    const path = PATHS[Math.floor(random() * PATHS.length)];
    docs.push({
      '@timestamp': new Date(LOGS_START + i * 100 + Math.floor(random() * 100)).toISOString(),
      level: level(), service: service(),
      message: `${verb} ${path}/${Math.floor(random() * 100_000)} took ${Math.floor(random() * 900) + 1}ms`,
      bytes: Math.floor(random() * 2_000),
    });
  }
  return docs;
}

/** An execution record as the scheduler stores it (LANGUAGE.md §14.1), with the fields the dashboard shows. */
export interface ExecutionDoc {
  execution_id: string; kind: string; track_name: string | null; procedure_name: string; arguments: unknown[];
  status: string; parent_id: null; root_id: string; retry_of: null; pipeline: null; result: unknown;
  error: { type: string; code: string; message: string } | null; output: string[]; '@timestamp': string;
  created_at: string; started_at: string; completed_at: string | null; duration_ms: number | null; node: string;
  heartbeat_at: string; cancel_requested: boolean; pipeline_done: boolean;
}

const STATUSES = [['COMPLETED', 80], ['FAILED', 8], ['RUNNING', 6], ['PENDING', 4], ['CANCELLED', 2]] as const;

/** `count` execution records from `seed`; creation times are a second apart plus jitter, so some share a second. */
export function generateExecutions(count: number, seed = 7): ExecutionDoc[] {
  const random = seededRandom(seed);
  const status = weighted(random, STATUSES);
  const docs: ExecutionDoc[] = [];
  for (let i = 0; i < count; i++) {
    const id = `exec-${Math.floor(random() * 2 ** 32).toString(16).padStart(8, '0')}${i.toString(16).padStart(8, '0')}`;
    const created = LOGS_START + i * 1_000 + Math.floor(random() * 1_000);
    const s = status();
    const done = s === 'COMPLETED' || s === 'FAILED' || s === 'CANCELLED';
    const duration = done ? Math.floor(random() * 5_000) : null;
    const at = new Date(created).toISOString();
    docs.push({
      execution_id: id, kind: 'call', track_name: random() < 0.3 ? `job-${i % 50}` : null, procedure_name: `proc_${i % 40}`,
      arguments: [i, 'x'], status: s, parent_id: null, root_id: id, retry_of: null, pipeline: null,
      result: done ? { rows: i % 97 } : null,
      error: s === 'FAILED' ? { type: 'runtime_error', code: 'DIVISION_BY_ZERO', message: 'division by zero' } : null,
      output: [`step ${i}`, 'done'], '@timestamp': at, created_at: at, started_at: at,
      completed_at: duration === null ? null : new Date(created + duration).toISOString(), duration_ms: duration,
      node: 'node-1', heartbeat_at: at, cancel_requested: false, pipeline_done: done,
    });
  }
  return docs;
}
