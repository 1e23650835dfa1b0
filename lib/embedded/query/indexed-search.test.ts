/**
 * Searches answered through the field indexes must be the searches the general path answers: each body
 * runs as written and as the only `should` clause of a `bool` (same meaning, but a shape the indexed path
 * declines: nothing in it is required), and the responses must be equal. The documents include ties on the first sort key and
 * irregular values (other date spellings, epoch numbers, multi-values, numbers in keyword fields).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_TEMPLATES } from '../../elasticsearch/system-indices';
import { Store } from '../storage/store';
import { storeWithDocuments, tempDataDir } from '../test-support';
import { indexedSearch } from './indexed-search';
import { jsonText } from '../rest/json-text';
import { runSearch, type SearchRequest } from './search';
import { parseSort } from './sort';

/** A search's response text as the REST route writes it (hits spliced in as text), without `took`. */
const responseText = (store: Store, body: SearchRequest, index = 'execs') =>
  jsonText(runSearch(store, [index], body)).replace(/^\{"took":\d+,/, '{');

const MAPPINGS = {
  dynamic: false,
  properties: {
    execution_id: { type: 'keyword' }, status: { type: 'keyword' }, track_name: { type: 'keyword' }, parent_id: { type: 'keyword' },
    created_at: { type: 'date' }, duration_ms: { type: 'long' },
  },
};

const STATUSES = ['COMPLETED', 'FAILED', 'RUNNING'];

function records(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < 60; i++) {
    out.push({
      execution_id: `exec-${(i * 7919) % 1000}`, status: STATUSES[i % 3], track_name: i % 4 === 0 ? `job-${i % 3}` : null,
      parent_id: i % 5 === 0 ? 'G' : null, duration_ms: i % 6 === 0 ? null : (i * 13) % 50, output: ['x'],
      // every third record shares its creation time with the previous one
      created_at: new Date(Date.UTC(2026, 0, 1) + Math.floor(i * 2 / 3) * 1000).toISOString(),
    });
  }
  out.splice(10, 0, { execution_id: 'exec-a', status: 'FAILED', created_at: '2026-01-01T00:00:30Z', parent_id: 'G' });
  out.splice(20, 0, { execution_id: 'exec-b', status: ['RUNNING', 'FAILED'], created_at: 1767225625000 });
  out.splice(30, 0, { execution_id: 7, status: 'COMPLETED', created_at: '2026-01-01' });
  out.splice(40, 0, { execution_id: 'exec-c', status: 'COMPLETED' });
  // sort keys SQLite reads back from the index: escapes, characters beyond the BMP, a lone surrogate
  out.splice(50, 0, { execution_id: 'exec-"é😀\\', status: 'FAILED', created_at: '2026-01-01T00:00:20.000Z' });
  out.splice(51, 0, { execution_id: 'exec-\ud800', status: 'FAILED', created_at: '2026-01-01T00:00:20.000Z' });
  // irregular in the later sort key only: plain for the walk, but SQLite's reading of the key is not its value
  out.splice(52, 0, { execution_id: 8, status: 'FAILED', created_at: '2026-01-01T00:00:21.000Z' });
  out.splice(53, 0, { execution_id: ['exec-z', 'exec-0'], status: 'RUNNING', created_at: '2026-01-01T00:00:21.000Z' });
  return out;
}

