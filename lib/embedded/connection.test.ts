import { Client } from '@elastic/elasticsearch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectionClassFor } from './connection';
import { EmbeddedEngine } from './engine';
import { tempDataDir } from './test-support';

describe('EmbeddedConnection', () => {
  let tmp: ReturnType<typeof tempDataDir>;
  let engine: EmbeddedEngine;
  let client: Client;
  beforeEach(() => {
    tmp = tempDataDir();
    engine = new EmbeddedEngine(tmp.dir);
    client = new Client({ node: 'http://embedded:9200', Connection: connectionClassFor(engine), maxRetries: 0, compression: true });
  });
  afterEach(async () => { await client.close(); tmp.cleanup(); });

  it('returns lower-case headers with x-elastic-product and the vendor JSON media type', async () => {
    const res = await client.info({}, { meta: true });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-elastic-product']).toBe('Elasticsearch');
    expect(res.headers['content-type']).toContain('application/vnd.elasticsearch+json');
    expect(Object.keys(res.headers).every((h) => h === h.toLowerCase())).toBe(true);
  });

  it('accepts gzip-compressed request bodies and NDJSON', async () => {
    await client.bulk({ operations: [{ index: { _index: 'g', _id: '1' } }, { a: 1 }] });
    expect((await client.get({ index: 'g', id: '1' }))._source).toEqual({ a: 1 });
  });

  it('passes query strings and answers HEAD as booleans', async () => {
    await client.index({ index: 'h', id: '1', document: { a: 1 }, refresh: true });
    expect(await client.indices.exists({ index: 'h' })).toBe(true);
    expect(await client.indices.exists({ index: 'nope' })).toBe(false);
    const res = await client.search({ index: 'h', size: 0 });
    expect([res.hits.total, res.hits.hits]).toEqual([{ value: 1, relation: 'eq' }, []]);
  });

  it('streams the body when asked', async () => {
    const res = await client.transport.request({ method: 'GET', path: '/' }, { asStream: true, meta: true });
    const chunks: Buffer[] = [];
    for await (const c of res.body as AsyncIterable<Buffer>) chunks.push(c);
    expect(JSON.parse(Buffer.concat(chunks).toString()).tagline).toBe('You Know, for Search');
  });

  it('closes the engine (and its SQLite handle) with the client', async () => {
    await client.close();
    expect(engine.store.isClosed).toBe(true);
  });
});
