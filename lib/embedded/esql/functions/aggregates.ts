/**
 * The table of ES|QL aggregate functions used by STATS. An aggregate receives the non-null values of
 * its argument over the rows of one group (multi-values flattened) and the group's row count.
 */
import { isNumeric, toCell, type Cell, type EsqlType, type Scalar } from '../table';
import { check, EvalFailure, MULTI_VALUE, type TypeProblem } from './define';

/** One aggregate function. */
export interface AggregateFunction {
  name: string;
  doc: string;
  minArgs: number;
  maxArgs: number;
  /** `COUNT(*)` is allowed. */
  star?: boolean;
  returns: (types: EsqlType[]) => EsqlType | TypeProblem;
  /**
   * `extra` holds the constant values of arguments after the first (e.g. PERCENTILE's percentile). Throws
   * `EvalFailure` when the group's result is null with a warning (SUM's long overflow).
   */
  compute: (values: Scalar[], type: EsqlType, rows: number, extra: Cell[]) => Cell;
  /**
   * For two-column aggregates (WEIGHTED_AVG): gets each row's pair of cells instead, the first argument's
   * type, and whether the second argument is a constant; may throw `EvalFailure`.
   */
  computePairs?: (pairs: [Cell, Cell][], type: EsqlType, constantWeight: boolean) => Cell;
  /** Checks the constant arguments after the first; returns Elasticsearch's verification message for `text` (the call). */
  checkExtra?: (extra: Cell[], text: string) => string | undefined;
}

const N: [(t: EsqlType) => boolean, string] = [isNumeric, 'numeric'];
const sortable: [(t: EsqlType) => boolean, string] = [(t) => t !== 'text' && t !== 'unsupported', 'representable except text'];
const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
const byValue = (a: Scalar, b: Scalar) => (a < b ? -1 : a > b ? 1 : 0);

/** The population variance, or null for no values. */
function variance(values: number[]): number | null {
  if (values.length === 0) return null;
  const m = sum(values) / values.length;
  return sum(values.map((x) => (x - m) ** 2)) / values.length;
}

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank), hi = Math.ceil(rank);
  return s[lo] + (s[hi] - s[lo]) * (rank - lo);
}

