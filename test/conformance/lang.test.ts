/**
 * Runs every language conformance case in ../shared/conformance/lang through the `escript run --json`
 * contract, exactly as its README describes, on a fresh embedded data directory per case.
 * Every case must pass: a case believed wrong is raised with the spec's owner, never skipped here.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mismatch, multisetMismatch, partialMismatch } from './match';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CASES = resolve(process.env.ESCRIPT_SHARED_DIR ?? join(ROOT, '..', 'shared'), 'conformance/lang');
const ESCRIPT = join(ROOT, 'bin/escript');
/** A case runs the CLI once plus once per `after` query; the README promises none needs more than a minute. */
const CASE_TIMEOUT_MS = 180_000;

interface Expected {
  exit: number;
  events: Record<string, unknown>[];
  executions?: Record<string, unknown>[];
  after?: { query: string; values: unknown[][] }[];
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function escript(args: string[]): Promise<Ran> {
  return new Promise((done, fail) => {
    const child = spawn(ESCRIPT, args, { cwd: ROOT, env: { ...process.env, ELASTICSEARCH_URL: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Everything wrong with one case's run, or [] when it conforms. */
async function checkCase(name: string): Promise<string[]> {
  const expected = JSON.parse(readFileSync(join(CASES, `${name}.json`), 'utf8')) as Expected;
  const dataDir = mkdtempSync(join(tmpdir(), 'escript-conformance-'));
  const problems: string[] = [];
  try {
    const ran = await escript(['run', '--json', '--data', dataDir, join(CASES, `${name}.es`)]);
    if (ran.code !== expected.exit) problems.push(`exit ${ran.code}, expected ${expected.exit}; stderr: ${ran.stderr.slice(0, 2000)}`);
    const events: Record<string, unknown>[] = [];
    for (const line of ran.stdout.split('\n').filter(Boolean)) {
      try {
        events.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        problems.push(`stdout line is not JSON: ${line.slice(0, 200)}`);
      }
    }
    const foreground = events.filter((e) => e.event === 'result' || e.event === 'error' || (e.event === 'print' && e.execution_id === null));
    if (foreground.length !== expected.events.length) {
      problems.push(`expected ${expected.events.length} foreground events, got ${foreground.length}: ${JSON.stringify(foreground).slice(0, 3000)}`);
    }
    expected.events.forEach((e, i) => {
      const m = foreground[i] ? partialMismatch(e, foreground[i], `events[${i}]`) : `events[${i}]: missing`;
      if (m) problems.push(m);
    });
    if (expected.executions) {
      const actual = events.filter((e) => e.event === 'execution').map((e) => ({
        ...e,
        output: events.filter((p) => p.event === 'print' && p.execution_id === e.execution_id).map((p) => p.text),
      }));
      const m = multisetMismatch(expected.executions, actual);
      if (m) problems.push(`executions: ${m}`);
    }
    for (const { query, values } of expected.after ?? []) {
      const answer = await escript(['query', '--json', '--data', dataDir, query]);
      if (answer.code !== 0) {
        problems.push(`after query failed (${query}): ${answer.stderr.slice(0, 1000)}`);
        continue;
      }
      const m = mismatch(values, (JSON.parse(answer.stdout) as { values: unknown }).values, 'values');
      if (m) problems.push(`after ${query}: ${m}`);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return problems;
}

const cases = existsSync(CASES)
  ? readdirSync(CASES).filter((f) => f.endsWith('.es')).map((f) => f.slice(0, -3)).sort()
  : [];

describe('language conformance (shared/conformance/lang)', () => {
  it('finds the cases', () => {
    expect(cases.length).toBeGreaterThan(50);
  });

  for (const name of cases) {
    it.concurrent(name, async () => {
      expect(await checkCase(name)).toEqual([]);
    }, CASE_TIMEOUT_MS);
  }
});
