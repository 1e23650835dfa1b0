/**
 * §11 data functions and ESQL_QUERY (§10.7). They reach the store through `ctx.client`, write
 * with `refresh: 'wait_for'`, and refuse writes to the system indices.
 */
import { fail } from '../errors';
import { storeErrorInfo, translateStoreError } from '../store-errors';
import { jsonToValue, valueToJson, type DocumentValue, type Json, type Value } from '../values';
import { builtin, param, type BuiltinCtx } from './catalog';

const SYSTEM = new Set(['.escript_executions', '.escript_procedures']);
function writable(fn: string, index: string): void {
  if (SYSTEM.has(index)) throw fail.protectedIndex(fn, index);
}
const doc = (entries: [string, Value][]): DocumentValue => new Map(entries);
function result(index: string, id: string, r: string): DocumentValue {
  return doc([['index', index], ['id', id], ['result', r]]);
}
type Src = Record<string, Json>;
const abortOpts = (c: BuiltinCtx) => (c.signal ? { signal: c.signal } : {});

/** The data built-ins. */
export const DATA_BUILTINS = [
  builtin({
    name: 'INDEX_DOCUMENT', params: [param('index', 'STRING'), param('doc', 'DOCUMENT'), param('id', 'STRING', { optional: true })],
    returns: 'DOCUMENT', async: true, nullRaises: true, doc: 'Creates or replaces a document; `result` is created or updated.',
    impl: async (c, index: string, d: DocumentValue, id?: string) => {
      writable('INDEX_DOCUMENT', index);
      try {
        const r = await c.client.index({ index, id, document: valueToJson(d), refresh: 'wait_for' }, abortOpts(c));
        return result(r._index, r._id, r.result);
      } catch (e) { throw translateStoreError(e, false); }
    },
  }),
  builtin({
    name: 'GET_DOCUMENT', params: [param('index', 'STRING'), param('id', 'STRING')], returns: 'DOCUMENT', async: true, nullRaises: true,
    doc: "The document's source, or NULL if the document or the index does not exist.",
    impl: async (c, index: string, id: string) => {
      try {
        const r = await c.client.get<Src>({ index, id }, abortOpts(c));
        return r.found ? jsonToValue(r._source ?? {}) : null;
      } catch (e) {
        if (storeErrorInfo(e)?.status === 404) return null;
        throw translateStoreError(e, false);
      }
    },
  }),
  builtin({
    name: 'UPDATE_DOCUMENT', params: [param('index', 'STRING'), param('id', 'STRING'), param('partial', 'DOCUMENT')],
    returns: 'DOCUMENT', async: true, nullRaises: true, doc: 'Merges `partial` into the document recursively; `result` is updated or noop.',
    impl: async (c, index: string, id: string, partial: DocumentValue) => {
      writable('UPDATE_DOCUMENT', index);
      try {
        const r = await c.client.update({ index, id, doc: valueToJson(partial) as Src, refresh: 'wait_for' }, abortOpts(c));
        return result(r._index, r._id, r.result);
      } catch (e) {
        if (storeErrorInfo(e)?.status === 404) throw fail.documentNotFound(id, index);
        throw translateStoreError(e, false);
      }
    },
  }),
  builtin({
    name: 'DELETE_DOCUMENT', params: [param('index', 'STRING'), param('id', 'STRING')], returns: 'DOCUMENT', async: true, nullRaises: true,
    doc: '`result` is deleted, or not_found when there was nothing to delete.',
    impl: async (c, index: string, id: string) => {
      writable('DELETE_DOCUMENT', index);
      try {
        const r = await c.client.delete({ index, id, refresh: 'wait_for' }, abortOpts(c));
        return result(r._index, r._id, r.result);
      } catch (e) {
        if (storeErrorInfo(e)?.status === 404) return result(index, id, 'not_found');
        throw translateStoreError(e, false);
      }
    },
  }),
  builtin({
    name: 'INDEX_BULK', params: [param('index', 'STRING'), param('docs', 'ARRAY')], returns: 'DOCUMENT', async: true, nullRaises: true,
    doc: 'Indexes every document with generated ids; a failing item raises BULK_FAILURE (no rollback).',
    impl: async (c, index: string, docs: Value[]) => {
      writable('INDEX_BULK', index);
      docs.forEach((d) => { if (!(d instanceof Map)) throw fail.builtinArgType('INDEX_BULK', 2, 'ARRAY OF DOCUMENT', docs); });
      if (docs.length === 0) return doc([['index', index], ['count', 0]]);
      try {
        const operations: Json[] = [];
        for (const d of docs) operations.push({ index: { _index: index } }, valueToJson(d));
        const r = await c.client.bulk({ operations: operations as object[], refresh: 'wait_for' }, abortOpts(c));
        if (r.errors) {
          const failed = r.items.filter((it) => Object.values(it)[0]?.error);
          const first = Object.values(failed[0])[0]?.error;
          throw fail.bulkFailure(failed.length, docs.length, first?.reason ?? first?.type ?? 'unknown');
        }
        return doc([['index', index], ['count', docs.length]]);
      } catch (e) { throw translateStoreError(e, false); }
    },
  }),
  builtin({
    name: 'REFRESH_INDEX', params: [param('index', 'STRING')], returns: 'BOOLEAN', async: true, nullRaises: true, doc: 'Refreshes the index.',
    impl: async (c, index: string) => {
      try {
        await c.client.indices.refresh({ index }, abortOpts(c));
        return true;
      } catch (e) {
        if (storeErrorInfo(e)?.status === 404) throw fail.indexNotFound(index);
        throw translateStoreError(e, false);
      }
    },
  }),
  builtin({
    name: 'SEARCH', params: [param('index', 'STRING'), param('body', 'DOCUMENT'), param('size', 'INT', { optional: true })],
    returns: 'ARRAY', async: true, nullRaises: true, doc: 'Runs a search request body; hits as {_index, _id, _score, _source}.',
    impl: async (c, index: string, body: DocumentValue, size?: number) => {
      const req = valueToJson(body) as Src;
      if (size !== undefined) req.size = size;
      try {
        const r = await c.client.search<Src>({ index, ...req }, abortOpts(c));
        return r.hits.hits.map((h) => doc([
          ['_index', h._index], ['_id', h._id ?? null], ['_score', h._score ?? null], ['_source', jsonToValue(h._source ?? {})],
        ]));
      } catch (e) {
        const info = storeErrorInfo(e);
        if (info?.type === 'index_not_found_exception') throw fail.indexNotFound(index);
        throw translateStoreError(e, false);
      }
    },
  }),
  builtin({
    name: 'ESQL_QUERY', params: [param('query', 'STRING'), param('params', 'DOCUMENT', { optional: true })], returns: 'ARRAY',
    async: true, nullRaises: true, doc: 'Runs an ES|QL query built at run time (§10.7); `params` take precedence over variables.',
    examples: [["ESQL_QUERY('ROW x = ?v', {\"v\": 5})", '[{"x":5}]']],
    impl: (c, query: string, params?: DocumentValue) => c.esql(query, Object.fromEntries(params ?? []), true),
  }),
];
