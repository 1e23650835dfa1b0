/**
 * A direct answer must be the general path's answer to the letter: each query runs through the store's
 * catalog, with `values` spliced in as text the way the REST route sends them, and through the same
 * catalog without `orderedSources` (the pushdown's scan, then the commands), serialised as usual; the two
 * texts must be equal but for `took`, the read counts included.
 * The sources are JSON texts as a client sent them: escapes JavaScript would not write, longs spelled
 * `5.0` and `-0`, missing and null values. Each query also states whether the direct path answers it, so
 * that a path that always declines cannot pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawJson, jsonText } from '../rest/json-text';
import { storeCatalog } from '../storage/catalog';
import type { Store } from '../storage/store';
import { storeWithDocuments, tempDataDir } from '../test-support';
import type { IndexedReads } from './catalog';
import { Warnings } from './context';
import { directValues } from './direct-answer';
import { parseEsql, runEsql } from './index';

const MAPPINGS = {
  properties: {
    '@timestamp': { type: 'date' }, level: { type: 'keyword' }, service: { type: 'keyword' }, bytes: { type: 'long' }, message: { type: 'text' },
  },
};

const SERVICES = ['api', 'web', 'auth', 'db'];

/** Plain documents, inserted in another order than their timestamps', as source texts. */
function plainSources(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 80; i++) {
    const at = new Date(Date.UTC(2026, 0, 1) + ((i * 29) % 80) * 1500 + 7).toISOString();
    const service = SERVICES[(i * 5) % 4];
    const fields = [`"@timestamp":"${at}"`, `"service":"${service}"`];
    // only `db` documents may lack bytes, so that sorts by bytes over other services meet no null
    if (service !== 'db' || i % 3 !== 0) fields.push(`"bytes":${i % 10 === 0 ? `${(i * 37) % 1000}.0` : i === 1 ? '-0' : (i * 37) % 1000}`);
    fields.push(i % 9 === 0 ? '"level":null' : `"level":"${['INFO', 'WARN', 'ERROR'][i % 3]}"`);
    if (i % 4 === 0) fields.push(`"message":"line \\u00e9 \\/ \\"quoted\\" \\\\ ${i}\\n"`);
    else if (i % 4 === 1) fields.push(`"message":"\\ud83d\\ude00 ${i}"`);
    else if (i % 4 === 2) fields.push('"message":null');
    out.push(`{ ${fields.reverse().join(' , ')} }`);
  }
  return out;
}

/** The plain documents with `extra` inserted at position 10 (an irregular value, a tie, a null key, …). */
const withExtra = (...extra: string[]) => { const docs = plainSources(); docs.splice(10, 0, ...extra); return docs; };

/** What dynamic mapping gives strings (text with a keyword multi-field), with a short `ignore_above`. */
const DYNAMIC_MAPPINGS = {
  properties: {
    '@timestamp': { type: 'date' }, ok: { type: 'boolean' }, n: { type: 'long' },
    message: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 12 } } },
  },
};

/** Documents for DYNAMIC_MAPPINGS: messages shorter and longer than the keyword's `ignore_above`. */
function dynamicSources(): string[] {
  return Array.from({ length: 30 }, (_, i) => JSON.stringify({
    '@timestamp': new Date(Date.UTC(2026, 0, 1) + ((i * 7) % 30) * 1000).toISOString(), n: i,
    ...(i % 5 === 0 ? {} : { ok: i % 2 === 0 }), ...(i % 6 === 0 ? {} : { message: i % 3 === 0 ? `a much longer line ${i}` : `line ${i}` }),
  }));
}

