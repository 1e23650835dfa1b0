/** §12.5 date built-ins (all UTC) and the date pattern language they share with TO_DATE. */
import { fail } from '../errors';
import { DateValue, dateInRange, daysInMonth, isoString } from '../values';
import { builtin, param } from './catalog';

const UNIT_MS: Record<string, number> = { MILLISECOND: 1, SECOND: 1000, MINUTE: 60000, HOUR: 3600000, DAY: 86400000, WEEK: 604800000 };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function unitOf(fn: string, u: string): string {
  let x = u.toUpperCase();
  if (x.endsWith('S')) x = x.slice(0, -1);
  if (!(x in UNIT_MS) && x !== 'MONTH' && x !== 'YEAR') throw fail.functionError(fn, `unknown unit '${u}'`);
  return x;
}
function date(fn: string, ms: number): DateValue {
  if (!dateInRange(ms)) throw fail.functionError(fn, 'date out of range (years 0000 to 9999)');
  return new DateValue(ms);
}
function addUnits(fn: string, d: DateValue, n: number, unit: string): DateValue {
  const u = unitOf(fn, unit);
  if (u !== 'MONTH' && u !== 'YEAR') return date(fn, d.ms + n * UNIT_MS[u]);
  const t = new Date(d.ms);
  const months = t.getUTCFullYear() * 12 + t.getUTCMonth() + (u === 'YEAR' ? n * 12 : n);
  const y = Math.floor(months / 12), m = months - y * 12;
  if (y < 0 || y > 9999) throw fail.functionError(fn, 'date out of range (years 0000 to 9999)');
  const day = Math.min(t.getUTCDate(), daysInMonth(y, m + 1));
  const r = new Date(d.ms);
  r.setUTCFullYear(y, m, day);
  return date(fn, r.getTime());
}

type Tok = { kind: 'field'; letter: string; n: number } | { kind: 'text'; text: string };
/** Splits a §12.5 date pattern into fields and literal text. */
export function tokenizePattern(fn: string, p: string): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < p.length;) {
    const ch = p[i];
    if (ch === "'") {
      if (p[i + 1] === "'") { out.push({ kind: 'text', text: "'" }); i += 2; continue; }
      let j = i + 1, text = '';
      while (j < p.length) {
        if (p[j] === "'") { if (p[j + 1] === "'") { text += "'"; j += 2; continue; } break; }
        text += p[j++];
      }
      out.push({ kind: 'text', text });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z]/.test(ch)) {
      let j = i;
      while (p[j] === ch) j++;
      const n = j - i, tok = ch.repeat(n);
      if (!['yyyy', 'MM', 'M', 'dd', 'd', 'HH', 'H', 'mm', 'ss', 'SSS', 'MMM', 'EEE'].includes(tok)) {
        throw fail.functionError(fn, `unsupported pattern token '${tok}'`);
      }
      out.push({ kind: 'field', letter: ch, n });
      i = j;
      continue;
    }
    out.push({ kind: 'text', text: ch });
    i++;
  }
  return out;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
/** DATE_FORMAT with a pattern. */
export function formatDate(fn: string, ms: number, pattern: string): string {
  const t = new Date(ms);
  return tokenizePattern(fn, pattern).map((k) => {
    if (k.kind === 'text') return k.text;
    switch (k.letter + k.n) {
      case 'y4': return pad(t.getUTCFullYear(), 4);
      case 'M3': return MONTHS[t.getUTCMonth()];
      case 'M2': return pad(t.getUTCMonth() + 1, 2);
      case 'M1': return String(t.getUTCMonth() + 1);
      case 'd2': return pad(t.getUTCDate(), 2);
      case 'd1': return String(t.getUTCDate());
      case 'H2': return pad(t.getUTCHours(), 2);
      case 'H1': return String(t.getUTCHours());
      case 'm2': return pad(t.getUTCMinutes(), 2);
      case 's2': return pad(t.getUTCSeconds(), 2);
      case 'S3': return pad(t.getUTCMilliseconds(), 3);
      case 'E3': return DAYS[t.getUTCDay()];
    }
    return '';
  }).join('');
}

/** DATE_PARSE: the whole string must match; missing fields default to 1970-01-01T00:00:00.000. */
export function parseDate(fn: string, s: string, pattern: string): DateValue {
  let y = 1970, mo = 1, d = 1, h = 0, mi = 0, se = 0, ms = 0, i = 0;
  const bad = () => fail.functionError(fn, `'${s}' does not match pattern '${pattern}'`);
  const digits = (min: number, max: number) => {
    let j = i;
    while (j < s.length && j - i < max && s[j] >= '0' && s[j] <= '9') j++;
    if (j - i < min) throw bad();
    const v = +s.slice(i, j); i = j; return v;
  };
  for (const k of tokenizePattern(fn, pattern)) {
    if (k.kind === 'text') { if (!s.startsWith(k.text, i)) throw bad(); i += k.text.length; continue; }
    switch (k.letter + k.n) {
      case 'y4': y = digits(4, 4); break;
      case 'M3': { const idx = MONTHS.findIndex((m) => s.slice(i, i + 3).toLowerCase() === m.toLowerCase()); if (idx < 0) throw bad(); mo = idx + 1; i += 3; break; }
      case 'M2': mo = digits(2, 2); break;
      case 'M1': mo = digits(1, 2); break;
      case 'd2': d = digits(2, 2); break;
      case 'd1': d = digits(1, 2); break;
      case 'H2': h = digits(2, 2); break;
      case 'H1': h = digits(1, 2); break;
      case 'm2': mi = digits(2, 2); break;
      case 's2': se = digits(2, 2); break;
      case 'S3': ms = digits(3, 3); break;
      case 'E3': if (!DAYS.some((x) => s.slice(i, i + 3).toLowerCase() === x.toLowerCase())) throw bad(); i += 3; break;
    }
  }
  if (i !== s.length || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || se > 59) throw bad();
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, se, ms);
  return date(fn, t.getTime());
}

