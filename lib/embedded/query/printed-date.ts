/**
 * Dates in the form Elasticsearch prints them (`2026-01-09T10:20:30.123Z`, `toISOString`'s), which nearly
 * every stored date is in: read by arithmetic on the characters, in under half the time of a pattern
 * test and `Date.parse` (a page of hits sorted by a date, or an ES|QL table with a date column, reads one
 * per row).
 */

const digit = (text: string, at: number) => text.charCodeAt(at) - 48;

/** Positions of the digits and of each separator of the printed form. */
const DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22];
const SEPARATORS: [number, number][] = [[4, 45], [7, 45], [10, 84], [13, 58], [16, 58], [19, 46], [23, 90]]; // - - T : : . Z

/**
 * Epoch milliseconds of a date in the printed form, exactly what `Date.parse` gives for it: NaN for a
 * month or a day out of range (1–12, 1–31; a day past the month's end rolls over into the next), or a
 * time past `24:00:00.000`. Undefined when the text is not in that form.
 */
export function printedDateMillis(text: string): number | undefined {
  if (text.length !== 24) return undefined;
  for (const [at, code] of SEPARATORS) if (text.charCodeAt(at) !== code) return undefined;
  for (const at of DIGITS) { const d = digit(text, at); if (d < 0 || d > 9) return undefined; }
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
  const month = digit(text, 5) * 10 + digit(text, 6);
  const day = digit(text, 8) * 10 + digit(text, 9);
  const hour = digit(text, 11) * 10 + digit(text, 12);
  const minute = digit(text, 14) * 10 + digit(text, 15);
  const second = digit(text, 17) * 10 + digit(text, 18);
  const milli = digit(text, 20) * 100 + digit(text, 21) * 10 + digit(text, 22);
  if (month < 1 || month > 12 || day < 1 || day > 31) return NaN;
  const endOfDay = hour === 24 && minute === 0 && second === 0 && milli === 0;
  if (!endOfDay && (hour > 23 || minute > 59 || second > 59)) return NaN;
  // days since the epoch of a proleptic Gregorian date (the usual civil-to-days conversion, eras of 400 years)
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  const days = era * 146_097 + dayOfEra - 719_468;
  return days * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + milli;
}
