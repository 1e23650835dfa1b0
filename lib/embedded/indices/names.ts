import { EsError, indexNotFound } from '../errors';
import { isHidden } from '../mapping/settings';
import type { Store } from '../storage/store';
import { wildcardMatch } from '../wildcard';

const INVALID_CHARS = ['\\', '/', '*', '?', '"', '<', '>', '|', ' ', ',', '#', ':'];

/** Throws 400 `invalid_index_name_exception` unless `name` is a valid index name (dot-prefixed names are allowed). */
export function validateIndexName(name: string): void {
  const fail = (why: string) => new EsError(400, 'invalid_index_name_exception', `Invalid index name [${name}], ${why}`,
    { index_uuid: '_na_', index: name });
  if (name !== name.toLowerCase()) throw fail('must be lowercase');
  const bad = INVALID_CHARS.find((c) => name.includes(c));
  if (bad) throw fail(`must not contain the following characters [${INVALID_CHARS.join(', ')}]`);
  if (/^[_\-+]/.test(name)) throw fail("must not start with '_', '-', or '+'");
  if (name === '.' || name === '..') throw fail("must not be '.' or '..'");
  if (Buffer.byteLength(name) > 255) throw fail('index name is too long');
}

/** How an index expression is resolved (the `ignore_unavailable`/`allow_no_indices`/`expand_wildcards` parameters). */
export interface ResolveOptions {
  /** Missing concrete names are skipped instead of raising 404. */
  ignoreUnavailable: boolean;
  /** Wildcards also match hidden indices (`expand_wildcards=all|hidden`). */
  includeHidden: boolean;
}

/**
 * Resolves an index expression (`logs-*,metrics,-logs-old`, `_all`, `*`) to concrete existing index names,
 * in name order without duplicates. Wildcards skip hidden indices unless the pattern starts with `.` or
 * `includeHidden` is set. Missing concrete names are returned in `missing`, or thrown as 404 when
 * `throwOnMissing` holds and `ignoreUnavailable` is off.
 */
export function resolveIndices(store: Store, expression: string | undefined, options: Partial<ResolveOptions> = {}):
  { indices: string[]; missing: string[] } {
  const all = store.listIndices();
  return resolveAgainst(all.map((i) => ({ name: i.name, hidden: isHidden(i.settings) })),
    splitExpression(expression), options);
}

/** Splits a comma list; an absent or empty expression means `_all`. */
export const splitExpression = (expression: string | undefined): string[] =>
  !expression || expression.trim() === '' ? ['_all'] : expression.split(',').map((s) => s.trim()).filter(Boolean);

/** `resolveIndices` over an explicit list of indices (pure; used by the ES|QL catalog too). */
export function resolveAgainst(all: { name: string; hidden: boolean }[], patterns: string[], options: Partial<ResolveOptions> = {}):
  { indices: string[]; missing: string[] } {
  const selected = new Set<string>();
  const missing: string[] = [];
  patterns.forEach((raw, position) => {
    const isExclusion = raw.startsWith('-') && position > 0;
    const pattern = isExclusion ? raw.slice(1) : raw;
    const wildcard = pattern === '_all' || pattern.includes('*') || pattern.includes('?');
    if (!wildcard) {
      const exists = all.some((i) => i.name === pattern);
      if (isExclusion) selected.delete(pattern);
      else if (exists) selected.add(pattern);
      else missing.push(pattern);
      return;
    }
    const glob = pattern === '_all' ? '*' : pattern;
    for (const index of all) {
      const visible = !index.hidden || options.includeHidden || glob.startsWith('.');
      if (!visible || !wildcardMatch(glob, index.name)) continue;
      if (isExclusion) selected.delete(index.name); else selected.add(index.name);
    }
  });
  return { indices: [...selected].sort(), missing };
}

/** `resolveIndices` that raises 404 `index_not_found_exception` for the first missing concrete name. */
export function resolveExisting(store: Store, expression: string | undefined, options: Partial<ResolveOptions> = {}): string[] {
  const { indices, missing } = resolveIndices(store, expression, options);
  if (missing.length > 0 && !options.ignoreUnavailable) throw indexNotFound(missing[0]);
  return indices;
}

/** Reads `ignore_unavailable` and `expand_wildcards` from a query string. */
export function resolveOptionsFrom(query: Record<string, string>): Partial<ResolveOptions> {
  const expand = (query.expand_wildcards ?? '').split(',');
  return {
    ignoreUnavailable: query.ignore_unavailable === 'true',
    includeHidden: expand.includes('all') || expand.includes('hidden'),
  };
}