/** The date built-ins. */
export const DATE_BUILTINS = [
  builtin({ name: 'NOW', params: [], returns: 'DATE', doc: 'The current instant.', impl: () => new DateValue(Date.now()) }),
  builtin({ name: 'CURRENT_TIMESTAMP', params: [], returns: 'DATE', doc: 'The current instant.', impl: () => new DateValue(Date.now()) }),
  builtin({ name: 'CURRENT_DATE', params: [], returns: 'DATE', doc: 'Today at 00:00:00.000 UTC.', impl: () => new DateValue(Math.floor(Date.now() / 86400000) * 86400000) }),
  builtin({
    name: 'DATE_ADD', params: [param('d', 'DATE'), param('n', 'INT'), param('unit', 'STRING', { optional: true })], returns: 'DATE',
    doc: 'Adds `n` units (default DAY); MONTH and YEAR clamp the day to the end of the month.',
    examples: [["DATE_ADD(TO_DATE('2026-01-31'), 1, 'MONTH')", "TO_DATE('2026-02-28')"]],
    impl: (_c, d: DateValue, n: number, unit = 'DAY') => addUnits('DATE_ADD', d, n, unit),
  }),
  builtin({
    name: 'DATE_SUB', params: [param('d', 'DATE'), param('n', 'INT'), param('unit', 'STRING', { optional: true })], returns: 'DATE',
    doc: 'Subtracts `n` units (default DAY).', examples: [["DATE_SUB(TO_DATE('2026-03-31'), 1, 'MONTH')", "TO_DATE('2026-02-28')"]],
    impl: (_c, d: DateValue, n: number, unit = 'DAY') => addUnits('DATE_SUB', d, -n, unit),
  }),
  builtin({
    name: 'DATEDIFF', params: [param('d1', 'DATE'), param('d2', 'DATE'), param('unit', 'STRING', { optional: true })], returns: 'NUMBER',
    doc: '`d1 − d2` in whole units (default DAY), truncated toward zero.',
    examples: [["DATEDIFF(TO_DATE('2026-01-10T12:00:00Z'), TO_DATE('2026-01-01'))", '9']],
    impl: (_c, a: DateValue, b: DateValue, unit = 'DAY') => {
      const u = unitOf('DATEDIFF', unit);
      if (u === 'MONTH' || u === 'YEAR') throw fail.functionError('DATEDIFF', `unit ${u} is not supported`);
      const r = Math.trunc((a.ms - b.ms) / UNIT_MS[u]);
      return r === 0 ? 0 : r;
    },
  }),
  builtin({ name: 'EXTRACT_YEAR', params: [param('d', 'DATE')], returns: 'NUMBER', doc: 'The year.', examples: [["EXTRACT_YEAR(TO_DATE('2026-03-05'))", '2026']], impl: (_c, d: DateValue) => new Date(d.ms).getUTCFullYear() }),
  builtin({ name: 'EXTRACT_MONTH', params: [param('d', 'DATE')], returns: 'NUMBER', doc: 'The month, 1–12.', examples: [["EXTRACT_MONTH(TO_DATE('2026-03-05'))", '3']], impl: (_c, d: DateValue) => new Date(d.ms).getUTCMonth() + 1 }),
  builtin({ name: 'EXTRACT_DAY', params: [param('d', 'DATE')], returns: 'NUMBER', doc: 'The day of the month.', examples: [["EXTRACT_DAY(TO_DATE('2026-03-05'))", '5']], impl: (_c, d: DateValue) => new Date(d.ms).getUTCDate() }),
  builtin({
    name: 'DATE_FORMAT', params: [param('d', 'DATE'), param('pattern', 'STRING', { optional: true })], returns: 'STRING',
    doc: 'Formats with a pattern; without one, the §5 rendering.',
    examples: [["DATE_FORMAT(TO_DATE('2026-01-09T10:05:00Z'), 'dd/MM/yyyy HH:mm')", "'09/01/2026 10:05'"]],
    impl: (_c, d: DateValue, p?: string) => (p === undefined ? isoString(d.ms) : formatDate('DATE_FORMAT', d.ms, p)),
  }),
  builtin({
    name: 'DATE_PARSE', params: [param('s', 'STRING'), param('pattern', 'STRING')], returns: 'DATE',
    doc: 'Parses the whole string with a pattern.', examples: [["DATE_PARSE('09/01/2026', 'dd/MM/yyyy')", "TO_DATE('2026-01-09')"]],
    impl: (_c, s: string, p: string) => parseDate('DATE_PARSE', s, p),
  }),
];
