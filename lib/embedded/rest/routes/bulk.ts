import { deleteDocument, indexDocument, updateDocument, type UpdateBody, type WriteOutcome } from '../../documents/write';
import { EsError, illegalArgument } from '../../errors';
import { isAlias } from '../../indices/aliases';
import type { Store } from '../../storage/store';
import { route, ok, type RestRequest } from '../router';

const ACTIONS = new Set(['index', 'create', 'update', 'delete']);

interface BulkItem {
  action: string;
  meta: Record<string, unknown>;
  source?: string;
}

/** The JSON token Elasticsearch's parser names for a value, in its messages. */
function tokenOf(value: unknown): string {
  if (value === null) return 'VALUE_NULL';
  if (Array.isArray(value)) return 'START_ARRAY';
  switch (typeof value) {
    case 'object': return 'START_OBJECT';
    case 'string': return 'VALUE_STRING';
    case 'number': return 'VALUE_NUMBER';
    default: return 'VALUE_BOOLEAN';
  }
}

/** An action's metadata object, whose fields must be simple values; throws 400 as Elasticsearch words it. */
function actionMetadata(value: unknown, line: number): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw illegalArgument(`Malformed action/metadata line [${line}], expected START_OBJECT but found [${tokenOf(value)}]`);
  }
  for (const [field, v] of Object.entries(value)) {
    if (v !== null && typeof v === 'object') {
      throw illegalArgument(`Malformed action/metadata line [${line}], expected a simple value for field [${field}] but found [${tokenOf(v)}]`);
    }
  }
  return value as Record<string, unknown>;
}

/** Splits the NDJSON body into action/source pairs; throws 400 for a malformed action line. */
export function parseBulk(raw: string): BulkItem[] {
  // Lines by index scanning: split() and trim() made two arrays and a string per line of a large load.
  const lines: string[] = [];
  for (let start = 0; start < raw.length;) {
    let end = raw.indexOf('\n', start);
    if (end < 0) end = raw.length;
    let from = start, to = end;
    while (from < to && raw.charCodeAt(from) <= 32) from++;
    while (to > from && raw.charCodeAt(to - 1) <= 32) to--;
    if (to > from) lines.push(raw.slice(from, to));
    start = end + 1;
  }
  const items: BulkItem[] = [];
  // Loads repeat one action line (`{"index":{}}`): parsed once, its metadata is shared, and only read.
  let lastHeaderText = '';
  let lastHeader: unknown;
  for (let i = 0; i < lines.length; i++) {
    let header: unknown;
    try { header = lines[i] === lastHeaderText ? lastHeader : JSON.parse(lines[i]); } catch {
      throw new EsError(400, 'x_content_parse_exception', `[${i + 1}:1] Malformed action/metadata line [${i + 1}]`);
    }
    lastHeaderText = lines[i];
    lastHeader = header;
    const keys = header && typeof header === 'object' ? Object.keys(header) : [];
    if (keys.length === 0) throw illegalArgument(`Malformed action/metadata line [${i + 1}], expected FIELD_NAME but found [END_OBJECT]`);
    if (keys.length !== 1 || !ACTIONS.has(keys[0])) {
      throw illegalArgument(`Malformed action/metadata line [${i + 1}], expected one of [create, delete, index, update] but found [${keys[0] ?? ''}]`);
    }
    const meta = actionMetadata((header as Record<string, unknown>)[keys[0]], i + 1);
    // `index` with `op_type: create` is a create, and is reported under that name.
    const action = keys[0] === 'index' && meta.op_type === 'create' ? 'create' : keys[0];
    if (action === 'delete') { items.push({ action, meta }); continue; }
    if (i + 1 >= lines.length) throw illegalArgument(`The bulk request must be terminated by a newline [\\n]`);
    items.push({ action, meta, source: lines[++i] });
  }
  return items;
}

const num = (v: unknown) => (v === undefined || v === null ? undefined : Number(v));

function runItem(store: Store, item: BulkItem, defaultIndex: string | undefined, requireAlias: boolean): WriteOutcome {
  // a simple value of another type names an index as its text does (`"_index": 1` is index "1")
  const index = item.meta._index === undefined || item.meta._index === null ? defaultIndex : String(item.meta._index);
  const id = item.meta._id === undefined || item.meta._id === null ? undefined : String(item.meta._id);
  if (!index) throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: index is missing;');
  // An item's own `require_alias` overrides the request's.
  const mustBeAlias = typeof item.meta.require_alias === 'boolean' ? item.meta.require_alias : requireAlias;
  if (mustBeAlias && !isAlias(store, index)) {
    throw new EsError(404, 'index_not_found_exception', `no such index [${index}] and [require_alias] request flag is [true] and [${index}] is not an alias`,
      { 'resource.type': 'index_expression', 'resource.id': index, index_uuid: '_na_', index });
  }
  const ifSeqNo = num(item.meta.if_seq_no);
  const ifPrimaryTerm = num(item.meta.if_primary_term);
  switch (item.action) {
    case 'index': case 'create':
      return indexDocument(store, { index, id, source: item.source!, opType: item.action === 'create' || item.meta.op_type === 'create' ? 'create' : 'index', ifSeqNo, ifPrimaryTerm });
    case 'update': {
      if (id === undefined) throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: id is missing;');
      let body: UpdateBody;
      try { body = JSON.parse(item.source!) as UpdateBody; } catch { throw new EsError(400, 'x_content_parse_exception', 'Malformed update body'); }
      return updateDocument(store, { index, id, body, ifSeqNo, ifPrimaryTerm });
    }
    default:
      if (id === undefined) throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: id is missing;');
      return deleteDocument(store, { index, id, ifSeqNo, ifPrimaryTerm });
  }
}

/** An item of the answer: `{<action>: body}`, built as a literal (a computed key made a slower object per item). */
function itemAnswer(action: string, body: object): object {
  switch (action) {
    case 'index': return { index: body };
    case 'create': return { create: body };
    case 'update': return { update: body };
    default: return { delete: body };
  }
}

/** `POST /_bulk` and `POST /<index>/_bulk`: index/create/update/delete items in one transaction; item failures are reported per item. */
function bulk(req: RestRequest, store: Store) {
  const started = Date.now();
  const items = parseBulk(req.rawBody);
  if (items.length === 0) throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: no requests added;');
  let errors = false;
  const requireAlias = req.query.require_alias === 'true';
  const results = store.transaction(() => items.map((item) => {
    try {
      const outcome = runItem(store, item, req.params.index, requireAlias);
      // the body is this item's own object: adding the status in place spares a copy per item
      outcome.body.status = outcome.status;
      return itemAnswer(item.action, outcome.body);
    } catch (e) {
      if (!(e instanceof EsError)) throw e;
      errors = true;
      const index = (item.meta._index as string | undefined) ?? req.params.index;
      return itemAnswer(item.action, { _index: index, _id: item.meta._id ?? null, status: e.status, error: { type: e.type, reason: e.reason, ...e.extra } });
    }
  }));
  return ok({ errors, took: Date.now() - started, items: results });
}

export default [
  ...route('POST|PUT', '/_bulk', (req, { store }) => bulk(req, store)),
  ...route('POST|PUT', '/:index/_bulk', (req, { store }) => bulk(req, store)),
];
