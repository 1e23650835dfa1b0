import { randomBytes } from 'node:crypto';
import { duplicateKey } from './duplicate-keys';
import { compileUpdateScript } from './update-script';
import { EsError, illegalArgument, indexNotFound, versionConflict } from '../errors';
import { writeIndexFor } from '../indices/aliases';
import { ensureIndex } from '../indices/lifecycle';
import { applyDynamicMapping } from '../mapping/dynamic';
import { PRIMARY_TERM, type Store } from '../storage/store';
import type { DocumentVersion, IndexRecord, StoredDocument } from '../storage/types';

/** A write's answer: the HTTP status and Elasticsearch's write-response body. */
export interface WriteOutcome {
  status: number;
  body: Record<string, unknown>;
}

/** Optimistic concurrency condition (`if_seq_no` + `if_primary_term`). */
export interface Precondition {
  ifSeqNo?: number;
  ifPrimaryTerm?: number;
}

// Random characters are drawn in blocks, already encoded: one randomBytes call (or one encoding) per
// generated id was a visible part of bulk indexing time.
let randomChars = '';
let randomOffset = 0;
// The encoded time changes once a millisecond.
let prefixMs = -1;
let prefix = '';
const timeBytes = Buffer.alloc(6);

/**
 * A 20-character base64url id that sorts roughly by creation time, like Elasticsearch's generated ids:
 * the base64url of 15 bytes, 6 of milliseconds (8 characters) and 9 random ones (12 characters).
 */
export function generateId(): string {
  const now = Date.now();
  if (now !== prefixMs) {
    timeBytes.writeUIntBE(now % 2 ** 48, 0, 6);
    prefix = timeBytes.toString('base64url');
    prefixMs = now;
  }
  if (randomOffset + 12 > randomChars.length) { randomChars = randomBytes(9 * 512).toString('base64url'); randomOffset = 0; }
  const id = prefix + randomChars.slice(randomOffset, randomOffset + 12);
  randomOffset += 12;
  return id;
}

/**
 * The `_shards` of a write answer. One object per settings record (records are cached and frozen), shared by
 * the answers that use it, which are only serialised: a bulk load made one per document.
 */
const shardsBySettings = new WeakMap<object, { total: number; successful: number; failed: number }>();
function shards(index: IndexRecord): { total: number; successful: number; failed: number } {
  let found = shardsBySettings.get(index.settings);
  if (!found) {
    found = Object.freeze({ total: 1 + Number(index.settings['index.number_of_replicas'] ?? 0), successful: 1, failed: 0 });
    shardsBySettings.set(index.settings, found);
  }
  return found;
}

