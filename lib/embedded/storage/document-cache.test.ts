/**
 * The document cache serves a read only the document as it is now: a write in this process or another
 * one, a deleted row reused by another index, a mapping that shows other columns all give the new answer.
 * Queries are the direct-answer shape (`FROM | WHERE | SORT | LIMIT`), which reads through the cache, and
 * each is asked twice, so that the second answer comes from the cache.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../engine';
import { restCaller, tempDataDir } from '../test-support';
import { DocumentCache } from './document-cache';

let dir: string;
let cleanup: () => void;
const engines: EmbeddedEngine[] = [];
const open = () => { const e = new EmbeddedEngine(dir); engines.push(e); return restCaller(() => e); };

beforeEach(() => ({ dir, cleanup } = tempDataDir()));
afterEach(() => {
  for (const e of engines.splice(0)) e.close();
  cleanup();
});

const MAPPINGS = { dynamic: false, properties: { at: { type: 'long' }, level: { type: 'keyword' }, message: { type: 'text' } } };
const QUERY = 'FROM logs | WHERE level == "ERROR" | SORT at DESC | LIMIT 10';

/** The query's values, asked twice: both answers must agree. */
async function values(call: ReturnType<typeof open>, query = QUERY): Promise<unknown[][]> {
  const first = await call('POST', '/_query', { query });
  expect(first.status, JSON.stringify(first.body)).toBe(200);
  const again = await call('POST', '/_query', { query });
  expect(again.body.values).toEqual(first.body.values);
  return first.body.values as unknown[][];
}

async function seed(call: ReturnType<typeof open>): Promise<void> {
  expect((await call('PUT', '/logs', { mappings: MAPPINGS })).status).toBe(200);
  const bulk = [1, 2, 3].flatMap((at) => [`{"index":{"_id":"d${at}"}}`, JSON.stringify({ at, level: 'ERROR', message: `m${at}`, extra: `x${at}` })]);
  expect((await call('POST', '/logs/_bulk?refresh=true', `${bulk.join('\n')}\n`)).body.errors).toBe(false);
}

describe('document cache', () => {
  it('a write by another process is seen at once', async () => {
    const a = open();
    await seed(a);
    expect(await values(a)).toEqual([[3, 'ERROR', 'm3'], [2, 'ERROR', 'm2'], [1, 'ERROR', 'm1']]);
    const b = open();
    expect((await b('PUT', '/logs/_doc/d2?refresh=true', { at: 2, level: 'ERROR', message: 'changed' })).status).toBe(200);
    expect(await values(a)).toEqual([[3, 'ERROR', 'm3'], [2, 'ERROR', 'changed'], [1, 'ERROR', 'm1']]);
    // and by this process
    expect((await a('POST', '/logs/_update/d3?refresh=true', { doc: { message: 'again' } })).status).toBe(200);
    expect(await values(a)).toEqual([[3, 'ERROR', 'again'], [2, 'ERROR', 'changed'], [1, 'ERROR', 'm1']]);
  });

  it('a row another index reuses after a delete reads as that index\'s document', async () => {
    const call = open();
    expect((await call('PUT', '/logs', { mappings: MAPPINGS })).status).toBe(200);
    expect((await call('PUT', '/logs/_doc/only?refresh=true', { at: 1, level: 'ERROR', message: 'first' })).status).toBe(201);
    expect(await values(call)).toEqual([[1, 'ERROR', 'first']]);
    // the last row deleted, the next insert (same sequence number, in its own index) takes its rowid
    expect((await call('DELETE', '/logs?')).status).toBe(200);
    expect((await call('PUT', '/other', { mappings: MAPPINGS })).status).toBe(200);
    expect((await call('PUT', '/other/_doc/only?refresh=true', { at: 1, level: 'ERROR', message: 'second' })).status).toBe(201);
    expect(await values(call, 'FROM other | WHERE level == "ERROR" | SORT at DESC | LIMIT 10')).toEqual([[1, 'ERROR', 'second']]);
  });

  it('a mapping that adds a column shows it for the documents read before', async () => {
    const call = open();
    await seed(call);
    expect((await values(call))[0]).toEqual([3, 'ERROR', 'm3']);
    expect((await call('PUT', '/logs/_mapping', { properties: { extra: { type: 'keyword' } } })).status).toBe(200);
    expect(await values(call)).toEqual([[3, 'x3', 'ERROR', 'm3'], [2, 'x2', 'ERROR', 'm2'], [1, 'x1', 'ERROR', 'm1']]);
  });
});

describe('kept query plans', () => {
  it('follow what another process changes: a mapping, the index deleted and made again', async () => {
    const a = open();
    await seed(a);
    expect((await values(a))[0]).toEqual([3, 'ERROR', 'm3']);
    const b = open();
    expect((await b('PUT', '/logs/_mapping', { properties: { extra: { type: 'keyword' } } })).status).toBe(200);
    expect((await values(a))[0]).toEqual([3, 'x3', 'ERROR', 'm3']);
    // made again by the other process, with other fields: the old plan's SQLite index is gone
    expect((await b('DELETE', '/logs')).status).toBe(200);
    expect((await b('PUT', '/logs', { mappings: { dynamic: false, properties: { at: { type: 'long' }, level: { type: 'keyword' } } } })).status).toBe(200);
    expect((await b('PUT', '/logs/_doc/n?refresh=true', { at: 9, level: 'ERROR', message: 'unmapped now' })).status).toBe(201);
    expect(await values(a)).toEqual([[9, 'ERROR']]);
  });
});

describe('DocumentCache', () => {
  it('knows an entry by row, index uuid and sequence number', () => {
    const cache = new DocumentCache();
    const doc = cache.put(7, 'logs', 3, 'a', '{"a":1}');
    expect(cache.get(7, 'logs', 3)).toBe(doc);
    expect(doc.source).toEqual({ a: 1 });
    expect(cache.get(7, 'logs', 4)).toBeUndefined();
    expect(cache.get(7, 'other', 3)).toBeUndefined();
    expect(cache.get(8, 'logs', 3)).toBeUndefined();
  });

  it('lets the oldest entries go once over its budget of characters', () => {
    const cache = new DocumentCache(100);
    for (let i = 0; i < 10; i++) cache.put(i, 'logs', i, `d${i}`, `{"n":"${'x'.repeat(10)}${i}"}`);
    const kept = Array.from({ length: 10 }, (_, i) => cache.get(i, 'logs', i) !== undefined);
    expect(kept.slice(0, 3)).toEqual([false, false, false]);
    expect(kept.slice(-2)).toEqual([true, true]);
  });
});
