/**
 * `npm run conformance:es -- DIR` as a user runs it, on a small folder laid out like Elasticsearch's
 * repository with our own test cases: each verdict in each format, so the counts, the failure lines,
 * the exit status and the reset between YAML sections are all visible in the output.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const TSX_LOADER = `file://${path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')}`;

const YAML_TESTS = `---
"Index then get":
  - do:
      index: { index: shelf, id: "1", body: { title: "Dune", pages: 412 }, refresh: true }
  - do:
      get: { index: shelf, id: "1" }
  - match: { _source.title: Dune }
  - match: { _source.pages: 412 }

---
"Each section starts from an empty store":
  - do:
      index: { index: shelf, id: "1", body: { title: "Emma" } }
  - match: { result: updated }

---
"ES|QL warns about the default limit":
  - do:
      index: { index: shelf, id: "1", body: { title: "Dune" }, refresh: true }
  - do:
      warnings:
        - "No limit defined, adding default limit of [1000]"
      esql.query:
        body: { query: "FROM shelf | KEEP title" }
  - match: { values.0.0: Dune }

---
"Needs a runner feature nobody has":
  - skip:
      features: [teleportation]
  - do:
      info: {}
`;

const CSV_SPEC = `rowOfLiterals
ROW a = 1, b = "x";

a:integer | b:keyword
1         | x
;

wrongSum
ROW a = 2 | EVAL b = a + a;

a:integer | b:integer
2         | 5
;

needsAMissingDataset
FROM no_such_dataset | LIMIT 1;

a:integer
1
;
`;

let dir: string;

function write(relative: string, text: string): void {
  const file = path.join(dir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function runCommand(args: string[]) {
  const result = spawnSync(process.execPath, ['--no-warnings=ExperimentalWarning', '--import', TSX_LOADER, 'scripts/conformance-es.ts', ...args], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, ELASTICSEARCH_URL: '' },
  });
  return { status: result.status, lines: result.stdout.trimEnd().split('\n'), stderr: result.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escript-conformance-dir-'));
  write('rest-api-spec/src/yamlRestTest/resources/rest-api-spec/test/shelf/10_basic.yml', YAML_TESTS);
  write('x-pack/plugin/esql/qa/testFixtures/src/main/resources/shelf.csv-spec', CSV_SPEC);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run conformance:es -- DIR', () => {
  it('runs both formats of DIR, prints each failure, ends with the counts and exits 1', () => {
    const { status, lines, stderr } = runCommand(['--', dir]);
    expect(stderr).toBe('');
    expect(lines.at(-1)).toBe('3 passed, 2 failed, 2 skipped');
    expect(lines.filter((l) => l.startsWith('FAIL '))).toEqual([
      'FAIL rest-yaml shelf/10_basic.yml :: Each section starts from an empty store: match result: expected "updated", got "created"',
      'FAIL csv-spec shelf:wrongSum: row 0: [2,4] != ["2","5"]',
    ]);
    expect(status).toBe(1);
  });

  it('exits 0 when nothing fails', () => {
    fs.rmSync(path.join(dir, 'x-pack'), { recursive: true });
    write('rest-api-spec/src/yamlRestTest/resources/rest-api-spec/test/shelf/10_basic.yml', YAML_TESTS.split('\n---\n"Each section')[0]);
    const { status, lines } = runCommand([dir]);
    expect([lines.at(-1), status]).toEqual(['1 passed, 0 failed, 0 skipped', 0]);
  });

  it('refuses a folder that does not exist (exit 2)', () => {
    const { status, stderr } = runCommand([path.join(dir, 'missing')]);
    expect([status, stderr.trim()]).toEqual([2, `conformance: no such folder ${path.join(dir, 'missing')}`]);
  });
});
