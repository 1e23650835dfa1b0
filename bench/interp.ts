/**
 * `npm run bench:interp`: the interpreter benchmark of ../shared/bench (README there). Each program runs
 * through the interpreter and, in the same process and run, as its plain JavaScript version; when PGHOST is
 * set, also as PL/pgSQL inside PostgreSQL (timed in the database by the shared harness). Every result is
 * checked against the expected value, and the ratios are printed side by side: these machines are noisy,
 * so only ratios measured in one run mean anything.
 *
 *   npm run bench:interp -- [program ...] [--runs=5] [--warmups=1] [--bench-dir=../shared/bench]
 *   bash bench/with-postgres.sh npm run bench:interp     (adds PL/pgSQL in a throwaway local PostgreSQL)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createClient, ensureSystemIndices } from '../lib/elasticsearch';
import { renderValue, runScript, type AsyncHost, type Value } from '../lib/runtime';
import { median, parseBenchArgs } from './args';

const PROGRAMS = ['loop_sum', 'fib', 'strings', 'docs'] as const;
type Program = (typeof PROGRAMS)[number];

/** The SQL each PL/pgSQL program is timed with, rendered as the JS baseline renders its result. */
const PG_QUERY: Record<Program, string> = {
  loop_sum: 'select loop_sum(5000000)::text',
  fib: 'select fib(25)::text',
  strings: "select s.len || ' ' || s.head from strings(200000) s",
  docs: 'select docs(200000)::text',
};

/** The benchmark programs make no async calls: any attempt is a broken benchmark. */
const NO_ASYNC: AsyncHost = {
  startCall: () => { throw new Error('the benchmark programs make no async calls'); },
  startParallel: () => { throw new Error('the benchmark programs make no async calls'); },
  operate: () => { throw new Error('the benchmark programs make no async calls'); },
};

interface JsProgram { run(): unknown; render(r: unknown): string; expected: string }

/** The expected results (../shared/bench/README.md), for the PL/pgSQL check. */
const EXPECTED: Record<Program, string> = { loop_sum: '15000000', fib: '75025', strings: '400000 X1X2X3X4X5', docs: '33299667' };

/** What an elastic-script run produced, rendered like the JS baseline: its last PRINT, else its value. */
function renderEscript(prints: string[], value: Value): string {
  if (prints.length) return prints[prints.length - 1];
  if (value instanceof Map) return `${renderValue(value.get('length') ?? null)} ${renderValue(value.get('head') ?? null)}`;
  return renderValue(value);
}

