/**
 * A search request as the search APIs read it (`_search`, its scroll, `_count`, `_delete_by_query`,
 * `_update_by_query`): the body with the query-string parameters on top, and the indices it reaches.
 */
import { illegalArgument } from '../errors';
import { aliasFilters } from '../indices/aliases';
import { resolveChecked, resolveOptionsFrom } from '../indices/names';
import { asSearchRequest, type SearchRequest } from '../query/search';
import type { Store } from '../storage/store';
import { boolParam, intParam } from './params';
import type { RestRequest } from './router';

/** `q=field:value` (or a bare value over every field is not supported) as a query DSL clause. */
export function queryFromQ(q: string): Record<string, unknown> {
  const m = /^([^:\s]+):(.+)$/.exec(q.trim());
  if (!m) throw illegalArgument('the embedded engine supports q=<field>:<value> only');
  const value = m[2].replace(/^"(.*)"$/, '$1');
  return value === '*' ? { exists: { field: m[1] } } : { match: { [m[1]]: value } };
}

/** The search request: the JSON body with query-string parameters (size, from, sort, q, _source, ...) applied on top. */
export function searchRequestFrom(req: RestRequest): SearchRequest {
  const body = { ...asSearchRequest(req.json()) };
  const q = req.query;
  const size = intParam(q, 'size'); if (size !== undefined) body.size = size;
  const from = intParam(q, 'from'); if (from !== undefined) body.from = from;
  if (q.sort !== undefined) body.sort = q.sort;
  if (q.q !== undefined) body.query = queryFromQ(q.q);
  if (q._source !== undefined) body._source = q._source;
  // The URL's include/exclude lists replace a `_source` filter given in the body.
  if (q._source_includes !== undefined || q._source_excludes !== undefined) body._source = q._source ?? undefined;
  if (q._source_includes !== undefined) body._source_includes = q._source_includes;
  if (q._source_excludes !== undefined) body._source_excludes = q._source_excludes;
  if (q.track_total_hits !== undefined) body.track_total_hits = /^-?\d+$/.test(q.track_total_hits) ? Number(q.track_total_hits) : q.track_total_hits !== 'false';
  const seq = boolParam(q, 'seq_no_primary_term'); if (seq !== undefined) body.seq_no_primary_term = seq;
  const version = boolParam(q, 'version'); if (version !== undefined) body.version = version;
  if (boolParam(q, 'rest_total_hits_as_int')) body.rest_total_hits_as_int = true;
  if (q.stored_fields !== undefined) body.stored_fields = q.stored_fields;
  if (q.docvalue_fields !== undefined) body.docvalue_fields = q.docvalue_fields.split(',');
  return body;
}

/** The indices a search reaches and the alias filters that apply to them. */
export function searchTargets(req: RestRequest, store: Store) {
  const resolution = resolveChecked(store, req.params.index, resolveOptionsFrom(req.query));
  return { indices: resolution.indices, filters: aliasFilters(store, resolution) };
}
