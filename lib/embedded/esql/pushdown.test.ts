/**
 * The pushdown must never change an answer: every query runs twice on the same store, once through the
 * store's catalog (pushed down where it can be) and once through the same catalog without its indexed
 * reads (the general path), and the responses must be equal but for `documents_found` and `values_loaded`,
 * which count what FROM read. The documents mix plain values with every kind of irregular one the field
 * indexes hand back for the engine to evaluate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeCatalog } from '../storage/catalog';
import { Store } from '../storage/store';
import { storeWithDocuments, tempDataDir } from '../test-support';
import { parseEsql, runEsql } from './index';
import { planPushdown } from './pushdown';
import { Warnings } from './context';

const MAPPINGS = {
  properties: {
    '@timestamp': { type: 'date' }, level: { type: 'keyword' }, service: { type: 'keyword' }, bytes: { type: 'long' },
    ratio: { type: 'double' }, message: { type: 'text' },
    host: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 8 } } },
    region: { type: 'keyword', ignore_above: 4 },
  },
};

const LEVELS = ['INFO', 'WARN', 'ERROR'];
const SERVICES = ['api', 'web', 'auth', 'db'];

/** 120 plain documents (with repeated timestamps and missing fields) and the irregular ones after them. */
function documents(): Record<string, unknown>[] {
  const docs: Record<string, unknown>[] = [];
  for (let i = 0; i < 120; i++) {
    const doc: Record<string, unknown> = {
      '@timestamp': new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 3) * 60_000).toISOString(),
      level: LEVELS[(i * 7) % 3], service: SERVICES[(i * 5) % 4], bytes: (i * 37) % 1000, ratio: (i % 10) / 4, message: `line ${i}`,
      host: i % 7 === 0 ? 'a-very-long-host-name' : `h${i % 3}`, region: i % 9 === 0 ? 'europe' : 'us',
    };
    if (i % 11 === 0) delete doc.bytes;
    if (i % 13 === 0) doc['@timestamp'] = null;
    if (i % 17 === 0) delete doc.service;
    docs.push(doc);
  }
  docs.splice(7, 0, { '@timestamp': '2026-01-01T00:30:00Z', level: 'ERROR', service: 'api', bytes: 900 });
  docs.splice(20, 0, { '@timestamp': 1767229200000, level: ['ERROR', 'INFO'], service: 'api', bytes: '750' });
  docs.splice(33, 0, { '@timestamp': '2026-01-01T01:00:00.000Z', level: 'ERROR', service: ['api', 'web'], bytes: [600, 20] });
  docs.splice(50, 0, { '@timestamp': '2026-01-01T02:00:00.000Z', level: 5, service: 'api', bytes: 700.5 });
  docs.splice(61, 0, { '@timestamp': '2026-01-01', level: 'ERROR', service: 'db', bytes: 1000, ratio: '2.5' });
  return docs;
}

const QUERIES: [string, string][] = [
  ['FROM logs', '| WHERE level == "ERROR" | STATS c = COUNT(*) BY service | SORT c DESC | LIMIT 10'],
  ['FROM logs', '| WHERE level == "ERROR" | STATS c = COUNT(*) BY service'],
  ['FROM logs', '| WHERE level != "INFO" AND bytes >= 300 | STATS n = COUNT() BY level'],
  ['FROM logs', '| STATS c = COUNT(*) BY service'],
  ['FROM logs', '| WHERE service == "api" AND bytes > 500 | SORT @timestamp DESC | LIMIT 5'],
  ['FROM logs', '| WHERE service == "api" | SORT @timestamp | LIMIT 7'],
  ['FROM logs', '| WHERE 500 < bytes | SORT @timestamp DESC NULLS LAST | LIMIT 4'],
  ['FROM logs', '| SORT bytes DESC, @timestamp | LIMIT 6'],
  ['FROM logs', '| SORT ratio, bytes DESC | LIMIT 9'],
  ['FROM logs', '| SORT @timestamp ASC NULLS FIRST | LIMIT 12'],
  ['FROM logs', '| WHERE level == "ERROR" | LIMIT 3'],
  ['FROM logs', '| WHERE level == "ERROR" AND message LIKE "line 1*" | SORT bytes | LIMIT 3'],
  ['FROM logs', '| WHERE bytes <= 100 | KEEP bytes, level | SORT bytes DESC | LIMIT 5'],
  ['FROM logs METADATA _id', '| WHERE service == "web" | SORT bytes DESC | LIMIT 4 | KEEP _id, bytes'],
  ['FROM logs', '| WHERE level == "ERROR" | SORT @timestamp DESC | LIMIT 0'],
  ['FROM logs', '| WHERE level == "NOPE" | STATS c = COUNT(*) BY service'],
  ['FROM logs', '| WHERE host == "h1" | STATS c = COUNT(*) BY host'],
  ['FROM logs', '| STATS c = COUNT(*) BY host.keyword'],
  ['FROM logs', '| WHERE host.keyword != "h2" | SORT bytes DESC | LIMIT 5'],
  ['FROM logs', '| WHERE region == "us" | STATS c = COUNT(*) BY region'],
  // the limit falls among documents tied on the sort key: the first inserted of them are kept
  ['FROM logs', '| SORT @timestamp DESC | LIMIT 4'],
  ['FROM logs', '| SORT ratio DESC | LIMIT 5'],
  ['FROM logs', '| WHERE level == "INFO" | SORT ratio DESC | LIMIT 3'],
  ['FROM logs', '| SORT ratio | LIMIT 5'],
];

