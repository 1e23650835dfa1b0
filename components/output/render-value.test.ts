import { describe, expect, it } from 'vitest';
import { renderValue, resultColumns, resultRows, shortExecutionId } from './render-value';

describe('renderValue (LANGUAGE.md §5)', () => {
  it.each([
    ['text', 'text'],
    [42, '42'],
    [1.5, '1.5'],
    [1e21, '1e+21'],
    [null, 'null'],
    [true, 'true'],
    [[1, 'a', null], '[1,"a",null]'],
    [{ a: { b: [1, 2.5] }, q: 'say "hi"\n' }, '{"a":{"b":[1,2.5]},"q":"say \\"hi\\"\\n"}'],
  ])('%j renders as %s', (value, text) => expect(renderValue(value)).toBe(text));
});

describe('resultRows', () => {
  it.each([
    [[{ a: 1 }, { a: 2 }], false, 2],
    [[], true, 0],
    [[], false, null],
    [[1, 2], false, null],
    [[{ a: 1 }, 2], true, null],
    ['rows', true, null],
  ])('%j (query: %s) → %s rows', (value, isQuery, count) => {
    const rows = resultRows(value, isQuery);
    expect(rows === null ? null : rows.length).toBe(count);
  });
});

describe('resultColumns', () => {
  it('lists keys in order of first appearance', () => {
    expect(resultColumns([{ b: 1, a: 2 }, { a: 3, c: 4 }])).toEqual(['b', 'a', 'c']);
  });
});

describe('shortExecutionId', () => {
  it('drops the prefix and keeps seven hex digits', () => expect(shortExecutionId('exec-0123456789abcdef')).toBe('0123456'));
});