const STORES: Record<string, () => string[]> = {
  dynamic: dynamicSources,
  // a boolean field given as the string "true", which FROM reads as the boolean
  dynamicStringBool: () => { const docs = dynamicSources(); docs.splice(3, 0, '{"@timestamp":"2026-01-01T00:00:59.000Z","ok":"true","n":99}'); return docs; },
  plain: plainSources,
  // ties on the newest timestamp and on the oldest
  ties: () => withExtra('{"@timestamp":"2026-01-01T00:01:58.507Z","service":"api","bytes":1,"level":"INFO"}',
    '{"@timestamp":"2026-01-01T00:00:00.007Z","service":"web","bytes":2,"level":"INFO"}'),
  nullKey: () => withExtra('{"@timestamp":null,"service":"api","bytes":3,"level":"INFO"}'),
  textArray: () => withExtra('{"@timestamp":"2026-01-01T00:02:00.000Z","service":"api","bytes":4,"message":["a","b"]}'),
  textNumber: () => withExtra('{"@timestamp":"2026-01-01T00:02:00.000Z","service":"web","bytes":5,"message":7}'),
  irregular: () => withExtra('{"@timestamp":"2026-01-01T00:02:00.000Z","service":"db","bytes":6,"level":5}'),
};

/** [store, query, whether the direct path answers it] */
const QUERIES: [string, string, boolean][] = [
  ['plain', 'FROM logs | WHERE service == "api" AND bytes > 500 | SORT @timestamp DESC | LIMIT 5', true],
  ['plain', 'FROM logs | SORT @timestamp | LIMIT 1000', true],
  ['plain', 'FROM logs | SORT @timestamp DESC NULLS LAST | LIMIT 3', true],
  ['plain', 'FROM logs | WHERE service == "web" | SORT bytes DESC | LIMIT 3', true],
  ['plain', 'FROM logs | WHERE level != "INFO" | SORT @timestamp DESC | LIMIT 7', true],
  ['plain', 'FROM logs | WHERE service == "nope" | SORT @timestamp | LIMIT 5', true],
  ['plain', 'FROM logs | WHERE bytes >= 100 AND bytes < 300 | SORT bytes | LIMIT 1', true],
  ['plain', 'FROM logs | WHERE service == "api" | WHERE bytes > 100 | SORT @timestamp DESC | LIMIT 4', true],
  ['plain', 'FROM logs | WHERE service == "api" | SORT bytes | LIMIT 20', true],
  // nulls in the sort key: db documents without bytes
  ['plain', 'FROM logs | SORT bytes | LIMIT 5', false],
  ['plain', 'FROM logs | WHERE message LIKE "line*" | SORT @timestamp | LIMIT 3', false],
  ['plain', 'FROM logs METADATA _id | SORT @timestamp | LIMIT 3', false],
  ['plain', 'FROM logs | SORT level | LIMIT 3', false],
  ['plain', 'FROM logs | SORT @timestamp, bytes | LIMIT 3', false],
  ['plain', 'FROM logs | SORT @timestamp | LIMIT 3 | KEEP level', false],
  ['plain', 'FROM logs | SORT @timestamp', false],
  ['ties', 'FROM logs | SORT @timestamp DESC | LIMIT 3', false],
  ['ties', 'FROM logs | SORT @timestamp | LIMIT 1', false],
  ['ties', 'FROM logs | WHERE service == "auth" | SORT @timestamp DESC | LIMIT 3', true],
  ['nullKey', 'FROM logs | WHERE service == "api" | SORT @timestamp DESC | LIMIT 3', false],
  ['nullKey', 'FROM logs | WHERE service == "web" | SORT @timestamp DESC | LIMIT 3', true],
  ['textArray', 'FROM logs | SORT @timestamp DESC | LIMIT 3', false],
  ['textArray', 'FROM logs | SORT @timestamp | LIMIT 3', true],
  ['textNumber', 'FROM logs | WHERE service == "web" | SORT @timestamp DESC | LIMIT 3', false],
  ['irregular', 'FROM logs | WHERE service == "api" | SORT @timestamp DESC | LIMIT 3', false],
  ['dynamic', 'FROM logs | SORT @timestamp DESC | LIMIT 30', true],
  ['dynamic', 'FROM logs | WHERE n >= 10 | SORT n | LIMIT 5', true],
  ['dynamic', 'FROM logs | WHERE message.keyword == "line 1" | SORT n | LIMIT 5', false],
  ['dynamicStringBool', 'FROM logs | SORT @timestamp DESC | LIMIT 3', false],
  ['dynamicStringBool', 'FROM logs | WHERE n < 90 | SORT n | LIMIT 3', true],
];

