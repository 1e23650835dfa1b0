/** ES|QL multi-value functions (MV_COUNT, MV_MIN, MV_MAX, …): they take a whole multi-valued cell. */
import { cellValues, isNumeric, isStringType, toCell, type Cell, type EsqlType, type Scalar } from '../table';
import { javaDouble } from './convert';
import { check, EvalFailure, fn, MULTI_VALUE, type ScalarFunction } from './define';

const any = (): boolean => true;
const N: [(t: EsqlType) => boolean, string] = [isNumeric, 'numeric'];
const order = (a: Scalar, b: Scalar) => (a < b ? -1 : a > b ? 1 : 0);
/** Numeric except unsigned_long (MV_PERCENTILE's arguments). */
const NS: [(t: EsqlType) => boolean, string] = [(t) => isNumeric(t) && t !== 'unsigned_long', 'numeric except unsigned_long'];

/**
 * The single value of an argument Elasticsearch reads one value of per row (MV_ZIP's delimiter,
 * MV_PERCENTILE's percentile): a multi-value there fails the row with the single-value warning.
 */
function single(cell: Cell): Scalar | null {
  if (Array.isArray(cell)) throw new EvalFailure(MULTI_VALUE);
  return cell;
}

/** Java's `(int)` / `(long)` of a double: toward zero, NaN as 0, saturating at the type's bounds. */
function javaWhole(x: number, min: number, max: number): number {
  if (Number.isNaN(x)) return 0;
  return Math.min(max, Math.max(min, Math.trunc(x)));
}
const INT_MIN = -2147483648, INT_MAX = 2147483647, LONG_MIN = -(2 ** 63), LONG_MAX = 2 ** 63;

/** Java's Double.compare order for sorting doubles: -0.0 before 0.0, NaN last. */
function compareDoubles(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
  return Object.is(a, -0) === Object.is(b, -0) ? 0 : Object.is(a, -0) ? -1 : 1;
}

/**
 * `lower + fraction × (upper − lower)` for longs, as MvPercentile.java computes it: in doubles while both
 * lie within ±2^52, otherwise exactly (its BigDecimal arithmetic) and truncated toward zero as a whole.
 */
function longPercentile(fraction: number, lower: number, upper: number): number {
  const safe = 2 ** 52;
  if (upper < safe && lower > -safe) return lower + javaWhole(fraction * (upper - lower), LONG_MIN, LONG_MAX);
  if (!Number.isInteger(lower) || !Number.isInteger(upper) || !Number.isFinite(fraction)) return lower;
  // the double `fraction` is exactly m / 2^k
  let m = fraction, k = 0;
  while (!Number.isInteger(m)) { m *= 2; k++; }
  const scale = 2n ** BigInt(k);
  const lo = BigInt(lower);
  return Number((lo * scale + BigInt(m) * (BigInt(upper) - lo)) / scale);
}

/** `lower + fraction × (upper − lower)` for doubles, reordered as MvPercentile.java does when the signs differ (no overflow). */
function doublePercentile(fraction: number, lower: number, upper: number): number {
  if (lower < 0 && upper > 0) return (lower + fraction * upper) - fraction * lower;
  return lower + fraction * (upper - lower);
}

/**
 * MV_PERCENTILE of the values of one cell (MvPercentile.java): one value is itself, percentile 0 the
 * smallest and 100 the largest; otherwise the sorted values at the fractional index p/100 × (n − 1) are
 * interpolated, integers and longs truncated toward zero.
 */
function percentileOf(values: number[], percentile: number, type: EsqlType): number {
  const n = values.length;
  if (n === 1) return values[0];
  const index = (percentile / 100) * (n - 1);
  const lowerIndex = javaWhole(index, INT_MIN, INT_MAX);
  const fraction = index - lowerIndex;
  if (type === 'double') {
    if (percentile === 0) return values.reduce((a, b) => Math.min(a, b), Infinity);
    if (percentile === 100) return values.reduce((a, b) => Math.max(a, b), -Infinity);
    const sorted = [...values].sort(compareDoubles);
    return doublePercentile(fraction, sorted[lowerIndex], sorted[lowerIndex + 1]);
  }
  const sorted = [...values].sort((a, b) => a - b);
  if (percentile === 0) return sorted[0];
  if (percentile === 100) return sorted[n - 1];
  const lower = sorted[lowerIndex], upper = sorted[lowerIndex + 1];
  if (type === 'integer') return lower + javaWhole(fraction * (upper - lower), INT_MIN, INT_MAX);
  return longPercentile(fraction, lower, upper);
}

/**
 * The P-series weighted sum of a cell's values, Σ vᵢ / (i + 1)^p in their order, summed with
 * Elasticsearch's compensated (Kahan) summation (CompensatedSum.java); a sum that is not finite fails.
 */
function pSeriesWeightedSum(values: number[], p: number): number {
  let value = 0, delta = 0;
  for (let i = 0; i < values.length; i++) {
    const term = values[i] / Math.pow(i + 1, p);
    if (!Number.isFinite(term)) value = term + value;
    if (Number.isFinite(value)) {
      const corrected = term + delta;
      const updated = value + corrected;
      delta = corrected - (updated - value);
      value = updated;
    }
  }
  if (!Number.isFinite(value)) throw new EvalFailure('java.lang.ArithmeticException: double overflow');
  return value;
}

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
  fn({ name: 'MV_ZIP', doc: 'Joins the values of two fields pairwise with a delimiter (`,` by default); the longer one’s extra values are kept as they are.',
    minArgs: 2, maxArgs: 3, raw: true,
    returns: (t) => check(t, [[isStringType, 'string']], 'keyword'),
    impl: (args) => {
      // MvZip.java: a null delimiter is null, and only both sides null make the result null
      const delim = args.length === 3 ? single(args[2]) : ',';
      const [left, right] = args;
      if (delim === null || (left === null && right === null)) return null;
      if (left === null) return right;
      if (right === null) return left;
      const l = cellValues(left), r = cellValues(right);
      return toCell(Array.from({ length: Math.max(l.length, r.length) }, (_, i) =>
        i < l.length && i < r.length ? `${l[i]}${delim}${r[i]}` : i < l.length ? l[i] : r[i]));
    } }),
  fn({ name: 'MV_PERCENTILE', doc: 'The value at a percentile (0 to 100) of the values, interpolated between the nearest two.', minArgs: 2, maxArgs: 2, raw: true,
    returns: (t) => check(t, [NS], t[0]),
    impl: ([cell, p], types) => {
      const percentile = single(p);
      if (percentile === null || cell === null) return null;
      const pct = Number(percentile);
      if (pct < 0 || pct > 100) {
        throw new EvalFailure(`java.lang.IllegalArgumentException: Percentile parameter must be a number between 0 and 100, found [${javaDouble(pct)}]`);
      }
      return percentileOf(cellValues(cell) as number[], pct, types[0]);
    } }),
  fn({ name: 'MV_PSERIES_WEIGHTED_SUM', doc: 'The sum of the values each divided by its position (from 1) to the power p.', minArgs: 2, maxArgs: 2, raw: true,
    constantFrom: 1,
    returns: (t) => {
      const checked = check(t, [[(x) => x === 'double', 'double']], t[0]);
      return typeof checked === 'object' || t[1] !== 'null' ? checked : 'null';
    },
    impl: ([cell, p]) => (cell === null || p === null || Array.isArray(p) ? null : pSeriesWeightedSum(cellValues(cell) as number[], p as number)) }),
];