/** Times one program, elastic-script and JavaScript interleaved run by run, in this process; medians in ms. */
async function timeProgram(name: Program, benchDir: string, warmups: number, runs: number): Promise<{ es: number; js: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escript-bench-'));
  const client = await createClient({ dataDir });
  try {
    await ensureSystemIndices(client);
    const js = (await import(pathToFileURL(path.join(benchDir, 'js', `${name}.mjs`)).href)) as JsProgram;
    const source = fs.readFileSync(path.join(benchDir, 'es', `${name}.es`), 'utf8');
    const runEscript = async (): Promise<string> => {
      const prints: string[] = [];
      const outcome = await runScript(source, {
        host: { client, async: NO_ASYNC }, caller: { runId: 'bench', executionId: null },
        onPrint: (text) => prints.push(text),
      });
      if (outcome.kind === 'syntax') throw new Error(`${name}.es: ${outcome.errors[0].message}`);
      if (outcome.error) throw new Error(`${name}.es: ${outcome.error.type}: ${outcome.error.message}`);
      return renderEscript(prints, outcome.result);
    };
    const check = (form: string, got: string) => {
      if (got !== js.expected) throw new Error(`${name} (${form}): got ${got}, expected ${js.expected}`);
    };
    // Interleaved run by run, so that drift of the machine hits both forms alike.
    const esMs: number[] = [];
    const jsMs: number[] = [];
    for (let k = 0; k < warmups + runs; k++) {
      let t0 = performance.now();
      const esOut = await runEscript();
      const esTime = performance.now() - t0;
      check('elastic-script', esOut);
      t0 = performance.now();
      const jsOut = js.run();
      const jsTime = performance.now() - t0;
      check('JavaScript', js.render(jsOut));
      if (k >= warmups) { esMs.push(esTime); jsMs.push(jsTime); }
    }
    return { es: median(esMs), js: median(jsMs) };
  } finally {
    await client.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Each program is timed in a fresh Node process: the interpreter's closures are shared code, and the
 * type feedback one program leaves behind would slow the next (a real effect in a long-running server,
 * but it would make the numbers depend on the order of the programs).
 */
function timeInChild(name: Program, benchDir: string, warmups: number, runs: number): { es: number; js: number } {
  // The same V8 setting as bin/escript and the server (docs/ARCHITECTURE.md, decision 12).
  const args = ['--max-semi-space-size=64', ...process.execArgv, import.meta.filename, `--child=${name}`, `--bench-dir=${benchDir}`, `--warmups=${warmups}`, `--runs=${runs}`];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`${name}: the timing process failed (exit ${r.status})`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as { es: number; js: number };
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2), PROGRAMS);
  const benchDir = path.resolve(args.options['bench-dir'] ?? path.join(import.meta.dirname, '../../shared/bench'));
  const runs = Number(args.options.runs ?? 5);
  const warmups = Number(args.options.warmups ?? 1);
  const child = args.options.child as Program | undefined;
  if (child) {
    console.log(JSON.stringify(await timeProgram(child, benchDir, warmups, runs)));
    return;
  }
  const pg = process.env.PGHOST ? new PlPgSql(benchDir) : null;
  console.log(`interpreter benchmark: ${runs} timed runs after ${warmups} warm-up, medians in ms${pg ? '' : ' (PL/pgSQL skipped: PGHOST is not set)'}`);
  const rows: string[][] = [];
  for (const name of args.programs as Program[]) {
    const { es, js } = timeInChild(name, benchDir, warmups, runs);
    const pgm = pg ? pg.time(name, PG_QUERY[name], warmups, runs) : null;
    rows.push([
      name, es.toFixed(1), js.toFixed(1), `${(es / js).toFixed(1)}x`,
      pgm === null ? '-' : pgm.toFixed(1), pgm === null ? '-' : `${(pgm / es).toFixed(1)}x`,
    ]);
  }
  printTable(['program', 'escript ms', 'js ms', 'escript/js', 'plpgsql ms', 'plpgsql/escript'], rows);
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [header, ...rows]) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
}

/** PL/pgSQL through `psql` (PGHOST, PGPORT, PGUSER, PGDATABASE as libpq reads them): the shared harness times in the database. */
class PlPgSql {
  constructor(private readonly benchDir: string) {
    this.psql(['-f', path.join(benchDir, 'pg', 'harness.sql')]);
  }

  time(name: Program, query: string, warmups: number, runs: number): number {
    const expected = EXPECTED[name];
    this.psql(['-f', path.join(this.benchDir, 'pg', `${name}.sql`)]);
    const sql = `select ms, result from bench_time('${query.replaceAll("'", "''")}', ${warmups}, ${runs})`;
    const rows = this.psql(['-At', '-F', '\t', '-c', sql]).trim().split('\n').map((l) => l.split('\t'));
    for (const [, result] of rows) {
      if (result !== expected) throw new Error(`${name} (PL/pgSQL): got ${result}, expected ${expected}`);
    }
    return median(rows.map(([ms]) => Number(ms)));
  }

  private psql(args: string[]): string {
    const r = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...args], { encoding: 'utf8' });
    if (r.error) throw new Error(`psql: ${r.error.message}`);
    if (r.status !== 0) throw new Error(`psql failed: ${r.stderr.trim()}`);
    return r.stdout;
  }
}

await main();
