import { Client } from '@elastic/elasticsearch';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectionClassFor } from '../connection';
import { EmbeddedEngine } from '../engine';
import { createEngineServer } from '../http/server';
import { tempDataDir } from '../test-support';
import { jsonText, RawJson } from './json-text';

describe('jsonText', () => {
  it.each([
    [{ a: 1, b: [1, 'x', null, { c: true }], d: { e: 'é"\\\n\u2028' } }],
    [[undefined, 2, Number.NaN, Infinity, -0]],
    [{ skipped: undefined, kept: null, nested: { empty: {}, list: [] } }],
    ['plain'], [42], [null],
  ])('writes %j as JSON.stringify does', (value) => {
    expect(jsonText(value)).toBe(JSON.stringify(value));
  });

  it('places raw JSON as it is', () => {
    expect(jsonText({ hits: [{ _id: '1', _source: new RawJson('{ "b": 1.50, "a": "x" }') }] }))
      .toBe('{"hits":[{"_id":"1","_source":{ "b": 1.50, "a": "x" }}]}');
  });
});

describe('a search answers each hit\'s _source as it was sent', () => {
  const SENT = '{ "b": 1.50, "a": "\\u00e9", "z": [1, 2.0] }';
  let tmp: ReturnType<typeof tempDataDir>;
  let engine: EmbeddedEngine;
  beforeEach(async () => {
    tmp = tempDataDir();
    engine = new EmbeddedEngine(tmp.dir);
    await engine.handle({ method: 'PUT', path: '/docs/_doc/1', querystring: 'refresh=true', body: SENT });
  });
  afterEach(() => { engine.close(); tmp.cleanup(); });

  const search = (body: object, querystring?: string) =>
    engine.handle({ method: 'POST', path: '/docs/_search', querystring, body: JSON.stringify(body) });

  it('in the response text, with the parsed body alike', async () => {
    const response = await search({ query: { match_all: {} } });
    expect(response.text).toContain(`"_source":${SENT}`);
    expect((response.body as { hits: { hits: { _source: unknown }[] } }).hits.hits[0]._source).toEqual({ b: 1.5, a: 'é', z: [1, 2] });
  });

  it('filtered when asked, as a new object', async () => {
    const response = await search({ _source: ['a'] });
    expect(response.text).toContain('"_source":{"a":"é"}');
  });

  it('through the client\'s Connection', async () => {
    const client = new Client({ node: 'http://embedded:9200', Connection: connectionClassFor(engine), maxRetries: 0 });
    const res = await client.transport.request({ method: 'POST', path: '/docs/_search', body: {} }, { asStream: true, meta: true });
    let text = '';
    for await (const chunk of res.body as AsyncIterable<Buffer>) text += chunk.toString('utf8');
    expect(text).toContain(`"_source":${SENT}`);
  });

  it('over HTTP, and indented with ?pretty', async () => {
    const server = createEngineServer(engine);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const get = (query: string) => new Promise<string>((resolve, reject) => {
      const req = http.request({ port: (server.address() as AddressInfo).port, path: `/docs/_search${query}`, method: 'GET' }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => { text += c.toString('utf8'); });
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    try {
      expect(await get('')).toContain(`"_source":${SENT}`);
      expect(await get('?pretty')).toMatch(/"_source": {\n +"b": 1.5,/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
