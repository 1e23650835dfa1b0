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

/**
 * `q=` as a query DSL clause: `field:value` (`field:"a phrase"`, `field:*` for any value) matches that
 * field; a bare value (`q=timeout`) matches any mapped field, as Elasticsearch's default field `*` does
 * (numbers and dates only when the text reads as one). The rest of the query-string syntax (AND, OR,
 * ranges, wildcards in values) is refused with a message that says what works.
 */
export function queryFromQ(q: string): Record<string, unknown> {
  const text = q.trim();
  const m = /^([^:\s"]+):(.+)$/.exec(text);
  const value = m ? m[2] : text;
  const phrase = /^"(.*)"$/.exec(value);
  const operators = !phrase && (/[:()[\]{}?~^"]|\b(AND|OR|NOT)\b/.test(value) || (value.includes('*') && !(m && value === '*')));
  if (value === '' || operators) {
    throw illegalArgument(`the embedded engine reads q=<field>:<value> and q=<words> only, not [${q}]: use a query in the body for more`);
  }
  if (m) return value === '*' ? { exists: { field: m[1] } } : phrase ? { match_phrase: { [m[1]]: phrase[1] } } : { match: { [m[1]]: value } };
  return { multi_match: { query: phrase ? phrase[1] : text, fields: ['*'], lenient: true, ...(phrase ? { type: 'phrase' } : {}) } };
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
