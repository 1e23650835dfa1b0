/**
 * Strict parsing of a date with a Java `DateTimeFormatter` pattern, for DATE_PARSE and for date fields
 * mapped with a custom `format`. The common numeric fields are supported (`yyyy`/`uuuu` year, `MM`/`M`
 * month, `dd`/`d` day, `HH`/`H` hour, `mm`/`m`, `ss`/`s`, `S…` fraction) and zone offsets (`Z`, `X`, `x`),
 * with quoted and punctuation literals; the whole text must match, a field given twice must agree, and
 * missing fields default to the start of their range (UTC). Other pattern letters (month names, zone
 * names, am/pm, …) are refused rather than guessed.
 */

/** A pattern this engine cannot parse with (it names the letters it lacks). */
export class UnsupportedDatePattern extends Error {}

type Field = 'year' | 'year2' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'fraction' | 'zone';

const FIELDS: Record<string, Field> = {
  y: 'year', u: 'year', M: 'month', d: 'day', H: 'hour', m: 'minute', s: 'second', S: 'fraction',
  // zone offsets: `Z` +0300, `X` Z or +03 or +0300 or +03:00, `x` the same without Z
  Z: 'zone', X: 'zone', x: 'zone',
};

/** A pattern's parts: runs of one letter (`yyyy`) and literal text. */
export type PatternToken = { letter: string; count: number } | { literal: string };

/**
 * A Java `DateTimeFormatter` pattern as letter runs and literals, for reading (here) and for DATE_FORMAT's
 * writing: `'text'` is literal, `''` is a quote (inside quoted text too), other non-letters stand for themselves.
 */
export function patternTokens(pattern: string): PatternToken[] {
  const out: PatternToken[] = [];
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") { out.push({ literal: "'" }); i += 2; continue; }
      let literal = '';
      let j = i + 1;
      for (; j < pattern.length; j++) {
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") { literal += "'"; j++; continue; }
          break;
        }
        literal += pattern[j];
      }
      out.push({ literal });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let n = 1;
      while (pattern[i + n] === c) n++;
      out.push({ letter: c, count: n });
      i += n;
      continue;
    }
    out.push({ literal: c });
    i++;
  }
  return out;
}

/** The pattern as a regular expression with one group per field, in order. */
function compile(pattern: string): { regex: RegExp; fields: Field[] } {
  let source = '';
  const fields: Field[] = [];
  for (const token of patternTokens(pattern)) {
    if ('literal' in token) { source += escape(token.literal); continue; }
    const { letter: c, count: n } = token;
    const field = FIELDS[c];
    // MMM and longer are month names
    if (!field || (field === 'month' && n > 2)) throw new UnsupportedDatePattern(`date pattern [${c.repeat(n)}] is not supported by the embedded engine`);
    const two = field === 'year' && n === 2;
    fields.push(two ? 'year2' : field);
    // a year takes at least its width in digits (`yy`: two, in 2000-2099); a one-letter field one or two; others their width
    source += field === 'zone' ? '(Z|[+-]\\d{2}(?::?\\d{2})?)'
      : two ? '(\\d{2})' : field === 'year' ? `(\\d{${n},9})` : n === 1 && field !== 'fraction' ? '(\\d{1,2})' : `(\\d{${n}})`;
  }
  return { regex: new RegExp(`^${source}$`), fields };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** Epoch milliseconds of `text` read with `pattern`, or null when the text does not match or names no valid date. */
export function parseWithPattern(text: string, pattern: string): number | null {
  const { regex, fields } = compile(pattern);
  const m = regex.exec(text);
  if (!m) return null;
  const v: Record<Exclude<Field, 'year2'>, number> = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, fraction: 0, zone: 0 };
  const seen = new Set<Field>();
  let consistent = true;
  fields.forEach((f, i) => {
    const text = m[i + 1];
    const key = f === 'year2' ? 'year' : f;
    const value = f === 'year2' ? 2000 + Number(text) : f === 'fraction' ? Number(`0.${text}`) * 1000 : f === 'zone' ? offsetMinutes(text) : Number(text);
    // a field given twice (`dd-MM-yyyy-MM-dd`) must say the same both times
    if (seen.has(key) && v[key] !== value) consistent = false;
    seen.add(key);
    v[key] = value;
  });
  if (!consistent) return null;
  if (v.month < 1 || v.month > 12 || v.hour > 23 || v.minute > 59 || v.second > 59) return null;
  // setUTCFullYear, unlike Date.UTC, keeps years below 100 as they are
  const d = new Date(0);
  d.setUTCFullYear(v.year, v.month - 1, v.day);
  d.setUTCHours(v.hour, v.minute, v.second, Math.floor(v.fraction));
  // an invalid day rolls over into the next month here; Java's strict parsing refuses it
  if (v.day < 1 || d.getUTCDate() !== v.day) return null;
  return d.getTime() - v.zone * 60_000;
}

/** Minutes east of UTC of a zone offset (`Z`, `+03`, `-0300`, `+03:00`). */
function offsetMinutes(text: string): number {
  if (text === 'Z') return 0;
  const digits = text.slice(1).replace(':', '');
  return (text[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}
