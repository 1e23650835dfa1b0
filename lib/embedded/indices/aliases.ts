import { EsError, illegalArgument } from '../errors';
import { compileQuery } from '../query/compile';
import type { Store } from '../storage/store';
import type { AliasMetadata, AliasRecord } from '../storage/types';
import { resolveDateMathName } from './date-math-names';
import { validateIndexOrAliasName, type Resolution } from './names';
import { requireOpen, requireOpenName } from './open-close';

/** Keys of an alias definition (`{filter, routing, ...}`) in index bodies, templates and `PUT _alias`. */
const DEFINITION_KEYS = new Set(['filter', 'routing', 'index_routing', 'search_routing', 'is_write_index', 'is_hidden']);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Routing values may be numbers or strings in requests; Elasticsearch keeps them as strings. */
const routingText = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));

function booleanValue(alias: string, key: string, v: unknown): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw illegalArgument(`Failed to parse value [${String(v)}] of [${key}] in alias [${alias}] as only [true] or [false] are allowed.`);
}

/**
 * Parses an alias definition into stored metadata: `routing` sets both `index_routing` and `search_routing`
 * (the specific keys win), an empty `filter` means none, and boolean flags accept `"true"`/`"false"`.
 * `extraKeys` are allowed and ignored (the `index`/`alias` keys of an `_aliases` action). Throws 400 for an
 * unknown key or a value of the wrong type.
 */
export function parseAliasDefinition(alias: string, body: unknown, extraKeys: ReadonlySet<string> = new Set()): AliasMetadata {
  if (body === undefined || body === null) return {};
  if (!isObject(body)) throw illegalArgument(`alias [${alias}] definition must be an object`);
  for (const key of Object.keys(body)) {
    if (!DEFINITION_KEYS.has(key) && !extraKeys.has(key)) throw illegalArgument(`Unknown field [${key}] in alias [${alias}]`);
  }
  if (body.filter !== undefined && body.filter !== null && !isObject(body.filter)) {
    throw illegalArgument(`failed to parse filter for alias [${alias}]`);
  }
  const meta: AliasMetadata = {};
  if (isObject(body.filter) && Object.keys(body.filter).length > 0) meta.filter = body.filter;
  const indexRouting = routingText(body.index_routing ?? body.routing);
  const searchRouting = routingText(body.search_routing ?? body.routing);
  if (indexRouting !== undefined) meta.index_routing = indexRouting;
  if (searchRouting !== undefined) meta.search_routing = searchRouting;
  const isWriteIndex = booleanValue(alias, 'is_write_index', body.is_write_index);
  if (isWriteIndex !== undefined) meta.is_write_index = isWriteIndex;
  const isHiddenAlias = booleanValue(alias, 'is_hidden', body.is_hidden);
  if (isHiddenAlias !== undefined) meta.is_hidden = isHiddenAlias;
  return meta;
}

/** 400 `invalid_alias_name_exception`, `Invalid alias name [name]: why`. */
export const invalidAliasName = (alias: string, why: string) =>
  new EsError(400, 'invalid_alias_name_exception', `Invalid alias name [${alias}]: ${why}`, { index_uuid: '_na_', index: alias });

/** Resolves a date-math alias name and checks it is a valid alias name; returns the plain name. */
export function aliasName(raw: string): string {
  const name = resolveDateMathName(raw);
  if (name.trim() === '') throw illegalArgument('alias name is required');
  validateIndexOrAliasName(name, (why) => invalidAliasName(name, why));
  return name;
}

/**
 * Checks that `alias` may be added to `index` with `meta` (Elasticsearch's AliasValidator): the name is not
 * an index's, the index routing is a single value, and the filter is a query that compiles against the
 * index's mapping. Throws 400. `deferNameCheck` leaves the name check to the caller (`_aliases` checks the
 * names against the indices left after all of its actions).
 */
export function validateAlias(store: Store, alias: string, index: string, meta: AliasMetadata,
  options: { deferNameCheck?: boolean } = {}): void {
  if (!options.deferNameCheck && store.getIndex(alias)) throw invalidAliasName(alias, 'an index or data stream exists with the same name as the alias');
  if (meta.index_routing?.includes(',')) throw illegalArgument(`alias [${alias}] has several index routing values associated with it`);
  if (meta.filter) {
    try {
      compileQuery(meta.filter, { index, properties: store.getIndex(index)?.mappings.properties, nowMs: Date.now() });
    } catch (e) {
      const cause = e instanceof EsError ? { type: e.type, reason: e.reason } : { type: 'exception', reason: String(e) };
      throw new EsError(400, 'illegal_argument_exception', `failed to parse filter for alias [${alias}]`, { caused_by: cause });
    }
  }
}

/**
 * Checks the store-wide alias rules after a change (Elasticsearch validates the resulting metadata): at most
 * one write index per alias, and one `is_hidden` value across an alias's indices. Throws 500
 * `illegal_state_exception` with Elasticsearch's messages.
 */
