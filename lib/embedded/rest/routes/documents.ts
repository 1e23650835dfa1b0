import { deleteDocument, indexDocument } from '../../documents/write';
import { EsError, illegalArgument } from '../../errors';
import { singleIndexFor } from '../../indices/aliases';
import { storedFieldValues } from '../../query/fields-option';
import { filterSource, parseSourceFilter } from '../../query/source-filter';
import type { Store } from '../../storage/store';
import { preconditionFrom } from '../params';
import { ok, reply, route, type RestRequest, type RestResponse } from '../router';

function opType(req: RestRequest): 'index' | 'create' {
  const t = req.query.op_type ?? 'index';
  if (t !== 'index' && t !== 'create') throw illegalArgument(`opType must be 'create' or 'index', found: [${t}]`);
  return t;
}

function write(req: RestRequest, store: Store, id: string | undefined, forceCreate: boolean): RestResponse {
  if (req.rawBody.trim() === '') throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: source is missing;');
  const outcome = indexDocument(store, {
    index: req.params.index, id, source: req.rawBody, opType: forceCreate ? 'create' : opType(req), ...preconditionFrom(req.query),
  });
  return reply(outcome.status, refreshFlag(req, outcome.body));
}

/** Adds `forced_refresh: true` for `refresh=true`, as Elasticsearch does. */
export const refreshFlag = (req: RestRequest, body: Record<string, unknown>) =>
  req.query.refresh === 'true' || req.query.refresh === '' ? { ...body, forced_refresh: true } : body;

/** The document a single-document read names; an alias must point to exactly one index. */
function get(req: RestRequest, store: Store) {
  return store.getDocument(singleIndexFor(store, req.params.index), req.params.id);
}

/** How a read shows a document: `_source` and its filters, `stored_fields` (as their query-string parameters). */
export interface ReadOptions { _source?: unknown; _source_includes?: string; _source_excludes?: string; stored_fields?: string }

/** A get's answer for `id` in the (resolved) `index`: found with its version numbers and source, or not found. */
export function documentAnswer(store: Store, index: string, id: string, options: ReadOptions): Record<string, unknown> {
  const doc = store.getDocument(index, id);
  const base = { _index: index, _id: id };
  if (!doc) return { ...base, found: false };
  const parsed = JSON.parse(doc.source) as Record<string, unknown>;
  // Asking for stored fields turns `_source` off unless it is asked for too, as in Elasticsearch.
  const storedOnly = options.stored_fields !== undefined && options._source === undefined
    && options._source_includes === undefined && options._source_excludes === undefined;
  const filter = storedOnly ? false : parseSourceFilter(options._source, options._source_includes, options._source_excludes);
  const source = filterSource(parsed, filter);
  const fields = options.stored_fields === undefined ? undefined
    : storedFieldValues(parsed, store.getIndex(index)?.mappings.properties, options.stored_fields);
  return { ...base, _version: doc.version, _seq_no: doc.seqNo, _primary_term: doc.primaryTerm, found: true,
    ...(source !== undefined ? { _source: source } : {}), ...(fields ? { fields } : {}) };
}

/** Single-document APIs: index (`_doc`, `_create`), get, exists, `_source` and delete. */
export default [
  ...route('PUT|POST', '/:index/_doc/:id', (req, { store }) => write(req, store, req.params.id, false)),
  ...route('POST', '/:index/_doc', (req, { store }) => write(req, store, undefined, false)),
  ...route('PUT|POST', '/:index/_create/:id', (req, { store }) => write(req, store, req.params.id, true)),
  ...route('GET', '/:index/_doc/:id', (req, { store }) => {
    const answer = documentAnswer(store, singleIndexFor(store, req.params.index), req.params.id, req.query);
    return reply(answer.found ? 200 : 404, answer);
  }),
  ...route('HEAD', '/:index/_doc/:id', (req, { store }) => reply(get(req, store) ? 200 : 404, undefined)),
  ...route('GET', '/:index/_source/:id', (req, { store }) => {
    const doc = get(req, store);
    if (!doc) throw new EsError(404, 'resource_not_found_exception', `Document not found [${req.params.index}]/[${req.params.id}]`);
    return ok(JSON.parse(doc.source));
  }),
  ...route('DELETE', '/:index/_doc/:id', (req, { store }) => {
    const outcome = deleteDocument(store, { index: req.params.index, id: req.params.id, ...preconditionFrom(req.query) });
    return reply(outcome.status, refreshFlag(req, outcome.body));
  }),
];
