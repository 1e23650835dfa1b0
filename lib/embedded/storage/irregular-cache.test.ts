/**
 * Reads skip asking SQLite for irregular values while the store knows an index has none; a document with
 * one, written by this store or by another process on the same directory, must end that at once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../engine';
import { restCaller, tempDataDir } from '../test-support';

// a long given as text is irregular: SQLite compares the text "0" as greater than any number, FROM reads 0
const QUERY = 'FROM logs | WHERE bytes < 50 | SORT @timestamp DESC | LIMIT 3';
const IRREGULAR = { '@timestamp': '2026-01-01T00:00:09.000Z', service: 'api', bytes: '0' };

describe('the cached absence of irregular values', () => {
  let tmp: ReturnType<typeof tempDataDir>;
  let engine: EmbeddedEngine;
  let other: EmbeddedEngine;
  const call = restCaller(() => engine);
  const callOther = restCaller(() => other);
  beforeEach(async () => {
    tmp = tempDataDir();
    engine = new EmbeddedEngine(tmp.dir);
    other = new EmbeddedEngine(tmp.dir);
    await call('PUT', '/logs', { mappings: { properties: { '@timestamp': { type: 'date' }, service: { type: 'keyword' }, bytes: { type: 'long' } } } });
    const lines = [1, 2, 3, 4].map((i) => `{"index":{}}\n{"@timestamp":"2026-01-01T00:00:0${i}.000Z","service":"api","bytes":${i}}\n`);
    await call('POST', '/logs/_bulk?refresh=true', lines.join(''));
  });
  afterEach(() => { engine.close(); other.close(); tmp.cleanup(); });

  const bytesShown = async () => ((await call('POST', '/_query', { query: QUERY })).body.values as unknown[][]).map((r) => r[1]);

  it('ends when this store writes a document with one', async () => {
    expect(await bytesShown()).toEqual([4, 3, 2]);
    await call('PUT', '/logs/_doc/x?refresh=true', IRREGULAR);
    expect(await bytesShown()).toEqual([0, 4, 3]);
    const search = await call('POST', '/logs/_search', { query: { term: { service: 'api' } }, sort: [{ bytes: 'asc' }], size: 2, track_total_hits: false });
    expect(search.body.hits.hits.map((h: { sort: unknown[] }) => h.sort)).toEqual([[0], [1]]);
  });

  it('ends when another process writes a document with one', async () => {
    expect(await bytesShown()).toEqual([4, 3, 2]);
    await callOther('PUT', '/logs/_doc/x?refresh=true', IRREGULAR);
    expect(await bytesShown()).toEqual([0, 4, 3]);
  });
});
