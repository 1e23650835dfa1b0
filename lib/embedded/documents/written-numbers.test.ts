/**
 * A keyword field indexes a number as `_source` writes it (Elasticsearch takes the JSON token's text):
 * `-3.90` stays `-3.90`, not the `-3.9` of the parsed value. ES|QL's FROM shows that text and WHERE
 * compares it, on every read path (the general one, the pushdown's scan, a sorted, limited read); search
 * queries match it and sorts order by it. The JSON parser keeping written numbers is checked on its own.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../engine';
import { restCaller, tempDataDir } from '../test-support';
import { parseJsonNumbers } from './json-numbers';

let engine: EmbeddedEngine;
let cleanup: () => void;
const call = restCaller(() => engine);

beforeEach(async () => {
  const temp = tempDataDir();
  cleanup = temp.cleanup;
  engine = new EmbeddedEngine(temp.dir);
  const mappings = {
    properties: {
      n: { type: 'long' },
      change: { type: 'double', fields: { keyword: { type: 'keyword' } } },
      code: { type: 'keyword' },
      nested: { properties: { code: { type: 'keyword' } } },
    },
  };
  expect((await call('PUT', '/t', { mappings })).status).toBe(200);
  // written by hand: a client serialising parsed values would send -3.9
  const bulk = [
    '{"index":{"_id":"a"}}', '{"n": 1, "change": -3.90, "code": 1.50, "nested": {"code": 2.50}}',
    '{"index":{"_id":"b"}}', '{"n": 2, "change": [1.50, 1e3, 7], "code": "x", "nested": {"code": "y"}}',
    '{"index":{"_id":"c"}}', '{"n": 3, "change": 0.5, "code": 12.0}',
  ].join('\n') + '\n';
  expect((await call('POST', '/t/_bulk?refresh=true', bulk)).body.errors).toBe(false);
});

afterEach(() => {
  engine.close();
  cleanup();
});

const rows = async (query: string) => {
  const res = await call('POST', '/_query', { query });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.values as unknown[][];
};

describe('keyword values of numbers', () => {
  it('FROM shows the number as written, for top-level, multi-field and object fields', async () => {
    expect(await rows('FROM t | SORT n | KEEP n, change, change.keyword, code, nested.code')).toEqual([
      [1, -3.9, '-3.90', '1.50', '2.50'],
      // keyword doc values are a sorted set of the texts; the double keeps its numbers in order
      [2, [1.5, 7, 1000], ['1.50', '1e3', '7'], 'x', 'y'],
      [3, 0.5, '0.5', '12.0', null],
    ]);
  });

  it('WHERE compares the written text, whichever path reads the documents', async () => {
    expect(await rows('FROM t | WHERE change.keyword == "-3.90" | KEEP n')).toEqual([[1]]);
    expect(await rows('FROM t | WHERE change.keyword == "-3.9" | KEEP n')).toEqual([]);
    expect(await rows('FROM t | WHERE code == "12.0" | KEEP n')).toEqual([[3]]);
    expect(await rows('FROM t | WHERE n >= 1 | SORT n DESC | LIMIT 2 | KEEP code, n')).toEqual([['12.0', 3], ['x', 2]]);
    expect(await rows('FROM t | WHERE n == 1 | KEEP code')).toEqual([['1.50']]);
  });

  it('other types still read the value', async () => {
    expect(await rows('FROM t | WHERE n == 2 | EVAL top = MV_MAX(change) * 2, last = MV_MAX(change.keyword) | KEEP top, last'))
      .toEqual([[2000, '7']]);
  });
});

describe('search on keyword values of numbers', () => {
  const ids = async (body: unknown) => {
    const res = await call('POST', '/t/_search', body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body.hits.hits as { _id: string; sort?: unknown[] }[]).map((h) => (h.sort ? [h._id, ...h.sort] : h._id));
  };

  it('term, terms, prefix and range match the written text', async () => {
    expect(await ids({ query: { term: { code: '1.50' } } })).toEqual(['a']);
    expect(await ids({ query: { term: { code: '1.5' } } })).toEqual([]);
    expect(await ids({ query: { terms: { 'change.keyword': ['1e3', '-3.90'] } } })).toEqual(['a', 'b']);
    expect(await ids({ query: { prefix: { code: '12.' } } })).toEqual(['c']);
    expect(await ids({ query: { range: { 'nested.code': { gte: '2.50', lt: '2.6' } } } })).toEqual(['a']);
    // a double field still compares values
    expect(await ids({ query: { term: { change: -3.9 } } })).toEqual(['a']);
  });

  it('a sort on a keyword field orders by the written text', async () => {
    expect(await ids({ sort: [{ code: 'desc' }] })).toEqual([['b', 'x'], ['c', '12.0'], ['a', '1.50']]);
    expect(await ids({ query: { range: { n: { gte: 1 } } }, sort: [{ 'change.keyword': 'asc' }] })).toEqual([['a', '-3.90'], ['c', '0.5'], ['b', '1.50']]);
  });
});

describe('parseJsonNumbers', () => {
  it('parses like JSON.parse, handing each number over as written', () => {
    const text = '{ "a": [1.50, -0, 1E3, 12345678901234567890], "b": {"c": "x\\"y", "d": [true, false, null]}, "e": 2 }';
    const written = parseJsonNumbers(text, (t) => `#${t}`);
    expect(written).toEqual({ a: ['#1.50', '#-0', '#1E3', '#12345678901234567890'], b: { c: 'x"y', d: [true, false, null] }, e: '#2' });
    expect(parseJsonNumbers(text, Number)).toEqual(JSON.parse(text));
  });

  it('refuses what is not JSON', () => {
    for (const bad of ['{"a": 1,}', '[1 2]', '{"a" 1}', '01', '"open']) expect(() => parseJsonNumbers(bad, Number), bad).toThrow(SyntaxError);
  });
});
