import { describe, expect, it } from 'vitest';
import { engineForEachTest } from '../test-support';
import { ENGINE_VERSION } from '../version';
import { filterPath } from './filter-path';

const SEARCH = {
  took: 3, timed_out: false, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
  hits: { max_score: 1, hits: [{ _index: 'a', _id: '1', _score: 1, _source: { x: 1, tags: ['p', 'q'] } }, { _index: 'a', _id: '2', _score: 1, _source: { y: 2 } }] },
};

describe('filter_path', () => {
  it.each([
    ['took,hits.hits._id', { took: 3, hits: { hits: [{ _id: '1' }, { _id: '2' }] } }],
    ['hits.hits._s*', { hits: { hits: [{ _score: 1, _source: { x: 1, tags: ['p', 'q'] } }, { _score: 1, _source: { y: 2 } }] } }],
    ['hits.hits._source.x', { hits: { hits: [{ _source: { x: 1 } }] } }],
    ['**._id', { hits: { hits: [{ _id: '1' }, { _id: '2' }] } }],
    ['_shards.**', { _shards: { total: 1, successful: 1, skipped: 0, failed: 0 } }],
    ['hits.hits._source.tags', { hits: { hits: [{ _source: { tags: ['p', 'q'] } }] } }],
    ['hits.hits._source.tags.p', {}],
    ['nothing,here', {}],
    ['-_shards,-hits.hits._source,-hits.max_score', { took: 3, timed_out: false, hits: { hits: [{ _index: 'a', _id: '1', _score: 1 }, { _index: 'a', _id: '2', _score: 1 }] } }],
    ['-hits.hits._source,hits.hits._*', { hits: { hits: [{ _index: 'a', _id: '1', _score: 1 }, { _index: 'a', _id: '2', _score: 1 }] } }],
    ['*out', { timed_out: false }],
  ])('%s', (filter, expected) => {
    expect(filterPath(SEARCH, filter)).toEqual(expected);
  });
});

describe('filter_path over REST', () => {
  const { call } = engineForEachTest(async (c) => {
    await c('PUT', '/a/_doc/1?refresh=true', { x: 1, y: 'b' });
  });

  it('filters any answer, a written one included, but never an error', async () => {
    expect((await call('GET', '/?filter_path=version.number')).body).toEqual({ version: { number: ENGINE_VERSION } });
    expect((await call('GET', '/a/_search?filter_path=hits.hits._source.x')).body).toEqual({ hits: { hits: [{ _source: { x: 1 } }] } });
    expect((await call('POST', '/_query?filter_path=values', { query: 'FROM a | KEEP y' })).body).toEqual({ values: [['b']] });
    const missing = await call('GET', '/nope/_search?filter_path=took');
    expect(missing.status).toBe(404);
    expect(missing.body.error.type).toBe('index_not_found_exception');
  });
});
