/** `escript query --format txt|csv|tsv`: the store's text answer on stdout, as a user pipes it to a file. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'escript-cli-format-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const escript = (...args: string[]) =>
  spawnSync(join(ROOT, 'bin/escript'), args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ELASTICSEARCH_URL: '' } });

const QUERY = 'ROW n = 1, label = "a, b" | EVAL twice = n * 2';

describe('escript query --format', () => {
  it('prints CSV, TSV and the text table as the store writes them', () => {
    const csv = escript('query', '--data', dataDir, '--format', 'csv', QUERY);
    expect([csv.status, csv.stderr, csv.stdout]).toEqual([0, '', 'n,label,twice\r\n1,"a, b",2\r\n']);
    const tsv = escript('query', '--data', dataDir, '--format=tsv', QUERY);
    expect(tsv.stdout).toBe('n\tlabel\ttwice\n1\ta, b\t2\n');
    const txt = escript('query', '--data', dataDir, '--format', 'txt', QUERY);
    expect(txt.stdout.split('\n')[2]).toBe('1              |a, b           |2              ');
  });

  it('refuses an unknown format, or one with --json, as bad usage', () => {
    const unknown = escript('query', '--data', dataDir, '--format', 'xml', QUERY);
    expect([unknown.status, unknown.stderr.split('\n')[0]]).toEqual([2, "escript: --format needs txt, csv, tsv (got 'xml')"]);
    const both = escript('query', '--data', dataDir, '--json', '--format', 'csv', QUERY);
    expect([both.status, both.stderr.split('\n')[0]]).toEqual([2, 'escript: --json and --format cannot go together']);
  });

  it('reports a query error on stderr with exit status 1', () => {
    const failed = escript('query', '--data', dataDir, '--format', 'csv', 'ROW a = nope');
    expect([failed.status, failed.stdout]).toEqual([1, '']);
    expect(failed.stderr).toContain('query: verification_exception');
  });
});
