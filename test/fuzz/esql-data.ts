/**
 * Random small stores for the ES|QL differential tests (direct answers, pushdown): log-like source texts
 * whose fields come from a table of value makers. A dirty store also gets values that FROM reads
 * otherwise than they are stored (arrays, numbers as strings, other date spellings): the irregular values
 * the store's indexes hand back to the general path.
 */
import type { Store } from '../../lib/embedded/storage/store';
import type { MappingProperties } from '../../lib/embedded/storage/types';
import { storeWithDocuments, tempDataDir } from '../../lib/embedded/test-support';
import { caseSeed, Prng } from './prng';

/** How one field's value is written: `clean` always; `odd` (a text, may be undefined) in dirty stores now and then. */
export interface FieldMaker { name: string; present: number; clean: (r: Prng) => string; odd?: (r: Prng) => string | undefined }

const ISO_TIMES = (r: Prng) => JSON.stringify(new Date(Date.UTC(2026, 0, 1) + r.int(r.chance(0.5) ? 40 : 100_000) * 1000).toISOString());

/** The fields both differential tests write; each picks the ones its mapping has. */
export const FIELD_MAKERS: Record<string, FieldMaker> = {
  t: { name: 't', present: 0.9, clean: ISO_TIMES, odd: (r) => (r.chance(0.05) ? 'null' : r.chance(0.05) ? '"2026-01-01"' : r.chance(0.03) ? '1767225600000' : undefined) },
  k: { name: 'k', present: 0.9, clean: (r) => JSON.stringify(r.pick(['a', 'b', 'c', 'é\\u00e9'])), odd: (r) => (r.chance(0.05) ? '["a","b"]' : r.chance(0.03) ? '5' : undefined) },
  n: { name: 'n', present: 0.9, clean: (r) => (r.chance(0.05) ? `${r.int(50)}.0` : String(r.int(50))), odd: (r) => (r.chance(0.03) ? '"7"' : r.chance(0.03) ? '[1,9]' : undefined) },
  b: { name: 'b', present: 0.8, clean: (r) => r.pick(['true', 'false', 'null']), odd: (r) => (r.chance(0.03) ? '"true"' : undefined) },
  d: { name: 'd', present: 0.7, clean: (r) => r.pick(['1.5', '0', '-2', '2.25', '3']), odd: (r) => (r.chance(0.03) ? '"2.5"' : undefined) },
  m: { name: 'm', present: 0.8, clean: (r) => JSON.stringify(r.pick(['hi', 'hello world', 'x\\"y', '', 'a', 'abcdef'])), odd: (r) => (r.chance(0.03) ? '["x"]' : undefined) },
};

/** Up to 60 source texts with the given fields; 40% of stores are dirty. */
export function randomSources(r: Prng, fields: readonly FieldMaker[]): string[] {
  const dirty = r.chance(0.4);
  return Array.from({ length: r.range(0, 60) }, () => {
    const parts: string[] = [];
    for (const f of fields) {
      if (!r.chance(f.present)) continue;
      const odd = dirty ? f.odd?.(r) : undefined;
      parts.push(`"${f.name}":${odd ?? f.clean(r)}`);
    }
    return `{${parts.join(',')}}`;
  });
}

/** Each maker's field as the index `logs` maps it (`m` is text with the keyword multi-field strings get). */
const FIELD_MAPPINGS: MappingProperties = {
  t: { type: 'date' }, k: { type: 'keyword' }, n: { type: 'long' }, b: { type: 'boolean' }, d: { type: 'double' },
  m: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 5 } } },
};

/** One random store of a run: the round and seed to replay it, its source texts and the store itself. */
export interface RandomStore { round: number; seed: number; r: Prng; docs: string[]; store: Store }

/**
 * Runs `check` on `ROUNDS` (30) random stores of an index `logs` with the named fields, from `SEED`
 * (20261129), each in a temporary directory removed after it.
 */
export function forRandomStores(fields: readonly string[], check: (s: RandomStore) => void): void {
  const rounds = Number(process.env.ROUNDS ?? 30);
  const seed = Number(process.env.SEED ?? 20261129);
  const mappings = { properties: Object.fromEntries(fields.map((f) => [f, FIELD_MAPPINGS[f]])) };
  for (let round = 0; round < rounds; round++) {
    const r = new Prng(caseSeed(seed, round));
    const docs = randomSources(r, fields.map((f) => FIELD_MAKERS[f]));
    const tmp = tempDataDir();
    const store = storeWithDocuments(tmp.dir, 'logs', mappings, docs);
    try {
      check({ round, seed, r, docs, store });
    } finally {
      store.close();
      tmp.cleanup();
    }
  }
}
