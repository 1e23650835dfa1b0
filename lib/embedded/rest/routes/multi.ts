/**
 * Several reads in one request: `_mget` (documents by index and id) and `_msearch` (NDJSON pairs of a header
 * and a search body). Each item answers as its own API would, and an item's failure is that item's answer
 * (`error` and `status`), never the request's.
 */
import { EsError, parsingError } from '../../errors';
import { singleIndexFor } from '../../indices/aliases';
import type { Store } from '../../storage/store';
import { RawJson, okText } from '../json-text';
import { route, type RestRequest } from '../router';
import { documentAnswer, type ReadOptions } from './documents';
import { search } from './search';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The error body of a failed item (`{root_cause, type, reason, …}`), as Elasticsearch nests it. */
function itemError(e: unknown): { error: unknown; status: number } {
  if (e instanceof EsError) return e.toBody();
  throw e;
}

/** One `_mget` item: its index (the URL's by default) and id, and how to show the document. */
interface MgetItem { index?: string; id?: string; options: ReadOptions }

function mgetItems(req: RestRequest): MgetItem[] {
  const body = req.json();
  if (!isObject(body)) throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: no documents to get;');
  const urlOptions: ReadOptions = {
    _source: req.query._source, _source_includes: req.query._source_includes, _source_excludes: req.query._source_excludes, stored_fields: req.query.stored_fields,
  };
  if (body.ids !== undefined) {
    if (!Array.isArray(body.ids)) throw parsingError('[mget] ids must be an array');
    return body.ids.map((id) => ({ index: req.params.index, id: String(id), options: urlOptions }));
  }
  if (body.docs !== undefined && !Array.isArray(body.docs)) throw parsingError('[mget] docs must be an array');
  return ((body.docs ?? []) as unknown[]).map((d) => {
    const doc = isObject(d) ? d : {};
    const own = doc._source !== undefined || doc.stored_fields !== undefined;
    const storedFields = Array.isArray(doc.stored_fields) ? doc.stored_fields.join(',') : doc.stored_fields as string | undefined;
    return {
      index: typeof doc._index === 'string' ? doc._index : req.params.index,
      id: doc._id === undefined || doc._id === null ? undefined : String(doc._id),
      options: own ? { _source: doc._source, stored_fields: storedFields } : urlOptions,
    };
  });
}

/** `_mget`: every item checked first (a missing index or id fails the whole request, as in Elasticsearch). */
function mget(req: RestRequest, store: Store) {
  const items = mgetItems(req);
  const problems = items.flatMap((item, i) => [
    ...(item.index === undefined ? [`index is missing for doc ${i}`] : []),
    ...(item.id === undefined ? [`id is missing for doc ${i}`] : []),
  ]);
  if (items.length === 0) problems.push('no documents to get');
  if (problems.length > 0) {
    throw new EsError(400, 'action_request_validation_exception', `Validation Failed: ${problems.map((p, i) => `${i + 1}: ${p};`).join('')}`);
  }
  return store.readScope(() => okText({
    docs: items.map(({ index, id, options }) => {
      try {
        return documentAnswer(store, singleIndexFor(store, index!), id!, options);
      } catch (e) {
        return { _index: index, _id: id, error: itemError(e).error };
      }
    }),
  }));
}

/** Header keys of an `_msearch` item that are search parameters. */
const HEADER_PARAMS = ['expand_wildcards', 'ignore_unavailable', 'allow_no_indices', 'ignore_throttled'];

/** `_msearch`: each pair runs as `_search` would; the answers come in order, each with its `status`. */
function msearch(req: RestRequest, store: Store) {
  const text = req.rawBody;
  if (text.length > 0 && !text.endsWith('\n')) throw new EsError(400, 'illegal_argument_exception', 'The msearch request must be terminated by a newline [\n]');
  const lines = text.split('\n');
  lines.pop();
  const parse = (line: string, at: number): Record<string, unknown> => {
    if (line.trim() === '') return {};
    try {
      const value: unknown = JSON.parse(line);
      if (isObject(value)) return value;
    } catch { /* reported below */ }
    throw parsingError(`[msearch] line ${at + 1}: expected a JSON object`);
  };
  const started = Date.now();
  const responses: unknown[] = [];
  for (let i = 0; i < lines.length; i += 2) {
    const header = parse(lines[i], i);
    if (i + 1 >= lines.length) throw new EsError(400, 'illegal_argument_exception', `[msearch] the header on line ${i + 1} has no search body after it`);
    const body = parse(lines[i + 1], i + 1);
    const target = Array.isArray(header.index) ? header.index.join(',') : typeof header.index === 'string' ? header.index : req.params.index;
    // an item is a plain search: a scroll is not something `_msearch` opens
    const { scroll: _scroll, ...query } = req.query;
    for (const key of HEADER_PARAMS) if (header[key] !== undefined) query[key] = String(header[key]);
    const item: RestRequest = { ...req, params: target === undefined ? {} : { index: target }, query, rawBody: lines[i + 1], json: () => body };
    try {
      const answer = search(item, store);
      // the search's JSON text, with the item's status after its fields
      responses.push(new RawJson(`${answer.text!.slice(0, -1)},"status":200}`));
    } catch (e) {
      responses.push(itemError(e));
    }
  }
  return okText({ took: Date.now() - started, responses });
}

/** `_mget` and `_msearch`, with or without a default index in the URL. */
export default [
  ...route('GET|POST', '/_mget', (req, { store }) => mget(req, store)),
  ...route('GET|POST', '/:index/_mget', (req, { store }) => mget(req, store)),
  ...route('GET|POST', '/_msearch', (req, { store }) => msearch(req, store)),
  ...route('GET|POST', '/:index/_msearch', (req, { store }) => msearch(req, store)),
];
