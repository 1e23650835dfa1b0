/**
 * Reads served by the expression indexes of field-indexes.ts: the documents that may satisfy conditions on
 * tracked fields, optionally only the first `limit` by an order, and counts grouped by a field.
 *
 * Each read names the index it wants, which the store makes the first time (field-indexes.ts): an equality
 * condition's field, followed by the order's or the grouped field when there is one, so SQLite reads only
 * the matches, already in order, or counts them from the index alone (`WHERE level == "ERROR" | STATS
 * COUNT(*) BY service`); with no equality, the order's or grouped field's own index. An ordered read adds
 * the other conditions' fields, to test them on the entries it walks past (`WHERE service == "api" AND
 * bytes > 500 | SORT @timestamp …` walks `(service, @timestamp, bytes)`).
 *
 * Every answer is exact for documents whose values are plain, and hands over every document with an
 * irregular value in the fields involved as well, unfiltered: callers evaluate those (and may re-evaluate
 * all) with the general code, so results never depend on where SQLite and the engine would disagree.
 */
import type Database from 'better-sqlite3';
import type { ComparisonOp, FieldCondition, FieldOrder, GroupCounts, IndexedReads, OrderedSourcesRequest, ScanRequest, ScannedDocument } from '../esql/catalog';
import type { CachedDocument, DocumentCache } from './document-cache';
import { fieldExpr, indexScope, sqlString, type IndexedKind, type TrackedField } from './field-indexes';

export type { FieldCondition, FieldOrder, GroupCounts, ScanRequest, ScannedDocument };

/** Where statements come from: the store's cache of prepared statements (the SQL texts here repeat). */
export interface StatementSource {
  prepare<P extends unknown[], R>(sql: string): Database.Statement<P, R>;
}

/** A scanned document with the rest of its stored row, so that a search need not read it again. */
export interface ScannedRow extends ScannedDocument { seqNo: number; primaryTerm: number; version: number }

/**
 * A scanned row as SQLite gives it: an array (statements run in raw mode; better-sqlite3 builds an array
 * in about half the time of an object with named keys) of the layout's columns, then the key values an
 * ordered read asks for.
 */
type Row = unknown[];

/** The columns a read fetches of each row (each costs its conversion to a JavaScript value), and how many. */
interface Layout { columns: string; width: number }
const LAYOUTS: Record<NonNullable<ScanRequest['read']>, Layout> = {
  row: { columns: 'rowid, source, id, seq_no, primary_term, version', width: 6 },
  sourceAndId: { columns: 'rowid, source, id', width: 3 },
  source: { columns: 'rowid, source', width: 2 },
};

/** A lone surrogate, which SQLite reads as U+FFFD: a string holding one is read by SQLite. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Rows of the version layout from a JSON array of rowids and sequence numbers, in turn (one JSON.parse, no string per item). */
function versionRows(json: string): Row[] {
  const flat = JSON.parse(json) as number[];
  const rows: Row[] = new Array(flat.length / 2);
  for (let i = 0; i < rows.length; i++) rows[i] = [flat[2 * i], flat[2 * i + 1]];
  return rows;
}

/** What a read through the document cache fetches of each row: the rest comes from the cache. */
const VERSION_LAYOUT: Layout = { columns: 'rowid, seq_no', width: 2 };

/** A row of `layout` as a ScannedRow: what the layout leaves out is '' (the id) and 0 (version numbers). */
const toScanned = (r: Row, irregular: boolean, layout: Layout): ScannedRow => {
  const w = layout.width;
  const scanned: ScannedRow = {
    position: r[0] as number, source: r[1] as string, id: w > 2 ? r[2] as string : '',
    seqNo: w > 3 ? r[3] as number : 0, primaryTerm: w > 3 ? r[4] as number : 0, version: w > 3 ? r[5] as number : 0, irregular,
  };
  if (r.length > w) scanned.keys = r.slice(w);
  return scanned;
};

/** What a statement of `request` selects: the layout's columns, then its key values. */
interface Selected { sql: string; layout: Layout }

