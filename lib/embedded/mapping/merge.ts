import { EsError } from '../errors';
import type { MappingProperties, Mappings } from '../storage/types';

/**
 * Normalizes request mappings: unwraps a legacy `{_doc: {...}}` wrapper and expands dotted property names
 * (`"a.b": {type}`) into object mappings, as Elasticsearch does.
 */
export function normalizeMappings(input: unknown): Mappings {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return {};
  let m = input as Mappings;
  const keys = Object.keys(m);
  if (keys.length === 1 && keys[0] === '_doc') m = m._doc as Mappings;
  const out: Mappings = structuredClone(m);
  if (out.properties) out.properties = expandDotted(out.properties);
  return out;
}

function expandDotted(props: MappingProperties): MappingProperties {
  const out: MappingProperties = {};
  for (const [key, def] of Object.entries(props)) {
    const d = def.properties ? { ...def, properties: expandDotted(def.properties) } : def;
    const parts = key.split('.');
    let target = out;
    for (const part of parts.slice(0, -1)) {
      target[part] ??= { properties: {} };
      target[part].properties ??= {};
      target = target[part].properties!;
    }
    const last = parts[parts.length - 1];
    target[last] = target[last]?.properties && d.properties
      ? { ...target[last], ...d, properties: { ...target[last].properties, ...d.properties } } : d;
  }
  return out;
}

/**
 * Merges `extra` into `base` (a template's mappings under an index's, or a `PUT _mapping` into the current
 * ones). New fields are added, object fields merge recursively, and changing a field's `type` throws 400
 * `illegal_argument_exception` when `rejectTypeChange` holds (otherwise `extra` wins).
 */
export function mergeMappings(base: Mappings, extra: Mappings, rejectTypeChange: boolean): Mappings {
  const { properties: extraProps, ...extraRest } = extra;
  const out: Mappings = { ...structuredClone(base), ...structuredClone(extraRest) };
  if (extraProps) out.properties = mergeProperties(base.properties ?? {}, extraProps, rejectTypeChange, '');
  return out;
}

function mergeProperties(base: MappingProperties, extra: MappingProperties, reject: boolean, prefix: string): MappingProperties {
  const out: MappingProperties = structuredClone(base);
  for (const [key, def] of Object.entries(extra)) {
    const current = out[key];
    if (!current) { out[key] = structuredClone(def); continue; }
    const currentType = current.type ?? (current.properties ? 'object' : undefined);
    const newType = def.type ?? (def.properties ? 'object' : undefined);
    if (reject && currentType && newType && currentType !== newType) {
      throw new EsError(400, 'illegal_argument_exception',
        `mapper [${prefix}${key}] cannot be changed from type [${currentType}] to [${newType}]`);
    }
    const merged = { ...current, ...structuredClone(def) };
    if (current.properties || def.properties) {
      merged.properties = mergeProperties(current.properties ?? {}, def.properties ?? {}, reject, `${prefix}${key}.`);
    }
    if (current.fields || def.fields) merged.fields = { ...current.fields, ...def.fields };
    out[key] = merged;
  }
  return out;
}
