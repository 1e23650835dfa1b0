/**
 * Runtime values (LANGUAGE.md §4.1). Documents are `Map`s so that key order is insertion order even
 * for integer-like keys (§4.6); JavaScript objects would reorder those.
 */

/** A DATE: an instant in UTC with millisecond precision (§4.8). Immutable. */
class DateValueClass {
  constructor(readonly ms: number) {}
}

/**
 * One class per process, even when a bundler loads this module twice (Next.js bundles
 * `instrumentation.ts` and the server actions separately, and values cross between the two copies
 * through the process-wide service context): `instanceof DateValue` must hold for every copy.
 */
export const DateValue: typeof DateValueClass = ((globalThis as Record<symbol, unknown>)[
  Symbol.for('elastic-script-studio.DateValue')
] ??= DateValueClass) as typeof DateValueClass;
export type DateValue = DateValueClass;

export type DocumentValue = Map<string, Value>;
export type ArrayValue = Value[];
export type Value = null | boolean | number | string | DateValue | ArrayValue | DocumentValue;

/** Plain JSON, as stored in Elasticsearch and printed by `escript run --json`. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The §4.1 runtime type name of `v` (`TYPEOF`). */
export function typeName(v: Value): string {
  if (v === null) return 'NULL';
  switch (typeof v) {
    case 'boolean': return 'BOOLEAN';
    case 'number': return 'NUMBER';
    case 'string': return 'STRING';
  }
  if (v instanceof DateValue) return 'DATE';
  if (Array.isArray(v)) return 'ARRAY';
  return 'DOCUMENT';
}

/** True for a DOCUMENT (a `Map`). */
export function isDocument(v: Value): v is DocumentValue {
  return v instanceof Map;
}

/**
 * A copy of `v` that shares no mutable part with it (§4.5). Scalars and dates are immutable and
 * returned as they are, so copying is free for them.
 */
export function copyValue(v: Value): Value {
  if (v === null || typeof v !== 'object' || v instanceof DateValue) return v;
  if (Array.isArray(v)) {
    const out: Value[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copyValue(v[i]);
    return out;
  }
  const out: DocumentValue = new Map();
  for (const [k, x] of v) out.set(k, copyValue(x));
  return out;
}

/** `a == b` of §6.3: deep, key order ignored, different types are never equal. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  const ta = typeof a;
  if (ta !== 'object' || typeof b !== 'object') return false; // equal primitives were caught by ===
  if (a instanceof DateValue) return b instanceof DateValue && a.ms === b.ms;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i], b[i])) return false;
    return true;
  }
  if (!(b instanceof Map) || !(a instanceof Map) || a.size !== b.size) return false;
  for (const [k, x] of a) {
    if (!b.has(k) || !valuesEqual(x, b.get(k) as Value)) return false;
  }
  return true;
}

/** Plain JSON for a value: DATE → §5 ISO string, DOCUMENT → object (key order kept where JS allows). */
export function valueToJson(v: Value): Json {
  if (v === null || typeof v !== 'object') return typeof v === 'number' && Object.is(v, -0) ? 0 : v;
  if (v instanceof DateValue) return isoString(v.ms);
  if (Array.isArray(v)) return v.map(valueToJson);
  const out: { [key: string]: Json } = {};
  for (const [k, x] of v) out[k] = valueToJson(x);
  return out;
}

/** A value from plain JSON: objects become DOCUMENTs, strings stay STRINGs (no date sniffing). */
export function jsonToValue(j: Json): Value {
  if (j === null || typeof j !== 'object') return typeof j === 'number' && Object.is(j, -0) ? 0 : j;
  if (Array.isArray(j)) return j.map(jsonToValue);
  const out: DocumentValue = new Map();
  for (const k of Object.keys(j)) out.set(k, jsonToValue(j[k]));
  return out;
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ` for epoch milliseconds (§5 DATE). */
export function isoString(ms: number): string {
  return new Date(ms).toISOString();
}

/** Latest instant a DATE may hold (year 9999, §4.8). */
export const MAX_DATE_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** True when `ms` is a representable DATE (§4.8). */
export function dateInRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= YEAR0_MS && ms <= MAX_DATE_MS;
}
// Date.UTC maps years 0–99 to 1900–1999, so year 0 needs setUTCFullYear.
const YEAR0_MS = (() => { const d = new Date(0); d.setUTCFullYear(0, 0, 1); d.setUTCHours(0, 0, 0, 0); return d.getTime(); })();

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Parses the §4.4 ISO forms (no offset = UTC); null when `s` is not one of them or out of range. */
export function parseIsoDate(s: string): number | null {
  const m = ISO_RE.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, se, frac, off] = m;
  const year = +y, month = +mo, day = +d, hour = h ? +h : 0, min = mi ? +mi : 0, sec = se ? +se : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || min > 59 || sec > 59) return null;
  const ms = frac ? Math.floor(+(frac + '000').slice(0, 3)) : 0;
  const dt = new Date(0);
  dt.setUTCFullYear(year, month - 1, day);
  dt.setUTCHours(hour, min, sec, ms);
  let t = dt.getTime();
  if (off && off !== 'Z') {
    const sign = off[0] === '-' ? -1 : 1;
    const oh = +off.slice(1, 3), om = +off.slice(4, 6);
    if (oh > 23 || om > 59) return null;
    t -= sign * (oh * 60 + om) * 60000;
  }
  return dateInRange(t) ? t : null;
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}
