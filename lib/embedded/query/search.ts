import { EsError, illegalArgument } from '../errors';
import type { Store } from '../storage/store';
import type { FlatSettings, StoredDocument } from '../storage/types';
import { compileQuery, type QueryDocument } from './compile';
import { RawJson } from '../rest/json-text';
import { checkSortable, compareSortValues, parseSort, sortValue, type SortKey, type SortValue } from './sort';
import { hitFields } from './fields-option';
import { filterSource, parseSourceFilter } from './source-filter';
import { indexedSearch, type IndexedMatches } from './indexed-search';
import type { MappingProperties } from '../storage/types';
import { requireOpen } from '../indices/open-close';

/** A search request body (the parts this engine understands), with query-string parameters merged in. */
export interface SearchRequest {
  query?: Record<string, unknown>;
  sort?: unknown;
  size?: number;
  from?: number;
  _source?: unknown;
  _source_includes?: string;
  _source_excludes?: string;
  track_total_hits?: boolean | number;
  seq_no_primary_term?: boolean;
  version?: boolean;
  search_after?: unknown[];
  stored_fields?: unknown;
  fields?: unknown;
  docvalue_fields?: unknown;
  /** The `rest_total_hits_as_int` parameter: `hits.total` as a plain number. */
  rest_total_hits_as_int?: boolean;
  aggs?: unknown;
  aggregations?: unknown;
}

/** One document that matched, before paging. */
export interface MatchedDocument {
  doc: StoredDocument;
  readonly source: Record<string, unknown>;
  score: number;
  /** Its values for the sort keys, when the read already knows them (indexed-search.ts). */
  sortValues?: SortValue[];
  /** Where what is derived from this version of the document is kept, when the store's cache holds it. */
  memo?: Map<string, unknown>;
}

/** Default hits per page, as in Elasticsearch. */
export const DEFAULT_SEARCH_SIZE = 10;
/** Elasticsearch's default `track_total_hits` cap. */
const TOTAL_HITS_CAP = 10_000;
/** Elasticsearch's default `index.max_result_window`: `from + size` beyond it is refused. */
const MAX_RESULT_WINDOW = 10_000;

/**
 * A body field read as Elasticsearch's parser reads an int: a number (a fraction truncated) or a string of
 * digits; anything else is a 400 naming the field.
 */
export function integerField(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  throw new EsError(400, 'x_content_parse_exception', `[search] failed to parse field [${name}]: expected a number, found ${JSON.stringify(value)}`);
}

/** `track_total_hits` as the parser reads it: a boolean or an int (either may come as a string); else a 400. */
function totalHitsField(value: unknown): boolean | number | undefined {
  if (value === undefined || value === null || typeof value === 'boolean') return value ?? undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  const n = integerField(value, 'track_total_hits');
  if (n === undefined || n > 2_147_483_647 || (typeof value === 'number' && !Number.isInteger(value))) {
    throw new EsError(400, 'x_content_parse_exception', `[search] failed to parse field [track_total_hits]: expected a boolean or an int, found ${JSON.stringify(value)}`);
  }
  return n;
}

/** The index's `index.max_result_window` setting, or Elasticsearch's default. */
const maxResultWindow = (settings: FlatSettings) => Number(settings['index.max_result_window'] ?? MAX_RESULT_WINDOW);

/** Per index, the filter of the aliases it was reached through (see `aliasFilters` in indices/aliases). */
export type AliasFilters = ReadonlyMap<string, Record<string, unknown>>;

/**
 * Every document of `indices` that matches `query`, in index-name then insertion order. An index with an
 * alias filter matches `query` (or everything) in scoring context and the filter in filter context, as
 * Elasticsearch wraps it, so the filter never changes scores.
 */
export function findMatches(store: Store, indices: string[], query: Record<string, unknown> | undefined, nowMs = Date.now(),
  aliasFilters: AliasFilters = new Map()): MatchedDocument[] {
  const out: MatchedDocument[] = [];
  for (const name of indices) {
    const index = store.getIndex(name);
    if (!index) continue;
    requireOpen(index);
    const filter = aliasFilters.get(name);
    const effective = filter ? { bool: { must: [query ?? { match_all: {} }], filter: [filter] } } : query;
    const matcher = compileQuery(effective, { index: name, properties: index.mappings.properties, nowMs, maxResultWindow: maxResultWindow(index.settings) });
    for (const doc of store.allDocuments(name)) {
      const source = JSON.parse(doc.source) as Record<string, unknown>;
      const qd: QueryDocument = { index: name, id: doc.id, source, sourceText: doc.source };
      const score = matcher(qd);
      if (score !== null) out.push({ doc, source, score });
    }
  }
  return out;
}

