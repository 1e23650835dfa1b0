import { EsError, illegalArgument, indexNotFound } from '../errors';
import { isClosed, isHidden } from '../mapping/settings';
import type { Store } from '../storage/store';
import { wildcardMatch } from '../wildcard';
import { resolveDateMathName } from './date-math-names';

const INVALID_CHARS = ['\\', '/', '*', '?', '"', '<', '>', '|', ' ', ',', '#', ':'];

/**
 * Throws (via `fail`) unless `name` is usable as an index or alias name: no forbidden characters, no leading
 * `_`, `-` or `+`, not `.` or `..`, at most 255 bytes. Elasticsearch applies the same rules to both.
 */
export function validateIndexOrAliasName(name: string, fail: (why: string) => EsError): void {
  const bad = INVALID_CHARS.find((c) => name.includes(c));
  if (bad) throw fail(`must not contain the following characters [${INVALID_CHARS.join(', ')}]`);
  if (/^[_\-+]/.test(name)) throw fail("must not start with '_', '-', or '+'");
  if (name === '.' || name === '..') throw fail("must not be '.' or '..'");
  if (Buffer.byteLength(name) > 255) throw fail('index name is too long');
}

/** Throws 400 `invalid_index_name_exception` unless `name` is a valid index name (dot-prefixed names are allowed). */
export function validateIndexName(name: string): void {
  const fail = (why: string) => new EsError(400, 'invalid_index_name_exception', `Invalid index name [${name}], ${why}`,
    { index_uuid: '_na_', index: name });
  if (name !== name.toLowerCase()) throw fail('must be lowercase');
  validateIndexOrAliasName(name, fail);
}

/** How an index expression is resolved (the `ignore_unavailable`/`allow_no_indices`/`expand_wildcards` parameters). */
export interface ResolveOptions {
  /** Missing concrete names (and, where aliases are refused, alias names) are skipped instead of raising. */
  ignoreUnavailable: boolean;
  /** Wildcards also match hidden indices and aliases (`expand_wildcards=all|hidden`). */
  includeHidden: boolean;
  /** Alias names resolve to their indices; off for APIs that need concrete indices (`DELETE /<index>`). */
  allowAliases: boolean;
  /** A wildcard that matches nothing is fine; off (`allow_no_indices=false`) it raises 404 for that wildcard. */
  allowNoIndices: boolean;
  /** Wildcards also match closed indices (`expand_wildcards=all|closed`). */
  includeClosed: boolean;
}

const DEFAULT_RESOLVE_OPTIONS: ResolveOptions = {
  ignoreUnavailable: false, includeHidden: false, allowAliases: true, allowNoIndices: true, includeClosed: false,
};

/** An alias as index expressions see it: its name, the indices it points to, and whether it is hidden. */
export interface AliasTarget {
  name: string;
  indices: string[];
  hidden: boolean;
}

/** What an index expression resolved to. */
export interface Resolution {
  /** Concrete existing index names, sorted, without duplicates. */
  indices: string[];
  /** Concrete names that name neither an index nor an alias. */
  missing: string[];
  /**
   * Indices reached only through aliases, with those aliases (their filters apply when searching). An index
   * that the expression also names or matches directly is absent: it is searched unfiltered.
   */
  viaAliases: Map<string, string[]>;
}

/** Splits a comma list and resolves date-math names (`<logs-{now/d}>`); an absent or empty expression means `_all`. */
export const splitExpression = (expression: string | undefined): string[] =>
  !expression || expression.trim() === '' ? ['_all']
    : expression.split(',').map((s) => resolveDateMathName(s.trim())).filter(Boolean);

/** The store's indices and aliases in the shape `resolveAgainst` takes. */
export function namespaceOf(store: Store): { indices: { name: string; hidden: boolean; closed?: boolean }[]; aliases: AliasTarget[] } {
  const indices = store.listIndices().map((i) => ({ name: i.name, hidden: isHidden(i.settings), closed: isClosed(i.settings) }));
  const byName = new Map<string, AliasTarget>();
  for (const row of store.listAliases()) {
    const target = byName.get(row.alias) ?? { name: row.alias, indices: [], hidden: false };
    target.indices.push(row.index);
    target.hidden ||= row.metadata.is_hidden === true;
    byName.set(row.alias, target);
  }
  return { indices, aliases: [...byName.values()] };
}

/**
 * Resolves an index expression (`logs-*,metrics,-logs-old`, `_all`, `*`, alias names) against the store's
 * indices and aliases. See `resolveAgainst` for the rules.
 */
