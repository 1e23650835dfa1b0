/**
 * Rendering (LANGUAGE.md §5): the text PRINT, `||`, interpolation, TO_STRING and ARRAY_JOIN produce.
 */
import { DateValue, isoString, type Value } from './values';

/** §5 rendering of a value, byte for byte. */
export function renderValue(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v); // String(-0) is already "0"
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof DateValue) return isoString(v.ms);
  return renderJson(v);
}

/** Compact JSON of §5 (nested strings quoted, dates as quoted ISO strings); also TO_JSON's non-pretty form. */
export function renderJson(v: Value): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string': return JSON.stringify(v);
    case 'number': return String(v);
    case 'boolean': return v ? 'true' : 'false';
  }
  if (v instanceof DateValue) return '"' + isoString(v.ms) + '"';
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) s += (i ? ',' : '') + renderJson(v[i]);
    return s + ']';
  }
  let s = '{';
  let first = true;
  for (const [k, x] of v) {
    s += (first ? '' : ',') + JSON.stringify(k) + ':' + renderJson(x);
    first = false;
  }
  return s + '}';
}

/** `TO_JSON(x, TRUE)`: ECMAScript `JSON.stringify(x, null, 2)` with document key order kept (§18.16). */
export function renderJsonPretty(v: Value, indent = ''): string {
  if (v === null || typeof v !== 'object' || v instanceof DateValue) return renderJson(v);
  const inner = indent + '  ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return '[\n' + v.map((x) => inner + renderJsonPretty(x, inner)).join(',\n') + '\n' + indent + ']';
  }
  if (v.size === 0) return '{}';
  const parts: string[] = [];
  for (const [k, x] of v) parts.push(inner + JSON.stringify(k) + ': ' + renderJsonPretty(x, inner));
  return '{\n' + parts.join(',\n') + '\n' + indent + '}';
}
