import { describe, expect, it } from 'vitest';
import { filterSource, parseSourceFilter } from './source-filter';

const source = { a: 1, b: { c: 2, d: 3 }, e: [1, 2] };

describe('source filtering', () => {
  it.each([
    [undefined, source],
    [true, source],
    [false, undefined],
    ['a', { a: 1 }],
    [['a', 'b.c'], { a: 1, b: { c: 2 } }],
    ['b.*', { b: { c: 2, d: 3 } }],
    [{ excludes: ['b.d'] }, { a: 1, b: { c: 2 }, e: [1, 2] }],
    [{ includes: ['b'], excludes: ['b.c'] }, { b: { d: 3 } }],
    ['nothing', {}],
  ])('_source %j', (spec, expected) => expect(filterSource(source, parseSourceFilter(spec))).toEqual(expected));

  it('merges the _source_includes/_source_excludes parameters', () => {
    expect(filterSource(source, parseSourceFilter(undefined, 'a,e', undefined))).toEqual({ a: 1, e: [1, 2] });
    expect(filterSource(source, parseSourceFilter(undefined, undefined, 'b'))).toEqual({ a: 1, e: [1, 2] });
  });
});