/**
 * Runs a search over already-resolved index names and returns Elasticsearch's response body (each hit's
 * whole `_source` as `RawJson`, to be written with rest/json-text.ts's `jsonText`): `hits.total`
 * as `{value, relation}`, `_score` (null when sorting by a field, §18.27), `sort` values when sorting, and
 * `size` defaulting to 10. Aggregations are not supported (400). With `everyHit` (a scroll's first request),
 * every match is a hit, in order, and the result window does not apply.
 */
export function runSearch(store: Store, indices: string[], req: SearchRequest, aliasFilters: AliasFilters = new Map(),
  options: { everyHit?: boolean; plans?: Map<string, unknown> } = {}): Record<string, unknown> {
  const started = Date.now();
  if (req.aggs !== undefined || req.aggregations !== undefined) {
    throw illegalArgument('aggregations are not supported by the embedded engine; use ES|QL (POST /_query) instead');
  }
  const size = options.everyHit ? Number.MAX_SAFE_INTEGER : integerField(req.size, 'size') ?? DEFAULT_SEARCH_SIZE;
  const from = integerField(req.from, 'from') ?? 0;
  if (size < 0 || from < 0) throw illegalArgument(size < 0 ? `[size] parameter cannot be negative, found [${size}]` : `[from] parameter cannot be negative but was [${from}]`);
  req = { ...req, track_total_hits: totalHitsField(req.track_total_hits) };
  if (typeof req.track_total_hits === 'number' && req.track_total_hits < -1) {
    throw illegalArgument(`[track_total_hits] parameter must be positive or equals to -1, got ${req.track_total_hits}`);
  }
  // `-1` is Elasticsearch's spelling of "count every hit".
  if (req.track_total_hits === -1) req = { ...req, track_total_hits: true };
  if (req.rest_total_hits_as_int && typeof req.track_total_hits === 'number') {
    throw illegalArgument(`[rest_total_hits_as_int] cannot be used if the tracking of total hits is not accurate, got ${req.track_total_hits}`);
  }
  const keys = parseSort(req.sort);
  const indexed = searchIndexed(store, indices, req, keys, size, from, aliasFilters, started, options.plans);
  const matches = indexed?.matches ?? findMatches(store, indices, req.query, started, aliasFilters);
  const total = indexed?.total ?? matches.length;
  // Checked after the query is built, as Elasticsearch does, so query errors win over window errors.
  const window = indices.length === 0 ? MAX_RESULT_WINDOW : Math.min(...indices.map((n) => maxResultWindow(store.getIndex(n)?.settings ?? {})));
  if (!options.everyHit && from + size > window) {
    throw illegalArgument(`Result window is too large, from + size must be less than or equal to: [${window}] but was [${from + size}]. See the scroll api for a more efficient way to request large data sets. This limit can be set by changing the [index.max_result_window] index level setting.`);
  }
  const properties = new Map(indices.map((n) => [n, store.getIndex(n)?.mappings.properties]));
  checkSortable(keys, [...properties.values()]);
  const ranked = rank(keys, matches, properties);
  const after = req.search_after;
  const page = (after ? ranked.filter((r) => compareSortValues(keys, r.sortValues, after) > 0) : ranked).slice(from, from + size);
  const sortsByScore = keys.length === 0 || keys[0].field === '_score';
  const trackScores = keys.length === 0 || keys.some((k) => k.field === '_score');
  // Asking for stored fields alone drops `_source`, as in Elasticsearch.
  const stored = [req.stored_fields].flat().filter((f) => f !== undefined).flatMap((f) => String(f).split(','));
  const sourceSpec = req._source === undefined && stored.length > 0 && !stored.includes('_source') ? false : req._source;
  const filter = parseSourceFilter(sourceSpec, req._source_includes, req._source_excludes);
  const wantsFields = req.fields !== undefined || req.docvalue_fields !== undefined;
  // A hit of nothing but its ids, whole source and sort values is the same text for every request with
  // these keys: kept with the document's cached version (storage/document-cache.ts).
  const plainHits = filter === undefined && !wantsFields && !req.version && !req.seq_no_primary_term && !trackScores && keys.length > 0;
  const hitKey = plainHits ? `hit\u0000${JSON.stringify(keys)}` : '';
  // built key by key (in the order Elasticsearch writes them) rather than by spreading: one object a hit
  const hits = page.map((r): unknown => {
    const { doc, memo } = r.match;
    if (plainHits && memo) {
      let text = memo.get(hitKey) as string | undefined;
      if (text === undefined) {
        text = `{"_index":${JSON.stringify(doc.index)},"_id":${JSON.stringify(doc.id)},"_score":null,"_source":${doc.source},"sort":${JSON.stringify(r.sortValues)}}`;
        memo.set(hitKey, text);
      }
      return new RawJson(text);
    }
    const hit: Record<string, unknown> = { _index: doc.index, _id: doc.id, _score: trackScores ? r.match.score : null };
    if (req.version) hit._version = doc.version;
    if (req.seq_no_primary_term) { hit._seq_no = doc.seqNo; hit._primary_term = doc.primaryTerm; }
    // the whole source is the stored text, as it was sent: spliced into the response text unparsed
    if (filter === undefined) hit._source = new RawJson(doc.source);
    else {
      const source = filterSource(r.match.source, filter);
      if (source !== undefined) hit._source = source;
    }
    const fields = wantsFields ? hitFields(r.match.source, properties.get(doc.index) as MappingProperties | undefined, req.fields, req.docvalue_fields) : undefined;
    if (fields) hit.fields = fields;
    if (keys.length > 0) hit.sort = r.sortValues;
    return hit;
  });
  const maxScore = !trackScores || ranked.length === 0 ? null : Math.max(...ranked.map((r) => r.match.score));
  return {
    took: Date.now() - started, timed_out: false,
    _shards: { total: indices.length, successful: indices.length, skipped: 0, failed: 0 },
    hits: { ...totalHits(req.track_total_hits, total, req.rest_total_hits_as_int === true), max_score: sortsByScore ? maxScore : null, hits: options.everyHit ? hits : joined(hits) },
  };
}

