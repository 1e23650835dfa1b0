import { describe, expect, it } from 'vitest';
import { EscriptError } from './errors';
import { BINARY, compareStrings, negate, truthy } from './operators';
import { DateValue, type Value } from './values';

function code(fn: () => unknown): string {
  try { fn(); } catch (e) { return e instanceof EscriptError ? `${e.type} ${e.code} ${e.message}` : String(e); }
  return 'no error';
}

describe('binary operators (§6.4–§6.7)', () => {
  it.each<[Value, string, Value, Value]>([
    [1, '+', 2, 3], [7, '-', 10, -3], [3, '*', 4, 12], [1, '/', 4, 0.25],
    [-7, '%', 3, -1], [7.5, '%', 2, 1.5], [0, '*', -1, 0],
    ['n=', '||', null, 'n=null'], ['d=', '||', new Map([['a', 1]]), 'd={"a":1}'], [1, '||', 2, '12'],
    [1, '==', 1.0, true], [1, '==', '1', false], [null, '==', null, true], [1, '!=', 2, true], [1, '<>', 1, false],
    [1, '<', 2, true], ['a', '<', 'b', true], ['b', '<=', 'a', false], [null, '<', 1, false], [1, '>', null, false],
    [new DateValue(1), '<', new DateValue(2), true], ['\uFFFF', '<', '😀', true],
  ])('%j %s %j', (a, op, b, expected) => {
    const r = BINARY[op](a, b, 0);
    expect(Object.is(r, -0) ? 0 : r).toEqual(expected);
  });

  it.each<[Value, string, Value, string]>([
    [1, '+', 'a', "type_error OPERAND_TYPE operator + cannot be applied to NUMBER and STRING; use || to concatenate"],
    [null, '-', 1, 'type_error OPERAND_TYPE operator - cannot be applied to NULL and NUMBER'],
    [1, '/', 0, 'division_error DIVISION_BY_ZERO division by zero'],
    [1, '%', 0, 'division_error DIVISION_BY_ZERO division by zero'],
    [1e308, '*', 10, 'division_error NUMERIC_OVERFLOW result of * is not a finite number'],
    [true, '<', false, 'type_error COMPARISON_TYPE cannot compare BOOLEAN with BOOLEAN'],
    [1, '<', 'a', 'type_error COMPARISON_TYPE cannot compare NUMBER with STRING'],
  ])('%j %s %j fails', (a, op, b, expected) => {
    expect(code(() => BINARY[op](a, b, 0))).toBe(expected);
  });

  it('orders strings by code point, not UTF-16 unit', () => {
    expect(compareStrings('\uFFFF', '😀')).toBeLessThan(0);
    expect(compareStrings('😀', '\uFFFF')).toBeGreaterThan(0);
    expect(compareStrings('ab', 'abc')).toBeLessThan(0);
  });

  it('negates numbers only and treats NULL as FALSE in conditions', () => {
    expect(negate(5, 0)).toBe(-5);
    expect(Object.is(negate(0, 0), -0)).toBe(false);
    expect(code(() => negate('x', 0))).toBe('type_error OPERAND_TYPE operator - cannot be applied to STRING');
    expect(truthy(null, 0)).toBe(false);
    expect(code(() => truthy(1, 0))).toBe('type_error CONDITION_TYPE condition must be BOOLEAN, got NUMBER');
  });
});
