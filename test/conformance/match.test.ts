import { describe, expect, it } from 'vitest';
import { mismatch, multisetMismatch, partialMismatch } from './match';

describe('conformance matching rules', () => {
  it.each([
    [1, 1.0, true],
    [1, '1', false],
    [null, false, false],
    ['$any', { a: 1 }, true],
    ['$id', 'exec-0123456789abcdef', true],
    ['$id', 'exec-0123', false],
    ['$date', '2026-01-09T10:00:00.000Z', true],
    ['$date', '2026-01-09', false],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [[1, 2], [1, 2], true],
    [[1, 2], [2, 1], false],
  ])('mismatch(%j, %j) matches: %s', (expected, actual, ok) => {
    expect(mismatch(expected, actual) === null).toBe(ok);
  });

  it('compares only the written keys of an event and of its error object', () => {
    const actual = { event: 'error', statement: 0, error: { type: 'syntax_error', line: 2, column: 5, message: 'x' } };
    expect(partialMismatch({ event: 'error', error: { type: 'syntax_error', line: 2 } }, actual)).toBeNull();
    expect(partialMismatch({ event: 'error', error: { line: 3 } }, actual)).not.toBeNull();
  });

  it('matches executions as a multiset', () => {
    const a = { kind: 'procedure', status: 'COMPLETED', output: ['x'] };
    const b = { kind: 'continuation', status: 'FAILED', output: [] };
    expect(multisetMismatch([b, a], [a, b])).toBeNull();
    expect(multisetMismatch([a, a], [a, b])).not.toBeNull();
  });
});
