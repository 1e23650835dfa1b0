import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../engine';
import { restCaller, tempDataDir, type LooseJson } from '../test-support';

type Json = LooseJson;

describe('index aliases through the engine', () => {
  let tmp: ReturnType<typeof tempDataDir>;
  let engine: EmbeddedEngine;
  const call = restCaller(() => engine);
  const errorOf = async (method: string, url: string, body?: unknown) => {
    const { status, body: b } = await call(method, url, body);
    return [status, b.error?.type, b.error?.reason];
  };
  beforeEach(() => { tmp = tempDataDir(); engine = new EmbeddedEngine(tmp.dir); });
  afterEach(() => { engine.close(); tmp.cleanup(); });

  it('adds an alias with PUT _alias, shows it in GET _alias and GET /<index>, and HEAD finds it', async () => {
    await call('PUT', '/logs');
    expect((await call('HEAD', '/_alias/current')).status).toBe(404);
    expect((await call('PUT', '/logs/_alias/current', { routing: 1 })).body).toEqual({ acknowledged: true, errors: false });
    expect((await call('HEAD', '/_alias/current')).status).toBe(200);
    expect((await call('GET', '/_alias/current')).body).toEqual({ logs: { aliases: { current: { index_routing: '1', search_routing: '1' } } } });
    expect((await call('GET', '/logs')).body.logs.aliases).toEqual({ current: { index_routing: '1', search_routing: '1' } });
    expect((await call('PUT', '/logs/_aliases/other')).status).toBe(200);
    expect(Object.keys((await call('GET', '/logs/_alias')).body.logs.aliases)).toEqual(['current', 'other']);
  });

  it('lists every index in GET /_alias, and only indices with matching aliases when names are given', async () => {
    await call('PUT', '/a', { aliases: { x: {}, y: {} } });
    await call('PUT', '/b');
    expect((await call('GET', '/_alias')).body).toEqual({ a: { aliases: { x: {}, y: {} } }, b: { aliases: {} } });
    expect((await call('GET', '/_alias/_all')).body).toEqual({ a: { aliases: { x: {}, y: {} } } });
    expect((await call('GET', '/a/_alias/x*')).body).toEqual({ a: { aliases: { x: {} } } });
  });

  it('answers a missing alias with 404, the error text and what was found', async () => {
    await call('PUT', '/a', { aliases: { x: {} } });
    expect((await call('GET', '/a/_alias/nope')).body).toEqual({ error: 'alias [nope] missing', status: 404 });
    const both = await call('GET', '/a/_alias/x,nope,gone');
    expect(both).toEqual({ status: 404, body: { error: 'aliases [gone,nope] missing', status: 404, a: { aliases: { x: {} } } } });
    expect((await call('GET', '/missing/_alias/x')).body.error.type).toBe('index_not_found_exception');
  });

  it('deletes aliases by name or wildcard, and 404 aliases_not_found_exception when none matched', async () => {
    await call('PUT', '/a', { aliases: { x1: {}, x2: {}, y: {} } });
    expect((await call('DELETE', '/a/_alias/x*')).body).toEqual({ acknowledged: true, errors: false });
    expect(Object.keys((await call('GET', '/a/_alias')).body.a.aliases)).toEqual(['y']);
    expect(await errorOf('DELETE', '/a/_alias/zz')).toEqual([404, 'aliases_not_found_exception', 'aliases [zz] missing']);
  });

  it('runs _aliases actions atomically, including remove_index replaced by an alias of that name', async () => {
    await call('PUT', '/old');
    await call('PUT', '/new');
    const res = await call('POST', '/_aliases', { actions: [
      { add: { index: 'new', aliases: ['old', 'old_write'] } },
      { remove_index: { index: 'old' } },
    ] });
    expect(res.body).toEqual({ acknowledged: true, errors: false });
    expect(Object.keys((await call('GET', '/old')).body)).toEqual(['new']);
    // A failing action rolls back the ones before it.
    const failed = await call('POST', '/_aliases', { actions: [{ add: { index: 'new', alias: 'z' } }, { add: { index: 'missing', alias: 'z' } }] });
    expect([failed.status, failed.body.error.type]).toEqual([404, 'index_not_found_exception']);
    expect((await call('HEAD', '/_alias/z')).status).toBe(404);
  });

  it('reports a remove that finds nothing per action while the other actions apply', async () => {
    await call('PUT', '/a');
    const { body } = await call('POST', '/_aliases', { actions: [
      { add: { index: 'a', aliases: 'kept' } },
      { remove: { index: 'a', aliases: 'nope' } },
    ] });
    expect(body.errors).toBe(true);
    expect(body.action_results.map((r: Json) => [r.action, r.status, r.error?.type])).toEqual([
      [{ type: 'add', indices: ['a'], aliases: ['kept'] }, 200, undefined],
      [{ type: 'remove', indices: ['a'], aliases: ['nope'] }, 404, 'aliases_not_found_exception'],
    ]);
    expect((await call('HEAD', '/_alias/kept')).status).toBe(200);
    const strict = await call('POST', '/_aliases', { actions: [{ remove: { index: 'a', alias: 'nope', must_exist: true } }, { add: { index: 'a', alias: 'later' } }] });
    expect(strict.status).toBe(404);
    expect((await call('HEAD', '/_alias/later')).status).toBe(404);
  });

  it.each([
    ['an index name', { add: { index: 'a', alias: 'b' } }, 400, 'invalid_alias_name_exception', 'Invalid alias name [b]: an index or data stream exists with the same name as the alias'],
    ['a wildcard alias name', { add: { index: 'a', alias: 'x*' } }, 400, 'invalid_alias_name_exception', undefined],
    ['an alias as the index', { remove_index: { index: 'al' } }, 400, 'illegal_argument_exception', 'The provided expression [al] matches an alias, specify the corresponding concrete indices instead.'],
    ['must_exist on add', { add: { index: 'a', alias: 'x', must_exist: true } }, 400, 'illegal_argument_exception', '[must_exist] is unsupported for [ADD]'],
    ['a bad filter', { add: { index: 'a', alias: 'x', filter: { bogus: {} } } }, 400, 'illegal_argument_exception', 'failed to parse filter for alias [x]'],
  ])('refuses an action with %s', async (_what, action, status, type, reason) => {
    await call('PUT', '/a', { aliases: { al: {} } });
    await call('PUT', '/b');
    const [s, t, r] = await errorOf('POST', '/_aliases', { actions: [action] });
    expect([s, t]).toEqual([status, type]);
    if (reason) expect(r).toBe(reason);
  });

  it('refuses an index whose name an alias has, and a second write index', async () => {
    await call('PUT', '/a', { aliases: { w: { is_write_index: true } } });
    expect(await errorOf('PUT', '/w')).toEqual([400, 'invalid_index_name_exception', 'Invalid index name [w], already exists as alias']);
    const [status, type, reason] = await errorOf('PUT', '/b', { aliases: { w: { is_write_index: true } } });
    expect([status, type, reason]).toEqual([500, 'illegal_state_exception', 'alias [w] has more than one write index [a,b]']);
    expect((await call('HEAD', '/b')).status).toBe(404);
  });

  it('writes through an alias to its write index, and refuses when there is none', async () => {
    await call('PUT', '/one', { aliases: { solo: {}, both: {} } });
    await call('PUT', '/two', { aliases: { both: {} } });
    const put = await call('PUT', '/solo/_doc/1', { n: 1 });
    expect([put.status, put.body._index]).toEqual([201, 'one']);
    expect((await call('GET', '/solo/_doc/1')).body._index).toBe('one');
    expect(await errorOf('PUT', '/both/_doc/2', { n: 2 })).toEqual([400, 'illegal_argument_exception',
      'no write index is defined for alias [both]. The write index may be explicitly disabled using is_write_index=false or the alias points to multiple indices without one being designated as a write index']);
    expect(await errorOf('GET', '/both/_doc/1')).toEqual([400, 'illegal_argument_exception',
      "alias [both] has more than one index associated with it [one, two], can't execute a single index op"]);
    await call('PUT', '/two/_alias/both', { is_write_index: true });
    expect((await call('POST', '/both/_doc', { n: 3 })).body._index).toBe('two');
    expect((await call('POST', '/both/_update/1', { doc: { n: 9 } })).status).toBe(404);
    expect((await call('HEAD', '/solo')).status).toBe(200);
  });

  it('applies alias filters to search, count and ES|QL, but not through an unfiltered path', async () => {
    await call('PUT', '/events', { aliases: { errors: { filter: { term: { level: 'error' } } } } });
    for (const [id, level] of [['1', 'error'], ['2', 'info'], ['3', 'error']]) await call('PUT', `/events/_doc/${id}`, { level });
    const hits = (await call('POST', '/errors/_search', {})).body.hits.hits.map((h: Json) => h._id);
    expect(hits.sort()).toEqual(['1', '3']);
    expect((await call('GET', '/errors/_count')).body.count).toBe(2);
    expect((await call('GET', '/errors,events/_count')).body.count).toBe(3);
    expect((await call('POST', '/errors/_search', {})).body.hits.hits[0]._score).toBe(1);
    const esql = (await call('POST', '/_query', { query: 'FROM errors | STATS n = COUNT(*)' })).body;
    expect(esql.values).toEqual([[2]]);
  });

  it('resolves aliases in wildcards, lists them in _resolve/index and keeps them out of _cat/indices', async () => {
    await call('PUT', '/logs-1', { aliases: { logs: {} } });
    await call('PUT', '/logs-2', { aliases: { logs: {} } });
    await call('PUT', '/logs-1/_doc/1', { n: 1 });
    expect((await call('GET', '/logs/_count')).body.count).toBe(1);
    expect((await call('GET', '/_resolve/index/logs*')).body).toEqual({
      indices: [{ name: 'logs-1', aliases: ['logs'], attributes: ['open'] }, { name: 'logs-2', aliases: ['logs'], attributes: ['open'] }],
      aliases: [{ name: 'logs', indices: ['logs-1', 'logs-2'] }],
      data_streams: [],
    });
    const cat = (await call('GET', '/_cat/indices?format=json')).body as unknown as Json[];
    expect(cat.map((r) => r.index)).toEqual(['logs-1', 'logs-2']);
  });

  it('refuses DELETE of an alias, skipping it with ignore_unavailable', async () => {
    await call('PUT', '/a', { aliases: { al: {} } });
    await call('PUT', '/b');
    expect(await errorOf('DELETE', '/al,b')).toEqual([400, 'illegal_argument_exception',
      'The provided expression [al] matches an alias, specify the corresponding concrete indices instead.']);
    expect((await call('DELETE', '/al,b?ignore_unavailable=true')).status).toBe(200);
    expect([(await call('HEAD', '/a')).status, (await call('HEAD', '/b')).status]).toEqual([200, 404]);
    expect((await call('DELETE', '/al*?allow_no_indices=false')).body.error.type).toBe('index_not_found_exception');
    // Deleting the index drops its aliases.
    await call('DELETE', '/a');
    expect((await call('HEAD', '/_alias/al')).status).toBe(404);
  });

  it('takes aliases from templates, the request winning on the same name, and date-math names', async () => {
    await call('PUT', '/_index_template/t', { index_patterns: ['app-*'], template: { aliases: { app: { routing: 'r' }, shared: {} } } });
    expect((await call('GET', '/_index_template/t')).body.index_templates[0].index_template.template.aliases)
      .toEqual({ app: { index_routing: 'r', search_routing: 'r' }, shared: {} });
    await call('PUT', '/app-1', { aliases: { shared: { is_write_index: true } } });
    expect((await call('GET', '/app-1/_alias')).body['app-1'].aliases).toEqual({ app: { index_routing: 'r', search_routing: 'r' }, shared: { is_write_index: true } });
    const created = await call('PUT', `/${encodeURIComponent('<d_{2022-12-31||/d{yyyy-MM-dd}}>')}`, { aliases: { '<a_{2022-12-31||/d{yyyy.MM}}>': {} } });
    expect(created.body.index).toBe('d_2022-12-31');
    expect((await call('HEAD', '/_alias/a_2022.12')).status).toBe(200);
  });

  it('keeps aliases in the data directory across engine restarts', async () => {
    await call('PUT', '/a', { aliases: { kept: { filter: { term: { k: 'v' } } } } });
    engine.close();
    engine = new EmbeddedEngine(tmp.dir);
    expect((await call('GET', '/_alias/kept')).body).toEqual({ a: { aliases: { kept: { filter: { term: { k: 'v' } } } } } });
  });

  it('honours require_alias in bulk', async () => {
    await call('PUT', '/backing', { aliases: { target: {} } });
    const ndjson = [{ index: { _index: 'target' } }, { f: 1 }, { index: { _index: 'plain' } }, { f: 2 }].map((l) => JSON.stringify(l)).join('\n') + '\n';
    const { body } = await call('POST', '/_bulk?require_alias=true', ndjson);
    expect(body.items.map((i: Json) => i.index.status)).toEqual([201, 404]);
    expect(body.items[0].index._index).toBe('backing');
    expect((await call('HEAD', '/plain')).status).toBe(404);
  });
});
