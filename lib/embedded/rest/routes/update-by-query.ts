import { deleteDocument, indexDocument } from '../../documents/write';
import { compileUpdateScript, type UpdateScript } from '../../documents/update-script';
import { EsError } from '../../errors';
import { asSearchRequest, findMatches } from '../../query/search';
import { intParam } from '../params';
import { ok, route, type RestRequest } from '../router';
import type { Store } from '../../storage/store';
import { searchTargets } from '../search-request';

/** Elasticsearch's default batch size; only the reported `batches` depends on it. */
const DEFAULT_SCROLL_SIZE = 1000;
const BODY_KEYS = new Set(['query', 'script', 'max_docs', 'conflicts', 'slice']);

interface UpdateByQueryBody { query?: Record<string, unknown>; script?: unknown; max_docs?: number; conflicts?: string; slice?: unknown }

/**
 * `POST /<target>/_update_by_query`: rewrites every matching document in one transaction, through the
 * update script's supported statements (documents/update-script.ts) or unchanged without a script (which
 * picks up mapping changes, as in Elasticsearch). Each rewrite is a new version; `ctx.op` may make it a
 * noop or a delete. The whole request runs or nothing does, so `conflicts` never matters here.
 */
function updateByQuery(req: RestRequest, store: Store) {
  const started = Date.now();
  const body = asSearchRequest(req.json()) as UpdateByQueryBody;
  for (const key of Object.keys(body)) {
    if (!BODY_KEYS.has(key)) throw new EsError(400, 'parsing_exception', `[${key}] is not a valid parameter of _update_by_query`);
  }
  if (body.slice !== undefined) throw new EsError(400, 'illegal_argument_exception', 'slice is not supported by the embedded engine');
  if (req.query.wait_for_completion === 'false') {
    throw new EsError(400, 'illegal_argument_exception', 'wait_for_completion=false (tasks) is not supported by the embedded engine');
  }
  const conflicts = req.query.conflicts ?? body.conflicts;
  if (conflicts !== undefined && conflicts !== 'abort' && conflicts !== 'proceed') {
    throw new EsError(400, 'illegal_argument_exception', `conflicts may only be "proceed" or "abort" but was [${conflicts}]`);
  }
  const script: UpdateScript | undefined = body.script === undefined ? undefined : compileUpdateScript(body.script);
  const limit = intParam(req.query, 'max_docs') ?? body.max_docs ?? Infinity;
  const counts = store.transaction(() => {
    const { indices, filters } = searchTargets(req, store);
    const matches = findMatches(store, indices, body.query, Date.now(), filters);
    let updated = 0, deleted = 0, noops = 0, total = 0;
    for (const m of matches) {
      if (total >= limit) break;
      total++;
      const outcome = script ? script.run(m.source) : { op: 'index' as const, source: m.source };
      if (outcome.op === 'noop') { noops++; continue; }
      if (outcome.op === 'delete') {
        deleteDocument(store, { index: m.doc.index, id: m.doc.id });
        deleted++;
        continue;
      }
      indexDocument(store, { index: m.doc.index, id: m.doc.id, source: JSON.stringify(outcome.source) });
      updated++;
    }
    return { total, updated, deleted, noops };
  });
  const scrollSize = intParam(req.query, 'scroll_size') ?? DEFAULT_SCROLL_SIZE;
  return ok({
    took: Date.now() - started, timed_out: false, total: counts.total, updated: counts.updated, deleted: counts.deleted,
    batches: Math.max(1, Math.ceil(counts.total / scrollSize)), version_conflicts: 0, noops: counts.noops,
    retries: { bulk: 0, search: 0 }, throttled_millis: 0, requests_per_second: -1, throttled_until_millis: 0, failures: [],
  });
}

export default [
  ...route('POST', '/:index/_update_by_query', (req, { store }) => updateByQuery(req, store)),
];
