/** `_cat/count`, `_cat/health` and `_cat/aliases`, as text and as JSON, through the engine's REST door. */
import { describe, expect, it } from 'vitest';
import { engineForEachTest } from '../../test-support';

type Row = Record<string, string>;

describe('_cat APIs', () => {
  const { call } = engineForEachTest(async (call) => {
    await call('PUT', '/logs', { settings: { number_of_replicas: 0 } });
    await call('POST', '/_bulk?refresh=true', '{"index":{"_index":"logs"}}\n{"a":1}\n{"index":{"_index":"logs"}}\n{"a":2}\n{"index":{"_index":"other"}}\n{"a":3}\n');
    await call('POST', '/_aliases', { actions: [
      { add: { index: 'logs', alias: 'recent', filter: { term: { a: 1 } }, is_write_index: true } },
      { add: { index: 'other', alias: 'all-logs', routing: '1' } },
    ] });
  });

  it('counts the documents of every index, or of a target, with the time of the count', async () => {
    const [all] = (await call('GET', '/_cat/count?format=json')).body as unknown as Row[];
    expect(all.count).toBe('3');
    expect(Math.abs(Number(all.epoch) - Date.now() / 1000)).toBeLessThan(60);
    expect(all.timestamp).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(((await call('GET', '/_cat/count/logs?format=json')).body as unknown as Row[])[0].count).toBe('2');
    const text = (await call('GET', '/_cat/count/logs?v&h=count')).body as unknown as string;
    expect(text).toBe('count\n2\n');
    expect((await call('GET', '/_cat/count/nope')).status).toBe(404);
  });

  it('shows the cluster health in one line, without the time with ts=false', async () => {
    // `other` was made by its first document, with Elasticsearch's default of one replica: yellow
    const [health] = (await call('GET', '/_cat/health?format=json')).body as unknown as Row[];
    expect(health).toMatchObject({ cluster: 'embedded', status: 'yellow', 'node.total': '1', shards: '2', pri: '2', unassign: '1', active_shards_percent: '66.7%' });
    expect((await call('GET', '/_cat/health?ts=false&h=status,pri')).body).toBe('yellow 2\n');
  });

  it('lists aliases with their filter, routing and write index, and picks them by name', async () => {
    const text = (await call('GET', '/_cat/aliases?v&s=alias')).body as unknown as string;
    expect(text.split('\n')).toEqual([
      'alias    index filter routing.index routing.search is_write_index',
      'all-logs other -      1             1              -',
      'recent   logs  *      -             -              true',
      '',
    ]);
    expect((await call('GET', '/_cat/aliases/rec*?format=json')).body).toEqual([
      { alias: 'recent', index: 'logs', filter: '*', 'routing.index': '-', 'routing.search': '-', is_write_index: 'true' },
    ]);
  });
});
