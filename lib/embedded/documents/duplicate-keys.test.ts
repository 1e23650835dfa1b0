import { describe, expect, it } from 'vitest';
import { engineForEachTest } from '../test-support';
import { duplicateKey } from './duplicate-keys';

const check = (text: string) => duplicateKey(text, JSON.parse(text));

describe('duplicate keys in a source', () => {
  it.each([
    '{}', '{"a":1,"b":{"a":2}}', '[{"a":1},{"a":2}]', '{"a":"x\\":y","b":"\\\\","c":[{"a":1,"b":2}]}',
    '{"k":"\\"a\\":1,\\"a\\":2"}', '{ "a" : { "b" : [ { "c" : 1 } , { "c" : 2 } ] } }', '{"a":"x\\":","b":1}',
  ])('finds none in %s', (text) => {
    expect(check(text)).toBeUndefined();
  });

  it.each([
    ['{"a":1,"a":2}', { key: 'a', line: 1, column: 11 }],
    ['{"a":{"b":1,"c":2,"b":3}}', { key: 'b', line: 1, column: 22 }],
    ['{"x":[{"a":1},{"a":1,"a":2}]}', { key: 'a', line: 1, column: 25 }],
    ['{"a":1,\n "\\u0061":2}', { key: 'a', line: 2, column: 10 }],
    ['{"q\\"":1, "q\\"" : 2}', { key: 'q"', line: 1, column: 16 }],
    // one key spaced from its colon: counting the `":` alone would miss the repeat
    ['{"a" :1,"a":2}', { key: 'a', line: 1, column: 12 }],
  ])('names the first repeated key of %s', (text, expected) => {
    expect(check(text)).toEqual(expected);
  });
});

describe('indexing a source with a repeated key', () => {
  const { call } = engineForEachTest();

  it('is refused as Elasticsearch refuses it, alone and in a bulk, and nothing is stored', async () => {
    const put = await call('PUT', '/logs/_doc/1?refresh=true', '{"service":"api","service":"web"}');
    expect(put.status).toBe(400);
    expect(put.body.error).toMatchObject({ type: 'document_parsing_exception', reason: "[1:27] failed to parse: Duplicate field 'service'" });
    const bulk = await call('POST', '/logs/_bulk?refresh=true', '{"index":{"_id":"2"}}\n{"a":{"b":1,"b":2}}\n{"index":{"_id":"3"}}\n{"a":{"b":1},"c":{"b":2}}\n');
    expect(bulk.body.errors).toBe(true);
    expect(bulk.body.items.map((i: { index: { status: number } }) => i.index.status)).toEqual([400, 201]);
    expect(bulk.body.items[0].index.error.reason).toBe("[1:16] failed to parse: Duplicate field 'b'");
    const count = await call('GET', '/logs/_count');
    expect(count.body.count).toBe(1);
  });
});
