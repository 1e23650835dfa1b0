/** ES|QL math functions (ABS, ROUND, FLOOR, CEIL, …) as scalar-function entries. */
import { isNumeric, type EsqlType } from '../table';
import { check, EvalFailure, fn, type ScalarFunction } from './define';

const N: [(t: EsqlType) => boolean, string] = [isNumeric, 'numeric'];
const I: [(t: EsqlType) => boolean, string] = [(t) => t === 'integer' || t === 'long', 'integer'];
const same = (t: EsqlType[]) => check(t, [N], t[0] === 'null' ? 'null' : t[0]);
const dbl = (t: EsqlType[]) => check(t, [N], 'double');

function roundTo(value: number, digits: number, whole: boolean): number {
  if (whole && digits >= 0) return value;
  const factor = 10 ** Math.abs(digits);
  const r = (x: number) => Math.sign(x) * Math.round(Math.abs(x));
  if (digits >= 0) return r(value * factor) / factor;
  return r(value / factor) * factor;
}

const real = (name: string, f: (x: number) => number, domain?: (x: number) => boolean) => fn({
  name, doc: `${name.toLowerCase()} of a number.`, minArgs: 1, maxArgs: 1, returns: dbl,
  impl: ([x]) => {
    if (domain && !domain(x as number)) throw new EvalFailure(`java.lang.ArithmeticException: ${name} of ${x}`);
    return f(x as number);
  },
});

/** Math functions. */
export const NUMBER_FUNCTIONS: ScalarFunction[] = [
  fn({ name: 'ABS', doc: 'Absolute value.', minArgs: 1, maxArgs: 1, returns: same, impl: ([x]) => Math.abs(x as number) }),
  fn({ name: 'ROUND', doc: 'Rounds to a number of decimals (half away from zero).', minArgs: 1, maxArgs: 2,
    returns: (t) => check(t, [N, I], t[0]), impl: ([x, d], types) => roundTo(x as number, (d as number | undefined) ?? 0, types[0] !== 'double') }),
  fn({ name: 'FLOOR', doc: 'Largest whole number not above.', minArgs: 1, maxArgs: 1, returns: same, impl: ([x]) => Math.floor(x as number) }),
  fn({ name: 'CEIL', doc: 'Smallest whole number not below.', minArgs: 1, maxArgs: 1, returns: same, impl: ([x]) => Math.ceil(x as number) }),
  fn({ name: 'SIGNUM', doc: 'Sign of a number as a double.', minArgs: 1, maxArgs: 1, returns: dbl, impl: ([x]) => Math.sign(x as number) }),
  real('SQRT', Math.sqrt, (x) => x >= 0),
  real('LOG10', Math.log10, (x) => x > 0),
  real('EXP', Math.exp),
  real('SIN', Math.sin), real('COS', Math.cos), real('TAN', Math.tan),
  fn({ name: 'POW', doc: 'Base raised to a power.', minArgs: 2, maxArgs: 2, returns: (t) => check(t, [N], 'double'),
    impl: ([b, e]) => { const r = (b as number) ** (e as number); if (!Number.isFinite(r)) throw new EvalFailure('java.lang.ArithmeticException: not a finite double number'); return r; } }),
  fn({ name: 'PI', doc: 'The ratio of a circle’s circumference to its diameter.', minArgs: 0, maxArgs: 0, returns: () => 'double', impl: () => Math.PI }),
  fn({ name: 'E', doc: 'Euler’s number.', minArgs: 0, maxArgs: 0, returns: () => 'double', impl: () => Math.E }),
];
