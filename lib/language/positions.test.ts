import { describe, expect, it } from 'vitest';
import { lineColumn } from './positions';

describe('lineColumn (§2.1)', () => {
  it.each([
    ['abc', 0, 1, 1],
    ['abc', 2, 1, 3],
    ['a\nb', 2, 2, 1],
    ['a\r\nb', 3, 2, 1],
    ['a\rb', 2, 2, 1],
    ['a\r\n\r\nb', 5, 3, 1],
    ['\tx', 1, 1, 2],
    ['😀x', 2, 1, 2],
    ['😀x', 3, 1, 3],
  ])('%j at %i → %i:%i', (source, offset, line, column) => {
    expect(lineColumn(source, offset)).toEqual({ line, column });
  });
});
