import { indexesWrittenNumbers, withWrittenNumbers } from '../documents/json-numbers';
import { EsError, parsingError } from '../errors';
import { resolveField, sourceValues } from '../mapping/fields';
import type { MappingProperties } from '../storage/types';
import { kindOf, normalize, type FieldKind } from './field-kind';

/** One parsed sort key. */
export interface SortKey {
  field: string;
  order: 'asc' | 'desc';
  missing: '_last' | '_first';
  unmappedType?: string;
}

/**
 * Parses a search `sort` (`"f"`, `{"f": "desc"}`, `{"f": {"order": "desc"}}`, `"_score"`, `"_doc"`, or an array
 * of these; also the `f:desc` query-string form). `_score` defaults to descending, everything else ascending.
 */
export function parseSort(sort: unknown): SortKey[] {
  if (sort === undefined || sort === null) return [];
  const items = Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : [sort];
  return items.flatMap((item): SortKey[] => {
    if (typeof item === 'string') {
      const [field, order] = item.split(':');
      return [{ field, order: asOrder(order ?? (field === '_score' ? 'desc' : 'asc')), missing: '_last' }];
    }
    if (item === null || typeof item !== 'object') throw parsingError('[sort] malformed sort');
    return Object.entries(item as Record<string, unknown>).map(([field, spec]) => {
      const defaultOrder = field === '_score' ? 'desc' : 'asc';
      if (typeof spec === 'string') return { field, order: asOrder(spec), missing: '_last' as const };
      const o = (spec ?? {}) as Record<string, unknown>;
      return {
        field, order: asOrder(String(o.order ?? defaultOrder)), missing: o.missing === '_first' ? '_first' as const : '_last' as const,
        unmappedType: typeof o.unmapped_type === 'string' ? o.unmapped_type : undefined,
      };
    });
  });
}

function asOrder(s: string): 'asc' | 'desc' {
  const o = s.toLowerCase();
  if (o !== 'asc' && o !== 'desc') throw new EsError(400, 'illegal_argument_exception', `Unknown SortOrder [${s}]`);
  return o;
}

/** A hit being ranked: its score, its position (for `_doc`), its source and index mapping. */
export interface Sortable {
  score: number;
  position: number;
  source: Record<string, unknown>;
  /** The `_source` as stored, when known: a keyword field sorts a number by its written text. */
  sourceText?: string;
  properties: MappingProperties | undefined;
  index: string;
}

/**
 * Resolved sort fields of the store's mappings, which are frozen (storage/metadata-cache.ts): a page of
 * hits resolves each key once rather than once per hit.
 */
const resolvedFields = new WeakMap<MappingProperties, Map<string, ReturnType<typeof resolveField>>>();

function resolvedField(properties: MappingProperties | undefined, field: string): ReturnType<typeof resolveField> {
  if (!properties || !Object.isFrozen(properties)) return resolveField(properties, field);
  let known = resolvedFields.get(properties);
  if (!known) { known = new Map(); resolvedFields.set(properties, known); }
  if (!known.has(field)) known.set(field, resolveField(properties, field));
  return known.get(field);
}

/** `sourceValues`, sooner for a top-level field holding one value. */
function valuesAt(source: Record<string, unknown>, path: string): unknown[] {
  const value = Object.prototype.hasOwnProperty.call(source, path) ? source[path] : undefined;
  if (value === null || value === undefined || typeof value === 'object' || path.includes('.')) return sourceValues(source, path);
  return [value];
}

/** A hit's value for one sort key, as the response's `sort` shows it. */
export type SortValue = number | string | boolean | null;

/** The sort value of a hit for one key (Elasticsearch returns dates as epoch ms); null when missing. */
export function sortValue(key: SortKey, hit: Sortable): SortValue {
  if (key.field === '_score') return hit.score;
  if (key.field === '_doc') return hit.position;
  const resolved = resolvedField(hit.properties, key.field);
  if (!resolved) return null;
  const kind = kindOf(resolved.type);
  if (kind === 'text') {
    throw new EsError(400, 'illegal_argument_exception',
      `Fielddata is disabled on [${key.field}] in [${hit.index}]. Text fields are not optimised for operations that require per-document field data like aggregations and sorting, so these operations are disabled by default. Please use a keyword field instead.`);
  }
  const path = resolved.sourcePath;
  const raw = Object.prototype.hasOwnProperty.call(hit.source, path) ? hit.source[path] : undefined;
  const written = hit.sourceText !== undefined && indexesWrittenNumbers(resolved.type);
  if (typeof raw !== 'object' && raw !== undefined && !path.includes('.') && !(written && typeof raw === 'number')) {
    return singleSortValue(kind, raw as string | number | boolean, resolved.format);
  }
  let raws = valuesAt(hit.source, path);
  if (written && raws.some((v) => typeof v === 'number')) raws = withWrittenNumbers(hit.sourceText!, (s) => sourceValues(s, path));
  const values = raws.map((v) => normalize(kind, v, resolved.format)).filter((v) => v !== undefined);
  if (values.length === 0) return null;
  // Multi-valued fields sort by their minimum ascending and their maximum descending, as in Elasticsearch.
  return values.reduce((a, b) => ((key.order === 'asc' ? b < a : b > a) ? b : a));
}

/**
 * The sort value of a field holding one scalar value (a top-level field's, read by `sortValue` or by
 * SQLite from an index), for a key on a field of `kind`.
 */
export function singleSortValue(kind: FieldKind, value: string | number | boolean | null, dateFormat?: string): SortValue {
  return value === null ? null : normalize(kind, value, dateFormat) ?? null;
}

/** Checks that every field key is mapped in at least one searched index (or has `unmapped_type`). */
export function checkSortable(keys: SortKey[], mappings: (MappingProperties | undefined)[]): void {
  for (const key of keys) {
    if (key.field === '_score' || key.field === '_doc' || key.unmappedType) continue;
    if (mappings.length > 0 && mappings.every((p) => !resolveField(p, key.field))) {
      throw new EsError(400, 'query_shard_exception', `No mapping found for [${key.field}] in order to sort on`);
    }
  }
}

/** Compares two rows of sort values under the keys; missing values go last unless `missing: _first`. */
export function compareSortValues(keys: SortKey[], a: unknown[], b: unknown[]): number {
  for (let i = 0; i < keys.length; i++) {
    const x = a[i]; const y = b[i];
    if (x === y) continue;
    const missingFirst = keys[i].missing === '_first';
    if (x === null) return missingFirst ? -1 : 1;
    if (y === null) return missingFirst ? 1 : -1;
    const c = (x as number | string) < (y as number | string) ? -1 : 1;
    return keys[i].order === 'asc' ? c : -c;
  }
  return 0;
}
