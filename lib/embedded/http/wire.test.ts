import { describe, expect, it } from 'vitest';
import { contentTypeRejection, responseContentType, toWire } from './wire';

describe('response media type', () => {
  it.each([
    [{}, 'application/json'],
    [{ accept: 'application/json' }, 'application/json'],
    [{ accept: 'application/vnd.elasticsearch+json; compatible-with=9,text/plain' }, 'application/vnd.elasticsearch+json;compatible-with=9'],
    [{ accept: 'application/vnd.elasticsearch+json; compatible-with=8' }, 'application/vnd.elasticsearch+json;compatible-with=8'],
    [{ 'content-type': 'application/vnd.elasticsearch+x-ndjson; compatible-with=9' }, 'application/vnd.elasticsearch+json;compatible-with=9'],
  ])('request headers %j get %s', (headers, expected) => expect(responseContentType(headers)).toBe(expected));
});

describe('request Content-Type check (406 as Elasticsearch answers it)', () => {
  it.each([
    [{ 'content-type': 'application/json' }, '{}', undefined],
    [{ 'content-type': 'application/json; charset=UTF-8' }, '{}', undefined],
    [{ 'content-type': 'application/x-ndjson' }, '{}\n', undefined],
    [{ 'content-type': 'application/vnd.elasticsearch+json; compatible-with=9' }, '{}', undefined],
    [{}, '', undefined],
    [{}, '{}', 'Content-Type header is missing'],
    [{ 'content-type': 'text/plain' }, '{}', 'Content-Type header [text/plain] is not supported'],
  ])('%j with body %j', (headers, body, error) => {
    const rejection = contentTypeRejection(headers, body);
    expect(rejection && { status: rejection.status, body: rejection.body }).toEqual(error && { status: 406, body: { error, status: 406 } });
  });
});

describe('toWire', () => {
  const get = { method: 'GET', headers: {}, querystring: '' };

  it('serializes JSON compactly and sets content-length in bytes', () => {
    const out = toWire(get, { status: 200, body: { name: 'é' } });
    expect([out.body.toString(), out.headers['content-length']]).toEqual(['{"name":"é"}', '13']);
  });

  it.each([['pretty', true], ['pretty=true', true], ['pretty=false', false], ['v', false]])('?%s indents: %s', (qs, indented) => {
    const out = toWire({ ...get, querystring: qs }, { status: 200, body: { a: 1 } });
    expect(out.body.toString()).toBe(indented ? '{\n  "a": 1\n}\n' : '{"a":1}');
  });

  it('sends HEAD without a body', () => {
    const out = toWire({ ...get, method: 'HEAD' }, { status: 404, body: { found: false } });
    expect([out.status, out.body.length, out.headers['content-length']]).toEqual([404, 0, '0']);
  });

  it("keeps the engine's own headers (text/plain of _cat, warnings) and echoes X-Opaque-Id", () => {
    const out = toWire({ ...get, headers: { 'x-opaque-id': 'job-7' } },
      { status: 200, body: 'green open x\n', headers: { 'Content-Type': 'text/plain; charset=UTF-8', warning: '299 Elasticsearch-9.1.0 "w"' } });
    expect(out.headers).toMatchObject({
      'content-type': 'text/plain; charset=UTF-8', warning: '299 Elasticsearch-9.1.0 "w"', 'x-opaque-id': 'job-7', 'x-elastic-product': 'Elasticsearch',
    });
    expect(out.body.toString()).toBe('green open x\n');
  });
});
