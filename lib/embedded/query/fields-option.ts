import { leafFields, resolveField, sourceValues } from '../mapping/fields';
import type { MappingProperties } from '../storage/types';
import { wildcardMatch } from '../wildcard';
import { kindOf, normalize } from './field-kind';

/** One requested field of `fields` / `docvalue_fields`: a name or wildcard pattern. */
const patternsOf = (spec: unknown): string[] => (Array.isArray(spec) ? spec : spec === undefined ? [] : [spec])
  .map((f) => (typeof f === 'string' ? f : String((f as { field?: unknown }).field ?? '')))
  .filter((f) => f !== '');

/**
 * The `fields` object of a hit for the `fields` and `docvalue_fields` request options: every mapped leaf
 * field matching a pattern, with its values as an array (dates as ISO-8601 strings with milliseconds in
 * docvalue form). Undefined when nothing was requested or nothing matched.
 */
export function hitFields(source: Record<string, unknown>, properties: MappingProperties | undefined,
  fields: unknown, docvalueFields: unknown): Record<string, unknown[]> | undefined {
  const requested = [...patternsOf(fields).map((p) => ({ p, docvalue: false })), ...patternsOf(docvalueFields).map((p) => ({ p, docvalue: true }))];
  if (requested.length === 0) return undefined;
  const out: Record<string, unknown[]> = {};
  const leaves = leafFields(properties);
  for (const { p, docvalue } of requested) {
    for (const leaf of leaves) {
      if (!wildcardMatch(p, leaf.name) || out[leaf.name]) continue;
      const resolved = resolveField(properties, leaf.name);
      if (!resolved) continue;
      const values = sourceValues(source, resolved.sourcePath);
      if (values.length === 0) continue;
      const kind = kindOf(resolved.type);
      out[leaf.name] = values.map((v) => {
        if (kind === 'date') { const ms = normalize('date', v); return typeof ms === 'number' ? new Date(ms).toISOString() : v; }
        if (docvalue && (kind === 'number' || kind === 'boolean')) return normalize(kind, v) ?? v;
        return v;
      });
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
