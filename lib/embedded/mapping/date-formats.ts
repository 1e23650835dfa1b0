/**
 * A date field's `format` (`"yyyy/MM/dd||epoch_millis"`): the alternatives are tried in order and the
 * first that reads the value gives its epoch milliseconds, as Elasticsearch parses a date field's values
 * (and the values a query compares them with). Named formats: the ISO ones (`strict_date_optional_time`,
 * `date_optional_time`, `strict_date_time`, `date_time`, `strict_date`, `date`, and the `_nanos` forms),
 * `epoch_millis` and `epoch_second`; anything else is a Java pattern (mapping/date-pattern.ts). Without a
 * format, the default `strict_date_optional_time||epoch_millis`.
 */
import { parseWithPattern, UnsupportedDatePattern } from './date-pattern';
import { toEpochMillis } from './dates';

const ISO_NAMES = new Set([
  'strict_date_optional_time', 'date_optional_time', 'strict_date_optional_time_nanos', 'date_optional_time_nanos',
  'strict_date_time', 'date_time', 'strict_date', 'date', 'iso8601',
]);

/** Whether a mapping's `format` is Elasticsearch's default for dates (or absent). */
export const isDefaultDateFormat = (format: unknown): boolean =>
  format === undefined || format === null || format === 'strict_date_optional_time||epoch_millis';

function readOne(value: unknown, name: string): number | undefined {
  if (name === 'epoch_millis' || name === 'epoch_second') {
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
    return Number.isFinite(n) ? Math.trunc(name === 'epoch_second' ? n * 1000 : n) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  if (ISO_NAMES.has(name)) return /^-?\d+$/.test(value) ? undefined : toEpochMillis(value);
  try {
    return parseWithPattern(value, name) ?? undefined;
  } catch (e) {
    // a pattern this engine cannot read reads nothing (the mapping was accepted; its values are malformed)
    if (e instanceof UnsupportedDatePattern) return undefined;
    throw e;
  }
}

/** Epoch milliseconds of a date field's value under its mapping `format`, or undefined when no alternative reads it. */
export function parseDateValue(value: unknown, format: unknown): number | undefined {
  if (isDefaultDateFormat(format)) return toEpochMillis(value);
  for (const alternative of String(format).split('||')) {
    const ms = readOne(value, alternative.trim());
    if (ms !== undefined) return ms;
  }
  return undefined;
}
