/** §12.3 array built-ins. Lambdas may be asynchronous (they can call stored routines). */
import { fail } from '../errors';
import { compareStrings } from '../operators';
import { renderValue } from '../render';
import { DateValue, valuesEqual, type Value } from '../values';
import { builtin, param, type Lambda } from './catalog';

type Pred = Lambda | string;

async function callL(l: Lambda, args: Value[]): Promise<Value> {
  const r = l.call(l.arity >= 2 ? args : args.slice(0, 1));
  return r instanceof Promise ? await r : r;
}
function asCondition(v: Value): boolean {
  if (v === true) return true;
  if (v === false || v === null) return false;
  throw fail.conditionType(v, -1);
}
/** A find-style test: a lambda predicate, or "a DOCUMENT element whose `key` is == value". */
async function test(p: Pred, value: Value | undefined, x: Value, i: number): Promise<boolean> {
  if (typeof p === 'string') return x instanceof Map && valuesEqual(x.get(p) ?? null, value ?? null);
  return asCondition(await callL(p, [x, i]));
}

function sortKeyCompare(a: Value, b: Value): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a instanceof DateValue && b instanceof DateValue) return a.ms - b.ms;
  throw fail.comparisonType(a, b, -1);
}

const PRED = [param('arr', 'ARRAY'), param('pred', 'LAMBDA|STRING'), param('value', 'ANY', { optional: true })];

