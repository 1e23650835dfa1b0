/**
 * How FROM sees indices: one column per mapped leaf field (dotted names for object sub-fields,
 * multi-fields as their own columns), typed in ES|QL terms, with cell values read from `_source`.
 */
import type { MappingProperties } from './catalog';
import { isDefaultDateFormat, parseDateValue } from '../mapping/date-formats';
import { isMalformed } from '../mapping/dynamic';
import { convert } from './functions/convert';
import { indexesWrittenNumbers, withWrittenNumbers } from '../documents/json-numbers';
import type { Cell, Column, EsqlType, Scalar } from './table';
import { toCell } from './table';

/** A FROM column with the `_source` path its values come from (a multi-field reads its parent). */
export interface SourceColumn extends Column {
  path: string[];
  /** The mapping type when it stores values with less precision than a double (float, half_float, scaled_float). */
  precision?: { type: string; scalingFactor?: number };
  /** A keyword's `ignore_above`: longer strings are not indexed, so ES|QL does not see them. */
  ignoreAbove?: number;
  /** A date's mapping `format` when it is not the default: its values are read with it. */
  dateFormat?: string;
  /** A keyword (or wildcard) field: it indexes a number as written in `_source` (`-3.90`, `1e3`), as text. */
  numberText?: true;
}


/** The value a lower-precision numeric field gives back for `value`. */
function reduced(value: number, precision: NonNullable<SourceColumn['precision']>): number {
  if (precision.type === 'float') return Math.fround(value);
  // the stored long times 1/factor, as Elasticsearch decodes it (203 × 0.01 is 2.0300000000000002, not 2.03)
  if (precision.type === 'scaled_float') { const f = precision.scalingFactor ?? 1; return Math.round(value * f) * (1 / f); }
  return toHalf(value);
}

function toHalf(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const exponent = Math.max(Math.floor(Math.log2(Math.abs(value))), -14);
  const step = 2 ** (exponent - 10);
  return Math.round(value / step) * step;
}

const precisionOf = (def: { type?: string; [k: string]: unknown }): SourceColumn['precision'] =>
  def.type === 'float' || def.type === 'half_float' || def.type === 'scaled_float'
    ? { type: def.type, scalingFactor: typeof def.scaling_factor === 'number' ? def.scaling_factor : undefined } : undefined;

const readOptionsOf = (def: { type?: string; [k: string]: unknown }): { ignoreAbove?: number; dateFormat?: string; numberText?: true } =>
  indexesWrittenNumbers(def.type)
    ? { numberText: true, ...(typeof def.ignore_above === 'number' ? { ignoreAbove: def.ignore_above } : {}) }
    : (def.type === 'date' || def.type === 'date_nanos') && !isDefaultDateFormat(def.format) ? { dateFormat: String(def.format) } : {};

const TYPES: Record<string, EsqlType> = {
  keyword: 'keyword', constant_keyword: 'keyword', wildcard: 'keyword', text: 'text', match_only_text: 'text',
  long: 'long', integer: 'integer', short: 'integer', byte: 'integer', double: 'double', float: 'double',
  half_float: 'double', scaled_float: 'double', boolean: 'boolean', date: 'date', date_nanos: 'date_nanos',
  ip: 'ip', version: 'version', unsigned_long: 'unsigned_long',
};

/**
 * The columns of the store's mappings, which are frozen (storage/metadata-cache.ts) and so always give
 * the same ones: a query lists them for validation, planning and each FROM, and a request for each query.
 */
const columnsOf = new WeakMap<MappingProperties, readonly SourceColumn[]>();

/** The mapped leaf fields of one index's mapping (shared and frozen when the mapping is frozen). */
export function mappedColumns(properties: MappingProperties): readonly SourceColumn[] {
  if (!Object.isFrozen(properties)) return columnsUnder(properties, []);
  let columns = columnsOf.get(properties);
  if (!columns) {
    columns = Object.freeze(columnsUnder(properties, []).map((c) => Object.freeze(c)));
    columnsOf.set(properties, columns);
  }
  return columns;
}

function columnsUnder(properties: MappingProperties, prefix: string[]): SourceColumn[] {
  const out: SourceColumn[] = [];
  for (const [name, def] of Object.entries(properties)) {
    const path = [...prefix, name];
    const type = def.type;
    if (type === 'nested' || type === 'alias') continue;
    if (def.properties && (type === undefined || type === 'object')) { out.push(...columnsUnder(def.properties, path)); continue; }
    if (type === undefined || type === 'object') continue;
    out.push({ name: path.join('.'), type: TYPES[type] ?? 'unsupported', path, precision: precisionOf(def), ...readOptionsOf(def) });
    for (const [sub, subDef] of Object.entries(def.fields ?? {})) {
      if (subDef.type) out.push({ name: `${path.join('.')}.${sub}`, type: TYPES[subDef.type] ?? 'unsupported', path, precision: precisionOf(subDef), ...readOptionsOf(subDef) });
    }
  }
  return out;
}

