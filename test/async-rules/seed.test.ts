/**
 * LANGUAGE.md §15: the seed notebook (shared/seeds/async-execution.md) runs verbatim, one run per cell in
 * order, each cell's background work finished before the next starts, as the notebook is used. Every
 * PRINT line, return value and record is checked against §15, and so are "afterwards", the second run of
 * the notebook and the syntax overview.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeName } from '../../lib/service';
import { esql, run, statusOf, useFreshStore, type RunView } from './harness';

useFreshStore();

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SEED = resolve(process.env.ESCRIPT_SHARED_DIR ?? join(ROOT, '..', 'shared'), 'seeds/async-execution.md');

/** The notebook's ```sql blocks in order: [0] is the syntax overview, [1]…[13] are cells 1–13. */
const BLOCKS = [...readFileSync(SEED, 'utf8').matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]);

const CREATE_CELLS: [number, string][] = [
  [1, 'analyze_logs'], [2, 'handle_success'], [3, 'handle_error'], [4, 'test_async_basic'], [6, 'check_status'],
  [8, 'fetch_logs'], [9, 'fetch_metrics'], [10, 'merge_results'], [11, 'test_parallel'],
];

const ANALYZED = { analyzed: true, pattern: 'logs-*', count: 1000 };
const LOGS = { source: 'logs', count: 500 };
const METRICS = { source: 'metrics', count: 200 };
const ID = expect.stringMatching(/^exec-[0-9a-f]{16}$/);
const DATE = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

/** Runs the thirteen cells in order; returns each cell's run. */
async function runNotebook(): Promise<Map<number, RunView>> {
  expect(BLOCKS).toHaveLength(14);
  const cells = new Map<number, RunView>();
  for (let cell = 1; cell <= 13; cell++) cells.set(cell, await run(BLOCKS[cell]));
  return cells;
}

/** The background executions of a cell as (procedure or kind, status, output), sorted. */
const executionsOf = (ran: RunView) => ran.executions
  .map((e) => [e.kind, e.procedure_name, e.track_name, e.status, ran.outputOf(e.execution_id)] as const)
  .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));

