import type { MappingProperties } from '../storage/types';
import { isDefaultDateFormat } from './date-formats';

/** A searchable field: where its values live in `_source` and its mapped type. */
export interface ResolvedField {
  /** The dotted `_source` path the values come from (a multi-field reads its parent's path). */
  sourcePath: string;
  /** The mapped type (`keyword`, `text`, `long`, `date`, ...; `object` for an object field). */
  type: string;
  /** A date's mapping `format` when it is not the default (its values and query values are read with it). */
  format?: string;
}

/**
 * Resolves a query field name (`user.name`, `message.keyword`) against mapping properties. A multi-field
 * `<field>.<sub>` reads `<field>` itself. Returns undefined for unmapped fields (they are not searchable).
 */
export function resolveField(properties: MappingProperties | undefined, field: string): ResolvedField | undefined {
  const segments = field.split('.');
  let props = properties;
  const path: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const def = props?.[segments[i]];
    if (!def) return undefined;
    path.push(segments[i]);
    const isLast = i === segments.length - 1;
    if (isLast) {
      const type = def.type ?? 'object';
      return (type === 'date' || type === 'date_nanos') && !isDefaultDateFormat(def.format)
        ? { sourcePath: path.join('.'), type, format: String(def.format) } : { sourcePath: path.join('.'), type };
    }
    if (def.properties) { props = def.properties; continue; }
    const sub = def.fields?.[segments.slice(i + 1).join('.')];
    return sub ? { sourcePath: path.join('.'), type: sub.type ?? 'keyword' } : undefined;
  }
  return undefined;
}

/** Every mapped leaf field with its full dotted name, multi-fields included (`message`, `message.keyword`). */
export function leafFields(properties: MappingProperties | undefined, prefix = ''): { name: string; type: string }[] {
  const out: { name: string; type: string }[] = [];
  for (const [key, def] of Object.entries(properties ?? {})) {
    const name = prefix + key;
    if (def.properties) { out.push(...leafFields(def.properties, `${name}.`)); continue; }
    out.push({ name, type: def.type ?? 'object' });
    for (const [sub, subDef] of Object.entries(def.fields ?? {})) out.push({ name: `${name}.${sub}`, type: subDef.type ?? 'keyword' });
  }
  return out;
}

/**
 * The values at a dotted path of a `_source` object, flattened: arrays contribute every element, and
 * both nested objects (`{a: {b: 1}}`) and literal dotted keys (`{"a.b": 1}`) are followed. Nulls are dropped.
 */
export function sourceValues(source: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  collect(source, path.split('.'), 0, out);
  return out;
}

function collect(node: unknown, segments: string[], from: number, out: unknown[]): void {
  if (node === null || node === undefined) return;
  if (Array.isArray(node)) { for (const item of node) collect(item, segments, from, out); return; }
  if (from === segments.length) { out.push(node); return; }
  if (typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  for (let end = from + 1; end <= segments.length; end++) {
    const key = segments.slice(from, end).join('.');
    if (Object.prototype.hasOwnProperty.call(obj, key)) collect(obj[key], segments, end, out);
  }
}

/** A copy of the mappings with `properties` (and multi-`fields`) sorted by name, as `GET _mapping` shows them. */
export function sortedMappings<T extends { properties?: MappingProperties }>(mappings: T): T {
  if (!mappings.properties) return mappings;
  return { ...mappings, properties: sortProps(mappings.properties) };
}

function sortProps(props: MappingProperties): MappingProperties {
  return Object.fromEntries(Object.keys(props).sort().map((k) => {
    const def = props[k];
    return [k, def.properties ? { ...def, properties: sortProps(def.properties) } : def];
  }));
}