/** Merges the columns of several indices by name; differing types become `unsupported`. Sorted by name. */
export function mergeColumns(perIndex: (readonly SourceColumn[])[]): SourceColumn[] {
  const byName = new Map<string, SourceColumn>();
  for (const columns of perIndex) {
    for (const c of columns) {
      const seen = byName.get(c.name);
      if (!seen) byName.set(c.name, c);
      else if (seen.type !== c.type) byName.set(c.name, { ...seen, type: 'unsupported' });
    }
  }
  // Java's String.compareTo: UTF-16 code unit order, which is JS's default sort
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The raw `_source` values at a path, accepting both nested objects and dotted keys; arrays flatten. */
function valuesAt(value: unknown, path: string[], from = 0): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesAt(v, path, from));
  if (from === path.length) return value === undefined || value === null ? [] : [value];
  if (typeof value !== 'object' || value === null) return [];
  const obj = value as Record<string, unknown>;
  const out: unknown[] = [];
  for (let to = from + 1; to <= path.length; to++) {
    const key = path.slice(from, to).join('.');
    if (Object.prototype.hasOwnProperty.call(obj, key)) out.push(...valuesAt(obj[key], path, to));
  }
  return out;
}

/** One `_source` value as `column` sees it; undefined when it is not indexed (malformed, or over `ignore_above`). */
function readValue(raw: Scalar, column: SourceColumn): Scalar | undefined {
  if (column.ignoreAbove !== undefined && typeof raw === 'string' && [...raw].length > column.ignoreAbove) return undefined;
  if (column.dateFormat !== undefined) return parseDateValue(raw, column.dateFormat);
  try {
    const v = convert(raw, typeof raw === 'string' ? 'keyword' : typeof raw === 'boolean' ? 'boolean' : Number.isInteger(raw) ? 'long' : 'double', column.type, 'truncate');
    return column.precision && typeof v === 'number' ? reduced(v, column.precision) : v;
  } catch {
    // a malformed value is not indexed, so ES|QL does not see it
    return undefined;
  }
}

const SORTED: ReadonlySet<EsqlType> = new Set(['keyword', 'long', 'integer', 'double', 'boolean', 'date', 'date_nanos', 'ip', 'version', 'unsigned_long']);

/**
 * The cell of `column` for a document: values converted to the column type, in doc-values order for
 * sortable types. `sourceText`, the document as stored, gives a keyword column its numbers as written.
 */
export function readCell(source: Record<string, unknown>, column: SourceColumn, sourceText?: string): Cell {
  if (column.type === 'unsupported') return null;
  if (column.path.length === 1) {
    // a top-level field holding one value (most cells): no path walk, no list
    const raw = Object.prototype.hasOwnProperty.call(source, column.path[0]) ? source[column.path[0]] : undefined;
    if (raw === undefined || raw === null) return null;
    if (typeof raw !== 'object' && !(typeof raw === 'number' && column.numberText && sourceText !== undefined)) {
      return readValue(raw as Scalar, column) ?? null;
    }
  }
  let raws = valuesAt(source, column.path);
  if (column.numberText && sourceText !== undefined && raws.some((r) => typeof r === 'number')) {
    raws = withWrittenNumbers(sourceText, (written) => valuesAt(written, column.path));
  }
  const values: Scalar[] = [];
  for (const raw of raws) {
    if (typeof raw === 'object') continue;
    const v = readValue(raw as Scalar, column);
    if (v !== undefined) values.push(v);
  }
  if (!SORTED.has(column.type) || values.length < 2) return toCell(values);
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // keyword doc values are a sorted set; numeric doc values keep duplicates
  return toCell(column.type === 'keyword' || column.type === 'ip' || column.type === 'version' ? [...new Set(sorted)] : sorted);
}

/**
 * The document's `_ignored` metadata: the mapped fields (multi-fields included) with a value that was not
 * indexed, because it is malformed for a field with `ignore_malformed` or longer than a keyword's
 * `ignore_above`. Sorted, as Elasticsearch's keyword doc values are.
 */
export function ignoredFields(properties: MappingProperties, source: Record<string, unknown>, prefix: string[] = []): string[] {
  const out = new Set<string>();
  const visit = (props: MappingProperties, at: string[]) => {
    for (const [name, def] of Object.entries(props)) {
      const path = [...at, name];
      if (def.properties) { visit(def.properties, path); continue; }
      const values = valuesAt(source, path).filter((v) => typeof v !== 'object');
      const check = (field: string, d: MappingProperties[string]) => {
        const above = readOptionsOf(d).ignoreAbove;
        if (above !== undefined && values.some((v) => typeof v === 'string' && [...v].length > above)) out.add(field);
        if (d.ignore_malformed === true && d.type && values.some((v) => isMalformed(d.type!, v, d.format))) out.add(field);
      };
      check(path.join('.'), def);
      for (const [sub, subDef] of Object.entries(def.fields ?? {})) check(`${path.join('.')}.${sub}`, subDef);
    }
  };
  visit(properties, prefix);
  return [...out].sort();
}
