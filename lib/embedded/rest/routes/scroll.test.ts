import { describe, expect, it } from 'vitest';
import { engineForEachTest } from '../../test-support';

describe('scroll searches', () => {
  const { call } = engineForEachTest(async (c) => {
    const lines = Array.from({ length: 25 }, (_, i) => `{"index":{"_id":"${i}"}}\n{"n":${i}}\n`);
    await c('POST', '/s/_bulk?refresh=true', lines.join(''));
  });

  it('pages through every hit in order, as the index was when the scroll began', async () => {
    const first = await call('POST', '/s/_search?scroll=1m', { size: 10, sort: [{ n: 'asc' }] });
    expect(first.status).toBe(200);
    expect(Object.keys(first.body)[0]).toBe('_scroll_id');
    expect(first.body.hits.total).toEqual({ value: 25, relation: 'eq' });
    const id = first.body._scroll_id as string;
    // a change after the first page is not seen by the scroll
    await call('DELETE', '/s/_doc/24?refresh=true');
    const seen = first.body.hits.hits.map((h: { _source: { n: number } }) => h._source.n);
    for (;;) {
      const next = await call('POST', '/_search/scroll', { scroll: '1m', scroll_id: id });
      expect(next.body._scroll_id).toBe(id);
      if (next.body.hits.hits.length === 0) break;
      seen.push(...next.body.hits.hits.map((h: { _source: { n: number } }) => h._source.n));
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it('frees a context on DELETE, after which the id is unknown', async () => {
    const id = (await call('POST', '/s/_search?scroll=30s', { size: 5 })).body._scroll_id;
    expect((await call('DELETE', '/_search/scroll', { scroll_id: [id] })).body).toEqual({ succeeded: true, num_freed: 1 });
    const gone = await call('POST', '/_search/scroll', { scroll_id: id });
    expect(gone.status).toBe(404);
    expect(gone.body.error).toMatchObject({ type: 'search_context_missing_exception', reason: `No search context found for id [${id}]` });
    const again = await call('DELETE', `/_search/scroll/${id}`);
    expect([again.status, again.body]).toEqual([404, { succeeded: true, num_freed: 0 }]);
  });

  it('refuses what a scroll cannot take, as Elasticsearch words it', async () => {
    const from = await call('POST', '/s/_search?scroll=1m', { from: 5 });
    expect(from.status).toBe(400);
    expect(from.body.error.reason).toBe('Validation Failed: 1: using [from] is not allowed in a scroll context;');
    const badTime = await call('POST', '/s/_search?scroll=soon', {});
    expect(badTime.status).toBe(400);
    expect(badTime.body.error.reason).toContain('failed to parse setting [scroll] with value [soon] as a time value');
    expect((await call('POST', '/_search/scroll', {})).body.error.reason).toBe('Validation Failed: 1: scrollId is missing;');
    expect((await call('POST', '/_search/scroll', 'null')).body.error.reason).toBe('Validation Failed: 1: scrollId is missing;');
    const badSize = await call('POST', '/s/_search?scroll=1m', { size: {} });
    expect([badSize.status, badSize.body.error.type]).toEqual([400, 'x_content_parse_exception']);
  });
});
