/**
 * Direct answers against the general path on random data: 30 stores of up to 60 documents (some with
 * irregular values, nulls, ties, `5.0` longs, escaped strings), 40 random `FROM | WHERE | SORT | LIMIT`
 * queries each; every answer's text must equal the general path's, and enough of them must come from the
 * direct path that the comparison means something. `ROUNDS=300 SEED=n` runs it longer.
 */
import { expect, it } from 'vitest';
import { forRandomStores } from '../../../test/fuzz/esql-data';
import type { Prng } from '../../../test/fuzz/prng';
import { RawJson, jsonText } from '../rest/json-text';
import { storeCatalog } from '../storage/catalog';
import type { EsqlCatalog, IndexedReads } from './catalog';
import { Warnings } from './context';
import { directValues } from './direct-answer';
import { parseEsql, runEsql } from './index';


function randomQuery(r: Prng): string {
  const conditions = Array.from({ length: r.range(0, 2) }, () => r.pick([
    `k == "${r.pick(['a', 'b', 'z'])}"`, 'k != "a"', `n > ${r.int(50)}`, `n <= ${r.int(50)}`, `${r.int(50)} < n`, `n == ${r.int(50)}`,
  ]));
  const where = conditions.length > 0 ? ` | WHERE ${conditions.join(' AND ')}` : '';
  return `FROM logs${where} | SORT ${r.pick(['t', 'n'])}${r.pick(['', ' ASC', ' DESC', ' DESC NULLS LAST', ' ASC NULLS FIRST'])} | LIMIT ${r.range(1, 70)}`;
}

/** The catalog as it was before direct answers: the same indexed reads but `orderedSources`. */
function withoutDirect(catalog: EsqlCatalog): EsqlCatalog {
  return {
    ...catalog,
    indexedReads: (index) => {
      const reads = catalog.indexedReads?.(index);
      return reads && ({
        kind: (f) => reads.kind(f), indexable: (f) => reads.indexable(f), scan: (q) => reads.scan(q),
        countBy: (c, f) => reads.countBy(c, f), countPlain: (c, cap, also) => reads.countPlain(c, cap, also),
      } satisfies IndexedReads);
    },
  };
}

const withoutTook = (text: string) => text.replace(/^\{"took":\d+,/, '{');

it('answers random queries on random data as the general path does', () => {
  const mismatches: string[] = [];
  let direct = 0;
  let total = 0;
  forRandomStores(['t', 'k', 'n', 'b', 'm'], ({ round, seed, r, store }) => {
    const catalog = storeCatalog(store);
    for (let q = 0; q < 40; q++, total++) {
      const query = randomQuery(r);
      const ctx = { catalog, query, params: { positional: [], named: new Map() }, now: 0, warnings: new Warnings(query), read: { documentsFound: 0, valuesLoaded: 0 } };
      if (directValues(parseEsql(query).ast!, ctx)) direct++;
      const got = withoutTook(jsonText(runEsql(catalog, { query }, { valuesFromText: (t) => new RawJson(t) }).body));
      const want = withoutTook(JSON.stringify(runEsql(withoutDirect(catalog), { query }).body));
      if (got !== want) mismatches.push(`round ${round} (seed ${seed}): ${query}\n  direct:  ${got.slice(0, 300)}\n  general: ${want.slice(0, 300)}`);
    }
  });
  expect(mismatches.slice(0, 3)).toEqual([]);
  expect(direct).toBeGreaterThan(total / 10);
}, 120_000);
