import { describe, expect, it } from 'vitest';
import { copyValue, DateValue, jsonToValue, parseIsoDate, typeName, valuesEqual, valueToJson, type Value } from './values';

const doc = (entries: [string, Value][]) => new Map(entries);

describe('valuesEqual (§6.3)', () => {
  it.each<[string, Value, Value, boolean]>([
    ['null null', null, null, true],
    ['null and value', null, 0, false],
    ['numbers', 1, 1.0, true],
    ['zero and negative zero', 0, -0, true],
    ['strings are case-sensitive', 'a', 'A', false],
    ['different types never equal', 1, '1', false],
    ['booleans', true, true, true],
    ['dates', new DateValue(5), new DateValue(5), true],
    ['different dates', new DateValue(5), new DateValue(6), false],
    ['arrays deep', [1, [2, doc([['a', 1]])]], [1, [2, doc([['a', 1]])]], true],
    ['arrays of different length', [1], [1, 2], false],
    ['documents ignore key order', doc([['x', 1], ['y', 2]]), doc([['y', 2], ['x', 1]]), true],
    ['documents with different keys', doc([['x', 1]]), doc([['y', 1]]), false],
    ['array vs document', [], doc([]), false],
  ])('%s', (_n, a, b, expected) => {
    expect(valuesEqual(a, b)).toBe(expected);
    expect(valuesEqual(b, a)).toBe(expected);
  });
});

describe('copyValue (§4.5)', () => {
  it('shares nothing mutable with the original', () => {
    const inner = doc([['n', 1]]);
    const orig: Value = [inner, [1]];
    const c = copyValue(orig) as Value[];
    (c[0] as Map<string, Value>).set('n', 2);
    (c[1] as Value[]).push(2);
    expect(inner.get('n')).toBe(1);
    expect((orig as Value[])[1]).toEqual([1]);
  });
});

describe('JSON conversion', () => {
  it('keeps insertion order and turns dates into ISO strings', () => {
    const v = doc([['b', 1], ['when', new DateValue(0)], ['list', [doc([['x', null]])]]]);
    expect(valueToJson(v)).toEqual({ b: 1, when: '1970-01-01T00:00:00.000Z', list: [{ x: null }] });
    expect(jsonToValue({ a: [1, { b: 'c' }] })).toEqual(doc([['a', [1, doc([['b', 'c']])]]]));
  });
  it.each([['NULL', null], ['NUMBER', 1], ['STRING', 's'], ['BOOLEAN', false], ['DATE', new DateValue(0)], ['ARRAY', []], ['DOCUMENT', new Map()]] as [string, Value][])(
    'typeName %s', (name, v) => { expect(typeName(v)).toBe(name); },
  );
});

describe('parseIsoDate (§4.4)', () => {
  it.each<[string, number | null]>([
    ['2026-01-09', Date.UTC(2026, 0, 9)],
    ['2026-01-09T10:05', Date.UTC(2026, 0, 9, 10, 5)],
    ['2026-01-09T10:05:07.123456Z', Date.UTC(2026, 0, 9, 10, 5, 7, 123)],
    ['2026-01-09T10:00:00+02:00', Date.UTC(2026, 0, 9, 8)],
    ['2026-01-09T10:00:00-01:30', Date.UTC(2026, 0, 9, 11, 30)],
    ['2026-02-30', null],
    ['09/01/2026', null],
    ['2026-1-9', null],
  ])('%s', (s, ms) => {
    expect(parseIsoDate(s)).toBe(ms);
  });
});