/** The array built-ins. */
export const ARRAY_BUILTINS = [
  builtin({ name: 'ARRAY_LENGTH', params: [param('arr', 'ARRAY')], returns: 'NUMBER', doc: 'Number of elements.', examples: [['ARRAY_LENGTH([1,2,3])', '3']], impl: (_c, a: Value[]) => a.length }),
  builtin({ name: 'ARRAY_APPEND', params: [param('arr', 'ARRAY'), param('v', 'ANY')], returns: 'ARRAY', doc: 'A copy with `v` added at the end.', examples: [['ARRAY_APPEND([1], 2)', '[1,2]']], impl: (_c, a: Value[], v: Value) => [...a, v] }),
  builtin({ name: 'ARRAY_PREPEND', params: [param('arr', 'ARRAY'), param('v', 'ANY')], returns: 'ARRAY', doc: 'A copy with `v` added at the start.', examples: [['ARRAY_PREPEND([1], 2)', '[2,1]']], impl: (_c, a: Value[], v: Value) => [v, ...a] }),
  builtin({ name: 'ARRAY_REMOVE', params: [param('arr', 'ARRAY'), param('v', 'ANY')], returns: 'ARRAY', doc: 'Removes every element == `v`.', examples: [['ARRAY_REMOVE([1,2,1], 1)', '[2]']], impl: (_c, a: Value[], v: Value) => a.filter((x) => !valuesEqual(x, v)) }),
  builtin({ name: 'ARRAY_CONTAINS', params: [param('arr', 'ARRAY'), param('v', 'ANY')], returns: 'BOOLEAN', doc: 'Whether some element is == `v`.', examples: [['ARRAY_CONTAINS([{"a":1}], {"a":1})', 'TRUE']], impl: (_c, a: Value[], v: Value) => a.some((x) => valuesEqual(x, v)) }),
  builtin({
    name: 'ARRAY_DISTINCT', params: [param('arr', 'ARRAY')], returns: 'ARRAY', doc: 'Keeps the first of each set of == elements.',
    examples: [["ARRAY_DISTINCT([1,2,1,'1'])", '[1,2,"1"]']],
    impl: (_c, a: Value[]) => { const out: Value[] = []; for (const x of a) if (!out.some((y) => valuesEqual(x, y))) out.push(x); return out; },
  }),
  builtin({
    name: 'ARRAY_JOIN', params: [param('arr', 'ARRAY'), param('sep', 'STRING', { optional: true })], returns: 'STRING',
    doc: 'Renders the elements and joins them (default separator `,`).', examples: [["ARRAY_JOIN(['a', 1, NULL], '-')", "'a-1-null'"]],
    impl: (_c, a: Value[], sep = ',') => a.map(renderValue).join(sep),
  }),
  builtin({ name: 'ARRAY_FLATTEN', params: [param('arr', 'ARRAY')], returns: 'ARRAY', doc: 'Flattens one level.', examples: [['ARRAY_FLATTEN([1,[2,[3]]])', '[1,2,[3]]']], impl: (_c, a: Value[]) => a.flatMap((x) => (Array.isArray(x) ? x : [x])) }),
  builtin({ name: 'ARRAY_REVERSE', params: [param('arr', 'ARRAY')], returns: 'ARRAY', doc: 'Reverses the order.', examples: [['ARRAY_REVERSE([1,2,3])', '[3,2,1]']], impl: (_c, a: Value[]) => [...a].reverse() }),
  builtin({
    name: 'ARRAY_SLICE', params: [param('arr', 'ARRAY'), param('start', 'INT'), param('end', 'INT', { optional: true })], returns: 'ARRAY',
    doc: 'Elements from `start` to `end` (exclusive); negative values count from the end; clamped.',
    examples: [['ARRAY_SLICE([1,2,3,4], 1, -1)', '[2,3]']], impl: (_c, a: Value[], s: number, e?: number) => a.slice(s, e),
  }),
  builtin({
    name: 'ARRAY_MAP', params: [param('arr', 'ARRAY'), param('f', 'LAMBDA|STRING')], returns: 'ARRAY', lambdaArity: [1, 2], async: true,
    doc: 'Applies `f(x[, i])`; a STRING `f` takes that key of each DOCUMENT element.', examples: [['ARRAY_MAP([1,2,3], x => x * 2)', '[2,4,6]']],
    impl: async (_c, a: Value[], f: Pred) => {
      const out: Value[] = [];
      for (let i = 0; i < a.length; i++) {
        const x = a[i];
        out.push(typeof f === 'string' ? (x instanceof Map ? x.get(f) ?? null : null) : await callL(f, [x, i]));
      }
      return out;
    },
  }),
  builtin({
    name: 'ARRAY_FILTER', params: [param('arr', 'ARRAY'), param('pred', 'LAMBDA')], returns: 'ARRAY', lambdaArity: [1, 2], async: true,
    doc: 'Keeps the elements for which `pred` is TRUE.', examples: [['ARRAY_FILTER([1,2,3,4], x => x % 2 == 0)', '[2,4]']],
    impl: async (_c, a: Value[], p: Lambda) => { const out: Value[] = []; for (let i = 0; i < a.length; i++) if (await test(p, undefined, a[i], i)) out.push(a[i]); return out; },
  }),
  builtin({
    name: 'ARRAY_FILTER_BY', params: [param('arr', 'ARRAY'), param('key', 'STRING'), param('v', 'ANY')], returns: 'ARRAY',
    doc: 'Keeps the DOCUMENT elements whose `key` is == `v`.', examples: [["ARRAY_FILTER_BY([{\"s\":'a'},{\"s\":'b'}], 's', 'b')", '[{"s":"b"}]']],
    impl: (_c, a: Value[], k: string, v: Value) => a.filter((x) => x instanceof Map && valuesEqual(x.get(k) ?? null, v)),
  }),
  builtin({
    name: 'ARRAY_REDUCE', params: [param('arr', 'ARRAY'), param('f', 'LAMBDA'), param('initial', 'ANY')], returns: 'ANY', lambdaArity: [2], async: true,
    doc: '`acc = f(acc, x)` from left to right, starting with `initial`.', examples: [['ARRAY_REDUCE([1,2,3], (a, x) => a + x, 0)', '6']],
    impl: async (_c, a: Value[], f: Lambda, init: Value) => { let acc = init; for (const x of a) acc = await callL(f, [acc, x]); return acc; },
  }),
  builtin({
    name: 'ARRAY_FIND', params: PRED, returns: 'ANY', lambdaArity: [1, 2], async: true,
    doc: 'The first matching element, or NULL (find-style).', examples: [["ARRAY_FIND([{\"id\":1},{\"id\":2}], 'id', 2)", '{"id":2}']],
    impl: async (_c, a: Value[], p: Pred, v?: Value) => { for (let i = 0; i < a.length; i++) if (await test(p, v, a[i], i)) return a[i]; return null; },
  }),
  builtin({
    name: 'ARRAY_FIND_INDEX', params: PRED, returns: 'NUMBER', lambdaArity: [1, 2], async: true,
    doc: 'Index of the first match, or -1 (find-style).', examples: [['ARRAY_FIND_INDEX([5,7], x => x > 6)', '1']],
    impl: async (_c, a: Value[], p: Pred, v?: Value) => { for (let i = 0; i < a.length; i++) if (await test(p, v, a[i], i)) return i; return -1; },
  }),
  builtin({
    name: 'ARRAY_EVERY', params: PRED, returns: 'BOOLEAN', lambdaArity: [1, 2], async: true,
    doc: 'Whether every element matches; TRUE for [] (find-style).', examples: [['ARRAY_EVERY([1,5], x => x > 0)', 'TRUE'], ['ARRAY_EVERY([], x => FALSE)', 'TRUE']],
    impl: async (_c, a: Value[], p: Pred, v?: Value) => { for (let i = 0; i < a.length; i++) if (!(await test(p, v, a[i], i))) return false; return true; },
  }),
  builtin({
    name: 'ARRAY_SOME', params: PRED, returns: 'BOOLEAN', lambdaArity: [1, 2], async: true,
    doc: 'Whether some element matches; FALSE for [] (find-style).', examples: [['ARRAY_SOME([1,5], x => x > 4)', 'TRUE']],
    impl: async (_c, a: Value[], p: Pred, v?: Value) => { for (let i = 0; i < a.length; i++) if (await test(p, v, a[i], i)) return true; return false; },
  }),
  builtin({
    name: 'ARRAY_SORT', params: [param('arr', 'ARRAY'), param('key', 'STRING|LAMBDA', { optional: true }), param('dir', 'STRING', { optional: true })],
    returns: 'ARRAY', lambdaArity: [1, 2], async: true,
    doc: "A stable sort by the element, a DOCUMENT key, or a lambda's result; NULL keys last; `dir` 'asc' or 'desc'.",
    examples: [['ARRAY_SORT([3,1,2])', '[1,2,3]'], ["ARRAY_SORT([{\"n\":1},{\"n\":2}], 'n', 'desc')", '[{"n":2},{"n":1}]']],
    impl: async (_c, a: Value[], key?: Pred, dir = 'asc') => {
      const d = dir.toLowerCase();
      if (d !== 'asc' && d !== 'desc') throw fail.functionError('ARRAY_SORT', `direction must be 'asc' or 'desc', got '${dir}'`);
      const keys: Value[] = [];
      for (let i = 0; i < a.length; i++) {
        const x = a[i];
        const k = key === undefined ? x : typeof key === 'string' ? (x instanceof Map ? x.get(key) ?? null : null) : await callL(key, [x, i]);
        if (k !== null && (k instanceof Map || Array.isArray(k))) throw fail.comparisonType(k, k, -1);
        keys.push(k);
      }
      const idx = a.map((_, i) => i);
      const sign = d === 'desc' ? -1 : 1;
      idx.sort((i, j) => {
        const ki = keys[i], kj = keys[j];
        if (ki === null || kj === null) return sortKeyCompare(ki, kj);
        return sign * sortKeyCompare(ki, kj);
      });
      return idx.map((i) => a[i]);
    },
  }),
];