/** Parses a `_source` text; throws 400 unless it is a JSON object without a key repeated in one object. */
export function parseSource(text: string): Record<string, unknown> {
  let value: unknown;
  try { value = JSON.parse(text); } catch (e) {
    throw new EsError(400, 'document_parsing_exception', `[1:1] failed to parse: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new EsError(400, 'document_parsing_exception', '[1:1] failed to parse: the document must be a JSON object');
  }
  const duplicate = duplicateKey(text, value);
  if (duplicate) {
    throw new EsError(400, 'document_parsing_exception', `[${duplicate.line}:${duplicate.column}] failed to parse: Duplicate field '${duplicate.key}'`);
  }
  return value as Record<string, unknown>;
}

function checkPrecondition(index: string, id: string, current: DocumentVersion | undefined, p: Precondition): void {
  if (p.ifSeqNo === undefined && p.ifPrimaryTerm === undefined) return;
  if (p.ifSeqNo === undefined || p.ifPrimaryTerm === undefined) {
    throw illegalArgument('if_seq_no and if_primary_term must be set together');
  }
  if (!current) {
    throw versionConflict(index, id, `required seqNo [${p.ifSeqNo}], primary term [${p.ifPrimaryTerm}] but no document was found`);
  }
  if (current.seqNo !== p.ifSeqNo || current.primaryTerm !== p.ifPrimaryTerm) {
    throw versionConflict(index, id, `required seqNo [${p.ifSeqNo}], primary term [${p.ifPrimaryTerm}]. current document has seqNo [${current.seqNo}] and primary term [${current.primaryTerm}]`);
  }
}

/** Stores a parsed document under the index's mapping rules; the caller holds the write transaction. */
function store(st: Store, index: IndexRecord, id: string, text: string, source: Record<string, unknown>, previous?: DocumentVersion): StoredDocument {
  const mapped = applyDynamicMapping(index.mappings, source, id);
  if (mapped.changed) st.putMappings(index.name, mapped.mappings);
  const doc: StoredDocument = {
    index: index.name, id, source: text, seqNo: st.nextSeqNo(index.name), primaryTerm: PRIMARY_TERM,
    version: previous ? previous.version + 1 : 1,
  };
  // no previous version: the caller found none in this transaction, or generated the id
  st.putDocument(doc, source, previous === undefined);
  return doc;
}

const writeBody = (index: IndexRecord, doc: StoredDocument, result: string) => ({
  _index: index.name, _id: doc.id, _version: doc.version, result, _shards: shards(index),
  _seq_no: doc.seqNo, _primary_term: doc.primaryTerm,
});

/** What `indexDocument` writes. `source` is the exact JSON text kept as `_source`. */
export interface IndexRequest extends Precondition {
  index: string;
  id?: string;
  source: string;
  opType?: 'index' | 'create';
}

/**
 * `PUT /<index>/_doc/<id>`, `POST /<index>/_doc`, `_create`: creates or replaces a document, auto-creating the
 * index (with templates) and mapping new fields. 201 `created` / 200 `updated`; 409 on `op_type=create`
 * over an existing document or a failed `if_seq_no`/`if_primary_term` check.
 */
export function indexDocument(st: Store, req: IndexRequest): WriteOutcome {
  const source = parseSource(req.source);
  if (req.id !== undefined && (req.id === '' || Buffer.byteLength(req.id) > 512)) {
    throw illegalArgument(req.id === '' ? 'if _id is specified it must not be empty' : `id [${req.id}] is too long, must be no longer than 512 bytes`);
  }
  const id = req.id ?? generateId();
  return writeStep(st, req.index, () => indexParsed(st, req, id, source));
}

/** `indexDocument` once the source is parsed and the id known; the caller holds the write transaction. */
function indexParsed(st: Store, req: IndexRequest, id: string, source: Record<string, unknown>): WriteOutcome {
  const index = ensureIndex(st, writeIndexFor(st, req.index));
  // a generated id is new (as in Elasticsearch, which skips the version lookup for them)
  const current = req.id === undefined ? undefined : st.getDocumentVersion(index.name, id);
  if (req.opType === 'create' && current) {
    throw versionConflict(index.name, id, `document already exists (current version [${current.version}])`);
  }
  checkPrecondition(index.name, id, current, req);
  const doc = store(st, index, id, req.source, source, current);
  return current ? { status: 200, body: writeBody(index, doc, 'updated') } : { status: 201, body: writeBody(index, doc, 'created') };
}

/**
 * Runs a document write in the store: its checks all come before its writes (`Store.checkedWrite`), except
 * when the target is not an existing index: auto-creating one writes before the document's checks, which
 * may still fail, so that step gets its own savepoint.
 */
function writeStep<T>(st: Store, target: string, write: () => T): T {
  return st.indexExists(target) ? st.checkedWrite(write) : st.transaction(write);
}

/** `DELETE /<index>/_doc/<id>`: 200 `deleted`, 404 `not_found` (a body, not an error), 404 error for a missing index. */
export function deleteDocument(st: Store, req: { index: string; id: string } & Precondition): WriteOutcome {
  return st.checkedWrite(() => {
    const index = st.getIndex(writeIndexFor(st, req.index));
    if (!index) throw indexNotFound(req.index);
    const current = st.getDocumentVersion(index.name, req.id);
    checkPrecondition(index.name, req.id, current, req);
    const seqNo = st.nextSeqNo(index.name);
    const body = (version: number, result: string) => ({
      _index: index.name, _id: req.id, _version: version, result, _shards: shards(index), _seq_no: seqNo, _primary_term: PRIMARY_TERM,
    });
    if (!current) return { status: 404, body: body(1, 'not_found') };
    st.deleteDocument(index.name, req.id);
    return { status: 200, body: body(current.version + 1, 'deleted') };
  });
}

/** The body of `POST /<index>/_update/<id>` that this engine supports. */
export interface UpdateBody {
  doc?: Record<string, unknown>;
  upsert?: Record<string, unknown>;
  doc_as_upsert?: boolean;
  detect_noop?: boolean;
  script?: unknown;
  scripted_upsert?: boolean;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Recursive merge of `partial` into `target` (objects merge, everything else replaces), keeping key order. */
export function deepMerge(target: Record<string, unknown>, partial: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...target };
  for (const [k, v] of Object.entries(partial)) {
    out[k] = isPlainObject(v) && isPlainObject(out[k]) ? deepMerge(out[k] as Record<string, unknown>, v) : v;
  }
  return out;
}

/**
 * `POST /<index>/_update/<id>`: recursive merge of `doc` (200 `updated`, or `noop` when nothing changes);
 * a missing document is created from `upsert` or, with `doc_as_upsert`, from `doc` (201 `created`), else
 * 404 `document_missing_exception`. A `script` may use the statements of documents/update-script.ts: it
 * runs on the stored document (`ctx.op` may make the update a noop or a delete), and on a missing one only
 * with `scripted_upsert` (on `upsert`), otherwise `upsert` is created as it is.
 */
export function updateDocument(st: Store, req: { index: string; id: string; body: UpdateBody } & Precondition): WriteOutcome {
  const { body } = req;
  checkUpdateKeys(body);
  if (body.script !== undefined && body.doc !== undefined) {
    throw new EsError(400, 'action_request_validation_exception', "Validation Failed: 1: can't provide both script and doc;");
  }
  const script = body.script === undefined ? undefined : compileUpdateScript(body.script);
  if (body.doc !== undefined && !isPlainObject(body.doc)) throw illegalArgument('[doc] must be an object');
  if (body.upsert !== undefined && !isPlainObject(body.upsert)) throw illegalArgument('[upsert] must be an object');
  if (!script && body.doc === undefined && body.upsert === undefined) {
    throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: script or doc is missing;');
  }
  return writeStep(st, req.index, () => {
    const target = writeIndexFor(st, req.index);
    const existingIndex = st.getIndex(target);
    const current = existingIndex && st.getDocument(existingIndex.name, req.id);
    if (!current) {
      const upsert = body.doc_as_upsert ? body.doc : body.upsert;
      if (!upsert || req.ifSeqNo !== undefined) {
        if (req.ifSeqNo !== undefined && existingIndex) checkPrecondition(target, req.id, undefined, req);
        if (!existingIndex && !upsert) throw indexNotFound(target);
        throw new EsError(404, 'document_missing_exception', `[${req.id}]: document missing`,
          { index_uuid: existingIndex?.settings['index.uuid'] ?? '_na_', shard: '0', index: target });
      }
      const index = existingIndex ?? ensureIndex(st, target);
      let created = upsert;
      if (script && body.scripted_upsert === true) {
        const outcome = script.run(upsert);
        if (outcome.op !== 'index') return { status: 200, body: { _index: index.name, _id: req.id, _version: 0, result: 'noop', _shards: { total: 0, successful: 0, failed: 0 } } };
        created = outcome.source;
      }
      const text = JSON.stringify(created);
      return { status: 201, body: writeBody(index, store(st, index, req.id, text, created), 'created') };
    }
    const index = existingIndex!;
    checkPrecondition(index.name, req.id, current, req);
    const before = JSON.parse(current.source) as Record<string, unknown>;
    if (script) {
      const outcome = script.run(before);
      if (outcome.op === 'noop') return { status: 200, body: { ...writeBody(index, current, 'noop'), _shards: { total: 0, successful: 0, failed: 0 } } };
      if (outcome.op === 'delete') return deleteDocument(st, { index: index.name, id: req.id });
      return { status: 200, body: writeBody(index, store(st, index, req.id, JSON.stringify(outcome.source), outcome.source, current), 'updated') };
    }
    const merged = deepMerge(before, body.doc ?? {});
    const text = JSON.stringify(merged);
    if (body.detect_noop !== false && text === JSON.stringify(before)) {
      return { status: 200, body: { ...writeBody(index, current, 'noop'), _shards: { total: 0, successful: 0, failed: 0 } } };
    }
    return { status: 200, body: writeBody(index, store(st, index, req.id, text, merged, current), 'updated') };
  });
}

const UPDATE_KEYS = ['doc', 'upsert', 'doc_as_upsert', 'detect_noop', 'script', 'scripted_upsert', '_source', 'lang', 'params'];

/** Rejects unknown update-body keys the way Elasticsearch does, with a "did you mean" for near misses. */
function checkUpdateKeys(body: object): void {
  for (const key of Object.keys(body)) {
    if (UPDATE_KEYS.includes(key)) continue;
    const near = UPDATE_KEYS.find((k) => editDistance(k, key) <= 2 && Math.abs(k.length - key.length) <= 2);
    throw new EsError(400, 'x_content_parse_exception', `[1:2] [UpdateRequest] unknown field [${key}]${near ? ` did you mean [${near}]?` : ''}`);
  }
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]; row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}
