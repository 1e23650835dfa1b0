import { describe, expect, it } from 'vitest';
import { engineForEachTest, type LooseJson } from './test-support';

type Json = LooseJson;

describe('EmbeddedEngine REST routes', () => {
  const { call } = engineForEachTest();

  it('answers cluster info as 9.1.0', async () => {
    const { status, body } = await call('GET', '/');
    expect(status).toBe(200);
    expect(body.version.number).toBe('9.1.0');
    expect(body.tagline).toBe('You Know, for Search');
  });

  it('creates, gets, checks and deletes an index with explicit mappings', async () => {
    expect((await call('PUT', '/logs', { settings: { number_of_shards: 1 }, mappings: { properties: { level: { type: 'keyword' } } } })).body)
      .toEqual({ acknowledged: true, shards_acknowledged: true, index: 'logs' });
    expect((await call('HEAD', '/logs')).status).toBe(200);
    const got = (await call('GET', '/logs')).body;
    expect(got.logs.mappings).toEqual({ properties: { level: { type: 'keyword' } } });
    expect(got.logs.settings.index.number_of_shards).toBe('1');
    const again = await call('PUT', '/logs');
    expect([again.status, again.body.error.type]).toEqual([400, 'resource_already_exists_exception']);
    expect((await call('DELETE', '/logs')).body).toEqual({ acknowledged: true });
    expect((await call('HEAD', '/logs')).status).toBe(404);
  });

  it('answers a missing index with 404 index_not_found_exception in the Elasticsearch error shape', async () => {
    const { status, body } = await call('GET', '/missing/_search');
    expect(status).toBe(404);
    expect(body.status).toBe(404);
    expect(body.error.type).toBe('index_not_found_exception');
    expect(body.error.reason).toBe('no such index [missing]');
    expect(body.error.root_cause[0].type).toBe('index_not_found_exception');
  });

  it('applies the highest-priority matching template at index creation', async () => {
    await call('PUT', '/_index_template/low', { index_patterns: ['logs-*'], priority: 1, template: { mappings: { properties: { a: { type: 'long' } } } } });
    await call('PUT', '/_index_template/high', { index_patterns: ['logs-*'], priority: 9, template: { settings: { 'index.hidden': true }, mappings: { dynamic: false, properties: { a: { type: 'keyword' } } } } });
    await call('PUT', '/logs-1/_doc/1', { a: 'x', free: { any: 1 } });
    const m = (await call('GET', '/logs-1/_mapping')).body;
    expect(m['logs-1'].mappings).toEqual({ dynamic: false, properties: { a: { type: 'keyword' } } });
    expect((await call('GET', '/_index_template/high')).body.index_templates[0].name).toBe('high');
    expect((await call('GET', '/_index_template/zzz')).status).toBe(404);
    expect((await call('DELETE', '/_index_template/low')).body).toEqual({ acknowledged: true });
    // Hidden by the template: wildcards skip it, a concrete name reaches it.
    expect((await call('GET', '/*/_count')).body.count).toBe(0);
    expect((await call('GET', '/logs-1/_count')).body.count).toBe(1);
  });

  it('indexes with op_type=create and optimistic concurrency', async () => {
    const first = await call('PUT', '/notes/_doc/n1', { t: 'hi' });
    expect([first.status, first.body.result, first.body._seq_no, first.body._version]).toEqual([201, 'created', 0, 1]);
    const dup = await call('PUT', '/notes/_doc/n1?op_type=create', { t: 'again' });
    expect([dup.status, dup.body.error.type]).toEqual([409, 'version_conflict_engine_exception']);
    expect((await call('PUT', '/notes/_create/n1', { t: 'again' })).status).toBe(409);
    const stale = await call('PUT', '/notes/_doc/n1?if_seq_no=7&if_primary_term=1', { t: 'x' });
    expect([stale.status, stale.body.error.type]).toEqual([409, 'version_conflict_engine_exception']);
    const fresh = await call('PUT', '/notes/_doc/n1?if_seq_no=0&if_primary_term=1', { t: 'x' });
    expect([fresh.status, fresh.body.result, fresh.body._seq_no, fresh.body._version]).toEqual([200, 'updated', 1, 2]);
  });

  it('generates 20-character ids on POST /<index>/_doc', async () => {
    const { status, body } = await call('POST', '/notes/_doc', { t: 1 });
    expect(status).toBe(201);
    expect(body._id).toMatch(/^[A-Za-z0-9_-]{20}$/);
  });

  it('gets documents with their metadata, and 404 found:false when missing', async () => {
    await call('PUT', '/notes/_doc/n1', '{"z":1,"a":{"b":2}}');
    const got = (await call('GET', '/notes/_doc/n1')).body;
    expect(got).toEqual({ _index: 'notes', _id: 'n1', _version: 1, _seq_no: 0, _primary_term: 1, found: true, _source: { z: 1, a: { b: 2 } } });
    expect(Object.keys(got._source)).toEqual(['z', 'a']);
    expect((await call('GET', '/notes/_doc/nope')).body).toEqual({ _index: 'notes', _id: 'nope', found: false });
    expect((await call('HEAD', '/notes/_doc/n1')).status).toBe(200);
    expect((await call('HEAD', '/notes/_doc/nope')).status).toBe(404);
    expect((await call('GET', '/notes/_doc/n1?_source_includes=a')).body._source).toEqual({ a: { b: 2 } });
  });

  it('updates with recursive merge, noop, upserts and document_missing_exception', async () => {
    await call('PUT', '/notes/_doc/n1', { t: 'hi', o: { a: 1, b: 1 } });
    const upd = await call('POST', '/notes/_update/n1', { doc: { u: 1, o: { b: 2 } } });
    expect([upd.status, upd.body.result]).toEqual([200, 'updated']);
    expect((await call('GET', '/notes/_doc/n1')).body._source).toEqual({ t: 'hi', o: { a: 1, b: 2 }, u: 1 });
    expect((await call('POST', '/notes/_update/n1', { doc: { u: 1 } })).body.result).toBe('noop');
    const missing = await call('POST', '/notes/_update/zz', { doc: { u: 1 } });
    expect([missing.status, missing.body.error.type]).toEqual([404, 'document_missing_exception']);
    expect((await call('POST', '/notes/_update/zz', { doc: { u: 1 }, doc_as_upsert: true })).body.result).toBe('created');
    expect((await call('POST', '/notes/_update/yy', { doc: { u: 1 }, upsert: { u: 0 } })).status).toBe(201);
    expect((await call('GET', '/notes/_doc/yy')).body._source).toEqual({ u: 0 });
    expect((await call('POST', '/notes/_update/n1?if_seq_no=0&if_primary_term=1', { doc: { u: 5 } })).status).toBe(409);
  });

  it('deletes documents: deleted, then not_found', async () => {
    await call('PUT', '/notes/_doc/n1', { t: 'hi' });
    expect((await call('DELETE', '/notes/_doc/n1')).body.result).toBe('deleted');
    const again = await call('DELETE', '/notes/_doc/n1');
    expect([again.status, again.body.result]).toEqual([404, 'not_found']);
  });

  it('runs a bulk with per-item results and errors', async () => {
    const ndjson = [
      { index: { _index: 'b', _id: '1' } }, { n: 1 },
      { create: { _index: 'b', _id: '1' } }, { n: 2 },
      { index: { _index: 'b' } }, { n: 3 },
      { update: { _index: 'b', _id: '1' } }, { doc: { m: 1 } },
      { delete: { _index: 'b', _id: 'nope' } },
      { index: { _index: 'b', _id: 'bad' } }, { n: 'not a number' },
    ].map((l) => JSON.stringify(l)).join('\n') + '\n';
    const { status, body } = await call('POST', '/_bulk', ndjson);
    expect(status).toBe(200);
    expect(body.errors).toBe(true);
    expect(body.items.map((i: Json) => Object.values(i)[0].status)).toEqual([201, 409, 201, 200, 404, 400]);
    expect(body.items[5].index.error.type).toBe('document_parsing_exception');
    expect((await call('GET', '/b/_count')).body.count).toBe(2);
    expect((await call('POST', '/b/_bulk', '{"index":{"_id":"9"}}\n{"n":9}\n')).body.items[0].index._index).toBe('b');
  });

  it('searches with sort, size, from, _source and track_total_hits', async () => {
    for (let i = 1; i <= 12; i++) await call('PUT', `/s/_doc/${i}`, { n: i, tag: i % 2 ? 'odd' : 'even' });
    const all = (await call('POST', '/s/_search', {})).body;
    expect(all.hits.total).toEqual({ value: 12, relation: 'eq' });
    expect(all.hits.hits).toHaveLength(10);
    expect(all.hits.hits[0]._score).toBe(1);
    const sorted = (await call('POST', '/s/_search', { query: { term: { 'tag.keyword': 'even' } }, sort: [{ n: 'desc' }], size: 2, from: 1, _source: ['n'] })).body;
    expect(sorted.hits.hits.map((h: Json) => [h._id, h._score, h.sort, h._source])).toEqual([['10', null, [10], { n: 10 }], ['8', null, [8], { n: 8 }]]);
    expect((await call('GET', '/s/_search?size=1&track_total_hits=false')).body.hits.total).toBeUndefined();
    expect((await call('GET', '/s/_search?q=tag:odd')).body.hits.total.value).toBe(6);
    // a bare word or number searches every mapped field, as Elasticsearch's default field `*` does
    expect((await call('GET', '/s/_search?q=odd')).body.hits.total.value).toBe(6);
    expect((await call('GET', '/s/_search?q=7')).body.hits.hits.map((h: Json) => h._id)).toEqual(['7']);
    for (const q of ['tag:odd%20AND%20n:3', 'tag:od*', '*', 'n:[1%20TO%203]']) {
      const refused = await call('GET', `/s/_search?q=${q}`);
      expect([refused.status, refused.body.error.reason]).toEqual([400, expect.stringContaining('q=<field>:<value> and q=<words> only')]);
    }
    expect((await call('POST', '/s/_count', { query: { range: { n: { gt: 10 } } } })).body.count).toBe(2);
  });

  it('rejects unknown queries with 400 parsing_exception', async () => {
    await call('PUT', '/s/_doc/1', { n: 1 });
    const { status, body } = await call('POST', '/s/_search', { query: { bogus: {} } });
    expect([status, body.error.type]).toEqual([400, 'parsing_exception']);
  });

  it('deletes by query and refreshes', async () => {
    for (let i = 1; i <= 4; i++) await call('PUT', `/d/_doc/${i}`, { n: i });
    expect((await call('POST', '/d/_delete_by_query', { query: { range: { n: { lte: 2 } } } })).body.deleted).toBe(2);
    expect((await call('POST', '/d/_refresh')).status).toBe(200);
    expect((await call('POST', '/_refresh')).status).toBe(200);
    expect((await call('GET', '/d/_count')).body.count).toBe(2);
  });

  it('lists indices in _cat/indices as text and JSON', async () => {
    await call('PUT', '/c/_doc/1', { n: 1 });
    const json = (await call('GET', '/_cat/indices?format=json')).body as unknown as Json[];
    expect(json.map((r) => [r.index, r['docs.count']])).toEqual([['c', '1']]);
    const text = (await call('GET', '/_cat/indices?v=true&h=index,docs.count')).body as unknown as string;
    expect(text).toBe('index docs.count\nc     1\n');
  });

  it('answers unknown routes and bad bodies with errors, never throws', async () => {
    expect((await call('GET', '/_nope')).status).toBe(400);
    expect((await call('PUT', '/x/_doc/1', '{not json')).status).toBe(400);
    expect((await call('PUT', '/UPPER/_doc/1', { a: 1 })).body.error.type).toBe('invalid_index_name_exception');
  });

  it('runs ES|QL through POST /_query', async () => {
    await call('PUT', '/e/_doc/1', { n: 1 });
    const { status, body } = await call('POST', '/_query', { query: 'FROM e | KEEP n' });
    expect(status).toBe(200);
    expect(body.columns).toEqual([{ name: 'n', type: 'long' }]);
    expect(body.values).toEqual([[1]]);
  });

  it.each([
    ['POST', '/_query', 'documents_found_and_values_loaded', true],
    ['POST', '/_query', 'parameter_for_limit,query_monitoring', true],
    ['POST', '/_query', 'parameter_for_sample,grok_validation', true],
    ['POST', '/_query', 'fix_index_like_question_mark_wildcard', false],
    ['POST', '/_query', 'no_such_capability', false],
    ['PUT', '/{index}', 'lookup_index_mode', true],
    ['GET', '/_query', '', false],
    ['GET', '/_nope', '', false],
  ])('answers GET /_capabilities for %s %s [%s] with supported: %s', async (method, path, capabilities, supported) => {
    const qs = new URLSearchParams({ method, path, capabilities }).toString();
    const { status, body } = await call('GET', `/_capabilities?${qs}`);
    expect(status).toBe(200);
    expect(body).toEqual({ _nodes: { total: 1, successful: 1, failed: 0 }, cluster_name: 'embedded', supported });
  });

  it('refuses a lookup index with more than one shard', async () => {
    expect((await call('PUT', '/l1', { settings: { 'index.mode': 'lookup' } })).status).toBe(200);
    const two = await call('PUT', '/l2', { settings: { index: { mode: 'lookup', number_of_shards: 2 } } });
    expect([two.status, two.body.error.type]).toEqual([400, 'illegal_argument_exception']);
  });

  it('closes an index: reads and writes are refused, _cat shows it closed, wildcards skip it, and opening restores it', async () => {
    await call('PUT', '/shut/_doc/1', { n: 1 });
    await call('PUT', '/other/_doc/1', { n: 2 });
    expect((await call('POST', '/shut/_close')).body).toEqual({ acknowledged: true, shards_acknowledged: true, indices: { shut: { closed: true } } });
    for (const [method, url] of [['GET', '/shut/_doc/1'], ['PUT', '/shut/_doc/2'], ['GET', '/shut/_search'], ['GET', '/shut/_count']]) {
      const res = await call(method, url, method === 'PUT' ? { n: 3 } : undefined);
      expect([res.status, res.body.error?.type], `${method} ${url}`).toEqual([400, 'index_closed_exception']);
    }
    expect((await call('GET', '/*/_count')).body.count).toBe(1);
    expect((await call('GET', '/_cat/indices?h=status,index&s=status,index')).body).toBe('close shut\nopen  other\n');
    expect((await call('GET', '/shut/_settings')).body.shut.settings.index.verified_before_close).toBe('true');
    expect((await call('POST', '/shut/_open')).body).toEqual({ acknowledged: true, shards_acknowledged: true });
    expect((await call('GET', '/shut/_doc/1')).body.found).toBe(true);
    expect((await call('GET', '/*/_count')).body.count).toBe(2);
  });

  it('reports documents_found and values_loaded, keeps a float parameter a double, and lists no running query after one', async () => {
    await call('PUT', '/e/_doc/1?refresh=true', { n: 1, s: 'a' }); // n, s and s.keyword: 3 values
    await call('PUT', '/e/_doc/2?refresh=true', { n: 2 });
    const { body } = await call('POST', '/_query', '{"query": "FROM e | EVAL f = ? | KEEP n, f | SORT n | LIMIT ?", "params": [2.0, 1]}');
    expect(body).toMatchObject({ documents_found: 2, values_loaded: 4, columns: [{ name: 'n', type: 'long' }, { name: 'f', type: 'double' }], values: [[1, 2]] });
    expect((await call('GET', '/_query/queries')).body).toEqual({ queries: {} });
    expect((await call('GET', '/_query/queries/embedded:1')).status).toBe(404);
  });

  it('answers METADATA _source and _ignored (ignore_malformed, ignore_above) in ES|QL', async () => {
    await call('PUT', '/m', { mappings: { properties: { i: { type: 'integer', ignore_malformed: true }, k: { type: 'keyword', ignore_above: 3 } } } });
    await call('PUT', '/m/_doc/1?refresh=true', { i: 'x', k: 'long' });
    const { body } = await call('POST', '/_query', { query: 'FROM m METADATA _source, _ignored | KEEP i, k, _source, _ignored' });
    expect(body.columns).toEqual([{ name: 'i', type: 'integer' }, { name: 'k', type: 'keyword' }, { name: '_source', type: '_source' }, { name: '_ignored', type: 'keyword' }]);
    expect(body.values).toEqual([[null, null, { i: 'x', k: 'long' }, ['i', 'k']]]);
    expect((await call('POST', '/_query', { query: 'FROM m METADATA _source | SORT _source' })).body.error.reason).toMatch(/cannot sort on _source/);
  });
});
