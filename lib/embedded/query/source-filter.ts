import { wildcardMatch } from '../wildcard';

/** A parsed `_source` filter: false (drop), or include/exclude path patterns (wildcards allowed). */
export type SourceFilter = false | { includes: string[]; excludes: string[] };

const list = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : String(v).split(','));

/**
 * Parses `_source` (`false`, `true`, `"a.*"`, `["a", "b"]`, `{includes, excludes}`) plus the
 * `_source_includes`/`_source_excludes` parameters. Undefined means the whole source.
 */
export function parseSourceFilter(spec: unknown, includes?: string, excludes?: string): SourceFilter | undefined {
  if (spec === false || spec === 'false') return false;
  let inc: string[] = []; let exc: string[] = [];
  if (typeof spec === 'string' && spec !== 'true') inc = list(spec);
  else if (Array.isArray(spec)) inc = list(spec);
  else if (spec !== null && typeof spec === 'object') {
    const o = spec as Record<string, unknown>;
    inc = list(o.includes ?? o.include); exc = list(o.excludes ?? o.exclude);
  }
  inc.push(...list(includes)); exc.push(...list(excludes));
  return inc.length === 0 && exc.length === 0 ? undefined : { includes: inc, excludes: exc };
}

/** Applies a source filter; an object is kept when a pattern names it or one of its descendants. */
export function filterSource(source: Record<string, unknown>, filter: SourceFilter | undefined): Record<string, unknown> | undefined {
  if (filter === undefined) return source;
  if (filter === false) return undefined;
  return walk(source, '', filter) ?? {};
}

function walk(obj: Record<string, unknown>, prefix: string, f: { includes: string[]; excludes: string[] }): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let any = false;
  for (const [k, v] of Object.entries(obj)) {
    const path = prefix + k;
    if (f.excludes.some((p) => wildcardMatch(p, path))) continue;
    const included = f.includes.length === 0 || f.includes.some((p) => wildcardMatch(p, path));
    const isObject = v !== null && typeof v === 'object' && !Array.isArray(v);
    const excludesInside = f.excludes.some((p) => p.startsWith(path + '.') || (p.includes('*') && isObject));
    if (included && !(isObject && excludesInside)) { out[k] = v; any = true; continue; }
    if (!isObject) continue;
    // Recurse only when an include could name something below this object.
    const mayContain = included || f.includes.some((p) => p.startsWith(path + '.') || p.includes('*'));
    if (!mayContain) continue;
    const inner = walk(v as Record<string, unknown>, path + '.', included ? { includes: [], excludes: f.excludes } : f);
    if (inner) { out[k] = inner; any = true; }
  }
  return any ? out : undefined;
}
