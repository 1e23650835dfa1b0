import { describe, expect, it } from 'vitest';
import { engineForEachTest } from '../../test-support';

describe('_mget', () => {
  const { call } = engineForEachTest(async (c) => {
    await c('PUT', '/a/_doc/1?refresh=true', { x: 1, y: 2 });
    await c('PUT', '/b/_doc/9?refresh=true', { z: 3 });
  });

  it('answers each document as GET does, a missing one or a missing index in its own item', async () => {
    const r = await call('POST', '/_mget', { docs: [{ _index: 'a', _id: '1' }, { _index: 'a', _id: '2' }, { _index: 'nope', _id: '1' }, { _index: 'b', _id: '9', _source: ['z'] }] });
    expect(r.status).toBe(200);
    expect(r.body.docs[0]).toEqual({ _index: 'a', _id: '1', _version: 1, _seq_no: 0, _primary_term: 1, found: true, _source: { x: 1, y: 2 } });
    expect(r.body.docs[1]).toEqual({ _index: 'a', _id: '2', found: false });
    expect(r.body.docs[2]).toMatchObject({ _index: 'nope', _id: '1', error: { type: 'index_not_found_exception', reason: 'no such index [nope]' } });
    expect(r.body.docs[3]).toMatchObject({ _index: 'b', _id: '9', found: true, _source: { z: 3 } });
  });

  it('takes ids under the URL index, with the URL source filter', async () => {
    const r = await call('GET', '/a/_mget?_source=x', { ids: ['1', 2] });
    expect(r.body.docs.map((d: { found: boolean; _source?: unknown }) => [d.found, d._source])).toEqual([[true, { x: 1 }], [false, undefined]]);
  });

  it('refuses items without an index or an id, and an empty list, as Elasticsearch does', async () => {
    const missing = await call('POST', '/_mget', { docs: [{ _id: '1' }, { _index: 'a' }] });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ type: 'action_request_validation_exception', reason: 'Validation Failed: 1: index is missing for doc 0;2: id is missing for doc 1;' });
    expect((await call('POST', '/_mget', { docs: [] })).body.error.reason).toBe('Validation Failed: 1: no documents to get;');
  });
});

describe('_msearch', () => {
  const { call } = engineForEachTest(async (c) => {
    await c('POST', '/a/_bulk?refresh=true', '{"index":{"_id":"1"}}\n{"x":1}\n{"index":{"_id":"2"}}\n{"x":2}\n');
  });

  it('runs each search in order, a failing one answering with its error and status', async () => {
    const r = await call('POST', '/_msearch', '{"index":"a"}\n{"query":{"term":{"x":2}}}\n{"index":"nope"}\n{}\n{"index":["a"]}\n{"size":0}\n');
    expect(r.status).toBe(200);
    const [first, second, third] = r.body.responses;
    expect(first.status).toBe(200);
    expect(first.hits.hits.map((h: { _id: string }) => h._id)).toEqual(['2']);
    expect(second).toMatchObject({ status: 404, error: { type: 'index_not_found_exception' } });
    expect(third).toMatchObject({ status: 200, hits: { total: { value: 2, relation: 'eq' }, hits: [] } });
  });

  it('opens no scroll for its items', async () => {
    const r = await call('POST', '/a/_msearch?scroll=1m', '{}\n{}\n');
    expect(r.body.responses[0]).not.toHaveProperty('_scroll_id');
    expect(r.body.responses[0].status).toBe(200);
  });

  it('uses the URL index for an empty header, and wants the last newline', async () => {
    const r = await call('POST', '/a/_msearch', '{}\n{"sort":[{"x":"desc"}]}\n');
    expect(r.body.responses[0].hits.hits.map((h: { _id: string }) => h._id)).toEqual(['2', '1']);
    const unterminated = await call('POST', '/a/_msearch', '{}\n{}');
    expect(unterminated.status).toBe(400);
    expect(unterminated.body.error.reason).toBe('The msearch request must be terminated by a newline [\n]');
  });
});
