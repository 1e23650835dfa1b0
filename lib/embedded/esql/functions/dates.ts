/**
 * ES|QL date functions (NOW, DATE_EXTRACT, DATE_TRUNC, DATE_DIFF, DATE_FORMAT, DATE_PARSE) and the
 * interval arithmetic used by `date + 1 day`. Intervals travel as `"<amount> <unit>"` strings.
 */
import { isStringType, type EsqlType } from '../table';
import { ConversionFailure, convert, formatDate } from './convert';
import { formatWithPattern, hasTextualFields, UnsupportedDateFormat } from './date-format';
import { parseWithPattern, UnsupportedDatePattern } from '../../mapping/date-pattern';
import { check, EvalFailure, fn, type ScalarFunction } from './define';

const UNITS: Record<string, string> = {
  year: 'year', years: 'year', y: 'year', yr: 'year', yrs: 'year', quarter: 'quarter', quarters: 'quarter', q: 'quarter',
  month: 'month', months: 'month', mo: 'month', week: 'week', weeks: 'week', w: 'week', day: 'day', days: 'day', d: 'day',
  hour: 'hour', hours: 'hour', h: 'hour', minute: 'minute', minutes: 'minute', min: 'minute', second: 'second',
  seconds: 'second', sec: 'second', s: 'second', millisecond: 'millisecond', milliseconds: 'millisecond', ms: 'millisecond',
};
const FIXED_MS: Record<string, number> = { hour: 3_600_000, minute: 60_000, second: 1000, millisecond: 1 };

/** The normalized unit of an interval unit word, or undefined. */
export const intervalUnit = (word: string): string | undefined => UNITS[word.toLowerCase()];
/** The ES|QL type of an interval in `unit`. */
export const intervalType = (unit: string): EsqlType => (unit in FIXED_MS ? 'time_duration' : 'date_period');

/** The millisecond range of JavaScript dates; Elasticsearch's reaches further (years up to ±999,999,999). */
const JS_DATE_LIMIT = 8.64e15;
/** Java's range of years, and of epoch milliseconds (a long). */
const MAX_YEAR = 999_999_999;
const LONG_LIMIT = 2 ** 63;
const MEAN_MONTH_MS = 2_629_746_000;

/**
 * Adds `sign` × the interval `"<amount> <unit>"` to epoch millis `ms`, calendar-aware for periods. Fails as
 * Java's time arithmetic does: a year beyond ±999,999,999, or milliseconds beyond a long ("long overflow");
 * a date Java could still hold but JavaScript cannot is refused as out of range.
 */
export function addInterval(ms: number, interval: string, sign: number): number {
  let out = ms;
  for (const part of interval.split(',')) out = addOne(out, part, sign);
  if (!Number.isFinite(out) || Math.abs(out) >= LONG_LIMIT) throw new EvalFailure('java.lang.ArithmeticException: long overflow');
  if (Math.abs(out) > JS_DATE_LIMIT) throw new EvalFailure('java.time.DateTimeException: date out of range');
  return out;
}

/** Refuses a move of `months` from `ms` that leaves Java's range of years, with Java's message. */
function checkYear(ms: number, months: number): void {
  const d = new Date(ms);
  const from = Math.abs(ms) <= JS_DATE_LIMIT ? d.getUTCFullYear() * 12 + d.getUTCMonth() : 1970 * 12 + Math.floor(ms / MEAN_MONTH_MS);
  const year = Math.floor((from + months) / 12);
  if (Math.abs(year) > MAX_YEAR) throw new EvalFailure(`java.time.DateTimeException: Invalid value for Year (valid values -${MAX_YEAR} - ${MAX_YEAR}): ${year}`);
}

/** Negates each part of an interval. */
export const negateInterval = (interval: string): string =>
  interval.split(',').map((p) => { const [n, u] = p.split(' '); return `${-Number(n)} ${u}`; }).join(',');

function addOne(ms: number, interval: string, sign: number): number {
  const [amountText, unit] = interval.split(' ');
  const amount = Number(amountText) * sign;
  if (unit in FIXED_MS) return ms + amount * FIXED_MS[unit];
  if (unit === 'year' || unit === 'quarter' || unit === 'month') checkYear(ms, unit === 'year' ? 12 * amount : unit === 'quarter' ? 3 * amount : amount);
  // beyond JavaScript's dates only whole days can still be added (and then checked against the long range)
  if (Math.abs(ms) > JS_DATE_LIMIT) return unit === 'day' || unit === 'week' ? ms + amount * (unit === 'week' ? 7 : 1) * 86_400_000 : NaN;
  const d = new Date(ms);
  if (unit === 'day') d.setUTCDate(d.getUTCDate() + amount);
  else if (unit === 'week') d.setUTCDate(d.getUTCDate() + 7 * amount);
  else {
    const months = unit === 'year' ? 12 * amount : unit === 'quarter' ? 3 * amount : amount;
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + months);
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
  }
  return d.getTime();
}