/** Hits that are all texts as one text (one piece for `jsonText` to splice rather than one per hit); a scroll keeps its list. */
function joined(hits: unknown[]): unknown {
  if (hits.length === 0 || !hits.every((h) => h instanceof RawJson)) return hits;
  // concatenated rather than joined: V8 keeps the pieces until the response is written, one copy in all
  let text = '[';
  for (let i = 0; i < hits.length; i++) text += (i === 0 ? '' : ',') + (hits[i] as RawJson).text;
  return new RawJson(`${text}]`);
}

/** A search over one index without an alias filter, through the store's field indexes when its shape allows. */
function searchIndexed(store: Store, indices: string[], req: SearchRequest, keys: SortKey[], size: number, from: number,
  aliasFilters: AliasFilters, nowMs: number, plans?: Map<string, unknown>): IndexedMatches | undefined {
  if (indices.length !== 1 || aliasFilters.has(indices[0])) return undefined;
  const index = store.getIndex(indices[0]);
  if (!index) return undefined;
  return indexedSearch(store, index.name, {
    query: req.query, size, from, trackTotalHits: req.track_total_hits, exactTotal: req.rest_total_hits_as_int === true, searchAfter: req.search_after,
    versions: req.version === true || req.seq_no_primary_term === true,
  }, keys, { index: index.name, properties: index.mappings.properties, nowMs, maxResultWindow: maxResultWindow(index.settings) }, plans);
}

function totalHits(track: boolean | number | undefined, count: number, asInt: boolean): Record<string, unknown> {
  if (asInt) return { total: track === false ? -1 : count };
  if (track === false) return {};
  const cap = track === true ? Infinity : typeof track === 'number' ? track : TOTAL_HITS_CAP;
  return { total: count > cap ? { value: cap, relation: 'gte' } : { value: count, relation: 'eq' } };
}

interface Ranked { match: MatchedDocument; sortValues: unknown[] }

function rank(keys: SortKey[], matches: MatchedDocument[], properties: Map<string, unknown>): Ranked[] {
  const rows: Ranked[] = matches.map((match, position) => ({
    match,
    sortValues: match.sortValues ?? keys.map((k) => sortValue(k, {
      score: match.score, position, source: match.source, sourceText: match.doc.source, index: match.doc.index,
      properties: properties.get(match.doc.index) as Parameters<typeof sortValue>[1]['properties'],
    })),
  }));
  if (keys.length === 0) {
    // Scores are constant per clause, so a stable sort by score keeps insertion order among equals.
    return rows.sort((a, b) => b.match.score - a.match.score);
  }
  return rows.sort((a, b) => compareSortValues(keys, a.sortValues, b.sortValues));
}

/** Throws 400 when a search body value has the wrong type (keeps handlers free of casts). */
export function asSearchRequest(body: unknown): SearchRequest {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new EsError(400, 'parsing_exception', 'request body must be an object');
  return body as SearchRequest;
}
