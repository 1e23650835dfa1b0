import { EsError, illegalArgument } from '../../errors';
import { asSearchRequest, findMatches, runSearch } from '../../query/search';
import type { Store } from '../../storage/store';
import { intParam } from '../params';
import { okText } from '../json-text';
import { ok, route, type RestRequest } from '../router';
import { queryFromQ, searchRequestFrom, searchTargets } from '../search-request';
import { startScroll } from './scroll';

/** `_search` for a request (also one item of `_msearch`): the response as JSON text. */
export function search(req: RestRequest, store: Store) {
  if (req.query.scroll !== undefined) return startScroll(req, store, req.query.scroll);
  return store.readScope(() => {
    const { indices, filters } = searchTargets(req, store);
    return okText(runSearch(store, indices, searchRequestFrom(req), filters));
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
