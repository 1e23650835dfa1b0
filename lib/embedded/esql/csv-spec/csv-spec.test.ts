import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { specCases } from './cases';
import { runCase } from './compare';
import { loadDatasets } from './datasets';

// `file:case  # reason` per line: cases this engine does not support yet
const SKIPPED = new Map(readFileSync(join(__dirname, 'skip-list.txt'), 'utf8').split('\n')
  .map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
  .map((l) => { const [id, reason = ''] = l.split(/\s+#\s*/); return [id.trim(), reason] as const; }));

const catalog = loadDatasets();
const cases = specCases();
const runnable = cases.filter((c) => c.outOfScope === null);

describe('ES|QL csv-spec conformance', () => {
  it.each(runnable.filter((c) => !SKIPPED.has(c.id)).map((c) => [c.id, c.case] as const))('%s', (_id, c) => {
    expect(runCase(catalog, c)).toBeNull();
  });

  it('the skip list only names cases that exist and still fail', () => {
    const ids = new Set(runnable.map((c) => c.id));
    const stale = [...SKIPPED.keys()].filter((id) => !ids.has(id) || runCase(catalog, runnable.find((c) => c.id === id)!.case) === null);
    expect(stale).toEqual([]);
  });
});
