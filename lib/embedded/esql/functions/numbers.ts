/**
 * ES|QL math functions (ABS, ROUND, LOG, ACOS, …) as scalar-function entries. Failure texts are those of
 * the ArithmeticExceptions in Elasticsearch's scalar/math sources (Sqrt.java, Log.java, Acos.java, …).
 */
import { isNumeric, type EsqlType } from '../table';
import { check, EvalFailure, fn, type ScalarFunction } from './define';

const N: [(t: EsqlType) => boolean, string] = [isNumeric, 'numeric'];
const I: [(t: EsqlType) => boolean, string] = [(t) => t === 'integer' || t === 'long', 'integer'];
/** Numeric except unsigned_long (COPY_SIGN's arguments). */
const NS: [(t: EsqlType) => boolean, string] = [(t) => isNumeric(t) && t !== 'unsigned_long', 'numeric'];
const same = (t: EsqlType[]) => check(t, [N], t[0] === 'null' ? 'null' : t[0]);
const dbl = (t: EsqlType[]) => check(t, [N], 'double');

function roundTo(value: number, digits: number, whole: boolean): number {
  if (whole && digits >= 0) return value;
  const factor = 10 ** Math.abs(digits);
  const r = (x: number) => Math.sign(x) * Math.round(Math.abs(x));
  if (digits >= 0) return r(value * factor) / factor;
  return r(value / factor) * factor;
}

const ARITHMETIC = 'java.lang.ArithmeticException: ';

/**
 * A one-argument function of a double returning a double. `fails` names the failure for an argument
 * (or result) Elasticsearch rejects, as the text of its ArithmeticException; null lets it through.
 */
const real = (name: string, doc: string, f: (x: number) => number, fails?: (x: number, r: number) => string | null) => fn({
  name, doc, minArgs: 1, maxArgs: 1, returns: dbl,
  impl: ([x]) => {
    const r = f(x as number);
    const failure = fails?.(x as number, r);
    if (failure) throw new EvalFailure(ARITHMETIC + failure);
    return r;
  },
});

/** Elasticsearch's double result check (NumericUtils.asFiniteNumber): Infinity and NaN are failures. */
const finite = (r: number): number => {
  if (!Number.isFinite(r)) throw new EvalFailure(`${ARITHMETIC}not a finite double number: ${r}`);
  return r;
};

/** LOG with a base: Log.java checks both arguments before dividing base-10 logarithms. */
function logOf(base: number, value: number): number {
  if (base <= 0 || value <= 0) throw new EvalFailure(`${ARITHMETIC}Log of non-positive number`);
  if (base === 1) throw new EvalFailure(`${ARITHMETIC}Log of base 1`);
  return Math.log10(value) / Math.log10(base);
}

/** COPY_SIGN: the magnitude's type is kept; a double magnitude takes the sign bit (so -0.0 counts), whole ones `sign < 0`. */
function copySign(magnitude: number, sign: number, type: EsqlType): number {
  if (type === 'double') return Math.abs(magnitude) * (sign < 0 || Object.is(sign, -0) ? -1 : 1);
  const negative = magnitude < 0;
  if ((sign < 0) === negative) return magnitude;
  // Java negation wraps: the smallest int and long stay as they are
  if (type === 'integer') return (0 - magnitude) | 0;
  return magnitude === -(2 ** 63) ? magnitude : 0 - magnitude;
}

