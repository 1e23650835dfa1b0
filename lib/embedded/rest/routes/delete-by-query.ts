import { EsError } from '../../errors';
import { asSearchRequest, findMatches } from '../../query/search';
import { intParam } from '../params';
import { ok, route } from '../router';
import { searchTargets } from '../search-request';

/** Elasticsearch's default batch size for `_delete_by_query`; only the reported `batches` depends on it. */
const DEFAULT_SCROLL_SIZE = 1000;

/** `POST /<index>/_delete_by_query`: deletes every matching document in one transaction. */
export default [
  ...route('POST', '/:index/_delete_by_query', (req, { store }) => {
    const started = Date.now();
    const body = asSearchRequest(req.json());
    if (req.query.wait_for_completion === 'false') {
      throw new EsError(400, 'illegal_argument_exception', 'wait_for_completion=false (tasks) is not supported by the embedded engine');
    }
    if (body.query === undefined) {
      throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: query is missing;');
    }
    const deleted = store.transaction(() => {
      const { indices, filters } = searchTargets(req, store);
      const matches = findMatches(store, indices, body.query, Date.now(), filters);
      const limit = intParam(req.query, 'max_docs') ?? (body as { max_docs?: number }).max_docs ?? Infinity;
      let n = 0;
      for (const m of matches) {
        if (n >= limit) break;
        store.deleteDocument(m.doc.index, m.doc.id);
        store.nextSeqNo(m.doc.index);
        n++;
      }
      return n;
    });
    const scrollSize = intParam(req.query, 'scroll_size') ?? DEFAULT_SCROLL_SIZE;
    return ok({
      took: Date.now() - started, timed_out: false, total: deleted, deleted, batches: Math.max(1, Math.ceil(deleted / scrollSize)),
      version_conflicts: 0, noops: 0, retries: { bulk: 0, search: 0 }, throttled_millis: 0,
      requests_per_second: -1, throttled_until_millis: 0, failures: [],
    });
  }),
];