/** Epoch millis `ms` rounded down to the interval `"<amount> <unit>"` (DATE_TRUNC, BUCKET with a span). */
export function truncate(ms: number, interval: string): number {
  const [amountText, unit] = interval.split(',')[0].split(' ');
  const amount = Number(amountText);
  if (unit in FIXED_MS) { const step = amount * FIXED_MS[unit]; return Math.floor(ms / step) * step; }
  const d = new Date(ms);
  if (unit === 'day') { const step = amount * 86_400_000; return Math.floor(ms / step) * step; }
  if (unit === 'week') {
    // weeks start on Monday; 1970-01-05 was a Monday
    const step = amount * 7 * 86_400_000, monday = 4 * 86_400_000;
    return Math.floor((ms - monday) / step) * step + monday;
  }
  const months = unit === 'year' ? 12 * amount : unit === 'quarter' ? 3 * amount : amount;
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth();
  const t = Math.floor(total / months) * months;
  return Date.UTC(Math.floor(t / 12), t % 12, 1);
}

const EXTRACT: Record<string, (d: Date) => number> = {
  year: (d) => d.getUTCFullYear(), month_of_year: (d) => d.getUTCMonth() + 1, day_of_month: (d) => d.getUTCDate(),
  hour_of_day: (d) => d.getUTCHours(), minute_of_hour: (d) => d.getUTCMinutes(), second_of_minute: (d) => d.getUTCSeconds(),
  milli_of_second: (d) => d.getUTCMilliseconds(), day_of_week: (d) => ((d.getUTCDay() + 6) % 7) + 1,
  day_of_year: (d) => Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1,
  epoch_day: (d) => Math.floor(d.getTime() / 86_400_000), minute_of_day: (d) => d.getUTCHours() * 60 + d.getUTCMinutes(),
  second_of_day: (d) => d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds(),
  aligned_week_of_year: (d) => Math.floor((EXTRACT.day_of_year(d) - 1) / 7) + 1,
};

// DATE_DIFF's SQL-style unit abbreviations
const DIFF_UNITS: Record<string, string> = {
  yyyy: 'year', yy: 'year', qq: 'quarter', mm: 'month', dd: 'day', d: 'day', wk: 'week', ww: 'week', hh: 'hour',
  mi: 'minute', n: 'minute', ss: 'second', ms: 'millisecond', dy: 'day', y: 'day', dayofyear: 'day', weekday: 'day', weekdays: 'day', dw: 'day', q: 'quarter', m: 'month', w: 'week', s: 'second',
};

const date = (t: EsqlType) => t === 'date' || t === 'date_nanos';

// DAY_NAME and MONTH_NAME give the names of Elasticsearch's default locale (en_US) in UTC
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Days since 1970-01-01 (a Thursday) of epoch millis, by arithmetic so that any long works. */
const epochDay = (ms: number) => Math.floor(ms / 86_400_000);
/** 0 for Monday … 6 for Sunday. */
const weekday = (ms: number) => (((epochDay(ms) + 3) % 7) + 7) % 7;
/** 0 for January … 11 for December, in the proleptic Gregorian calendar (days-to-civil, eras of 400 years). */
function monthIndex(ms: number): number {
  const z = epochDay(ms) + 719_468;
  const dayOfEra = z - Math.floor(z / 146_097) * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  return shifted < 10 ? shifted + 2 : shifted - 10;
}

const interval = (t: EsqlType) => t === 'date_period' || t === 'time_duration';

