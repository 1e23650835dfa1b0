/** ES|QL conditional functions (CASE, COALESCE, GREATEST, LEAST). They see nulls and multi-values as is. */
import { cellValues, isNumeric, type Cell, type EsqlType } from '../table';
import { fn, MULTI_VALUE, type ScalarFunction, type TypeProblem } from './define';

/** The common type of several value types: numerics widen, `null` fits anything. */
export function commonType(types: EsqlType[]): EsqlType | null {
  let out: EsqlType = 'null';
  for (const t of types) {
    if (t === 'null' || t === out) continue;
    if (out === 'null') { out = t; continue; }
    if (isNumeric(out) && isNumeric(t)) out = out === 'double' || t === 'double' ? 'double' : 'long';
    else if ((out === 'keyword' || out === 'text') && (t === 'keyword' || t === 'text')) out = 'keyword';
    else return null;
  }
  return out;
}

const widen = (types: EsqlType[], from: number): EsqlType | TypeProblem => {
  const t = commonType(types.slice(from));
  return t ?? { badArg: from + 1, expected: types[from] };
};

const compare = (a: number | string | boolean, b: number | string | boolean) => (a < b ? -1 : a > b ? 1 : 0);

/** Conditional functions. */
export const CONDITIONAL_FUNCTIONS: ScalarFunction[] = [
  fn({ name: 'COALESCE', doc: 'The first argument that is not null.', minArgs: 1, maxArgs: 100, raw: true,
    returns: (t) => widen(t, 0), impl: (args) => args.find((a) => a !== null) ?? null }),
  fn({ name: 'CASE', doc: 'CASE(cond1, value1, …, [else]): the value of the first true condition.', minArgs: 1, maxArgs: 200, raw: true,
    returns: (t) => {
      for (let i = 0; i + 1 < t.length; i += 2) if (t[i] !== 'boolean' && t[i] !== 'null') return { badArg: i, expected: 'boolean' };
      const values = t.filter((_, i) => (i % 2 === 1) || (i === t.length - 1 && t.length % 2 === 1));
      return commonType(values) ?? { badArg: 1, expected: values[0] };
    },
    impl: (args, _types, ctx, span) => {
      for (let i = 0; i + 1 < args.length; i += 2) {
        if (args[i] === true) return args[i + 1];
        // a multi-valued condition counts as false, with a warning
        if (Array.isArray(args[i])) ctx.warnings.failure(span, MULTI_VALUE, 'false');
      }
      return args.length % 2 === 1 ? args[args.length - 1] : null;
    } }),
  fn({ name: 'CLAMP', doc: 'Limits a value to [min, max].', minArgs: 3, maxArgs: 3, returns: (t) => widen(t, 0),
    impl: ([v, lo, hi]) => (compare(v as number, lo as number) < 0 ? lo : compare(v as number, hi as number) > 0 ? hi : v) }),
  fn({ name: 'CLAMP_MIN', doc: 'Limits a value to at least min.', minArgs: 2, maxArgs: 2, returns: (t) => widen(t, 0),
    impl: ([v, lo]) => (compare(v as number, lo as number) < 0 ? lo : v) }),
  fn({ name: 'CLAMP_MAX', doc: 'Limits a value to at most max.', minArgs: 2, maxArgs: 2, returns: (t) => widen(t, 0),
    impl: ([v, hi]) => (compare(v as number, hi as number) > 0 ? hi : v) }),
  fn({ name: 'GREATEST', doc: 'The largest of the arguments.', minArgs: 1, maxArgs: 100, raw: true, returns: (t) => widen(t, 0),
    impl: (args) => pick(args, 1) }),
  fn({ name: 'LEAST', doc: 'The smallest of the arguments.', minArgs: 1, maxArgs: 100, raw: true, returns: (t) => widen(t, 0),
    impl: (args) => pick(args, -1) }),
];

function pick(args: Cell[], sign: number): Cell {
  if (args.some((a) => a === null)) return null;
  const all = args.flatMap(cellValues);
  return all.reduce((best, v) => (compare(v, best) * sign > 0 ? v : best));
}
