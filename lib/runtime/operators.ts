/**
 * The operators of LANGUAGE.md §6.2–§6.7, as plain functions of values and the operator's site.
 */
import { fail } from './errors';
import { checkStringLength } from './limits';
import { renderValue } from './render';
import { DateValue, valuesEqual, type Value } from './values';

/** A binary operator other than the short-circuiting ones. */
export type BinaryFn = (a: Value, b: Value, site: number) => Value;

function finite(r: number, op: string, site: number): number {
  if (r === r && r !== Infinity && r !== -Infinity) return r === 0 ? 0 : r;
  throw fail.overflow(op, site);
}

/** `a + b` (§6.6): NUMBERs only; a STRING operand's message suggests `||`. */
export const add: BinaryFn = (a, b, site) => {
  if (typeof a !== 'number' || typeof b !== 'number') throw fail.operandType('+', a, b, site);
  return finite(a + b, '+', site);
};
/** `a - b` (§6.6). */
export const sub: BinaryFn = (a, b, site) => {
  if (typeof a !== 'number' || typeof b !== 'number') throw fail.operandType('-', a, b, site);
  return finite(a - b, '-', site);
};
/** `a * b` (§6.6). */
export const mul: BinaryFn = (a, b, site) => {
  if (typeof a !== 'number' || typeof b !== 'number') throw fail.operandType('*', a, b, site);
  return finite(a * b, '*', site);
};
/** `a / b` (§6.6): DIVISION_BY_ZERO on 0. */
export const div: BinaryFn = (a, b, site) => {
  if (typeof a !== 'number' || typeof b !== 'number') throw fail.operandType('/', a, b, site);
  if (b === 0) throw fail.divisionByZero(site);
  return finite(a / b, '/', site);
};
/** `a % b` (§6.6): sign of the dividend, DIVISION_BY_ZERO on 0. */
export const mod: BinaryFn = (a, b, site) => {
  if (typeof a !== 'number' || typeof b !== 'number') throw fail.operandType('%', a, b, site);
  if (b === 0) throw fail.divisionByZero(site);
  return finite(a % b, '%', site);
};
/** `a || b` (§6.7). */
export const concat: BinaryFn = (a, b, site) => {
  const x = typeof a === 'string' ? a : renderValue(a), y = typeof b === 'string' ? b : renderValue(b);
  checkStringLength(x.length + y.length, site);
  return x + y;
};
/** `a == b` (§6.3). */
export const eq: BinaryFn = (a, b) => a === b || valuesEqual(a, b);
/** `a != b`, `a <> b` (§6.3). */
export const ne: BinaryFn = (a, b) => !(a === b || valuesEqual(a, b));

/** Code point order of two strings (§6.4), not UTF-16 unit order. */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (D800–DFFF) encode code points above FFFF, so they sort after E000–FFFF.
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

function order(a: Value, b: Value, site: number): number | null {
  if (a === null || b === null) return null;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (a instanceof DateValue && b instanceof DateValue) return a.ms - b.ms;
  throw fail.comparisonType(a, b, site);
}
/** `a < b` (§6.4): FALSE with a NULL side. */
export const lt: BinaryFn = (a, b, site) => {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  const c = order(a, b, site); return c !== null && c < 0;
};
/** `a <= b` (§6.4). */
export const le: BinaryFn = (a, b, site) => {
  if (typeof a === 'number' && typeof b === 'number') return a <= b;
  const c = order(a, b, site); return c !== null && c <= 0;
};
/** `a > b` (§6.4). */
export const gt: BinaryFn = (a, b, site) => {
  if (typeof a === 'number' && typeof b === 'number') return a > b;
  const c = order(a, b, site); return c !== null && c > 0;
};
/** `a >= b` (§6.4). */
export const ge: BinaryFn = (a, b, site) => {
  if (typeof a === 'number' && typeof b === 'number') return a >= b;
  const c = order(a, b, site); return c !== null && c >= 0;
};

/** The eager binary operators by token. */
export const BINARY: Record<string, BinaryFn> = {
  '+': add, '-': sub, '*': mul, '/': div, '%': mod, '||': concat,
  '==': eq, '!=': ne, '<>': ne, '<': lt, '<=': le, '>': gt, '>=': ge,
};

/** Unary minus (§6.6). */
export function negate(a: Value, site: number): Value {
  if (typeof a !== 'number') throw fail.unaryOperandType('-', a, site);
  return a === 0 ? 0 : -a;
}

/** A condition or logical operand (§6.2): BOOLEAN, NULL counts as FALSE, anything else fails. */
export function truthy(v: Value, site: number): boolean {
  if (v === true) return true;
  if (v === false || v === null) return false;
  throw fail.conditionType(v, site);
}
