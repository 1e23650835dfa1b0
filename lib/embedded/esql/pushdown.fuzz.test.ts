/**
 * The pushdown (indexed reads, direct answers included) against the general path with no indexes at all,
 * on random data: 30 stores of up to 60 documents, some dirty, and 40 random queries each (pushed and
 * unpushed WHERE conditions, sorts on one or two keys, STATS COUNT(*) BY, LIMIT, KEEP). Every answer must
 * be the same but for `documents_found` and `values_loaded`, which count what FROM read, and the warnings. `ROUNDS=300
 * SEED=n` runs it longer.
 */
import { expect, it } from 'vitest';
import { forRandomStores } from '../../../test/fuzz/esql-data';
import type { Prng } from '../../../test/fuzz/prng';
import { storeCatalog } from '../storage/catalog';
import { runEsql } from './index';

function randomQuery(r: Prng): string {
  const condition = () => r.pick([`k == "${r.pick(['a', 'b', 'z'])}"`, 'k != "a"', `n > ${r.int(50)}`, `n <= ${r.int(50)}`, 'd >= 1',
    'm.keyword == "hi"', 'm == "a"', 'm LIKE "h*"', `${r.int(50)} < n`, 'n IS NULL', 'k IN ("a", "c")', `n IN (${r.int(50)}, ${r.int(50)})`,
    `NOT n > ${r.int(50)}`, 't > "2026-01-01T00:00:10Z"', 'd != 0']);
  const conditions = Array.from({ length: r.range(0, 2) }, condition);
  const where = conditions.length > 0 ? ` | WHERE ${conditions.join(' AND ')}` : '';
  return r.pick([
    () => `FROM logs${where} | SORT ${r.pick(['t', 'n', 'd', 'k'])}${r.pick(['', ' DESC', ' DESC NULLS LAST', ' ASC NULLS FIRST'])}${r.chance(0.3) ? `, ${r.pick(['n', 'k', 't'])}` : ''} | LIMIT ${r.range(0, 70)}`,
    () => `FROM logs${where} | STATS c = COUNT(*) BY ${r.pick(['k', 'm', 'm.keyword'])}`,
    () => `FROM logs${where} | LIMIT ${r.range(0, 70)}`,
    () => `FROM logs${where} | SORT n | LIMIT 5 | KEEP n, k`,
    () => `FROM logs${where}${where ? ` | WHERE ${condition()}` : ''} | SORT ${r.pick(['t', 'n'])} DESC | LIMIT ${r.range(1, 20)} | KEEP k*, n`,
    () => `FROM logs | EVAL x = n${where} | SORT x | LIMIT ${r.range(1, 20)}`,
  ])();
}

/**
 * Status and body (without the timing and the read counts), as one text. Warnings are left out: a
 * multi-value warning belongs to the documents a condition is evaluated on, and a pushed condition spares
 * the others, as Elasticsearch's Lucene pushdown does.
 */
function answer(result: ReturnType<typeof runEsql>): string {
  const { took: _took, documents_found: _found, values_loaded: _loaded, ...body } = result.body as Record<string, unknown>;
  return `${result.status} ${JSON.stringify(body)}`;
}

it('answers random queries on random data as the path without indexes does', () => {
  const mismatches: string[] = [];
  forRandomStores(['t', 'k', 'n', 'd', 'm'], ({ round, seed, r, docs, store }) => {
    const catalog = storeCatalog(store);
    const { indexedReads: _none, ...general } = catalog;
    for (let q = 0; q < 40; q++) {
      const query = randomQuery(r);
      const got = answer(runEsql(catalog, { query }));
      const want = answer(runEsql(general, { query }));
      if (got !== want) mismatches.push(`round ${round} (seed ${seed}): ${query}\n  pushed:  ${got.slice(0, 300)}\n  general: ${want.slice(0, 300)}\n  documents: ${docs.join(' ')}`);
    }
  });
  expect(mismatches.slice(0, 3)).toEqual([]);
}, 120_000);