export function checkAliasConsistency(store: Store): void {
  for (const [alias, rows] of groupByAlias(store.listAliases())) {
    const writers = rows.filter((r) => r.metadata.is_write_index === true).map((r) => r.index);
    if (writers.length > 1) {
      throw new EsError(500, 'illegal_state_exception', `alias [${alias}] has more than one write index [${writers.join(',')}]`);
    }
    const hidden = rows.filter((r) => r.metadata.is_hidden === true).map((r) => r.index);
    const visible = rows.filter((r) => r.metadata.is_hidden !== true).map((r) => r.index);
    if (hidden.length > 0 && visible.length > 0) {
      throw new EsError(500, 'illegal_state_exception', `alias [${alias}] has is_hidden set to true on indices [${hidden.join(',')}] but does not have is_hidden set to true on indices [${visible.join(',')}]; alias must have the same is_hidden setting on all indices`);
    }
  }
}

function groupByAlias(rows: readonly AliasRecord[]): Map<string, AliasRecord[]> {
  const out = new Map<string, AliasRecord[]>();
  for (const row of rows) out.set(row.alias, [...(out.get(row.alias) ?? []), row]);
  return out;
}

/** `name` when that index is open; a closed one is refused with `index_closed_exception`. */
function openName(store: Store, name: string): string {
  requireOpenName(store, name);
  return name;
}

/** The rows of one alias, ordered by index name. */
export const aliasRows = (store: Store, alias: string) => store.listAliases().filter((r) => r.alias === alias);

/**
 * The index a write to `target` goes to (Elasticsearch's write-index rules): an index name is itself, an
 * unknown name is returned as is (the write creates it), and an alias gives its write index: the index
 * marked `is_write_index: true`, or its only index unless that one is marked false. Throws 400 otherwise.
 */
export function writeIndexFor(store: Store, target: string): string {
  const index = store.getIndex(target);
  if (index) return requireOpen(index).name;
  const rows = aliasRows(store, target);
  if (rows.length === 0) return target;
  const marked = rows.find((r) => r.metadata.is_write_index === true);
  if (marked) return openName(store, marked.index);
  if (rows.length === 1 && rows[0].metadata.is_write_index !== false) return openName(store, rows[0].index);
  throw illegalArgument(`no write index is defined for alias [${target}]. The write index may be explicitly disabled using is_write_index=false or the alias points to multiple indices without one being designated as a write index`);
}

/**
 * The one index a single-document read of `target` uses: an index is itself, an alias must point to exactly
 * one index (else 400, Elasticsearch's single-index-op error), and an unknown name is 404.
 */
export function singleIndexFor(store: Store, target: string): string {
  const index = store.getIndex(target);
  if (index) return requireOpen(index).name;
  const rows = aliasRows(store, target);
  if (rows.length === 0) {
    throw new EsError(404, 'index_not_found_exception', `no such index [${target}]`,
      { 'resource.type': 'index_expression', 'resource.id': target, index_uuid: '_na_', index: target });
  }
  if (rows.length > 1) {
    throw illegalArgument(`alias [${target}] has more than one index associated with it [${rows.map((r) => r.index).join(', ')}], can't execute a single index op`);
  }
  return openName(store, rows[0].index);
}

/** Whether `name` is an alias (of at least one index). */
export const isAlias = (store: Store, name: string) => !store.getIndex(name) && aliasRows(store, name).length > 0;

/**
 * The alias filter of each index an expression reached only through aliases: the alias's filter, or a
 * `bool.should` of several; an index reached through an alias without a filter gets none (as in
 * Elasticsearch, one unfiltered path makes every document visible).
 */
export function aliasFilters(store: Store, resolution: Resolution): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  if (resolution.viaAliases.size === 0) return out;
  const rows = store.listAliases();
  for (const [index, aliases] of resolution.viaAliases) {
    const filters = aliases.map((a) => rows.find((r) => r.alias === a && r.index === index)?.metadata.filter);
    if (filters.some((f) => f === undefined)) continue;
    const list = filters as Record<string, unknown>[];
    out.set(index, list.length === 1 ? list[0] : { bool: { should: list, minimum_should_match: 1 } });
  }
  return out;
}

/** An index's aliases as `GET /<index>` and `GET /_alias` show them: `{name: metadata}`, by name. */
export function aliasesView(store: Store, index: string, names?: (alias: string) => boolean): Record<string, AliasMetadata> {
  return Object.fromEntries(store.listAliases().filter((r) => r.index === index && (!names || names(r.alias))).map((r) => [r.alias, r.metadata]));
}

/**
 * Adds the aliases of an index creation body or template (`{name: definition}`) to a new index, validated
 * like any other alias. Call inside the creating transaction.
 */
export function addAliasesOnCreate(store: Store, index: string, aliases: unknown): void {
  if (aliases === undefined || aliases === null) return;
  if (!isObject(aliases)) throw illegalArgument('[aliases] must be an object');
  for (const [raw, definition] of Object.entries(aliases)) {
    const name = aliasName(raw);
    const meta = parseAliasDefinition(name, definition);
    validateAlias(store, name, index, meta);
    store.putAlias(name, index, meta);
  }
}
