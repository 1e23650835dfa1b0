/** §12.2 number built-ins. Non-finite results are function_errors (§4.7). */
import { fail } from '../errors';
import { mod } from '../operators';
import { builtin, param } from './catalog';

const z = (n: number) => (n === 0 ? 0 : n);
function finite(fn: string, n: number, what = 'result is not a finite number'): number {
  if (!Number.isFinite(n)) throw fail.functionError(fn, what);
  return z(n);
}
function places(fn: string, p: number): number {
  if (p < -15 || p > 15) throw fail.functionError(fn, `places must be between -15 and 15, got ${p}`);
  return p;
}
function roundTo(fn: string, x: number, p: number, half: number): number {
  places(fn, p);
  const s = Math.sign(x), a = Math.abs(x);
  const r = p >= 0 ? (s * Math.floor(a * 10 ** p + half)) / 10 ** p : s * Math.floor(a / 10 ** -p + half) * 10 ** -p;
  return finite(fn, r);
}

/** The number built-ins. */
export const NUMBER_BUILTINS = [
  builtin({ name: 'ABS', params: [param('x', 'NUMBER')], returns: 'NUMBER', doc: 'Absolute value.', examples: [['ABS(-3)', '3']], impl: (_c, x: number) => z(Math.abs(x)) }),
  builtin({ name: 'CEIL', params: [param('x', 'NUMBER')], returns: 'NUMBER', doc: 'Rounds up to an integer.', examples: [['CEIL(1.2)', '2']], impl: (_c, x: number) => z(Math.ceil(x)) }),
  builtin({ name: 'FLOOR', params: [param('x', 'NUMBER')], returns: 'NUMBER', doc: 'Rounds down to an integer.', examples: [['FLOOR(-1.2)', '-2']], impl: (_c, x: number) => z(Math.floor(x)) }),
  builtin({
    name: 'ROUND', params: [param('x', 'NUMBER'), param('p', 'INT', { optional: true })], returns: 'NUMBER',
    doc: 'Rounds half away from zero to `p` places (-15..15).',
    examples: [['ROUND(2.5)', '3'], ['ROUND(-2.5)', '-3'], ['ROUND(3.14159, 2)', '3.14'], ['ROUND(1250, -2)', '1300']],
    impl: (_c, x: number, p = 0) => roundTo('ROUND', x, p, 0.5),
  }),
  builtin({
    name: 'TRUNC', params: [param('x', 'NUMBER'), param('p', 'INT', { optional: true })], returns: 'NUMBER',
    doc: 'Rounds toward zero to `p` places (-15..15).', examples: [['TRUNC(-2.7)', '-2'], ['TRUNC(3.14159, 3)', '3.141']],
    impl: (_c, x: number, p = 0) => roundTo('TRUNC', x, p, 0),
  }),
  builtin({
    name: 'SQRT', params: [param('x', 'NUMBER')], returns: 'NUMBER', doc: 'Square root; a negative `x` is a function_error.',
    examples: [['SQRT(16)', '4']],
    impl: (_c, x: number) => { if (x < 0) throw fail.functionError('SQRT', `argument must not be negative, got ${x}`); return z(Math.sqrt(x)); },
  }),
  builtin({ name: 'EXP', params: [param('x', 'NUMBER')], returns: 'NUMBER', doc: 'e to the power x.', examples: [['EXP(0)', '1']], impl: (_c, x: number) => finite('EXP', Math.exp(x)) }),
  builtin({
    name: 'POWER', params: [param('b', 'NUMBER'), param('e', 'NUMBER')], returns: 'NUMBER', doc: '`b` to the power `e`.',
    examples: [['POWER(2, 10)', '1024']], impl: (_c, b: number, e: number) => finite('POWER', b ** e),
  }),
  builtin({
    name: 'LOG', params: [param('x', 'NUMBER'), param('base', 'NUMBER', { optional: true })], returns: 'NUMBER',
    doc: 'Natural logarithm, or the logarithm in `base`.', examples: [['LOG(1)', '0'], ['LOG(8, 2)', '3']],
    impl: (_c, x: number, base?: number) => {
      if (x <= 0) throw fail.functionError('LOG', `argument must be positive, got ${x}`);
      if (base === undefined) return finite('LOG', Math.log(x));
      if (base <= 0 || base === 1) throw fail.functionError('LOG', `base must be positive and not 1, got ${base}`);
      return finite('LOG', Math.log(x) / Math.log(base));
    },
  }),
  builtin({
    name: 'MOD', params: [param('a', 'NUMBER'), param('b', 'NUMBER')], returns: 'NUMBER', doc: 'The same as `a % b`.',
    examples: [['MOD(-7, 3)', '-1']], impl: (_c, a: number, b: number) => mod(a, b, -1) as number,
  }),
  builtin({ name: 'SIGN', params: [param('x', 'NUMBER')], returns: 'NUMBER', doc: '-1, 0 or 1.', examples: [['SIGN(-4)', '-1']], impl: (_c, x: number) => z(Math.sign(x)) }),
];