/** Math functions. */
export const NUMBER_FUNCTIONS: ScalarFunction[] = [
  fn({ name: 'ABS', doc: 'Absolute value.', minArgs: 1, maxArgs: 1, returns: same, impl: ([x]) => Math.abs(x as number) }),
  fn({ name: 'ROUND', doc: 'Rounds to a number of decimals (half away from zero).', minArgs: 1, maxArgs: 2,
    returns: (t) => check(t, [N, I], t[0]), impl: ([x, d], types) => roundTo(x as number, (d as number | undefined) ?? 0, types[0] !== 'double') }),
  fn({ name: 'FLOOR', doc: 'Largest whole number not above.', minArgs: 1, maxArgs: 1, returns: same, impl: ([x]) => Math.floor(x as number) }),
  fn({ name: 'CEIL', doc: 'Smallest whole number not below.', minArgs: 1, maxArgs: 1, returns: same, impl: ([x]) => Math.ceil(x as number) }),
  fn({ name: 'SIGNUM', doc: 'Sign of a number as a double.', minArgs: 1, maxArgs: 1, returns: dbl, impl: ([x]) => Math.sign(x as number) }),
  real('SQRT', 'Square root of a number, as a double.', Math.sqrt, (x) => (x < 0 ? 'Square root of negative' : null)),
  real('CBRT', 'Cube root of a number, as a double.', Math.cbrt),
  fn({ name: 'LOG', doc: 'Logarithm of a number to a base (natural logarithm with one argument).', minArgs: 1, maxArgs: 2, returns: dbl,
    impl: (a) => {
      if (a.length === 1) {
        if ((a[0] as number) <= 0) throw new EvalFailure(`${ARITHMETIC}Log of non-positive number`);
        return Math.log(a[0] as number);
      }
      return logOf(a[0] as number, a[1] as number);
    } }),
  real('LOG10', 'Base-10 logarithm of a number.', Math.log10, (x) => (x <= 0 ? 'Log of non-positive number' : null)),
  real('EXP', 'e raised to the power of a number.', Math.exp),
  real('SIN', 'Sine of an angle in radians.', Math.sin),
  real('COS', 'Cosine of an angle in radians.', Math.cos),
  real('TAN', 'Tangent of an angle in radians.', Math.tan),
  real('ASIN', 'Arcsine of a number between -1 and 1, in radians.', Math.asin, (x) => (Math.abs(x) > 1 ? 'Asin input out of range' : null)),
  real('ACOS', 'Arccosine of a number between -1 and 1, in radians.', Math.acos, (x) => (Math.abs(x) > 1 ? 'Acos input out of range' : null)),
  real('ATAN', 'Arctangent of a number, in radians.', Math.atan),
  real('SINH', 'Hyperbolic sine of a number.', Math.sinh, (_x, r) => (Number.isFinite(r) ? null : 'sinh overflow')),
  real('COSH', 'Hyperbolic cosine of a number.', Math.cosh, (_x, r) => (Number.isFinite(r) ? null : 'cosh overflow')),
  real('TANH', 'Hyperbolic tangent of a number.', Math.tanh),
  fn({ name: 'ATAN2', doc: 'Angle from the positive x-axis to the point (x, y), in radians.', minArgs: 2, maxArgs: 2, returns: dbl,
    impl: ([y, x]) => Math.atan2(y as number, x as number) }),
  fn({ name: 'HYPOT', doc: 'Hypotenuse of two numbers, as a double.', minArgs: 2, maxArgs: 2, returns: dbl,
    impl: ([a, b]) => Math.hypot(a as number, b as number) }),
  fn({ name: 'POW', doc: 'Base raised to a power.', minArgs: 2, maxArgs: 2, returns: dbl,
    impl: ([b, e]) => finite(Math.pow(b as number, e as number)) }),
  fn({ name: 'COPY_SIGN', doc: 'The magnitude of the first argument with the sign of the second.', minArgs: 2, maxArgs: 2,
    returns: (t) => check(t, [NS], t[0]), impl: ([m, s], types) => copySign(m as number, s as number, types[0]) }),
  fn({ name: 'PI', doc: 'The ratio of a circle’s circumference to its diameter.', minArgs: 0, maxArgs: 0, returns: () => 'double', impl: () => Math.PI }),
  fn({ name: 'E', doc: 'Euler’s number.', minArgs: 0, maxArgs: 0, returns: () => 'double', impl: () => Math.E }),
  fn({ name: 'TAU', doc: 'The ratio of a circle’s circumference to its radius.', minArgs: 0, maxArgs: 0, returns: () => 'double', impl: () => Math.PI * 2 }),
];
