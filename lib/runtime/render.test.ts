import { describe, expect, it } from 'vitest';
import { renderJsonPretty, renderValue } from './render';
import { DateValue, type Value } from './values';

const doc = (entries: [string, Value][]) => new Map(entries);

describe('renderValue (§5)', () => {
  it.each<[string, Value, string]>([
    ['integer', 42, '42'],
    ['integral double', 3.0, '3'],
    ['fraction', 1.5, '1.5'],
    ['float sum', 0.1 + 0.2, '0.30000000000000004'],
    ['division', 100 / 3, '33.333333333333336'],
    ['1e21', 1e21, '1e+21'],
    ['large integral', 123456789012345680000, '123456789012345680000'],
    ['1e6', 1e6, '1000000'],
    ['2.5E-3', 2.5e-3, '0.0025'],
    ['0.000001', 0.000001, '0.000001'],
    ['1e-7', 1e-7, '1e-7'],
    ['-1e-7', -1e-7, '-1e-7'],
    ['negative zero', -0, '0'],
    ['true', true, 'true'],
    ['null', null, 'null'],
    ['string', 'say "hi"', 'say "hi"'],
    ['date', new DateValue(Date.UTC(2026, 0, 9, 10)), '2026-01-09T10:00:00.000Z'],
    ['array', [1, 'a', null, true, 2.5], '[1,"a",null,true,2.5]'],
    ['nested document', doc([['a', doc([['b', [1, 2.5]]])], ['q', 'say "hi"\n']]), '{"a":{"b":[1,2.5]},"q":"say \\"hi\\"\\n"}'],
    ['document with date', doc([['when', new DateValue(Date.UTC(2026, 0, 9))], ['n', null]]), '{"when":"2026-01-09T00:00:00.000Z","n":null}'],
    ['integer-like key order', doc([['b', 1], ['2', 2]]), '{"b":1,"2":2}'],
    ['empty array', [], '[]'],
    ['empty document', doc([]), '{}'],
    ['control character escape is lower-case hex', ['\u001f\u0001'], '["\\u001f\\u0001"]'],
    ['named escapes', ['\b\f\t\r'], '["\\b\\f\\t\\r"]'],
    ['negative zero nested', [-0], '[0]'],
  ])('%s', (_name, v, expected) => {
    expect(renderValue(v)).toBe(expected);
  });

  it('pretty JSON matches JSON.stringify(x, null, 2) and keeps key order', () => {
    const v = doc([['b', 1], ['2', [1, doc([])]], ['a', []]]);
    expect(renderJsonPretty(v)).toBe('{\n  "b": 1,\n  "2": [\n    1,\n    {}\n  ],\n  "a": []\n}');
    expect(renderJsonPretty([1, 'x'])).toBe(JSON.stringify([1, 'x'], null, 2));
  });
});