/** Date functions. */
export const DATE_FUNCTIONS: ScalarFunction[] = [
  fn({ name: 'NOW', doc: 'The current date and time.', minArgs: 0, maxArgs: 0, returns: () => 'date', impl: (_a, _t, ctx) => ctx.now }),
  fn({ name: 'DATE_EXTRACT', doc: 'Extracts a part (a ChronoField name) of a date.', minArgs: 2, maxArgs: 2,
    returns: (t) => check(t, [[isStringType, 'string'], [date, 'datetime']], 'long'),
    impl: ([part, d]) => {
      const f = EXTRACT[(part as string).toLowerCase()];
      if (!f) throw new EvalFailure(`java.lang.IllegalArgumentException: No enum constant java.time.temporal.ChronoField.${(part as string).toUpperCase()}`);
      return f(new Date(d as number));
    } }),
  fn({ name: 'DATE_TRUNC', doc: 'Rounds a date down to an interval.', minArgs: 2, maxArgs: 2,
    returns: (t) => check(t, [[interval, 'dateperiod or timeduration'], [date, 'datetime']], 'date'),
    impl: ([i, d]) => truncate(d as number, i as string) }),
  fn({ name: 'DATE_DIFF', doc: 'Whole units between two dates.', minArgs: 3, maxArgs: 3,
    returns: (t) => check(t, [[isStringType, 'string'], [date, 'datetime'], [date, 'datetime']], 'integer'),
    impl: ([unit, a, b]) => {
      const word = (unit as string).toLowerCase();
      if (['nanosecond', 'nanoseconds', 'ns'].includes(word)) return toInteger(((b as number) - (a as number)) * 1_000_000);
      if (['microsecond', 'microseconds', 'mcs'].includes(word)) return toInteger(((b as number) - (a as number)) * 1000);
      const u = intervalUnit(DIFF_UNITS[word] ?? word);
      if (!u) throw new EvalFailure(`java.lang.IllegalArgumentException: A value of [YEAR, QUARTER, MONTH, DAYOFYEAR, DAY, WEEK, WEEKDAY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, NANOSECOND] or their aliases is required; received [${unit}]`);
      if (u in FIXED_MS || u === 'day' || u === 'week') {
        const step = u in FIXED_MS ? FIXED_MS[u] : u === 'day' ? 86_400_000 : 7 * 86_400_000;
        return toInteger(Math.trunc(((b as number) - (a as number)) / step));
      }
      const months = u === 'year' ? 12 : u === 'quarter' ? 3 : 1;
      let n = 0;
      const sign = (b as number) >= (a as number) ? 1 : -1;
      while (sign * (addInterval(a as number, `${(n + sign) * months} month`, 1) - (b as number)) <= 0) n += sign;
      return n;
    } }),
  fn({ name: 'DATE_FORMAT', doc: 'Formats a date (ISO by default).', minArgs: 1, maxArgs: 2,
    returns: (t) => check(t, t.length === 1 ? [[date, 'datetime']] : [[isStringType, 'string'], [date, 'datetime']], 'keyword'),
    impl: (args, _types, ctx) => {
      if (args.length === 1) return formatDate(args[0] as number);
      const pattern = args[0] as string;
      if (hasTextualFields(pattern)) ctx.warnings.add(`Date format [${pattern}] contains textual field specifiers that could change in JDK 23`);
      try { return formatWithPattern(args[1] as number, pattern); } catch (e) {
        if (e instanceof UnsupportedDateFormat) throw new EvalFailure(`java.lang.IllegalArgumentException: ${e.message}`);
        throw e;
      }
    } }),
  fn({ name: 'DAY_NAME', doc: 'The name of the weekday of a date.', minArgs: 1, maxArgs: 1,
    returns: (t) => check(t, [[date, 'datetime or date_nanos']], 'keyword'), impl: ([d]) => DAY_NAMES[weekday(d as number)] }),
  fn({ name: 'MONTH_NAME', doc: 'The name of the month of a date.', minArgs: 1, maxArgs: 1,
    returns: (t) => check(t, [[date, 'datetime or date_nanos']], 'keyword'), impl: ([d]) => MONTH_NAMES[monthIndex(d as number)] }),
  fn({ name: 'DATE_PARSE', doc: 'Parses a date: ISO 8601 by default, else with a Java date pattern (numeric fields).', minArgs: 1, maxArgs: 2,
    returns: (t) => check(t, [[isStringType, 'string']], 'date'),
    impl: (args) => {
      const text = args[args.length - 1] as string;
      const pattern = args.length === 2 ? (args[0] as string) : 'strict_date_optional_time';
      const failed = () => new EvalFailure(`java.lang.IllegalArgumentException: failed to parse date field [${text}] with format [${pattern}]`);
      if (args.length === 1) {
        try { return convert(text, 'keyword', 'date'); } catch (e) { if (e instanceof ConversionFailure) throw failed(); throw e; }
      }
      let ms: number | null;
      try { ms = parseWithPattern(text, pattern); } catch (e) {
        if (e instanceof UnsupportedDatePattern) throw new EvalFailure(`java.lang.IllegalArgumentException: ${e.message}`);
        throw e;
      }
      if (ms === null) throw failed();
      return ms;
    } }),
];

/** DATE_DIFF's result is an integer; a difference beyond the integer range is null with Elasticsearch's warning. */
function toInteger(n: number): number {
  if (n < -2147483648 || n > 2147483647) throw new EvalFailure(`org.elasticsearch.xpack.esql.core.InvalidArgumentException: [${n}] out of [integer] range`);
  return n;
}

