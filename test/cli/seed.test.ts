/**
 * The acceptance check for the CLI: `escript run --json examples/seed.es` on a fresh embedded
 * store prints the seed's lines, CALL test_async_basic() returns before its background execution ends,
 * and the executions are recorded as COMPLETED afterwards.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'escript-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const escript = (...args: string[]) =>
  spawnSync(join(ROOT, 'bin/escript'), args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ELASTICSEARCH_URL: '' } });

describe('escript run examples/seed.es', () => {
  it('prints the seed lines, returns from the async CALL at once, and records the executions', () => {
    const ran = escript('run', '--json', '--data', dataDir, 'examples/seed.es');
    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
    const events = ran.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const texts = events.filter((e) => e.event === 'print').map((e) => e.text);
    expect(texts).toEqual(expect.arrayContaining([
      'Analyzing logs from: logs-*', 'SUCCESS: Analysis complete!', 'Result: {"analyzed":true,"pattern":"logs-*","count":1000}',
      'Fetching logs...', 'Fetching metrics...', 'Merging 2 results...',
    ]));
    expect(texts).toHaveLength(6);

    // CALL test_async_basic() is statement 5: its value comes before the background execution reports.
    const callResult = events.findIndex((e) => e.event === 'result' && e.statement === 5);
    const analyzeDone = events.findIndex((e) => e.event === 'execution' && e.procedure_name === 'analyze_logs');
    expect(events[callResult]).toMatchObject({ value: 'Async execution started' });
    expect(callResult).toBeLessThan(analyzeDone);
    expect(events[analyzeDone]).toMatchObject({ kind: 'procedure', track_name: 'basic-test', status: 'COMPLETED' });

    const basic = escript('query', '--json', '--data', dataDir, 'FROM .escript_executions | WHERE track_name == "basic-test" | KEEP status');
    expect(basic.status).toBe(0);
    expect(JSON.parse(basic.stdout)).toMatchObject({ columns: [{ name: 'status', type: 'keyword' }], values: [['COMPLETED']] });

    const parallel = escript('query', '--data', dataDir, 'FROM .escript_executions | WHERE track_name == "parallel-fetch" | KEEP kind, status');
    expect(parallel.stdout).toMatch(/parallel\s+\|\s+COMPLETED/);
  }, 120_000);

  it('reports syntax errors with file, line and column, runs nothing, and exits 2', () => {
    const ran = escript('run', '--data', dataDir, join(ROOT, 'test/cli/fixtures/syntax-error.es'));
    expect(ran.status).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toMatch(/syntax-error\.es:2:5: syntax_error: /);
  }, 60_000);

  it('exits 1 on a runtime error and keeps what was printed before it', () => {
    const ran = escript('run', '--data', dataDir, join(ROOT, 'test/cli/fixtures/runtime-error.es'));
    expect(ran.status).toBe(1);
    expect(ran.stdout).toBe('before\n');
    expect(ran.stderr).toMatch(/runtime-error\.es:2:9: division_error: division by zero/);
  }, 60_000);

  it('explains bad usage and exits 2', () => {
    const ran = escript('frobnicate');
    expect(ran.status).toBe(2);
    expect(ran.stderr).toMatch(/unknown command 'frobnicate'/);
  }, 60_000);
});
