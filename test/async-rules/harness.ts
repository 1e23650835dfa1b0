/**
 * Runs scripts through the real service layer in this process, as `bin/cli.ts` does: one fresh
 * embedded data directory per test (`configureService({ dataDir })`), `runScript`, then `waitForRun`
 * for the run's background executions. Tests read what a user sees: the run's events, and the
 * records in `.escript_executions` through ES|QL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { closeService, configureService, getRunEvents, runQuery, runScript, waitForRun, type RunEvent } from '../../lib/service';

/** What one run showed: its events split the way `escript run --json` users read them. */
export interface RunView {
  exit: number;
  /** Every event, in arrival order. */
  events: RunEvent[];
  /** The texts of PRINT lines the script itself printed (`execution_id` null). */
  prints: string[];
  /** Top-level statement values, by 1-based statement number. */
  results: Map<number, unknown>;
  /** The uncaught error, if one stopped the run. */
  error: Extract<RunEvent, { event: 'error' }>['error'] | null;
  /** Terminal `execution` events of the run's background executions. */
  executions: Extract<RunEvent, { event: 'execution' }>[];
  /** PRINT texts of one background execution, in order. */
  outputOf(executionId: string): string[];
}

/** The longest a run's background work may take before a test gives up on it. */
const SETTLE_MS = 30_000;

let dataDir: string | null = null;

/** Gives every test in the file its own empty store, and closes it afterwards. */
export function useFreshStore(): void {
  beforeEach(() => {
    process.env.ELASTICSEARCH_URL = ''; // always the embedded store, even on a machine with a cluster configured
    dataDir = mkdtempSync(join(tmpdir(), 'escript-async-rules-'));
    configureService({ dataDir });
  });
  afterEach(async () => {
    await closeService();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    dataDir = null;
  });
}

/** The current test's data directory. */
export function currentDataDir(): string {
  if (!dataDir) throw new Error('bug: currentDataDir() outside a test using useFreshStore()');
  return dataDir;
}

function view(exit: number, events: RunEvent[]): RunView {
  const results = new Map<number, unknown>();
  let error: RunView['error'] = null;
  for (const e of events) {
    if (e.event === 'result') results.set(e.statement, e.value);
    if (e.event === 'error') error = e.error;
  }
  return {
    exit, events, results, error,
    prints: events.flatMap((e) => (e.event === 'print' && e.execution_id === null ? [e.text] : [])),
    executions: events.flatMap((e) => (e.event === 'execution' ? [e] : [])),
    outputOf: (id) => events.flatMap((e) => (e.event === 'print' && e.execution_id === id ? [e.text] : [])),
  };
}

/** Runs the foreground part only; background work goes on. */
export async function startRun(source: string): Promise<RunView & { runId: string }> {
  const snapshot = await runScript({ source });
  return { ...view(snapshot.exit, snapshot.events), runId: snapshot.runId };
}

/** Runs a script and waits (bounded) until every execution it started has finished with its pipeline (§18.3). */
export async function run(source: string): Promise<RunView> {
  const started = await runScript({ source });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`run's executions still unfinished after ${SETTLE_MS} ms`)), SETTLE_MS);
  });
  try {
    await Promise.race([waitForRun(started.runId), timeout]);
  } finally {
    clearTimeout(timer);
  }
  const all = await getRunEvents({ runId: started.runId, after: 0 });
  return view(started.exit, all.events);
}

/** An ES|QL query's rows, as `escript query --json` users read `values`. */
export async function esql(query: string): Promise<unknown[][]> {
  return (await runQuery({ query })).values;
}

/** An ES|QL query's rows as objects keyed by column name. */
export async function esqlRows(query: string): Promise<Record<string, unknown>[]> {
  const body = await runQuery({ query });
  return body.values.map((row) => Object.fromEntries(body.columns.map((c, i) => [c.name, row[i]])));
}

/** A record as `EXECUTION(id) | STATUS` returns it, through a one-statement run. */
export async function statusOf(idOrTrackName: string): Promise<Record<string, unknown>> {
  const ran = await run(`EXECUTION('${idOrTrackName}') | STATUS;`);
  if (ran.error) throw new Error(`STATUS of ${idOrTrackName} failed: ${JSON.stringify(ran.error)}`);
  return ran.results.get(1) as Record<string, unknown>;
}

/** Milliseconds between two ISO timestamps of a record. */
export const msBetween = (from: unknown, to: unknown): number => Date.parse(String(to)) - Date.parse(String(from));

/** Chains before FINALLY (§13.5); the four phase chains never mix within one pipeline. */
const PHASE_RANK: Record<string, number> = { on_done: 0, on_fail: 0, on_all_done: 0, on_any_fail: 0, finally: 1 };

const pipelineKey = (r: Record<string, unknown>): [number, number] => {
  const p = (r.pipeline ?? {}) as { phase?: string; position?: number };
  return [PHASE_RANK[p.phase ?? ''] ?? 0, p.position ?? 0];
};

/**
 * The continuation records (as STATUS returns them) matching an optional ES|QL condition, in the order they
 * ran. Records created in the same millisecond are ordered by their place in the pipeline, which is the
 * order §13.5 runs them in; created_at alone cannot tell them apart.
 */
export async function continuationRecords(condition?: string): Promise<Record<string, unknown>[]> {
  const where = condition ? ` AND ${condition}` : '';
  const ids = await esql(`FROM .escript_executions | WHERE kind == "continuation"${where} | KEEP execution_id`);
  const records = await Promise.all(ids.map((row) => statusOf(String(row[0]))));
  return records.sort((a, b) => {
    const byTime = Date.parse(String(a.created_at)) - Date.parse(String(b.created_at));
    if (byTime !== 0) return byTime;
    const [pa, qa] = pipelineKey(a);
    const [pb, qb] = pipelineKey(b);
    return pa - pb || qa - qb;
  });
}

/** The live output lines of each continuation of a run, in the order the continuations ran. */
export async function handlerOutputs(ran: RunView, condition?: string): Promise<string[][]> {
  return (await continuationRecords(condition)).map((r) => ran.outputOf(String(r.execution_id)));
}
