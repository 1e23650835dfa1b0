import { describe, expect, it } from 'vitest';
import { MemoryCatalog } from './testing/memory-catalog';
import { answer } from './testing/run';

const events = () => new MemoryCatalog().add('events', { color: { type: 'keyword' }, count: { type: 'long' }, time: { type: 'long' } }, [
  { color: 'red', count: 40, time: 1 }, { color: 'blue', count: 42, time: 2 }, { color: 'red', count: 44, time: 3 },
]);

describe('parameters that stand for names', () => {
  it('name columns in expressions, BY, SORT and KEEP', () => {
    const a = answer('FROM events | STATS x = COUNT(?f1), y = SUM(?f2) BY ?f3 | SORT ?f3 | KEEP ?f3, x, y',
      [{ f1: { identifier: 'time' } }, { f2: { identifier: 'count' } }, { f3: { identifier: 'color' } }], events());
    expect(a.columns).toEqual(['color:keyword', 'x:long', 'y:long']);
    expect(a.values).toEqual([['blue', 1, 42], ['red', 2, 84]]);
  });
  it('give patterns to KEEP and DROP, and names to RENAME', () => {
    const a = answer('FROM events | DROP ?p | RENAME ?from AS ?to | LIMIT 1',
      [{ p: { pattern: 'ti*' } }, { from: { identifier: 'count' } }, { to: { identifier: 'n' } }], events());
    expect(a.columns).toEqual(['color:keyword', 'n:long']);
  });
  it('work by position too', () => {
    expect(answer('FROM events | KEEP ? | LIMIT 1', [{ f: { identifier: 'color' } }], events()).values).toEqual([['red']]);
  });

  it.each([
    ['FROM events | KEEP ?f', [{ f: 'color' }], 'line 1:20: Query parameter [?f] with value [color] declared as a constant, cannot be used as an identifier or pattern'],
    ['FROM events | KEEP ?g', [{ f: { identifier: 'color' } }], 'line 1:20: Unknown query parameter [g]'],
    ['FROM events | DROP ?2', [{ f: { identifier: 'color' } }], 'line 1:20: No parameter is defined for position 2, did you mean any position between 1 and 1?'],
  ])('%s is refused while parsing', (query, params, reason) => {
    expect(answer(query, params, events()).error).toEqual({ type: 'parsing_exception', reason });
  });
  it('an identifier that names no column is an unknown column', () => {
    expect(answer('FROM events | WHERE ?f > 1', [{ f: { identifier: 'nope' } }], events()).error?.reason).toContain('Unknown column [nope]');
  });
});
