/** ISO-8601 date or date-time as Elasticsearch's `strict_date_optional_time` accepts it. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}(?::\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Whether a string would be detected as a date by dynamic mapping (§18.13). */
export const isDateString = (s: string) => ISO_DATE.test(s) && !Number.isNaN(parseIsoDate(s));

function parseIsoDate(s: string): number {
  // Date-only and zone-less date-times are UTC in Elasticsearch, while JS reads the latter as local time.
  let text = s.replace(' ', 'T').replace(',', '.');
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) text += 'T00:00:00Z';
  else if (!/(Z|[+-]\d{2}(:?\d{2})?)$/.test(text.slice(10))) text += 'Z';
  if (/T\d{2}(Z|[+-]|$)/.test(text)) text = text.replace(/T(\d{2})/, 'T$1:00');
  return Date.parse(text);
}

/** Epoch milliseconds for a date value (ISO string, epoch-millis number or numeric string); undefined if unparsable. */
export function toEpochMillis(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  if (/^-?\d+$/.test(value)) return Number(value);
  if (!ISO_DATE.test(value)) return undefined;
  const ms = parseIsoDate(value);
  return Number.isNaN(ms) ? undefined : ms;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, H: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Resolves Elasticsearch date math (`now`, `now-1d/d`, `2024-01-01||+1M`) to epoch ms in UTC; plain dates
 * go through `toEpochMillis`. `roundUp` picks the end of a rounded unit (for `lte`/`gt`).
 */
export function resolveDateMath(value: unknown, nowMs: number, roundUp = false): number | undefined {
  if (typeof value !== 'string') return toEpochMillis(value);
  let anchor: number | undefined;
  let math: string;
  if (value.startsWith('now')) { anchor = nowMs; math = value.slice(3); }
  else if (value.includes('||')) { const [a, m] = value.split('||'); anchor = toEpochMillis(a); math = m; }
  else return toEpochMillis(value);
  if (anchor === undefined) return undefined;
  let d = new Date(anchor);
  const re = /([+-])(\d+)([yMwdhHms])|\/([yMwdhHms])/g;
  let consumed = 0;
  for (let m = re.exec(math); m; m = re.exec(math)) {
    if (m.index !== consumed) return undefined;
    consumed = re.lastIndex;
    if (m[1]) {
      const n = Number(m[2]) * (m[1] === '-' ? -1 : 1);
      d = addUnit(d, m[3], n);
    } else {
      const start = roundDown(d, m[4]);
      d = roundUp ? new Date(addUnit(start, m[4], 1).getTime() - 1) : start;
    }
  }
  return consumed === math.length ? d.getTime() : undefined;
}

function addUnit(d: Date, unit: string, n: number): Date {
  const r = new Date(d.getTime());
  if (unit === 'y') r.setUTCFullYear(r.getUTCFullYear() + n);
  else if (unit === 'M') r.setUTCMonth(r.getUTCMonth() + n);
  else r.setTime(r.getTime() + n * UNIT_MS[unit]);
  return r;
}

function roundDown(d: Date, unit: string): Date {
  const r = new Date(d.getTime());
  switch (unit) {
    case 'y': r.setUTCMonth(0, 1); r.setUTCHours(0, 0, 0, 0); break;
    case 'M': r.setUTCDate(1); r.setUTCHours(0, 0, 0, 0); break;
    case 'w': { const day = (r.getUTCDay() + 6) % 7; r.setUTCDate(r.getUTCDate() - day); r.setUTCHours(0, 0, 0, 0); break; }
    case 'd': r.setUTCHours(0, 0, 0, 0); break;
    case 'h': case 'H': r.setUTCMinutes(0, 0, 0); break;
    case 'm': r.setUTCSeconds(0, 0); break;
    case 's': r.setUTCMilliseconds(0); break;
  }
  return r;
}
