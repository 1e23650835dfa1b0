import { leafFields, resolveField, sourceValues } from '../mapping/fields';
import type { MappingProperties } from '../storage/types';
import { wildcardMatch } from '../wildcard';
import { formatDecimal } from './decimal-format';
import { kindOf, normalize } from './field-kind';

/** The requested fields of `fields` / `docvalue_fields`: a name or wildcard pattern, with its `format` if any. */
const patternsOf = (spec: unknown): { p: string; format?: string }[] => (Array.isArray(spec) ? spec : spec === undefined ? [] : [spec])
  .map((f) => (typeof f === 'string' ? { p: f } : {
    p: String((f as { field?: unknown }).field ?? ''),
    format: typeof (f as { format?: unknown }).format === 'string' ? (f as { format: string }).format : undefined,
  }))
  .filter((f) => f.p !== '');

/**
 * The `fields` object of a hit for the `fields` and `docvalue_fields` request options: every mapped leaf
 * field matching a pattern, with its values as an array (dates as ISO-8601 strings with milliseconds in
 * docvalue form). Undefined when nothing was requested or nothing matched.
 */
export function hitFields(source: Record<string, unknown>, properties: MappingProperties | undefined,
  fields: unknown, docvalueFields: unknown): Record<string, unknown[]> | undefined {
  const requested = [...patternsOf(fields).map((f) => ({ ...f, docvalue: false })), ...patternsOf(docvalueFields).map((f) => ({ ...f, docvalue: true }))];
  if (requested.length === 0) return undefined;
  const out: Record<string, unknown[]> = {};
  const leaves = leafFields(properties);
  for (const { p, docvalue, format } of requested) {
    for (const leaf of leaves) {
      if (!wildcardMatch(p, leaf.name) || out[leaf.name]) continue;
      const resolved = resolveField(properties, leaf.name);
      if (!resolved) continue;
      const values = sourceValues(source, resolved.sourcePath);
      if (values.length === 0) continue;
      const kind = kindOf(resolved.type);
      out[leaf.name] = values.map((v) => {
        if (kind === 'date') { const ms = normalize('date', v); return typeof ms === 'number' ? new Date(ms).toISOString() : v; }
        if (docvalue && kind === 'number' && format !== undefined && format !== 'use_field_mapping') {
          // A numeric doc value with a DecimalFormat pattern comes back as the formatted string.
          const n = normalize(kind, v);
          return typeof n === 'number' ? formatDecimal(n, format) ?? n : v;
        }
        if (docvalue && (kind === 'number' || kind === 'boolean')) return normalize(kind, v) ?? v;
        return v;
      });
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The mapping definition of a dotted field name (object paths only, not multi-fields). */
function definitionOf(properties: MappingProperties | undefined, field: string): Record<string, unknown> | undefined {
  const segments = field.split('.');
  let props = properties;
  for (let i = 0; i < segments.length; i++) {
    const def = props?.[segments[i]];
    if (!def) return undefined;
    if (i === segments.length - 1) return def;
    props = def.properties;
  }
  return undefined;
}

/**
 * The `fields` object for `stored_fields` on GET: only leaf fields mapped with `store: true` and matching a
 * name or pattern of the comma list, with their values as arrays (numbers and booleans as their doc values).
 * Undefined when nothing matched; `_none_` asks for none.
 */
export function storedFieldValues(source: Record<string, unknown>, properties: MappingProperties | undefined,
  spec: string): Record<string, unknown[]> | undefined {
  const patterns = spec.split(',').map((p) => p.trim()).filter((p) => p !== '' && p !== '_none_');
  const out: Record<string, unknown[]> = {};
  for (const leaf of leafFields(properties)) {
    if (!patterns.some((p) => wildcardMatch(p, leaf.name)) || definitionOf(properties, leaf.name)?.store !== true) continue;
    const values = sourceValues(source, leaf.name);
    if (values.length === 0) continue;
    const kind = kindOf(leaf.type);
    out[leaf.name] = values.map((v) => (kind === 'number' || kind === 'boolean' ? normalize(kind, v) ?? v : v));
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
