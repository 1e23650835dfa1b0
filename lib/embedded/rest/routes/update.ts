import { updateDocument, type UpdateBody } from '../../documents/write';
import { filterSource, parseSourceFilter } from '../../query/source-filter';
import { preconditionFrom } from '../params';
import { reply, route } from '../router';
import { refreshFlag } from './documents';

/** `POST /<index>/_update/<id>`: partial update with `doc`, `upsert`, `doc_as_upsert` and `_source` in the answer. */
export default [
  ...route('POST', '/:index/_update/:id', (req, { store }) => {
    const body = (req.json() ?? {}) as UpdateBody & { _source?: unknown };
    const outcome = updateDocument(store, { index: req.params.index, id: req.params.id, body, ...preconditionFrom(req.query) });
    const wantsSource = body._source !== undefined || req.query._source !== undefined
      || req.query._source_includes !== undefined || req.query._source_excludes !== undefined;
    const filter = parseSourceFilter(body._source ?? req.query._source, req.query._source_includes, req.query._source_excludes);
    if (wantsSource && filter !== false) {
      const doc = store.getDocument(String(outcome.body._index), req.params.id);
      if (doc) outcome.body.get = { _seq_no: doc.seqNo, _primary_term: doc.primaryTerm, found: true, _source: filterSource(JSON.parse(doc.source), filter) };
    }
    return reply(outcome.status, refreshFlag(req, outcome.body));
  }),
];
