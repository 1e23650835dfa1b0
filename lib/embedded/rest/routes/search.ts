import { EsError, illegalArgument } from '../../errors';
import { deepFreeze } from '../../deep-freeze';
import { asSearchRequest, findMatches, runSearch, type AliasFilters, type SearchRequest } from '../../query/search';
import type { Store } from '../../storage/store';
import { intParam } from '../params';
import { okText } from '../json-text';
import { ok, route, type RestRequest } from '../router';
import { queryFromQ, searchRequestFrom, searchTargets } from '../search-request';
import { startScroll } from './scroll';

/**
 * A search as its text asks it: the indices it reaches, their alias filters and the request, with what
 * later steps work out from them alone (`plans`, see runSearch). All of it depends on the request and the
 * store's metadata only, so it is kept for the same text while the metadata stays the same: a dashboard
 * sends the same search every few seconds.
 */
interface PreparedSearch {
  state: object;
  indices: string[];
  filters: AliasFilters;
  request: SearchRequest;
  plans: Map<string, unknown>;
}

/** Prepared searches by store, then by text; a store's list starts over when full. */
const preparedSearches = new WeakMap<Store, Map<string, PreparedSearch>>();
const PREPARED_SEARCHES_KEPT = 64;

function prepared(req: RestRequest, store: Store): PreparedSearch {
  const state = store.metadataState();
  let kept = preparedSearches.get(store);
  if (!kept) preparedSearches.set(store, (kept = new Map()));
  const key = `${req.params.index ?? ''}\u0000${JSON.stringify(req.query)}\u0000${req.rawBody}`;
  const known = kept.get(key);
  if (known?.state === state) return known;
  const { indices, filters } = searchTargets(req, store);
  // frozen: every later search of this text shares it
  const search: PreparedSearch = { state, indices, filters, request: deepFreeze(searchRequestFrom(req)), plans: new Map() };
  if (kept.size >= PREPARED_SEARCHES_KEPT) kept.clear();
  kept.set(key, search);
  return search;
}

/** `_search` for a request (also one item of `_msearch`): the response as JSON text. */
export function search(req: RestRequest, store: Store) {
  if (req.query.scroll !== undefined) return startScroll(req, store, req.query.scroll);
  return store.readScope(() => {
    const { indices, filters, request, plans } = prepared(req, store);
    return okText(runSearch(store, indices, request, filters, { plans }));
  });
}

const COUNT_BODY_KEYS = new Set(['query']);

function count(req: RestRequest, store: Store) {
  const terminateAfter = intParam(req.query, 'terminate_after');
  if (terminateAfter !== undefined && terminateAfter < 0) throw illegalArgument('terminateAfter must be > 0');
  const body = asSearchRequest(req.json());
  const unknown = Object.keys(body).find((k) => !COUNT_BODY_KEYS.has(k));
  if (unknown) throw new EsError(400, 'parsing_exception', `request does not support [${unknown}]`);
  const { indices, filters } = searchTargets(req, store);
  const query = req.query.q !== undefined ? queryFromQ(req.query.q) : body.query;
  const n = findMatches(store, indices, query, Date.now(), filters).length;
  return ok({ count: n, _shards: { total: indices.length, successful: indices.length, skipped: 0, failed: 0 } });
}

/** `_search` and `_count`, with or without an index expression (wildcards, comma lists, hidden rules). */
export default [
  ...route('GET|POST', '/_search', (req, { store }) => search(req, store)),
  ...route('GET|POST', '/:index/_search', (req, { store }) => search(req, store)),
  ...route('GET|POST', '/_count', (req, { store }) => count(req, store)),
  ...route('GET|POST', '/:index/_count', (req, { store }) => count(req, store)),
];