/** Aggregates by upper-case name. */
export const AGGREGATE_FUNCTIONS: ReadonlyMap<string, AggregateFunction> = new Map(([
  { name: 'COUNT', doc: 'Number of values; COUNT(*) counts rows.', minArgs: 0, maxArgs: 1, star: true,
    returns: () => 'long', compute: (v, _t, rows, extra) => (extra[0] === '*' ? rows : v.length) },
  { name: 'COUNT_DISTINCT', doc: 'Approximate number of distinct values (exact here).', minArgs: 1, maxArgs: 2,
    returns: (t) => (t[0] === '_source' ? { badArg: 0, expected: 'any exact type except unsigned_long, _source, or counter types' } : 'long'),
    compute: (v) => new Set(v).size },
  { name: 'SUM', doc: 'Sum of the values.', minArgs: 1, maxArgs: 1,
    returns: (t) => check(t, [N], t[0] === 'double' ? 'double' : t[0] === 'null' ? 'null' : 'long'),
    // a long sum beyond the long range is null, with Java's "long overflow" warning
    compute: (v, t) => {
      if (!v.length) return null;
      const s = sum(v as number[]);
      if (t !== 'double' && Math.abs(s) >= 2 ** 63) throw new EvalFailure('java.lang.ArithmeticException: long overflow');
      return s;
    } },
  { name: 'AVG', doc: 'Average of the values.', minArgs: 1, maxArgs: 1,
    returns: (t) => check(t, [N], 'double'), compute: (v) => (v.length ? sum(v as number[]) / v.length : null) },
  { name: 'MIN', doc: 'Smallest value.', minArgs: 1, maxArgs: 1, returns: (t) => check(t, [sortable], t[0]),
    compute: (v) => (v.length ? [...v].sort(byValue)[0] : null) },
  { name: 'MAX', doc: 'Largest value.', minArgs: 1, maxArgs: 1, returns: (t) => check(t, [sortable], t[0]),
    compute: (v) => (v.length ? [...v].sort(byValue)[v.length - 1] : null) },
  { name: 'MEDIAN', doc: 'The 50th percentile.', minArgs: 1, maxArgs: 1, returns: (t) => check(t, [N], 'double'),
    compute: (v) => percentile(v as number[], 50) },
  { name: 'PERCENTILE', doc: 'The given percentile.', minArgs: 2, maxArgs: 2, returns: (t) => check(t, [N], 'double'),
    compute: (v, _t, _r, extra) => percentile(v as number[], Number(extra[0])) },
  { name: 'MEDIAN_ABSOLUTE_DEVIATION', doc: 'Median of the absolute deviations from the median.', minArgs: 1, maxArgs: 1,
    returns: (t) => check(t, [N], 'double'),
    compute: (v) => {
      const m = percentile(v as number[], 50);
      return m === null ? null : percentile((v as number[]).map((x) => Math.abs(x - m)), 50);
    } },
  { name: 'STD_DEV', doc: 'Population standard deviation.', minArgs: 1, maxArgs: 1, returns: (t) => check(t, [N], 'double'),
    compute: (v) => { const r = variance(v as number[]); return r === null ? null : Math.sqrt(r); } },
  { name: 'VARIANCE', doc: 'Population variance.', minArgs: 1, maxArgs: 1, returns: (t) => check(t, [N], 'double'),
    compute: (v) => variance(v as number[]) },
  { name: 'STD_VAR', doc: 'Population variance (VARIANCE under its other name).', minArgs: 1, maxArgs: 1, returns: (t) => check(t, [N], 'double'),
    compute: (v) => variance(v as number[]) },
  { name: 'WEIGHTED_AVG', doc: 'Average weighted by the second argument.', minArgs: 2, maxArgs: 2,
    returns: (t) => check(t, [N], 'double'), compute: () => null,
    computePairs: (pairs, type, constantWeight) => {
      let total = 0, weights = 0, values = 0, counted = 0;
      for (const [v, w] of pairs) {
        if (Array.isArray(v) || Array.isArray(w)) throw new EvalFailure(MULTI_VALUE);
        if (typeof v !== 'number' || typeof w !== 'number') continue;
        total += v * w; weights += w; values += v; counted++;
      }
      if (counted === 0) return null;
      if (weights === 0) throw new EvalFailure('java.lang.ArithmeticException: / by zero');
      // with a constant weight Elasticsearch averages the values, summing whole numbers as longs
      if (constantWeight && type !== 'double' && Math.abs(values) >= 2 ** 63) throw new EvalFailure('java.lang.ArithmeticException: long overflow');
      return total / weights;
    } },
  { name: 'TOP', doc: 'The first `limit` values in `order` ("asc", the default, or "desc"), repeated values included.', minArgs: 2, maxArgs: 3,
    returns: (t) => check(t, [sortable], t[0]),
    checkExtra: (extra, text) => {
      const [limit, order] = extra;
      if (typeof limit !== 'number' || !Number.isInteger(limit)) return `second argument of [${text}] must be a constant integer, found value [${String(limit)}]`;
      if (limit <= 0) return `Limit must be greater than 0 in [${text}], found [${limit}]`;
      if (order !== undefined && (typeof order !== 'string' || !['asc', 'desc'].includes(order.toLowerCase()))) {
        return `Invalid order value in [${text}], expected [ASC, DESC] but got [${String(order)}]`;
      }
      return undefined;
    },
    compute: (v, _t, _r, extra) => {
      const sorted = [...v].sort(byValue);
      if (typeof extra[1] === 'string' && extra[1].toLowerCase() === 'desc') sorted.reverse();
      return toCell(sorted.slice(0, Number(extra[0])));
    } },
  { name: 'PRESENT', doc: 'Whether the argument has a value in some row of the group.', minArgs: 1, maxArgs: 1, returns: () => 'boolean',
    compute: (v) => v.length > 0 },
  { name: 'ABSENT', doc: 'Whether the argument has a value in no row of the group.', minArgs: 1, maxArgs: 1, returns: () => 'boolean',
    compute: (v) => v.length === 0 },
  { name: 'VALUES', doc: 'All distinct values as a multi-value.', minArgs: 1, maxArgs: 1, returns: (t) => t[0],
    compute: (v) => toCell([...new Set(v)].sort(byValue)) },
] satisfies AggregateFunction[]).map((a) => [a.name, a]));