describe('§15 Worked example: the async notebook', () => {
  it('runs every cell verbatim with the output, result and executions §15 gives', async () => {
    const cells = await runNotebook();
    for (const [cell, name] of CREATE_CELLS) {
      const ran = cells.get(cell) as RunView;
      expect(ran.error, `cell ${cell}`).toBeNull();
      expect(ran.prints, `cell ${cell}`).toEqual([]);
      expect(ran.results.get(1), `cell ${cell}`).toEqual({ name, kind: 'procedure', result: 'created' });
      expect(ran.executions, `cell ${cell}`).toEqual([]);
    }

    const cell5 = cells.get(5) as RunView;
    expect(cell5.prints).toEqual([]);
    expect(cell5.results.get(1)).toBe('Async execution started');
    expect(executionsOf(cell5)).toEqual([
      ['continuation', 'handle_success', null, 'COMPLETED',
        ['SUCCESS: Analysis complete!', 'Result: {"analyzed":true,"pattern":"logs-*","count":1000}']],
      ['procedure', 'analyze_logs', 'basic-test', 'COMPLETED', ['Analyzing logs from: logs-*']],
    ]);
    // The CALL's value came before its execution reported (the async statement did not wait).
    const callResult = cell5.events.findIndex((e) => e.event === 'result');
    const e1Done = cell5.events.findIndex((e) => e.event === 'execution' && e.procedure_name === 'analyze_logs');
    expect(callResult).toBeLessThan(e1Done);

    const cell7 = cells.get(7) as RunView;
    expect(cell7.prints).toEqual([]);
    expect(cell7.executions).toEqual([]);
    const e1 = cell7.results.get(1) as Record<string, unknown>;
    expect(Object.keys(e1)).toEqual([
      'execution_id', 'kind', 'track_name', 'procedure_name', 'arguments', 'status', 'parent_id', 'root_id', 'retry_of',
      'pipeline', 'result', 'error', 'output', '@timestamp', 'created_at', 'started_at', 'completed_at', 'duration_ms',
      'node', 'heartbeat_at', 'cancel_requested', 'pipeline_done',
    ]);
    expect(e1).toEqual({
      execution_id: ID, kind: 'procedure', track_name: 'basic-test', procedure_name: 'analyze_logs', arguments: ['logs-*'],
      status: 'COMPLETED', parent_id: null, root_id: e1.execution_id, retry_of: null,
      pipeline: { on_done: [{ handler: 'handle_success', args: [{ binding: 'result' }] }], on_fail: [], finally: [], timeout_seconds: null },
      result: ANALYZED, error: null, output: ['Analyzing logs from: logs-*'],
      '@timestamp': e1.created_at, created_at: DATE, started_at: DATE, completed_at: DATE, duration_ms: expect.any(Number),
      node: nodeName(), heartbeat_at: DATE, cancel_requested: false, pipeline_done: true,
    });
    expect(e1.execution_id).toBe(cell5.executions.find((e) => e.procedure_name === 'analyze_logs')?.execution_id);

    const cell12 = cells.get(12) as RunView;
    expect(cell12.prints).toEqual([]);
    expect(cell12.results.get(1)).toBe('Parallel execution started');
    expect(executionsOf(cell12)).toEqual([
      ['continuation', 'merge_results', null, 'COMPLETED', ['Merging 2 results...']],
      ['parallel', null, 'parallel-fetch', 'COMPLETED', []],
      ['procedure', 'fetch_logs', null, 'COMPLETED', ['Fetching logs...']],
      ['procedure', 'fetch_metrics', null, 'COMPLETED', ['Fetching metrics...']],
    ]);

    const cell13 = cells.get(13) as RunView;
    expect(cell13.prints).toEqual([]);
    expect(cell13.error).toBeNull();
    expect(cell13.results.get(1)).toEqual([]);
  });

  it('leaves the six records of §15, field for field', async () => {
    await runNotebook();
    const ids = (await esql('FROM .escript_executions | KEEP execution_id')).map((r) => String(r[0]));
    expect(ids).toHaveLength(6);
    const records = await Promise.all(ids.map(statusOf));
    const find = (p: (r: Record<string, unknown>) => boolean) => records.filter(p);
    for (const r of records) {
      expect(r).toMatchObject({ status: 'COMPLETED', error: null, retry_of: null, node: nodeName(), cancel_requested: false, pipeline_done: true });
      expect(r.duration_ms).toEqual(expect.any(Number));
    }
    const [e1] = find((r) => r.procedure_name === 'analyze_logs');
    const [e2] = find((r) => r.procedure_name === 'handle_success');
    const [g] = find((r) => r.kind === 'parallel');
    const [b1] = find((r) => r.procedure_name === 'fetch_logs');
    const [b2] = find((r) => r.procedure_name === 'fetch_metrics');
    const [c] = find((r) => r.procedure_name === 'merge_results');
    const row = (r: Record<string, unknown>) =>
      [r.kind, r.track_name, r.procedure_name, r.arguments, r.parent_id, r.root_id, r.result, r.output, r.pipeline];
    expect(row(e1)).toEqual(['procedure', 'basic-test', 'analyze_logs', ['logs-*'], null, e1.execution_id, ANALYZED,
      ['Analyzing logs from: logs-*'],
      { on_done: [{ handler: 'handle_success', args: [{ binding: 'result' }] }], on_fail: [], finally: [], timeout_seconds: null }]);
    expect(row(e2)).toEqual(['continuation', null, 'handle_success', [ANALYZED], e1.execution_id, e1.execution_id, 'handled',
      ['SUCCESS: Analysis complete!', 'Result: {"analyzed":true,"pattern":"logs-*","count":1000}'], { phase: 'on_done', position: 0 }]);
    expect(row(g)).toEqual(['parallel', 'parallel-fetch', null, null, null, g.execution_id, [LOGS, METRICS], [], {
      branches: [{ procedure_name: 'fetch_logs', arguments: [] }, { procedure_name: 'fetch_metrics', arguments: [] }],
      on_all_done: [{ handler: 'merge_results', args: [{ binding: 'results' }] }], on_any_fail: [], finally: [], timeout_seconds: null,
    }]);
    expect(row(b1)).toEqual(['procedure', null, 'fetch_logs', [], g.execution_id, g.execution_id, LOGS, ['Fetching logs...'], null]);
    expect(row(b2)).toEqual(['procedure', null, 'fetch_metrics', [], g.execution_id, g.execution_id, METRICS, ['Fetching metrics...'], null]);
    expect(row(c)).toEqual(['continuation', null, 'merge_results', [[LOGS, METRICS]], g.execution_id, g.execution_id,
      { merged: true, total: 2 }, ['Merging 2 results...'], { phase: 'on_all_done', position: 0 }]);

    // Afterwards (§15): STATUS by the group's track name, and CANCEL of the finished basic-test.
    const after = await run(`EXECUTION('parallel-fetch') | STATUS;\nEXECUTION('basic-test') | CANCEL;`);
    expect((after.results.get(1) as Record<string, unknown>).execution_id).toBe(g.execution_id);
    expect(after.results.get(2)).toEqual({ execution_id: e1.execution_id, status: 'COMPLETED', cancelled: false });
  });

  it('runs a second time: CREATE cells answer "updated", new records join the old, and names resolve to the newest', async () => {
    await runNotebook();
    const first = await statusOf('basic-test');
    const again = new Map<number, RunView>();
    for (let cell = 1; cell <= 13; cell++) again.set(cell, await run(BLOCKS[cell]));
    for (const [cell, name] of CREATE_CELLS) {
      expect(again.get(cell)?.results.get(1), `cell ${cell}`).toEqual({ name, kind: 'procedure', result: 'updated' });
    }
    expect(again.get(5)?.results.get(1)).toBe('Async execution started');
    expect(again.get(12)?.results.get(1)).toBe('Parallel execution started');
    expect(again.get(13)?.results.get(1)).toEqual([]);
    const newest = again.get(7)?.results.get(1) as Record<string, unknown>;
    expect(newest).toMatchObject({ track_name: 'basic-test', status: 'COMPLETED', result: ANALYZED });
    expect(newest.execution_id).not.toBe(first.execution_id);
    expect(await esql('FROM .escript_executions | STATS n = COUNT(*) BY status')).toEqual([[12, 'COMPLETED']]);
  });

  it("treats the syntax overview as templates: the first line is a syntax error as written, and works with real names", async () => {
    const overview = BLOCKS[0].split('\n').filter((l) => l.trim() !== '' && !l.startsWith('--'));
    expect(overview[0]).toBe("procedure() | ON_DONE handler(@result) | ON_FAIL handler(@error) | TRACK AS 'name';");
    const asWritten = await run(overview[0]);
    expect(asWritten.exit).toBe(2);
    expect(asWritten.error).toMatchObject({ type: 'syntax_error', line: 1, column: 1 });

    for (const cell of [1, 2, 3]) await run(BLOCKS[cell]);
    const real = await run(`
CREATE PROCEDURE broken_logs(index_pattern STRING) BEGIN THROW 'index ' || index_pattern || ' is closed'; END PROCEDURE
analyze_logs('logs-*') | ON_DONE handle_success(@result) | ON_FAIL handle_error(@error) | TRACK AS 'name';
broken_logs('logs-*') | ON_DONE handle_success(@result) | ON_FAIL handle_error(@error) | TRACK AS 'broken';`);
    expect(real.error).toBeNull();
    expect(executionsOf(real)).toEqual([
      ['continuation', 'handle_error', null, 'COMPLETED', ['ERROR: index logs-* is closed', 'Alerting on-call team...']],
      ['continuation', 'handle_success', null, 'COMPLETED',
        ['SUCCESS: Analysis complete!', 'Result: {"analyzed":true,"pattern":"logs-*","count":1000}']],
      ['procedure', 'analyze_logs', 'name', 'COMPLETED', ['Analyzing logs from: logs-*']],
      ['procedure', 'broken_logs', 'broken', 'FAILED', []],
    ]);
  });
});