/** Documents with irregular values, by rowid: most reads have none, and then skip the test on every match. */
type Irregular = ReadonlySet<number>;

const NONE_IRREGULAR: Irregular = new Set();

const SQL_OP: Record<ComparisonOp, string> = { '==': '=', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/**
 * The statement of an ordered read, by request: a request kept across reads (a planned direct answer,
 * esql/index.ts) is built once while its metadata holds, which also means its index exists. The key
 * holds what else the statement depends on.
 */
const orderedStatements = new WeakMap<OrderedSourcesRequest, { key: string; sql: string; params: (string | number)[] }>();

/** The same for `firstRows`: the statement texts of a kept scan request, by what they read. */
const firstRowsStatements = new WeakMap<ScanRequest, { layout: Layout; texts: Map<string, string> }>();

/** Conditions on tracked fields, answered with the expression indexes of one index. */
export class FieldScan implements IndexedReads {
  /**
   * @param indexOn the name of an expression index led by the given fields, made on first use unless `make`
   *   is false; undefined when there is none and can be none (a field mapped `"index": false`, or the index's
   *   quota of indexes is used up)
   * @param irregularFree whether no document of the index has an irregular value, so that reads need not ask
   */
  constructor(private readonly db: StatementSource, private readonly index: string,
    private readonly fields: ReadonlyMap<string, TrackedField>,
    private readonly indexOn: (fields: readonly string[], make: boolean) => string | undefined,
    private readonly irregularFree: () => boolean = () => false,
    private readonly documents?: { cache: DocumentCache; indexUuid: string }) {}

  kind(field: string): IndexedKind | undefined { return this.fields.get(field)?.kind; }

  indexable(field: string): boolean { return this.fields.get(field)?.indexable === true; }

  /** `INDEXED BY` the index led by `fields`, or nothing when there is none. */
  private hint(fields: readonly string[] | undefined, make = true): string {
    const name = fields && this.indexOn(fields, make);
    return name ? `INDEXED BY "${name}"` : '';
  }

  /**
   * The fields of the index a read should use: the first equality condition's field (an index lookup
   * reads only its matches), then `then` (an order or a grouping, which the index then gives in order).
   */
  private indexFields(conditions: FieldCondition[], then?: string): string[] | undefined {
    const equality = this.equalityField(conditions);
    if (equality === undefined) return then === undefined ? undefined : [then];
    return then === undefined || then === equality ? [equality] : [equality, then];
  }

  /**
   * The fields of the index to walk for an order: `indexFields`, then the fields whose values the read
   * returns (`also`: later sort keys), then the other conditions' fields, so that SQLite reads and tests
   * them on the index entries it walks past rather than in each document's JSON.
   */
  private walkFields(conditions: FieldCondition[], order: string, also: readonly string[] = []): string[] | undefined {
    const fields = this.indexFields(conditions, order);
    if (!fields) return undefined;
    const rest = [...also, ...conditions.map((c) => c.field)].filter((f) => !fields.includes(f) && this.fields.get(f)?.indexable);
    return [...fields, ...new Set(rest)];
  }

  /**
   * `INDEXED BY` the index to walk for an order. One that also covers `also` is best, but an index made
   * before reads asked for `also` (data directories of earlier versions) serves as well, SQLite then
   * reading those values from each document's JSON, rather than making another that every write pays for.
   */
  private walkHint(conditions: FieldCondition[], order: string, also: readonly string[], make: boolean): string {
    const full = this.walkFields(conditions, order, also);
    if (!full || also.length === 0) return this.hint(full, make);
    const existing = this.indexOn(full, false) ?? this.indexOn(this.walkFields(conditions, order)!, false);
    return existing ? `INDEXED BY "${existing}"` : this.hint(full, make);
  }

  /** The field of the first equality condition that may be indexed (else of the first `in`: a few lookups). */
  private equalityField(conditions: FieldCondition[]): string | undefined {
    const indexable = conditions.filter((c) => this.fields.get(c.field)?.indexable);
    return (indexable.find((c) => c.op === '==') ?? indexable.find((c) => c.op === 'in'))?.field;
  }

  /** The rowids of documents with an irregular value in one of `fields`. */
  private irregular(fields: string[]): Irregular {
    if (this.irregularFree()) return NONE_IRREGULAR;
    const sql = `SELECT doc FROM irregular_values WHERE idx = ${sqlString(this.index)} AND field IN (${fields.map(sqlString).join(', ') || "''"})`;
    return new Set(this.db.prepare<[], number>(sql).pluck().all());
  }

  /** The raw rows of the given documents, in insertion order. */
  private rowsOf(positions: number[], selected: Selected): Row[] {
    return this.db.prepare<[string], Row>(`SELECT ${selected.sql} FROM documents WHERE rowid IN (SELECT value FROM json_each(?)) ORDER BY rowid`)
      .raw(true).all(JSON.stringify(positions));
  }

  /** The stored rows of the given documents, in insertion order. */
  private rows(positions: Iterable<number>, irregular: Irregular, selected: Selected = { sql: LAYOUTS.row.columns, layout: LAYOUTS.row }): ScannedRow[] {
    const list = [...positions];
    if (list.length === 0) return [];
    return this.rowsOf(list, selected).map((r) => toScanned(r, irregular.has(r[0] as number), selected.layout));
  }

  /** What `request`'s statements select: its layout's columns, then with an order the order's field's value and `also`'s. */
  private selected(request: ScanRequest, layout = LAYOUTS[request.read ?? 'row']): Selected {
    const keys = request.order ? [request.order.field, ...request.also ?? []].map((f) => `, ${fieldExpr(f)}`).join('') : '';
    return { sql: layout.columns + keys, layout };
  }

  /** The WHERE clause for plain documents meeting the conditions (literal index name: the partial indexes need it). */
  private plainWhere(conditions: FieldCondition[], irregular: Irregular): { sql: string; params: (string | number)[] } {
    const parts = [indexScope(this.index), ...conditions.map((c) =>
      (c.op === 'in' ? `${fieldExpr(c.field)} IN (SELECT value FROM json_each(?))` : `${fieldExpr(c.field)} ${SQL_OP[c.op]} ?`))];
    const params: (string | number)[] = conditions.map((c) => (c.op === 'in' ? JSON.stringify(c.values) : c.value));
    if (irregular.size > 0) { parts.push('rowid NOT IN (SELECT value FROM json_each(?))'); params.push(JSON.stringify([...irregular])); }
    return { sql: parts.join(' AND '), params };
  }

  private fieldsOf(conditions: FieldCondition[], extra: string[] = []): string[] {
    return [...new Set([...conditions.map((c) => c.field), ...extra])];
  }

  /** Documents for `request`, in insertion order (see ScanRequest and the module comment). */
  scan(request: ScanRequest): ScannedRow[] {
    const fields = this.fieldsOf(request.conditions, request.order ? [request.order.field] : []);
    const also = request.order ? (request.also ?? []).filter((f) => !fields.includes(f)) : [];
    const { irregular, keyless } = this.irregularWithKeys(fields, also);
    const rows = this.scanWith(request, irregular);
    // an irregular value in an `also` field: SQLite's reading of it is not the document's value
    if (keyless.size > 0) for (const row of rows) if (keyless.has(row.position)) delete row.keys;
    return rows;
  }

  /**
   * The documents with an irregular value in `fields` (the read treats them apart), and those with one
   * only in `also` (the read's plain documents, whose key values it must not vouch for), in one statement.
   */
  private irregularWithKeys(fields: string[], also: string[]): { irregular: Irregular; keyless: Irregular } {
    if (also.length === 0 || this.irregularFree()) return { irregular: this.irregular(fields), keyless: new Set() };
    const sql = `SELECT doc, field FROM irregular_values WHERE idx = ${sqlString(this.index)} AND field IN (${[...fields, ...also].map(sqlString).join(', ')})`;
    const irregular = new Set<number>();
    const keyless = new Set<number>();
    for (const [doc, field] of this.db.prepare<[], [number, string]>(sql).raw(true).all()) (fields.includes(field) ? irregular : keyless).add(doc);
    for (const doc of irregular) keyless.delete(doc);
    return { irregular, keyless };
  }

  private scanWith(request: ScanRequest, irregular: Irregular): ScannedRow[] {
    const where = this.plainWhere(request.conditions, irregular);
    if (request.limit === undefined) {
      const hint = this.hint(this.indexFields(request.conditions), request.makeIndexes !== false);
      const selected = this.selected(request);
      const plain = this.db.prepare<unknown[], Row>(`SELECT ${selected.sql} FROM documents ${hint} WHERE ${where.sql} ORDER BY rowid`)
        .raw(true).all(...where.params).map((r) => toScanned(r, false, selected.layout));
      return irregular.size === 0 ? plain : [...plain, ...this.rows(irregular, irregular, selected)].sort((a, b) => a.position - b.position);
    }
    // The plain matches come with their rows (one statement rather than positions, then rows by position).
    const plain = new Map<number, ScannedRow>();
    const selected = this.selected(request);
    const cached = request.read === 'sourceAndId'
      ? this.cachedRows({ ...request, limit: request.limit }, where, irregular.size === 0 ? request : undefined) : undefined;
    // no irregular document to add: the listing, in insertion order
    if (cached && irregular.size === 0) return cached.sort((a, b) => a.position - b.position);
    if (cached) for (const r of cached) plain.set(r.position, r);
    else for (const r of this.firstRows({ ...request, limit: request.limit }, where, selected)) plain.set(r[0] as number, toScanned(r, false, selected.layout));
    const extra = this.rows([...irregular].filter((p) => !plain.has(p)), irregular, selected);
    return [...plain.values(), ...extra].sort((a, b) => a.position - b.position);
  }

  /**
   * Appends to rows of the version layout their values of `fields` as SQLite reads them: from the
   * documents through the cache (the row after a page's last one is cached too, for the next request's
   * check), whose plain values are what `json_extract` gives (strings, safe integers, numbers), else read
   * by rowid.
   */
  private addKeys(rows: Row[], fields: readonly string[]): void {
    const docs = this.documents && this.cachedDocuments(rows.map((r) => r[0] as number), rows.map((r) => r[1] as number));
    const unread: Row[] = [];
    for (const [i, r] of rows.entries()) {
      const source = docs?.[i].source;
      const values = source && fields.map((f) => (Object.hasOwn(source, f) ? source[f] : null));
      if (values?.every((v) => v === null || typeof v === 'number' || (typeof v === 'string' && !LONE_SURROGATE.test(v)))) r.push(...values);
      else unread.push(r);
    }
    if (unread.length === 0) return;
    const found = this.db.prepare<[string], unknown[]>(`SELECT rowid, ${fields.map(fieldExpr).join(', ')} FROM documents WHERE rowid IN (SELECT value FROM json_each(?))`)
      .raw(true).all(JSON.stringify(unread.map((r) => r[0])));
    const byRowid = new Map(found.map((f) => [f[0] as number, f.slice(1)]));
    for (const r of unread) r.push(...(byRowid.get(r[0] as number) ?? fields.map(() => null)));
  }

  /**
   * `firstRows` of the `sourceAndId` layout, through the document cache: the statements read rows and
   * versions (from the index alone when it ends with `seq_no`), and only the documents not cached are
   * read. Undefined without a cache, and when a document changed between the statements.
   */
  private cachedRows(request: ScanRequest & { limit: number }, where: { sql: string; params: (string | number)[] },
    memoKey?: ScanRequest): ScannedRow[] | undefined {
    if (!this.documents) return undefined;
    const listed = this.firstRows(request, where, this.selected(request, VERSION_LAYOUT), memoKey);
    const docs = this.cachedDocuments(listed.map((r) => r[0] as number), listed.map((r) => r[1] as number));
    return docs?.map((doc, i): ScannedRow => {
      const r = listed[i];
      const row: ScannedRow = {
        position: r[0] as number, source: doc.text, id: doc.id, seqNo: 0, primaryTerm: 0, version: 0, irregular: false, memo: doc.memo,
      };
      if (r.length > 2) row.keys = r.slice(2);
      return row;
    });
  }

  /**
   * The documents at `rowids` as of `seqNos`, from the document cache, reading those it lacks; undefined
   * when one is no longer at its sequence number (written since it was listed) or gone.
   */
  private cachedDocuments(rowids: number[], seqNos: number[]): CachedDocument[] | undefined {
    const { cache, indexUuid } = this.documents!;
    const docs: CachedDocument[] = new Array(rowids.length);
    const missing = new Map<number, { at: number; seqNo: number }>();
    for (let i = 0; i < rowids.length; i++) {
      const cached = cache.get(rowids[i], indexUuid, seqNos[i]);
      if (cached) docs[i] = cached;
      else missing.set(rowids[i], { at: i, seqNo: seqNos[i] });
    }
    if (missing.size === 0) return docs;
    const rows = this.db.prepare<[string], [number, number, string, string]>(
      'SELECT rowid, seq_no, id, source FROM documents WHERE rowid IN (SELECT value FROM json_each(?))',
    ).raw(true).all(JSON.stringify([...missing.keys()]));
    if (rows.length !== missing.size) return undefined;
    for (const [rowid, seqNo, id, source] of rows) {
      const wanted = missing.get(rowid);
      if (!wanted || wanted.seqNo !== seqNo) return undefined;
      docs[wanted.at] = cache.put(rowid, indexUuid, seqNo, id, source);
    }
    return docs;
  }

  /**
   * The rows of the first `limit` plain matches: by rowid, or by the order (nulls as a segment of their
   * own, so the index serves each). With an order, the index is walked in that order, testing the other
   * conditions on each document it reaches: led by an equality's field, it reaches only that equality's
   * matches; otherwise it reads about `limit × N / m` documents for `m` matches out of `N`.
   */
  private firstRows(request: ScanRequest & { limit: number }, where: { sql: string; params: (string | number)[] }, selected: Selected,
    memoKey?: ScanRequest): Row[] {
    const { conditions, order, limit } = request;
    const withTies = request.withTies === true;
    const make = request.makeIndexes !== false;
    if (limit <= 0) return [];
    // A listing for the document cache reads rows and versions only: the keys, which cost as much again,
    // are read after for the two rows around the limit (a tie there is resolved as below); the sort values
    // of each document come from its cached memo or its source.
    const lean = selected.layout === VERSION_LAYOUT;
    // the texts of a kept request's statements, kept with it (its where clause has no irregular documents to leave out)
    let memo = memoKey && firstRowsStatements.get(memoKey);
    if (memoKey && memo?.layout !== selected.layout) firstRowsStatements.set(memoKey, (memo = { layout: selected.layout, texts: new Map() }));
    const statement = (name: string, from: () => string): string => {
      let text = memo?.texts.get(name);
      if (text === undefined) {
        text = lean ? `SELECT '[' || coalesce(group_concat(item, ','), '') || ']' FROM (SELECT rowid || ',' || seq_no AS item ${from()})`
          : `SELECT ${selected.sql} ${from()}`;
        memo?.texts.set(name, text);
      }
      return text;
    };
    const rows = (text: string, ...more: (string | number)[]): Row[] => (lean
      ? versionRows(this.db.prepare<unknown[], string>(text).pluck().get(...where.params, ...more)!)
      : this.db.prepare<unknown[], Row>(text).raw(true).all(...where.params, ...more));
    const keyAt = selected.layout.width;
    if (!order) {
      return rows(statement('first', () => `FROM documents ${this.hint(this.indexFields(conditions), make)} WHERE ${where.sql} ORDER BY rowid LIMIT ?`), limit);
    }
    const key = fieldExpr(order.field);
    let walkHint: string | undefined;
    const walk = () => (walkHint ??= this.walkHint(conditions, order.field, request.also ?? [], make));
    // with ties, reaching the null segment means every null ties with the last one taken
    const nulls = (n: number) => rows(statement('nulls', () => `FROM documents ${walk()} WHERE ${where.sql} AND ${key} IS NULL ORDER BY rowid LIMIT ?`),
      withTies ? Number.MAX_SAFE_INTEGER : n);
    const direction = order.descending ? 'DESC' : 'ASC';
    const values = (n: number) => {
      // By the key alone: a tie-break on rowid against the key's direction made SQLite sort in a temporary
      // B-tree (as did any tie-break after an index with more fields). Which of the documents tied on the
      // last key value belong is settled after, by rowid, from that value's own (small) index range.
      // One more than asked: when it has another key, no document tied with the last one is left out.
      const read = rows(statement('values', () => `FROM documents ${walk()} WHERE ${where.sql} AND ${key} IS NOT NULL ORDER BY ${key} ${direction} LIMIT ?`), n + 1);
      if (read.length <= n) return read;
      if (lean) this.addKeys([read[n - 1], read[n]], [order.field, ...request.also ?? []]);
      const firstN = read.slice(0, n);
      const last = firstN[n - 1][keyAt] as string | number;
      // keys JavaScript tells apart, SQLite does too (integers past 2^53 might not be: SQLite decides those)
      const distinct = typeof last === 'string' || Math.abs(last) <= Number.MAX_SAFE_INTEGER;
      if (distinct && read[n][keyAt] !== last) return firstN;
      const tied = this.db.prepare<unknown[], number>(`SELECT rowid FROM documents ${walk()} WHERE ${where.sql} AND ${key} = ? ORDER BY rowid`)
        .pluck().all(...where.params, last);
      const tiedSet = new Set(tied);
      const before = firstN.filter((r) => !tiedSet.has(r[0] as number));
      // with ties, every document sharing the last value: the caller's further keys decide among them
      const wanted = withTies ? tied : tied.slice(0, n - before.length);
      const have = new Map(firstN.map((r) => [r[0] as number, r]));
      const missing = wanted.filter((p) => !have.has(p));
      const fetched = missing.length === 0 ? [] : this.rowsOf(missing, selected);
      return [...before, ...wanted.flatMap((p): Row[] => { const r = have.get(p); return r ? [r] : []; }), ...fetched];
    };
    const [first, second] = order.nullsFirst ? [nulls, values] : [values, nulls];
    const head = first(limit);
    return head.length >= limit ? head : [...head, ...second(limit - head.length)];
  }

  /**
   * The `_source` texts of the first `limit` matches in `order`, joined by commas, in one statement that
   * also asks whether any document has an irregular value in the fields involved and whether any match
   * lacks the order's value; undefined when so (see IndexedReads.orderedSources).
   */
  orderedSources(request: OrderedSourcesRequest): string | undefined {
    return this.ordered(request, 'source');
  }

  /**
   * The documents `orderedSources` reads, as the store's document cache has them: one statement lists
   * their rows and sequence numbers, and only those not cached are read. Undefined as for
   * `orderedSources`, and when a document changed between the two statements.
   */
  orderedDocuments(request: OrderedSourcesRequest): CachedDocument[] | undefined {
    if (!this.documents) return undefined;
    const list = this.ordered(request, "rowid || ',' || seq_no");
    if (list === undefined) return undefined;
    const rows = versionRows(`[${list}]`);
    return this.cachedDocuments(rows.map((r) => r[0] as number), rows.map((r) => r[1] as number));
  }

  /** `what` of the documents `orderedSources` reads, joined by commas, in order; undefined as there. */
  private ordered(request: OrderedSourcesRequest, what: string): string | undefined {
    const { conditions, order, limit } = request;
    if (!Number.isSafeInteger(limit) || limit <= 0) return undefined;
    const irregularFree = this.irregularFree();
    const memoKey = `${this.index}\u0000${what}\u0000${irregularFree}`;
    let statement = orderedStatements.get(request);
    if (statement?.key !== memoKey) {
      const involved = this.fieldsOf(conditions, [order.field, ...request.plainIn]);
      const where = this.plainWhere(conditions, NONE_IRREGULAR);
      const key = fieldExpr(order.field);
      const matches = `FROM documents ${this.walkHint(conditions, order.field, [], true)} WHERE ${where.sql} AND ${key}`;
      const anyIrregular = irregularFree ? 'NULL'
        : `(SELECT 1 FROM irregular_values WHERE idx = ${sqlString(this.index)} AND field IN (${involved.map(sqlString).join(', ')}) LIMIT 1)`;
      const sql = `SELECT ${anyIrregular},
        (SELECT 1 ${matches} IS NULL LIMIT 1),
        (SELECT group_concat(item, ',') FROM (SELECT ${what} AS item ${matches} IS NOT NULL ORDER BY ${key} ${order.descending ? 'DESC' : 'ASC'} LIMIT ?))`;
      statement = { key: memoKey, sql, params: [...where.params, ...where.params, limit] };
      orderedStatements.set(request, statement);
    }
    const [irregular, keyless, items] = this.db.prepare<unknown[], unknown[]>(statement.sql).raw(true).get(...statement.params)!;
    if (irregular !== null || keyless !== null) return undefined;
    return (items as string | null) ?? '';
  }

  /** Counts of plain documents meeting the conditions per value of `field`, and the irregular documents. */
  countBy(conditions: FieldCondition[], field: string): GroupCounts {
    const irregular = this.irregular(this.fieldsOf(conditions, [field]));
    const where = this.plainWhere(conditions, irregular);
    // An equality's index followed by the grouped field reads only the matches and holds every value the
    // count needs. With no condition, the grouped field's index is the one; with only others, every
    // document is read anyway. `LIMIT -1` keeps SQLite from merging the subquery into the grouping, where
    // it would read each document's JSON again rather than the value in the index.
    const useful = conditions.length === 0 || this.equalityField(conditions) !== undefined;
    const hint = this.hint(useful ? this.indexFields(conditions, field) : undefined);
    const groups = this.db.prepare<unknown[], { key: string | number | null; count: number; first: number }>(
      `SELECT key, count(*) AS count, min(position) AS first FROM
        (SELECT ${fieldExpr(field)} AS key, rowid AS position FROM documents ${hint} WHERE ${where.sql} LIMIT -1) GROUP BY key`,
    ).all(...where.params);
    return { groups, irregular: this.rows(irregular, irregular) };
  }

  /**
   * How many plain documents meet the conditions, counting at most `cap` (undefined: all). Plain means no
   * irregular value in the conditions' fields or in `alsoPlainIn` (a scan's order field, so that the count
   * and the scan's irregular documents never overlap).
   */
  countPlain(conditions: FieldCondition[], cap?: number, alsoPlainIn: string[] = []): number {
    if (cap !== undefined && cap < 1) return 0;
    const where = this.plainWhere(conditions, this.irregular(this.fieldsOf(conditions, alsoPlainIn)));
    const from = `FROM documents ${this.hint(this.indexFields(conditions))} WHERE ${where.sql}`;
    if (cap !== undefined) {
      // Whether there are `cap` at all, by skipping to the last one: stepping over index entries costs half
      // as much as counting them through a LIMIT subquery (the dashboard's poll asks for 10,001 of them).
      const last = this.db.prepare<unknown[], number>(`SELECT rowid ${from} LIMIT 1 OFFSET ?`).pluck().get(...where.params, Math.floor(cap) - 1);
      if (last !== undefined) return Math.floor(cap);
    }
    return this.db.prepare<unknown[], number>(`SELECT count(*) ${from}`).pluck().get(...where.params)!;
  }
}