const BODIES: SearchRequest[] = [
  { query: { match_all: {} }, sort: [{ created_at: { order: 'desc' } }, { execution_id: { order: 'desc' } }], size: 10 },
  { sort: [{ created_at: { order: 'desc' } }, { execution_id: { order: 'desc' } }], size: 100 },
  { query: { term: { status: 'FAILED' } }, sort: [{ created_at: { order: 'desc' } }], size: 3 },
  { query: { term: { track_name: { value: 'job-1' } } }, sort: [{ created_at: { order: 'desc' } }, { execution_id: { order: 'desc' } }], size: 1 },
  { query: { bool: { filter: [{ term: { parent_id: 'G' } }] } }, sort: [{ created_at: { order: 'desc' } }, { execution_id: { order: 'desc' } }], size: 1000 },
  { query: { bool: { filter: { term: { status: 'COMPLETED' } }, must: [{ term: { parent_id: 'G' } }] } }, sort: [{ duration_ms: 'asc' }], size: 4 },
  { sort: [{ duration_ms: { order: 'desc', missing: '_first' } }, 'execution_id'], size: 5, from: 2 },
  { sort: [{ created_at: 'asc' }], size: 7, track_total_hits: true, version: true, seq_no_primary_term: true },
  { sort: [{ created_at: 'asc' }], size: 2, track_total_hits: 5 },
  { query: { term: { status: 'NOPE' } }, sort: [{ created_at: 'asc' }], size: 2, rest_total_hits_as_int: true },
  { query: { term: { status: 'RUNNING' } }, sort: [{ created_at: 'desc' }], size: 0 },
  { query: { terms: { status: ['RUNNING', 'FAILED'] } }, sort: [{ created_at: { order: 'desc' } }, { execution_id: { order: 'desc' } }], size: 5 },
  { query: { terms: { status: [] } }, sort: [{ created_at: 'asc' }], size: 5 },
  // other clauses beside the terms: evaluated on the documents that meet the terms
  { query: { bool: { filter: [{ terms: { status: ['RUNNING', 'FAILED'] } }, { range: { duration_ms: { gte: 10 } } }] } }, sort: [{ created_at: 'desc' }], size: 4, from: 1 },
  {
    query: { bool: { filter: [{ terms: { status: ['COMPLETED', 'RUNNING'] } }], should: [{ range: { created_at: { lt: '2026-01-01T00:00:20.000Z' } } }, { term: { parent_id: 'G' } }], minimum_should_match: 1 } },
    sort: [{ created_at: { order: 'desc' } }, { execution_id: { order: 'desc' } }], size: 6, track_total_hits: 3,
  },
  { query: { bool: { must: [{ term: { status: 'FAILED' } }], must_not: [{ term: { parent_id: 'G' } }] } }, sort: [{ created_at: 'asc' }], size: 50 },
  // one sort key and the page ends among documents tied on it: the first inserted of them are the hits
  { sort: [{ created_at: 'desc' }], size: 2 },
  { sort: [{ created_at: 'desc' }], size: 5, track_total_hits: false },
  // the dashboard's poll (lib/executions RecordStore.search): no total
  { query: { match_all: {} }, sort: [{ created_at: { order: 'desc' } }, { execution_id: { order: 'desc' } }], size: 100, track_total_hits: false },
];

describe('indexed search', () => {
  let tmp: ReturnType<typeof tempDataDir>;
  let store: Store;
  beforeAll(() => {
    tmp = tempDataDir();
    store = storeWithDocuments(tmp.dir, 'execs', MAPPINGS, records(), 'r');
  });
  afterAll(() => { store.close(); tmp.cleanup(); });

  /** The response text as the REST route sends it, without `took`. */
  const search = (body: SearchRequest) => responseText(store, body);
  const general = (body: SearchRequest): SearchRequest => ({ ...body, query: { bool: { should: [body.query ?? { match_all: {} }], minimum_should_match: 1 } } });

  it.each(BODIES.map((b) => [JSON.stringify(b), b] as const))('%s answers as the general path does', (_title, body) => {
    const text = search(body);
    expect(text).toBe(search(general(body)));
    // again: the hits from the document cache this time
    expect(search(body)).toBe(text);
  });

  it('sees a document as soon as it is written, and an update that makes its value irregular', () => {
    const poll: SearchRequest = { sort: [{ created_at: { order: 'desc' } }, { execution_id: { order: 'desc' } }], size: 1 };
    const first = () => (JSON.parse(search(poll)) as { hits: { hits: { _id: string; sort: unknown[] }[] } }).hits.hits[0];
    // each write with the next sequence number, as the write path gives them
    const write = (source: object, seqNo: number) => store.transaction(() => store.putDocument({ index: 'execs', id: 'new', source: JSON.stringify(source), seqNo, primaryTerm: 1, version: 1 }));
    write({ execution_id: 'exec-new', status: 'PENDING', created_at: '2027-01-01T00:00:00.000Z' }, 99);
    expect(first()).toMatchObject({ _id: 'new', sort: [Date.UTC(2027, 0, 1), 'exec-new'] });
    write({ execution_id: 'exec-new', status: 'PENDING', created_at: Date.UTC(2028, 0, 1) }, 100);
    expect(first()).toMatchObject({ _id: 'new', sort: [Date.UTC(2028, 0, 1), 'exec-new'] });
    store.transaction(() => store.deleteDocument('execs', 'new'));
    expect(first()._id).not.toBe('new');
  });

  it.each([
    [{ query: { match_all: {} }, sort: [{ created_at: 'desc' }] }, true],
    [{ query: { term: { status: 'FAILED' } }, sort: [{ created_at: 'desc' }] }, true],
    [{ query: { term: { status: { value: 'failed', case_insensitive: true } } }, sort: [{ created_at: 'desc' }] }, false],
    [{ query: { match_all: {} } }, false],
    [{ sort: [{ execution_id: 'desc' }] }, false],
    [{ sort: ['_score', { created_at: 'desc' }] }, false],
    [{ query: { range: { duration_ms: { gte: 3 } } }, sort: [{ created_at: 'desc' }] }, false],
    [{ query: { terms: { status: ['FAILED'] } }, sort: [{ created_at: 'desc' }] }, true],
    [{ query: { bool: { filter: [{ term: { status: 'FAILED' } }], should: [{ range: { duration_ms: { gte: 3 } } }] } }, sort: [{ created_at: 'desc' }] }, true],
    [{ query: { bool: { should: [{ term: { status: 'FAILED' } }], minimum_should_match: 1 } }, sort: [{ created_at: 'desc' }] }, false],
  ] as [SearchRequest, boolean][])('serves %j from the field indexes: %s', (body, expected) => {
    const index = store.getIndex('execs')!;
    const result = indexedSearch(store, 'execs', { query: body.query, size: 10, from: 0, exactTotal: false }, parseSort(body.sort),
      { index: 'execs', properties: index.mappings.properties, nowMs: 0 });
    expect(result !== undefined).toBe(expected);
  });
});

