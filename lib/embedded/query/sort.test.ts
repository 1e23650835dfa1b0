import { describe, expect, it } from 'vitest';
import { compareSortValues, parseSort, sortValue, type SortKey } from './sort';

describe('sort', () => {
  it.each([
    ['n', [{ field: 'n', order: 'asc', missing: '_last' }]],
    ['n:desc,_score', [{ field: 'n', order: 'desc', missing: '_last' }, { field: '_score', order: 'desc', missing: '_last' }]],
    [{ n: 'desc' }, [{ field: 'n', order: 'desc', missing: '_last' }]],
    [[{ n: { order: 'desc', missing: '_first' } }, '_doc'], [{ field: 'n', order: 'desc', missing: '_first', unmappedType: undefined }, { field: '_doc', order: 'asc', missing: '_last' }]],
  ])('parseSort(%j)', (spec, keys) => expect(parseSort(spec)).toEqual(keys));

  it('rejects an unknown order', () => expect(() => parseSort({ n: 'up' })).toThrow('Unknown SortOrder'));

  it('puts missing values last in both directions unless _first', () => {
    const asc: SortKey[] = [{ field: 'n', order: 'asc', missing: '_last' }];
    const desc: SortKey[] = [{ field: 'n', order: 'desc', missing: '_last' }];
    const rows = [[3], [null], [1]];
    expect([...rows].sort((a, b) => compareSortValues(asc, a, b))).toEqual([[1], [3], [null]]);
    expect([...rows].sort((a, b) => compareSortValues(desc, a, b))).toEqual([[3], [1], [null]]);
    expect([...rows].sort((a, b) => compareSortValues([{ ...asc[0], missing: '_first' }], a, b))).toEqual([[null], [1], [3]]);
  });

  it('reads dates as epoch ms, takes min/max of arrays, and refuses text fields', () => {
    const properties = { at: { type: 'date' }, n: { type: 'long' }, t: { type: 'text' } };
    const hit = { score: 1, position: 0, index: 'i', properties, source: { at: '2024-01-01T00:00:00Z', n: [4, 2, 9], t: 'x' } };
    expect(sortValue({ field: 'at', order: 'asc', missing: '_last' }, hit)).toBe(Date.UTC(2024, 0, 1));
    expect(sortValue({ field: 'n', order: 'asc', missing: '_last' }, hit)).toBe(2);
    expect(sortValue({ field: 'n', order: 'desc', missing: '_last' }, hit)).toBe(9);
    expect(() => sortValue({ field: 't', order: 'asc', missing: '_last' }, hit)).toThrow('Fielddata is disabled');
  });
});
