import { EsError } from '../errors';
import type { MappingProperties, Mappings } from '../storage/types';
import { isDefaultDateFormat, parseDateValue } from './date-formats';
import { isDateString, toEpochMillis } from './dates';

type FieldDef = MappingProperties[string];

/** The mapping dynamic mapping gives a string field: `text` with a `keyword` sub-field (§18.13). */
const dynamicString = (): FieldDef => ({ type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } });

const INTEGER_TYPES = new Set(['long', 'integer', 'short', 'byte', 'unsigned_long']);
const FLOAT_TYPES = new Set(['float', 'double', 'half_float', 'scaled_float']);
const OBJECT_TYPES = new Set(['object', 'nested']);

/**
 * Maps the new fields of a document the way Elasticsearch's dynamic mapping does (§18.13): strings →
 * `text` + `fields.keyword`, ISO-8601 strings → `date`, integers → `long`, other numbers → `float`,
 * booleans → `boolean`, objects → `properties`. `dynamic: false` (index or object level) leaves new fields
 * unmapped; `"strict"` rejects them. Values that cannot be parsed as their mapped type are rejected with a
 * 400 `document_parsing_exception`. Returns the (possibly new) mappings and whether they changed.
 */
export function applyDynamicMapping(mappings: Mappings, source: Record<string, unknown>, id: string):
  { mappings: Mappings; changed: boolean } {
  // A dry run first: most documents add no field, and cloning the mappings for each one is costly.
  if (!walkObject(mappings.properties ?? {}, source, dynamicMode(mappings.dynamic, 'true'), '', id, false)) {
    return { mappings, changed: false };
  }
  const next: Mappings = structuredClone(mappings);
  next.properties ??= {};
  walkObject(next.properties, source, dynamicMode(next.dynamic, 'true'), '', id, true);
  return { mappings: next, changed: true };
}

const dynamicMode = (value: unknown, inherited: string): string =>
  value === undefined || value === null ? inherited : String(value);

/** Walks a source object against `props`; with `mutate` off it only reports whether a field would be added. */
function walkObject(props: MappingProperties, obj: Record<string, unknown>, dynamic: string, prefix: string, id: string, mutate: boolean): boolean {
  let changed = false;
  for (const rawKey of Object.keys(obj)) {
    const value = obj[rawKey];
    // Most keys are plain names: checked without splitting (this walk runs for every document written).
    if (!rawKey.includes('.')) {
      if (mapValue(props, rawKey, value, dynamic, prefix, id, mutate)) {
        if (!mutate) return true;
        changed = true;
      }
      continue;
    }
    // A dotted key ("a.b": 1) is the object path a → b, as in Elasticsearch.
    const segments = rawKey.split('.');
    let target = props;
    let mode = dynamic;
    let path = prefix;
    let ok = true;
    for (const seg of segments.slice(0, -1)) {
      path += seg + '.';
      let def = target[seg];
      if (!def) {
        if (mode === 'false' || mode === 'runtime') { ok = false; break; }
        if (mode === 'strict') throw strictError(seg);
        if (!mutate) return true;
        def = target[seg] = { properties: {} };
        changed = true;
      }
      if (!def.properties) {
        if (def.type && !OBJECT_TYPES.has(def.type)) throw objectConflict(path.slice(0, -1));
        if (!mutate) return true;
        def.properties = {};
      }
      mode = dynamicMode(def.dynamic, mode);
      target = def.properties;
    }
    if (!ok) continue;
    if (mapValue(target, segments[segments.length - 1], value, mode, path, id, mutate)) {
      if (!mutate) return true;
      changed = true;
    }
  }
  return changed;
}

function mapValue(props: MappingProperties, key: string, value: unknown, dynamic: string, prefix: string, id: string, mutate: boolean): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) {
    let changed = false;
    for (const item of value) {
      if (mapValue(props, key, item, dynamic, prefix, id, mutate)) { if (!mutate) return true; changed = true; }
    }
    return changed;
  }
  const name = prefix + key;
  const existing = props[key];
  if (typeof value === 'object') {
    if (existing && existing.type && !OBJECT_TYPES.has(existing.type)) throw parseFailure(name, existing.type, id, value);
    if (!existing) {
      if (dynamic === 'false' || dynamic === 'runtime') return false;
      if (dynamic === 'strict') throw strictError(key);
      if (!mutate) return true;
      props[key] = { properties: {} };
      walkObject(props[key].properties!, value as Record<string, unknown>, dynamic, name + '.', id, true);
      return true;
    }
    if (!existing.properties) {
      if (!mutate) return true;
      existing.properties = {};
    }
    return walkObject(existing.properties, value as Record<string, unknown>, dynamicMode(existing.dynamic, dynamic), name + '.', id, mutate);
  }
  if (existing) {
    if (existing.properties || OBJECT_TYPES.has(existing.type ?? '')) throw objectConflict(name);
    // with `ignore_malformed` the value stays in _source but is not indexed (it shows in `_ignored`)
    if (existing.ignore_malformed !== true) checkValue(name, existing.type ?? 'object', value, id, existing.format);
    return false;
  }
  if (dynamic === 'false' || dynamic === 'runtime') return false;
  if (dynamic === 'strict') throw strictError(key);
  if (mutate) props[key] = inferType(value);
  return true;
}

function inferType(value: unknown): FieldDef {
  if (typeof value === 'boolean') return { type: 'boolean' };
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'long' : 'float' };
  if (typeof value === 'string' && isDateString(value)) return { type: 'date' };
  return dynamicString();
}

/** The form JSON.stringify gives a date, by far the most common in documents: no need for the general parser. */
const CANONICAL_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Whether a scalar `value` cannot be indexed as a field of mapping type `type` (a date under its `format`). */
export function isMalformed(type: string, value: unknown, format?: unknown): boolean {
  if (type === 'keyword' || type === 'text') return false;
  if (type === 'date' && !isDefaultDateFormat(format)) return parseDateValue(value, format) === undefined;
  if (type === 'date' && typeof value === 'string' && CANONICAL_DATE.test(value) && !Number.isNaN(Date.parse(value))) return false;
  const numeric = typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)));
  return (INTEGER_TYPES.has(type) || FLOAT_TYPES.has(type)) ? !numeric :
    type === 'boolean' ? !(typeof value === 'boolean' || value === 'true' || value === 'false' || value === '') :
    type === 'date' ? toEpochMillis(value) === undefined :
    false;
}

function checkValue(name: string, type: string, value: unknown, id: string, format: unknown): void {
  if (isMalformed(type, value, format)) throw parseFailure(name, type, id, value);
}

const strictError = (field: string) => new EsError(400, 'strict_dynamic_mapping_exception',
  `[1:2] mapping set to strict, dynamic introduction of [${field}] within [_doc] is not allowed`);

const objectConflict = (name: string) => new EsError(400, 'document_parsing_exception',
  `[1:2] object mapping for [${name}] tried to parse field [${name}] as object, but found a concrete value`);

const parseFailure = (name: string, type: string, id: string, value: unknown) => new EsError(400, 'document_parsing_exception',
  `[1:2] failed to parse field [${name}] of type [${type}] in document with id '${id}'. Preview of field's value: '${
    typeof value === 'object' ? JSON.stringify(value) : String(value)}'`);
