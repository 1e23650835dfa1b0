/** ES|QL multi-value functions (MV_COUNT, MV_MIN, MV_MAX, …): they take a whole multi-valued cell. */
import { cellValues, isNumeric, toCell, type EsqlType, type Scalar } from '../table';
import { check, fn, type ScalarFunction } from './define';

const any = (): boolean => true;
const N: [(t: EsqlType) => boolean, string] = [isNumeric, 'numeric'];
const order = (a: Scalar, b: Scalar) => (a < b ? -1 : a > b ? 1 : 0);

const mv = (name: string, doc: string, returns: (t: EsqlType[]) => ReturnType<ScalarFunction['returns']>, f: (v: Scalar[], t: EsqlType) => Scalar | Scalar[] | null): ScalarFunction =>
  fn({ name, doc, minArgs: 1, maxArgs: 1, raw: true, returns,
    impl: ([cell], types) => { const v = cellValues(cell); return v.length === 0 ? null : (Array.isArray(f(v, types[0])) ? toCell(f(v, types[0]) as Scalar[]) : f(v, types[0])); } });

/** Multi-value functions. */
export const MULTIVALUE_FUNCTIONS: ScalarFunction[] = [
  mv('MV_COUNT', 'Number of values.', (t) => check(t, [[any, 'any']], 'integer'), (v) => v.length),
  mv('MV_MIN', 'Smallest value.', (t) => t[0], (v) => [...v].sort(order)[0]),
  mv('MV_MAX', 'Largest value.', (t) => t[0], (v) => [...v].sort(order)[v.length - 1]),
  mv('MV_FIRST', 'First value.', (t) => t[0], (v) => v[0]),
  mv('MV_LAST', 'Last value.', (t) => t[0], (v) => v[v.length - 1]),
  mv('MV_SUM', 'Sum of the values.', (t) => check(t, [N], t[0] === 'integer' ? 'integer' : t[0]), (v) => (v as number[]).reduce((a, b) => a + b, 0)),
  mv('MV_AVG', 'Average of the values.', (t) => check(t, [N], 'double'), (v) => (v as number[]).reduce((a, b) => a + b, 0) / v.length),
  mv('MV_MEDIAN', 'Median of the values.', (t) => check(t, [N], t[0]), (v, t) => {
    const s = [...(v as number[])].sort((a, b) => a - b), mid = s.length >> 1;
    if (s.length % 2) return s[mid];
    const m = (s[mid - 1] + s[mid]) / 2;
    return t === 'double' ? m : Math.floor(m);
  }),
  mv('MV_DEDUPE', 'Removes duplicate values.', (t) => t[0], (v) => [...new Set(v)]),
  fn({ name: 'MV_SORT', doc: 'Sorts the values, ASC (default) or DESC.', minArgs: 1, maxArgs: 2, raw: true, returns: (t) => t[0],
    impl: ([cell, dir]) => {
      const sorted = [...cellValues(cell)].sort(order);
      return toCell(String(dir ?? 'ASC').toUpperCase() === 'DESC' ? sorted.reverse() : sorted);
    } }),
  fn({ name: 'MV_SLICE', doc: 'The values from start to end (inclusive, 0-based; negatives count from the end).', minArgs: 2, maxArgs: 3, raw: true,
    returns: (t) => check(t, [[any, 'any'], [(x) => x === 'integer', 'integer']], t[0]),
    impl: ([cell, start, end]) => {
      const v = cellValues(cell);
      if (v.length === 0 || start === null) return null;
      const norm = (i: number) => (i < 0 ? v.length + i : i);
      const s = norm(start as number), e = end === undefined || end === null ? s : norm(end as number);
      return toCell(v.slice(Math.max(0, s), e + 1));
    } }),
  fn({ name: 'MV_APPEND', doc: 'Concatenates the values of two fields; null if either is null.', minArgs: 2, maxArgs: 2, raw: true, returns: (t) => (t[0] === 'null' ? t[1] : t[0]),
    impl: ([a, b]) => (a === null || b === null ? null : toCell([...cellValues(a), ...cellValues(b)])) }),
  fn({ name: 'MV_CONCAT', doc: 'Joins the values with a delimiter.', minArgs: 2, maxArgs: 2, raw: true,
    returns: (t) => check(t, [[(x) => x === 'keyword' || x === 'text', 'string']], 'keyword'),
    impl: ([cell, d]) => (cell === null || d === null ? null : cellValues(cell).join(String(d))) }),
];