describe('ES|QL direct answers', () => {
  const stores = new Map<string, { store: Store; cleanup: () => void }>();
  beforeAll(() => {
    for (const [name, sources] of Object.entries(STORES)) {
      const tmp = tempDataDir();
      const mappings = name.startsWith('dynamic') ? DYNAMIC_MAPPINGS : MAPPINGS;
      stores.set(name, { store: storeWithDocuments(tmp.dir, 'logs', mappings, sources()), cleanup: tmp.cleanup });
    }
  });
  afterAll(() => { for (const { store, cleanup } of stores.values()) { store.close(); cleanup(); } });

  const withoutTook = (text: string) => text.replace(/^\{"took":\d+,/, '{');
  const direct = (store: Store, query: string) =>
    withoutTook(jsonText(runEsql(storeCatalog(store), { query }, { valuesFromText: (t) => new RawJson(t) }).body));
  /** The path before direct answers: the same indexed reads but `orderedSources`. */
  const general = (store: Store, query: string) => {
    const catalog = storeCatalog(store);
    const scanOnly = (index: string): IndexedReads | undefined => {
      const reads = catalog.indexedReads?.(index);
      return reads && {
        kind: (f) => reads.kind(f), indexable: (f) => reads.indexable(f), scan: (r) => reads.scan(r),
        countBy: (c, f) => reads.countBy(c, f), countPlain: (c, cap, also) => reads.countPlain(c, cap, also),
      };
    };
    return withoutTook(JSON.stringify(runEsql({ ...catalog, indexedReads: scanOnly }, { query }).body));
  };
  const answersDirectly = (store: Store, query: string) => {
    const { ast } = parseEsql(query);
    const ctx = { catalog: storeCatalog(store), query, params: { positional: [], named: new Map() }, now: 0, warnings: new Warnings(query), read: { documentsFound: 0, valuesLoaded: 0 } };
    return directValues(ast!, ctx) !== undefined;
  };

  it.each(QUERIES)('%s: %s answers as the general path does (direct: %s)', (name, query, expected) => {
    const { store } = stores.get(name)!;
    const text = direct(store, query);
    expect(text).toMatch(/^\{"is_partial":false,/);
    // again: from the plan and the document cache this time
    expect(direct(store, query)).toBe(text);
    expect(text).toBe(general(store, query));
    expect(answersDirectly(store, query)).toBe(expected);
  });

  it('shows values as FROM reads them, not as the source spells them', () => {
    const { store } = stores.get('plain')!;
    const text = direct(store, 'FROM logs | WHERE bytes == 0 | SORT @timestamp | LIMIT 10');
    const values = (JSON.parse(text) as { values: unknown[][] }).values;
    // `-0` and `0.0` read as the long 0; `\u00e9` and `\/` as the characters they stand for
    expect(values.map((r) => r[1])).toEqual([0, 0]);
    expect(text).not.toMatch(/,(-0|0\.0),/);
    expect(direct(store, 'FROM logs | SORT @timestamp | LIMIT 1000')).toContain('"line é / \\"quoted\\" \\\\ 0\\n"');
  });

  it('shows a keyword multi-field longer than its ignore_above as null, and its text field whole', () => {
    const { store } = stores.get('dynamic')!;
    const query = 'FROM logs | WHERE n >= 3 AND n <= 4 | SORT n | LIMIT 2';
    expect(answersDirectly(store, query)).toBe(true);
    const body = JSON.parse(direct(store, query)) as { columns: { name: string }[]; values: unknown[][] };
    const at = (name: string) => body.columns.findIndex((c) => c.name === name);
    expect(body.values.map((r) => [r[at('message')], r[at('message.keyword')]])).toEqual([['a much longer line 3', null], ['line 4', 'line 4']]);
  });
});
