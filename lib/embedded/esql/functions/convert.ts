/**
 * Value conversions between ES|QL types, shared by the TO_* functions, `::` casts, parameters and
 * the reading of `_source` values. A failed conversion throws `ConversionFailure` (the caller turns it
 * into null plus a warning, as Elasticsearch does).
 */
import { isIP } from 'node:net';
import type { EsqlType, Scalar } from '../table';
import { printedDateMillis } from '../../query/printed-date';

/** A value that cannot be converted; `message` is the Java exception text ES reports. */
export class ConversionFailure extends Error {
  /** @param javaClass the exception Elasticsearch names in its warning (a date that does not parse is Java's own) */
  constructor(message: string, private readonly javaClass = 'org.elasticsearch.xpack.esql.core.InvalidArgumentException') { super(message); }
  /** The exception line of Elasticsearch's warning for this failure. */
  get exception(): string { return `${this.javaClass}: ${this.message}`; }
}

/** A text that is not a date in `strict_date_optional_time`, the format ES|QL converts and casts with. */
export const unparsedDate = (text: string) =>
  new ConversionFailure(`failed to parse date field [${text}] with format [strict_date_optional_time]`, 'java.lang.IllegalArgumentException');

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** Epoch millis from an ISO-8601 date (date-only, or date-time with optional zone), or NaN. */
export function parseDate(text: string): number {
  // Dates as Elasticsearch prints them (nearly every stored one, the form `formatDate` writes): read as
  // Date.parse reads them, which gives what the general rule below gives whenever it accepts the text (it
  // refuses month 13, which rolls over).
  const printed = printedDateMillis(text);
  if (printed !== undefined && !Number.isNaN(printed)) return printed;
  const m = /^(-?\d{4,})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return NaN;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', frac = '0', zone] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0').slice(0, 3)));
  if (Number(y) < 100 && Number(y) >= 0) {
    const date = new Date(ms);
    date.setUTCFullYear(Number(y));
    ms = date.getTime();
  }
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return ms;
}

/** ISO rendering of epoch millis as Elasticsearch prints dates (`2026-01-09T10:00:00.000Z`). */
export function formatDate(ms: number): string {
  if (Number.isInteger(ms) && ms >= FOUR_DIGIT_YEARS.from && ms <= FOUR_DIGIT_YEARS.to) return isoText(ms);
  const date = new Date(ms);
  // out of the JS date range: show the number rather than fail the whole response
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}

/** Epoch millis of years 0000 to 9999, which `toISOString` writes with four digits. */
const FOUR_DIGIT_YEARS = { from: -62_167_219_200_000, to: 253_402_300_799_999 };

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);
const pad4 = (n: number) => (n < 1000 ? `0${pad3(n)}` : `${n}`);

/**
 * What `toISOString` writes for a whole number of milliseconds in years 0000–9999, by arithmetic, in
 * a third of its time (a response with a date in each of its rows paid that for every one). The calendar
 * conversion is the usual days-to-civil one (proleptic Gregorian, eras of 400 years).
 */
function isoText(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  const hour = Math.floor(rest / 3_600_000); rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000); rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const milli = rest - second * 1000;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}.${pad3(milli)}Z`;
}

/** Renders a double the way Java's Double.toString does (`1.0`, `5.7601043E7`). */
export function javaDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(value);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa, exp] = value.toExponential().split('e');
  const m = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${m}E${Number(exp)}`;
}

/** The text form of a value of type `type`, as TO_STRING gives it. */
export function toText(value: Scalar, type: EsqlType): string {
  if (type === 'date') return formatDate(value as number);
  if (type === 'double' && typeof value === 'number') return javaDouble(value);
  return String(value);
}

/**
 * How a fraction becomes a whole number: ES|QL's conversions and casts round to the nearest, halves up
 * (Elasticsearch's `safeToLong` is Java's Math.round, which JavaScript's matches: -2.5 gives -2); a source
 * value read as an integer or long field is truncated, as indexing coerces it.
 */
export type Fraction = 'round' | 'truncate';

function toWhole(value: Scalar, from: EsqlType, min: number, max: number, what: string, fraction: Fraction): number {
  const whole = fraction === 'round' ? Math.round : Math.trunc;
  let n: number;
  if (typeof value === 'boolean') n = value ? 1 : 0;
  else if (typeof value === 'number') n = from === 'double' ? whole(value) : value;
  else {
    const text = value.trim();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) throw new ConversionFailure(`Cannot parse number [${value}]`);
    n = whole(Number(text));
  }
  if (!Number.isFinite(n) || n < min || n > max) throw new ConversionFailure(`[${typeof value === 'number' && from === 'double' ? javaDouble(value) : value}] out of [${what}] range`);
  return n;
}

/** Converts `value` of type `from` to type `to`. Throws ConversionFailure when it cannot. */
export function convert(value: Scalar, from: EsqlType, to: EsqlType, fraction: Fraction = 'round'): Scalar {
  if (from === to) return value;
  switch (to) {
    case 'keyword': case 'text': return toText(value, from);
    case 'integer': return toWhole(from === 'date' ? Number(value) : value, from, INT_MIN, INT_MAX, 'integer', fraction);
    case 'long': return toWhole(value, from, -(2 ** 63), 2 ** 63, 'long', fraction);
    case 'unsigned_long': return toWhole(value, from, 0, 2 ** 64, 'unsigned_long', fraction);
    case 'double': {
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (typeof value === 'number') return value;
      const text = value.trim();
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) && !/^[+-]?(Infinity|NaN)$/.test(text)) throw new ConversionFailure(`Cannot parse number [${value}]`);
      return Number(text);
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'number') return value !== 0;
      return value.toLowerCase() === 'true';
    case 'date': case 'date_nanos': {
      if (typeof value === 'number') return Math.trunc(value);
      if (typeof value === 'boolean') throw new ConversionFailure(`cannot convert [${value}] to date`);
      const ms = parseDate(value);
      if (Number.isNaN(ms)) throw unparsedDate(value);
      return ms;
    }
    case 'ip': {
      const text = String(value);
      // a whole IPv4 or IPv6 address: "127.0" is not one (Java's InetAddresses refuses it too)
      if (isIP(text) === 0) throw new ConversionFailure(`'${text}' is not an IP string literal.`, 'java.lang.IllegalArgumentException');
      return text;
    }
    case 'version': return String(value);
    default: throw new ConversionFailure(`cannot convert from [${from}] to [${to}]`);
  }
}

/** Types a cast `::name` may target, by the names ES|QL accepts, mapped to the resulting type. */
export const CAST_TYPES: Record<string, EsqlType> = {
  string: 'keyword', keyword: 'keyword', text: 'keyword', integer: 'integer', int: 'integer', long: 'long',
  double: 'double', boolean: 'boolean', bool: 'boolean', datetime: 'date', date: 'date', ip: 'ip', version: 'version',
  unsigned_long: 'unsigned_long', date_nanos: 'date_nanos',
};
