import { describe, expect, it } from 'vitest';
import { MemoryCatalog } from '../testing/memory-catalog';
import { answer } from '../testing/run';

const numbers = (count: number) => new MemoryCatalog().add('numbers', { n: { type: 'integer' } }, Array.from({ length: count }, (_, n) => ({ n })));

describe('SAMPLE', () => {
  it('keeps about the given share of the rows, in their order', () => {
    const { values } = answer('FROM numbers | SAMPLE 0.5 | KEEP n | LIMIT 10000', undefined, numbers(10_000));
    // 5,000 expected; the chance of falling outside ±500 is below 1e-20
    expect(values.length).toBeGreaterThan(4500);
    expect(values.length).toBeLessThan(5500);
    const kept = values.map(([n]) => n as number);
    expect(kept).toEqual([...kept].sort((a, b) => a - b));
  });
  it('keeps (almost surely) every row when the probability is nearly 1, also from a parameter', () => {
    expect(answer('FROM numbers | SAMPLE ? | KEEP n', [0.999999999999], numbers(5)).values).toEqual([[0], [1], [2], [3], [4]]);
    expect(answer('FROM numbers | SAMPLE ?p | STATS c = COUNT(*)', [{ p: 0.999999999999 }], numbers(5)).values).toEqual([[5]]);
  });

  it.each([
    ['ROW a = 1 | SAMPLE 1', undefined, '[1]'],
    ['ROW a = 1 | SAMPLE 0', undefined, '[0]'],
    ['ROW a = 1 | SAMPLE -1.0', undefined, '[-1.0]'],
    ['ROW a = 1 | SAMPLE "foo"', undefined, '[foo]'],
    ['ROW a = 1 | SAMPLE ?', [2], '[2]'],
  ])('refuses %s while parsing', (query, params, shown) => {
    const a = answer(query, params);
    expect(a.error).toEqual({
      type: 'parsing_exception', reason: `line 1:13: invalid value for SAMPLE probability ${shown}, expecting a number between 0 and 1, exclusive`,
    });
  });
});