describe('indexes made for the scheduler and the dashboard', () => {
  it('makes one index per search shape of lib/executions (a term, the sort field, other terms), and none for the recovery sweep', () => {
    const tmp = tempDataDir();
    const store = new Store(tmp.dir);
    try {
      const mappings = SYSTEM_TEMPLATES['escript-executions'].template.mappings;
      store.transaction(() => {
        store.insertIndex('.escript_executions', {}, mappings, 1);
        records().forEach((r, i) => store.putDocument({ index: '.escript_executions', id: `r${i}`, source: JSON.stringify({ ...r, node: 'n1', heartbeat_at: r.created_at }), seqNo: i, primaryTerm: 1, version: 1 }));
      });
      const newest = [{ created_at: { order: 'desc' } }, { execution_id: { order: 'desc' } }];
      // record-store.ts: search (the dashboard's poll, a group's branches), findByTrackName, cancelRequested
      const shapes: SearchRequest[] = [
        { query: { match_all: {} }, sort: newest, size: 100 },
        { query: { bool: { filter: [{ term: { parent_id: 'G' } }] } }, sort: newest, size: 1000 },
        { query: { term: { track_name: 'job-1' } }, sort: newest, size: 1 },
        { query: { bool: { filter: [{ term: { node: 'n1' } }, { term: { status: 'RUNNING' } }] } }, sort: [{ heartbeat_at: { order: 'desc' } }], size: 10, track_total_hits: false },
        // recovery-sweep.ts: served by testing `status` in SQLite, not worth an index every write pays for
        {
          query: { bool: { filter: [{ terms: { status: ['PENDING', 'RUNNING'] } }], should: [{ range: { heartbeat_at: { lt: '2026-01-01T00:00:10.000Z' } } }], minimum_should_match: 1 } },
          sort: newest, size: 100,
        },
      ];
      for (const body of shapes) {
        const index = store.getIndex('.escript_executions')!;
        const served = indexedSearch(store, '.escript_executions', { query: body.query, size: body.size ?? 10, from: 0, exactTotal: false },
          parseSort(body.sort), { index: '.escript_executions', properties: index.mappings.properties, nowMs: 0 });
        expect(served).toBeDefined();
      }
      const made = (store.db.prepare('SELECT fields FROM expression_indexes ORDER BY rowid').all() as { fields: string }[]).map((r) => JSON.parse(r.fields));
      // the later sort key (`execution_id`) is in the index, so its values come from it
      expect(made).toEqual([['created_at', 'execution_id'], ['parent_id', 'created_at', 'execution_id'], ['track_name', 'created_at', 'execution_id'], ['node', 'heartbeat_at', 'status']]);
    } finally {
      store.close();
      tmp.cleanup();
    }
  });

  it('walks an index made before searches asked for their later sort keys, rather than making another', () => {
    const tmp = tempDataDir();
    const store = storeWithDocuments(tmp.dir, 'execs', MAPPINGS, records(), 'r');
    try {
      const answer = (body: SearchRequest) => responseText(store, body);
      // what a data directory of the previous version holds: the index on the first key alone
      answer({ sort: [{ created_at: 'desc' }], size: 5 });
      const poll: SearchRequest = { sort: [{ created_at: 'desc' }, { execution_id: 'desc' }], size: 20 };
      expect(answer(poll)).toEqual(answer({ ...poll, query: { bool: { should: [{ match_all: {} }], minimum_should_match: 1 } } }));
      const made = (store.db.prepare('SELECT fields FROM expression_indexes').pluck().all() as string[]).map((f) => JSON.parse(f));
      expect(made).toEqual([['created_at']]);
    } finally {
      store.close();
      tmp.cleanup();
    }
  });
});