describe('ES|QL pushdown', () => {
  let tmp: ReturnType<typeof tempDataDir>;
  let store: Store;
  beforeAll(() => {
    tmp = tempDataDir();
    store = storeWithDocuments(tmp.dir, 'logs', MAPPINGS, documents());
  });
  afterAll(() => { store.close(); tmp.cleanup(); });

  const run = (query: string) => runEsql(storeCatalog(store), { query });
  const runGeneral = (query: string) => {
    const { indexedReads: _none, ...catalog } = storeCatalog(store);
    return runEsql(catalog, { query });
  };
  const answer = (r: ReturnType<typeof runEsql>) => {
    const { took: _took, documents_found: _found, values_loaded: _loaded, ...body } = r.body as Record<string, unknown>;
    return { status: r.status, body, warnings: r.warnings };
  };
  const planned = (query: string, on: Store = store) => {
    const { ast } = parseEsql(query);
    return planPushdown(ast!, { catalog: storeCatalog(on), query, params: { positional: [], named: new Map() }, now: 0, warnings: new Warnings(query), read: { documentsFound: 0, valuesLoaded: 0 } })?.kind;
  };

  it.each(QUERIES)('%s %s answers as the general path does', (source, rest) => {
    const query = `${source} ${rest}`;
    const pushed = answer(run(query));
    expect(pushed.status).toBe(200);
    expect(pushed).toEqual(answer(runGeneral(query)));
  });

  it('reads only the first matches by the sort and the irregular documents, not the whole index', () => {
    const query = 'FROM logs | WHERE service == "api" AND bytes > 500 | SORT @timestamp DESC | LIMIT 5';
    const found = (r: ReturnType<typeof runEsql>) => (r.body as { documents_found: number }).documents_found;
    expect([found(run(query)), found(runGeneral(query))]).toEqual([10, 125]);
  });

  it('orders the groups a multi-valued document opens by value, as the general path does', () => {
    const small = tempDataDir();
    const groups = storeWithDocuments(small.dir, 'g', { properties: { k: { type: 'keyword' } } }, [{ k: 'c' }, { k: ['a', 'b'] }, { k: 'b' }]);
    try {
      const query = 'FROM g | STATS n = COUNT(*) BY k';
      const { indexedReads: _none, ...general } = storeCatalog(groups);
      expect(planned(query, groups)).toBe('table');
      const values = (r: ReturnType<typeof runEsql>) => (r.body as { values: unknown[][] }).values;
      expect(values(runEsql(storeCatalog(groups), { query }))).toEqual([[1, 'c'], [1, 'a'], [2, 'b']]);
      expect(values(runEsql(general, { query }))).toEqual([[1, 'c'], [1, 'a'], [2, 'b']]);
    } finally {
      groups.close();
      small.cleanup();
    }
  });

  it.each([
    ['FROM logs | WHERE level == "ERROR" | STATS c = COUNT(*) BY service', 'table'],
    ['FROM logs | WHERE service == "api" AND bytes > 500 | SORT @timestamp DESC | LIMIT 5', 'scan'],
    ['FROM logs | WHERE message LIKE "x*" AND level == "ERROR"', 'scan'],
    ['FROM logs | SORT bytes | LIMIT 3', 'scan'],
    ['FROM logs | SORT service | LIMIT 3', undefined],
    ['FROM logs | WHERE host == "h1" | STATS c = COUNT(*) BY host', 'table'],
    ['FROM logs | STATS c = COUNT(*) BY host.keyword', undefined],
    ['FROM logs | WHERE region == "us"', undefined],
    ['FROM logs | WHERE message LIKE "x*"', undefined],
    ['FROM logs | EVAL b = bytes | WHERE b > 1', undefined],
    ['ROW a = 1', undefined],
  ])('plans %s as %s', (query, kind) => {
    expect(planned(query)).toBe(kind);
  });
});
