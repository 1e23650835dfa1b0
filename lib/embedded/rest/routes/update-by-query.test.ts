import { describe, expect, it } from 'vitest';
import { engineForEachTest } from '../../test-support';

describe('updates by script: _update_by_query and _update', () => {
  const { call } = engineForEachTest(async (call) => {
    for (const [id, level, n] of [['1', 'ERROR', 1], ['2', 'INFO', 2], ['3', 'ERROR', 3]] as const) {
      await call('PUT', `/logs/_doc/${id}`, { level, n, host: { name: 'h' } });
    }
  });

  const source = async (id: string) => (await call('GET', `/logs/_doc/${id}`)).body._source;

  it('sets fields from literals and params on the matching documents only, as new versions', async () => {
    const { status, body } = await call('POST', '/logs/_update_by_query', {
      query: { term: { 'level.keyword': 'ERROR' } },
      script: { source: "ctx._source.level = 'WARN'; ctx._source.tags = params.tags; ctx._source.host.name = \"x;y\"", params: { tags: ['a', 'b'] } },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 2, updated: 2, deleted: 0, noops: 0, version_conflicts: 0, failures: [] });
    expect(await source('1')).toEqual({ level: 'WARN', n: 1, host: { name: 'x;y' }, tags: ['a', 'b'] });
    expect(await source('2')).toEqual({ level: 'INFO', n: 2, host: { name: 'h' } });
    expect((await call('GET', '/logs/_doc/3')).body._version).toBe(2);
    // the new values are searchable, through the mapping the update added
    expect((await call('GET', '/logs/_count', { query: { term: { 'tags.keyword': 'b' } } })).body.count).toBe(2);
  });

  it('removes fields, deletes or skips by ctx.op, honours max_docs, and rewrites unchanged without a script', async () => {
    expect((await call('POST', '/logs/_update_by_query', { query: { ids: { values: ['1'] } }, script: "ctx._source.remove('host')" })).body.updated).toBe(1);
    expect(await source('1')).toEqual({ level: 'ERROR', n: 1 });
    expect((await call('POST', '/logs/_update_by_query', { query: { ids: { values: ['1'] } }, script: "ctx._source['a.b'] = 'dotted key'" })).body.updated).toBe(1);
    expect(await source('1')).toEqual({ level: 'ERROR', n: 1, 'a.b': 'dotted key' });
    await call('POST', '/logs/_update_by_query', { query: { ids: { values: ['1'] } }, script: "ctx._source.remove('a.b')" });
    expect((await call('POST', '/logs/_update_by_query', { query: { ids: { values: ['2'] } }, script: "ctx.op = 'delete'" })).body.deleted).toBe(1);
    expect((await call('GET', '/logs/_doc/2')).status).toBe(404);
    expect((await call('POST', '/logs/_update_by_query', { script: "ctx.op = 'noop'" })).body).toMatchObject({ total: 2, noops: 2, updated: 0 });
    expect((await call('POST', '/logs/_update_by_query?max_docs=1')).body).toMatchObject({ total: 1, updated: 1 });
    const everything = await call('POST', '/logs/_update_by_query');
    expect(everything.body).toMatchObject({ total: 2, updated: 2 });
    // 1: three edits, the max_docs pass, the last pass; 3: the last pass only
    expect([(await call('GET', '/logs/_doc/1')).body._version, (await call('GET', '/logs/_doc/3')).body._version]).toEqual([6, 2]);
  });

  it('refuses a script it cannot run before touching any document, naming the statement', async () => {
    const { status, body } = await call('POST', '/logs/_update_by_query', { script: "ctx._source.n = 5; ctx._source.n += 1" });
    expect(status).toBe(400);
    expect(body.error.type).toBe('illegal_argument_exception');
    expect(body.error.reason).toContain('cannot run [ctx._source.n += 1]');
    expect(await source('1')).toEqual({ level: 'ERROR', n: 1, host: { name: 'h' } });
    expect((await call('POST', '/logs/_update_by_query', { script: { source: 'x', lang: 'mustache' } })).body.error.reason).toBe('script_lang not supported [mustache]');
    expect((await call('POST', '/logs/_update_by_query', { doc: { a: 1 } })).body.error.type).toBe('parsing_exception');
  });

  it('runs the same statements in _update, with scripted_upsert for a missing document', async () => {
    const updated = await call('POST', '/logs/_update/1', { script: { source: 'ctx._source.n = params.n', params: { n: 10 } } });
    expect([updated.status, updated.body.result, updated.body._version]).toEqual([200, 'updated', 2]);
    expect((await source('1')).n).toBe(10);
    expect((await call('POST', '/logs/_update/1', { script: "ctx.op = 'noop'" })).body.result).toBe('noop');
    expect((await call('POST', '/logs/_update/9', { script: 'ctx._source.n = 1', upsert: { n: 0 } })).body.result).toBe('created');
    expect((await source('9')).n).toBe(0);
    expect((await call('POST', '/logs/_update/8', { script: 'ctx._source.n = 1', upsert: { n: 0 }, scripted_upsert: true })).body.result).toBe('created');
    expect((await source('8')).n).toBe(1);
    const both = await call('POST', '/logs/_update/1', { script: 'ctx._source.n = 1', doc: { n: 2 } });
    expect([both.status, both.body.error.reason]).toEqual([400, "Validation Failed: 1: can't provide both script and doc;"]);
    const missing = await call('POST', '/logs/_update/7', { script: 'ctx._source.n = 1' });
    expect([missing.status, missing.body.error.type]).toEqual([404, 'document_missing_exception']);
  });
});
