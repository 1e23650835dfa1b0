import { illegalArgument } from '../errors';
import { resolveDateMath } from '../mapping/dates';

/** Elasticsearch's format for a date-math name part without `{format}`. */
const DEFAULT_FORMAT = 'uuuu.MM.dd';

/**
 * Resolves a date-math index or alias name (`<logs-{now/d}>`, `<logs_{2022-12-31||/d{yyyy-MM-dd}}>`,
 * `<x-{now/M{uuuu.MM|+01:00}}>`) to a plain name; any other name is returned unchanged. Each `{…}` holds
 * date math, optionally followed by `{format}` or `{format|time zone}`; `\{` and `\}` are literal braces.
 * Throws 400 for a malformed expression.
 */
export function resolveDateMathName(name: string, nowMs = Date.now()): string {
  if (!name.startsWith('<') || !name.endsWith('>')) return name;
  const text = name.slice(1, -1);
  const fail = (why: string) => illegalArgument(`invalid date math expression [${name}]: ${why}`);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && (text[i + 1] === '{' || text[i + 1] === '}')) { out += text[++i]; continue; }
    if (c === '}') throw fail('unexpected }');
    if (c !== '{') { out += c; continue; }
    const end = closingBrace(text, i);
    if (end < 0) throw fail('missing }');
    out += evaluatePart(text.slice(i + 1, end), nowMs, fail);
    i = end;
  }
  return out;
}

/** The index of the `}` that closes the `{` at `open`, allowing one nested `{format}` group; -1 when none. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function evaluatePart(part: string, nowMs: number, fail: (why: string) => Error): string {
  const formatAt = part.indexOf('{');
  const math = formatAt < 0 ? part : part.slice(0, formatAt);
  const spec = formatAt < 0 ? '' : part.slice(formatAt + 1, part.lastIndexOf('}'));
  const [format, zone] = spec.split('|');
  const ms = resolveDateMath(math, nowMs);
  if (ms === undefined) throw fail(`cannot resolve [${math}]`);
  const offsetMs = zone ? zoneOffsetMs(zone, fail) : 0;
  return formatJavaDate(new Date(ms + offsetMs), format || DEFAULT_FORMAT);
}

/** A fixed `+hh:mm`/`-hh:mm`/`Z`/`UTC` offset; named zones with daylight saving are not supported. */
function zoneOffsetMs(zone: string, fail: (why: string) => Error): number {
  if (zone === 'Z' || zone === 'UTC' || zone === 'GMT') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) throw fail(`unsupported time zone [${zone}]`);
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Formats the UTC fields of `d` with the common letters of a Java date pattern (y/u, M, d, H, m, s, S). */
function formatJavaDate(d: Date, pattern: string): string {
  const fields: Record<string, (width: number) => string> = {
    y: (w) => (w === 2 ? pad(d.getUTCFullYear() % 100, 2) : pad(d.getUTCFullYear(), w)),
    M: (w) => pad(d.getUTCMonth() + 1, w),
    d: (w) => pad(d.getUTCDate(), w),
    H: (w) => pad(d.getUTCHours(), w),
    m: (w) => pad(d.getUTCMinutes(), w),
    s: (w) => pad(d.getUTCSeconds(), w),
    S: (w) => pad(d.getUTCMilliseconds(), 3).slice(0, w).padEnd(w, '0'),
  };
  fields.u = fields.y;
  return pattern.replace(/'([^']*)'|([yuMdHmsS])\2*/g, (run, quoted: string | undefined, letter: string | undefined) =>
    quoted !== undefined ? quoted : fields[letter!](run.length));
}
