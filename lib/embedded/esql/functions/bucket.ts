/**
 * BUCKET, ES|QL's grouping function for histograms (`STATS c = COUNT(*) BY BUCKET(@timestamp, 1 hour)`):
 * a date rounded down to a span (as DATE_TRUNC), or to a span picked from a target count of buckets over a
 * range; a number rounded down to a multiple of a span, given or picked the same way, as a double. As in
 * Elasticsearch, it may appear in a STATS command's BY clause only, and all but its first argument must
 * be constants. All dates are UTC.
 */
import { isNumeric, type EsqlType } from '../table';
import { parseDate } from './convert';
import { truncate } from './dates';
import { EvalFailure, fn, type ScalarFunction, type TypeProblem } from './define';

const DAY = 86_400_000;
/** 1970-01-05, a Monday: weeks start on Mondays. */
const MONDAY = 4 * DAY;

/** A bucket size: how a date rounds down to its bucket, and where the next bucket starts. */
interface DateUnit {
  round(ms: number): number;
  next(ms: number): number;
  /** For fixed sizes: the length, which lets the range check count instead of stepping. */
  step?: number;
}

const fixed = (step: number): DateUnit => ({ step, round: (ms) => Math.floor(ms / step) * step, next: (ms) => ms + step });

const WEEK: DateUnit = { step: 7 * DAY, round: (ms) => Math.floor((ms - MONDAY) / (7 * DAY)) * 7 * DAY + MONDAY, next: (ms) => ms + 7 * DAY };

const calendar = (months: number): DateUnit => ({
  round: (ms) => truncate(ms, `${months} month`),
  next: (ms) => { const d = new Date(ms); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1); },
});

/**
 * Elasticsearch's "human" bucket sizes: a day down to a millisecond, tried first (the finest that keeps
 * within the count wins); then a week, a month and a year, the first that keeps within it.
 */
const PRIMARY_UNITS: DateUnit[] = [DAY, 12 * 3_600_000, 3 * 3_600_000, 3_600_000, 30 * 60_000, 10 * 60_000, 5 * 60_000, 60_000,
  30_000, 10_000, 5_000, 1_000, 100, 50, 10, 1].map(fixed);
const SECONDARY_UNITS: DateUnit[] = [WEEK, calendar(1), calendar(12)];

/** Whether `unit` covers `[from, to]` in at most `buckets` buckets. */
function fits(unit: DateUnit, buckets: number, from: number, to: number): boolean {
  const first = unit.round(from);
  if (unit.step !== undefined) return Math.max(1, Math.ceil((to - first) / unit.step)) <= buckets;
  let bucket = first;
  for (let used = 1; used <= buckets; used++) {
    bucket = unit.next(bucket);
    if (bucket >= to) return true;
  }
  return false;
}

/** The bucket size for at most `buckets` buckets over `[from, to]` (the same search as Elasticsearch's). */
function pickDateUnit(buckets: number, from: number, to: number): DateUnit {
  let low = 0, high = PRIMARY_UNITS.length - 1;
  let best: DateUnit | undefined;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    if (fits(PRIMARY_UNITS[mid], buckets, from, to)) { best = PRIMARY_UNITS[mid]; low = mid + 1; } else high = mid - 1;
  }
  return best ?? SECONDARY_UNITS.find((u) => fits(u, buckets, from, to)) ?? SECONDARY_UNITS[SECONDARY_UNITS.length - 1];
}

/** A number span for at most `buckets` buckets over `[from, to]`: a power of ten, or half of one. */
function pickNumberSpan(buckets: number, from: number, to: number): number {
  const precise = (to - from) / buckets;
  const nextPowerOfTen = 10 ** Math.ceil(Math.log10(precise));
  return precise < nextPowerOfTen / 2 ? nextPowerOfTen / 2 : nextPowerOfTen;
}

const isDate = (t: EsqlType) => t === 'date' || t === 'date_nanos';
const isWhole = (t: EsqlType) => t === 'integer' || t === 'long';
const isTemporal = (t: EsqlType) => t === 'date_period' || t === 'time_duration';
const isDateOrString = (t: EsqlType) => isDate(t) || t === 'keyword' || t === 'text';
/** Elasticsearch's names of types in this function's messages (its DataType names, upper-case). */
const typeName = (t: EsqlType) => (t === 'date' ? 'DATETIME' : t.toUpperCase());

function resultType(types: EsqlType[]): EsqlType | TypeProblem {
  const [field, buckets] = types;
  const count = (expected: string): TypeProblem => ({
    badArg: 0, expected: '',
    message: `function expects exactly ${expected} arguments when the first one is of type [${typeName(field)}] and the second of type [${typeName(buckets)}]`,
  });
  if (field === 'null' || buckets === 'null') return field;
  const rangeCheck = (ok: (t: EsqlType) => boolean, expected: string): TypeProblem | undefined => {
    if (types.length !== 4) return count('four');
    const bad = [2, 3].find((i) => !ok(types[i]) && types[i] !== 'null');
    return bad === undefined ? undefined : { badArg: bad, expected };
  };
  if (isDate(field)) {
    if (!isWhole(buckets) && !isTemporal(buckets)) return { badArg: 1, expected: 'integral, date_period or time_duration' };
    if (isTemporal(buckets)) return types.length === 2 ? field : count('two');
    return rangeCheck(isDateOrString, 'datetime, date_nanos or string') ?? field;
  }
  if (isNumeric(field)) {
    if (!isNumeric(buckets)) return { badArg: 1, expected: 'numeric' };
    if (types.length === 2) return 'double';
    if (!isWhole(buckets)) return count('two');
    return rangeCheck(isNumeric, 'numeric') ?? 'double';
  }
  return { badArg: 0, expected: 'datetime or numeric' };
}

/** A range bound of a date bucketing: a date, or a date written as text. */
const dateBound = (v: unknown): number => (typeof v === 'number' ? v : parseDate(String(v)));

/** Units picked for a count and range, kept: the arguments are constants, so a query asks once. */
const pickedUnits = new Map<string, DateUnit>();

export const BUCKET: ScalarFunction = fn({
  name: 'BUCKET',
  doc: 'Groups dates or numbers into buckets of a given size, or of a size picked for a target count over a range.',
  minArgs: 2, maxArgs: 4, grouping: true, constantFrom: 1, returns: resultType,
  impl: ([value, buckets, from, to], types) => {
    if (isDate(types[0])) {
      if (typeof buckets === 'string') return truncate(value as number, buckets);
      const key = `${buckets}\u0000${from}\u0000${to}`;
      let unit = pickedUnits.get(key);
      if (!unit) {
        unit = pickDateUnit(buckets as number, dateBound(from), dateBound(to));
        if (pickedUnits.size > 256) pickedUnits.clear();
        pickedUnits.set(key, unit);
      }
      return unit.round(value as number);
    }
    const span = types.length === 4 ? pickNumberSpan(buckets as number, from as number, to as number) : buckets as number;
    // Elasticsearch divides by the span and multiplies back in doubles: a zero span, or a result that is
    // not a finite number (a count of zero buckets makes the span infinite), fails as its arithmetic does
    if (span === 0) throw new EvalFailure('java.lang.ArithmeticException: / by zero');
    const bucketed = Math.floor((value as number) / span) * span;
    if (!Number.isFinite(bucketed)) throw new EvalFailure(`java.lang.ArithmeticException: not a finite double number: ${Number.isNaN(bucketed) ? 'NaN' : bucketed > 0 ? 'Infinity' : '-Infinity'}`);
    return bucketed;
  },
});
