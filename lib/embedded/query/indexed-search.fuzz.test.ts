/**
 * Searches the field indexes answer against the general path, on random data: 30 stores of up to 60
 * documents (some dirty), 40 random searches each (term/terms/bool queries, sorts on one to three keys,
 * sizes, offsets, totals, versions). The general path is the same search reached through an alias whose
 * filter matches everything, which never uses the indexes; the response texts must be equal. Enough of the
 * searches must take the indexed path that the comparison means something. `ROUNDS=300 SEED=n` runs it longer.
 */
import { expect, it } from 'vitest';
import { forRandomStores } from '../../../test/fuzz/esql-data';
import type { Prng } from '../../../test/fuzz/prng';
import { jsonText } from '../rest/json-text';
import { indexedSearch } from './indexed-search';
import { runSearch, type SearchRequest } from './search';
import { parseSort } from './sort';

function randomSearch(r: Prng): SearchRequest {
  const query = r.pick([undefined, { match_all: {} }, { term: { k: r.pick(['a', 'b', 'z']) } }, { terms: { k: ['a', 'c'] } },
    { bool: { filter: [{ term: { k: 'b' } }] } }, { term: { 'm.keyword': 'hi' } },
    { bool: { filter: [{ term: { k: 'a' } }], should: [{ range: { n: { gte: 10 } } }], minimum_should_match: 1 } }]);
  const key = () => ({ [r.pick(['t', 'n', 'k', 'd'])]: { order: r.pick(['asc', 'desc']), ...(r.chance(0.2) ? { missing: r.pick(['_first', '_last']) } : {}) } });
  const req: SearchRequest = { size: r.range(0, 30) };
  if (query) req.query = query;
  if (r.chance(0.9)) req.sort = Array.from({ length: r.range(1, 3) }, key);
  if (r.chance(0.3)) req.from = r.range(0, 20);
  if (r.chance(0.5)) req.track_total_hits = r.pick([false, true, 5]);
  if (r.chance(0.2)) req.version = true;
  return req;
}

it('answers random searches on random data as the general path does', () => {
  const mismatches: string[] = [];
  let indexed = 0;
  let total = 0;
  forRandomStores(['t', 'k', 'n', 'd', 'm'], ({ round, seed, r, docs, store }) => {
    const everything = new Map([['logs', { match_all: {} }]]);
    const properties = store.getIndex('logs')!.mappings.properties;
    for (let q = 0; q < 40; q++, total++) {
      const req = randomSearch(r);
      const ctx = { index: 'logs', properties, nowMs: 0 };
      const reqForIndexes = { query: req.query, size: req.size ?? 10, from: req.from ?? 0, trackTotalHits: req.track_total_hits, exactTotal: false };
      if (indexedSearch(store, 'logs', reqForIndexes, parseSort(req.sort), ctx)) indexed++;
      const run = (filters?: Map<string, Record<string, unknown>>) => {
        try { return jsonText(runSearch(store, ['logs'], structuredClone(req), filters)).replace(/^\{"took":\d+,/, '{'); } catch (e) { return `error: ${(e as Error).message}`; }
      };
      const got = run();
      const want = run(everything);
      if (got !== want) mismatches.push(`round ${round} (seed ${seed}): ${JSON.stringify(req)}\n  indexed: ${got.slice(0, 300)}\n  general: ${want.slice(0, 300)}\n  documents: ${docs.join(' ')}`);
    }
  });
  expect(mismatches.slice(0, 3)).toEqual([]);
  expect(indexed).toBeGreaterThan(total / 5);
}, 120_000);