export function resolveIndices(store: Store, expression: string | undefined, options: Partial<ResolveOptions> = {}): Resolution {
  const { indices, aliases } = namespaceOf(store);
  return resolveAgainst(indices, splitExpression(expression), options, aliases);
}

/**
 * `resolveIndices` over explicit lists (pure; used by the ES|QL catalog too). Like Elasticsearch, names and
 * wildcards first select indices and aliases (wildcards skip hidden ones unless the pattern starts with `.`
 * or `includeHidden` is set), `-name` removes what earlier items selected, and the aliases left then expand
 * to their indices. Throws 400 for an alias name where aliases are refused, and 404 for an empty wildcard
 * under `allowNoIndices: false`.
 */
export function resolveAgainst(all: { name: string; hidden: boolean; closed?: boolean }[], patterns: string[], options: Partial<ResolveOptions> = {},
  aliases: AliasTarget[] = []): Resolution {
  const opts = { ...DEFAULT_RESOLVE_OPTIONS, ...options };
  const indexNames = new Set(all.map((i) => i.name));
  const aliasByName = new Map(aliases.map((a) => [a.name, a]));
  const selected = new Set<string>();
  const missing: string[] = [];
  patterns.forEach((raw, position) => {
    const isExclusion = raw.startsWith('-') && position > 0;
    const pattern = isExclusion ? raw.slice(1) : raw;
    const wildcard = pattern === '_all' || pattern.includes('*') || pattern.includes('?');
    if (!wildcard) {
      if (isExclusion) { selected.delete(pattern); return; }
      if (indexNames.has(pattern)) selected.add(pattern);
      else if (aliasByName.has(pattern)) {
        if (opts.allowAliases) selected.add(pattern);
        else if (!opts.ignoreUnavailable) throw aliasesNotSupported(pattern);
      } else missing.push(pattern);
      return;
    }
    const glob = pattern === '_all' ? '*' : pattern;
    const visible = (hidden: boolean) => !hidden || opts.includeHidden || glob.startsWith('.');
    const matches = [
      ...all.filter((i) => visible(i.hidden) && (!i.closed || opts.includeClosed) && wildcardMatch(glob, i.name)).map((i) => i.name),
      ...(opts.allowAliases ? aliases.filter((a) => visible(a.hidden) && wildcardMatch(glob, a.name)).map((a) => a.name) : []),
    ];
    if (!isExclusion && matches.length === 0 && !opts.allowNoIndices) throw indexNotFound(pattern);
    for (const name of matches) if (isExclusion) selected.delete(name); else selected.add(name);
  });
  const direct = new Set<string>();
  const via = new Map<string, string[]>();
  for (const name of selected) {
    const alias = indexNames.has(name) ? undefined : aliasByName.get(name);
    if (!alias) { direct.add(name); continue; }
    for (const index of alias.indices) via.set(index, [...(via.get(index) ?? []), alias.name]);
  }
  const indices = [...new Set([...direct, ...via.keys()])].sort();
  const viaAliases = new Map([...via].filter(([index]) => !direct.has(index)));
  return { indices, missing, viaAliases };
}

/** 400 for an alias name given to an API that needs concrete indices (Elasticsearch's wording). */
export const aliasesNotSupported = (expression: string) =>
  illegalArgument(`The provided expression [${expression}] matches an alias, specify the corresponding concrete indices instead.`);

/** `resolveIndices` that raises 404 `index_not_found_exception` for the first missing concrete name. */
export function resolveChecked(store: Store, expression: string | undefined, options: Partial<ResolveOptions> = {}): Resolution {
  const resolution = resolveIndices(store, expression, options);
  if (resolution.missing.length > 0 && !options.ignoreUnavailable) throw indexNotFound(resolution.missing[0]);
  return resolution;
}

/** The concrete index names of `resolveChecked`. */
export function resolveExisting(store: Store, expression: string | undefined, options: Partial<ResolveOptions> = {}): string[] {
  return resolveChecked(store, expression, options).indices;
}

/** Reads `ignore_unavailable`, `allow_no_indices` and `expand_wildcards` from a query string. */
export function resolveOptionsFrom(query: Record<string, string>): Partial<ResolveOptions> {
  const expand = (query.expand_wildcards ?? '').split(',');
  return {
    ignoreUnavailable: query.ignore_unavailable === 'true',
    includeHidden: expand.includes('all') || expand.includes('hidden'),
    allowNoIndices: query.allow_no_indices !== 'false',
    ...(expand.includes('all') || expand.includes('closed') ? { includeClosed: true } : {}),
  };
}
